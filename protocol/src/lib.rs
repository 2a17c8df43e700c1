//! What the mahalla kiosk and the central portal share: identifier rules, receipt codes,
//! the service catalogue and form validation. Plain Rust, no I/O.

pub mod apostrophe;
pub mod catalogue;
pub mod form;
pub mod lang;
pub mod passport;
pub mod phone;
pub mod pinfl;
pub mod qr_payload;
pub mod receipt_code;

/// A stable, machine-readable name for an error. The UI turns it into a translated message;
/// the domain never carries display text.
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}
