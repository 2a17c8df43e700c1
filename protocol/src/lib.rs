//! What the mahalla kiosk and the central portal share: identifier rules, receipt codes,
//! the service catalogue and form validation, the wire types of the sync API, request
//! signing and the receipt QR. Plain Rust, no I/O.

pub mod apostrophe;
pub mod bundled;
pub mod catalogue;
pub mod form;
pub mod lang;
pub mod passport;
pub mod phone;
pub mod pinfl;
pub mod receipt_code;
pub mod receipt_qr;
pub mod signing;
pub mod wire;

/// Uzbekistan keeps UTC+5 all year; "today" for date fields is the day in Tashkent.
pub const UZBEKISTAN: time::UtcOffset = match time::UtcOffset::from_hms(5, 0, 0) {
    Ok(offset) => offset,
    Err(_) => time::UtcOffset::UTC,
};

/// A stable, machine-readable name for an error. The UI turns it into a translated message;
/// the domain never carries display text.
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}
