//! What the mahalla kiosk and the central portal share: identifier rules, receipt codes,
//! the service catalogue and form validation, the wire types of the sync API, request
//! signing, the receipt QR, enrolment codes and the enrolment sheet's link. Plain Rust, no I/O.

pub mod apostrophe;
pub mod bundled;
pub mod catalogue;
pub mod enrol_code;
pub mod enrol_link;
pub mod form;
pub mod lang;
pub mod passport;
pub mod phone;
pub mod pinfl;
pub mod portal_keys;
pub mod receipt_code;
pub mod receipt_qr;
pub mod search;
pub mod signing;
pub mod software_update;
pub mod status_query;
pub mod term;
pub mod texts;
pub mod wire;

/// Uzbekistan keeps UTC+5 all year; "today" for date fields is the day in Tashkent.
pub const UZBEKISTAN: time::UtcOffset = match time::UtcOffset::from_hms(5, 0, 0) {
    Ok(offset) => offset,
    Err(_) => time::UtcOffset::UTC,
};

/// An RFC 3339 time as people here read it: day.month.year hours:minutes, Tashkent time; the
/// text itself if it is not a time.
pub fn tashkent_time(rfc3339: &str) -> String {
    use time::format_description::well_known::Rfc3339;
    time::OffsetDateTime::parse(rfc3339, &Rfc3339)
        .ok()
        .and_then(|at| {
            at.to_offset(UZBEKISTAN)
                .format(time::macros::format_description!(
                    "[day].[month].[year] [hour]:[minute]"
                ))
                .ok()
        })
        .unwrap_or_else(|| rfc3339.to_owned())
}

/// A stable, machine-readable name for an error. The UI turns it into a translated message;
/// the domain never carries display text.
pub trait ErrorCode {
    fn code(&self) -> &'static str;
}

#[cfg(test)]
mod tests {
    #[test]
    fn times_read_in_tashkent() {
        assert_eq!(
            super::tashkent_time("2026-12-05T20:30:00Z"),
            "06.12.2026 01:30"
        );
        assert_eq!(super::tashkent_time("yesterday"), "yesterday");
    }
}
