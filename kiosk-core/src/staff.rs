//! Mahalla staff PINs: what a PIN may be, and how long the terminal refuses sign-in after
//! repeated wrong PINs. Plain rules, no I/O: the store keeps the hashes and the count.

use std::time::Duration;

use mahalla_protocol::ErrorCode;

/// Wrong PINs in a row that are free; the next ones lock the PIN pad.
pub const FREE_FAILURES: u32 = 5;
/// The first lockout; each further wrong PIN doubles it.
pub const FIRST_LOCKOUT: Duration = Duration::from_secs(30);
/// The longest lockout.
pub const MAX_LOCKOUT: Duration = Duration::from_secs(60 * 60);

pub const PIN_LENGTH: std::ops::RangeInclusive<usize> = 4..=8;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PinError {
    #[error("a PIN has 4 to 8 digits")]
    Length,
    #[error("a PIN has only digits")]
    NotDigits,
    #[error("a PIN must not be one digit repeated or a straight run such as 1234")]
    TooSimple,
    #[error("the two PINs differ")]
    Mismatch,
    #[error("another staff member already has this PIN")]
    Taken,
}

impl ErrorCode for PinError {
    fn code(&self) -> &'static str {
        match self {
            PinError::Length => "pin-length",
            PinError::NotDigits => "pin-digits",
            PinError::TooSimple => "pin-too-simple",
            PinError::Mismatch => "pin-mismatch",
            PinError::Taken => "pin-taken",
        }
    }
}

/// Checks a new PIN: 4 to 8 digits, neither one digit repeated nor a run up or down.
pub fn check_new_pin(pin: &str) -> Result<(), PinError> {
    if !pin.chars().all(|c| c.is_ascii_digit()) {
        return Err(PinError::NotDigits);
    }
    if !PIN_LENGTH.contains(&pin.len()) {
        return Err(PinError::Length);
    }
    let digits: Vec<i16> = pin.bytes().map(|b| i16::from(b - b'0')).collect();
    let steps: Vec<i16> = digits.windows(2).map(|pair| pair[1] - pair[0]).collect();
    let uniform = steps.windows(2).all(|pair| pair[0] == pair[1]);
    if uniform && steps.first().is_some_and(|step| step.abs() <= 1) {
        return Err(PinError::TooSimple);
    }
    Ok(())
}

/// How long sign-in is refused after `failures` wrong PINs in a row: nothing for the first
/// [`FREE_FAILURES`], then 30 s, 60 s, 120 s … up to an hour.
pub fn lockout_after(failures: u32) -> Option<Duration> {
    let over = failures.checked_sub(FREE_FAILURES)?;
    let factor = 2u32.checked_pow(over).unwrap_or(u32::MAX);
    Some(FIRST_LOCKOUT.saturating_mul(factor).min(MAX_LOCKOUT))
}

/// Wrong PINs still allowed before the first lockout.
pub fn tries_before_lockout(failures: u32) -> u32 {
    FREE_FAILURES.saturating_sub(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_pins_pass() {
        for pin in ["2580", "1379", "73519", "90210468"] {
            assert_eq!(check_new_pin(pin), Ok(()), "{pin}");
        }
    }

    #[test]
    fn bad_pins_say_why() {
        let cases = [
            ("123", PinError::Length),
            ("123456789", PinError::Length),
            ("12a4", PinError::NotDigits),
            ("", PinError::Length),
            ("0000", PinError::TooSimple),
            ("1234", PinError::TooSimple),
            ("98765", PinError::TooSimple),
            ("55555555", PinError::TooSimple),
        ];
        for (pin, error) in cases {
            assert_eq!(check_new_pin(pin), Err(error), "{pin}");
        }
    }

    #[test]
    fn lockout_starts_after_five_and_grows_to_an_hour() {
        assert_eq!(lockout_after(0), None);
        assert_eq!(lockout_after(4), None);
        assert_eq!(lockout_after(5), Some(Duration::from_secs(30)));
        assert_eq!(lockout_after(6), Some(Duration::from_secs(60)));
        assert_eq!(lockout_after(8), Some(Duration::from_secs(240)));
        assert_eq!(lockout_after(12), Some(MAX_LOCKOUT));
        assert_eq!(lockout_after(u32::MAX), Some(MAX_LOCKOUT));
        assert_eq!(tries_before_lockout(3), 2);
        assert_eq!(tries_before_lockout(9), 0);
    }
}
