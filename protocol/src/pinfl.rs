//! PINFL (JShShIR): the 14-digit personal identification number of an Uzbek resident.
//!
//! Layout, 1-based digit positions:
//!
//! | digits | meaning                                                              |
//! |--------|----------------------------------------------------------------------|
//! | 1      | century and sex: 1/2 = 1800s, 3/4 = 1900s, 5/6 = 2000s; odd = male  |
//! | 2–7    | birth date `DDMMYY`                                                  |
//! | 8–10   | area code                                                            |
//! | 11–13  | serial number                                                        |
//! | 14     | check digit: weights 7,3,1,7,3,1,… over digits 1–13, sum mod 10      |

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use time::{Date, Month};

use crate::ErrorCode;

/// Number of digits in a PINFL.
pub const LENGTH: usize = 14;

/// Check-digit weights, repeated over the first 13 digits.
const WEIGHTS: [u32; 3] = [7, 3, 1];

/// A validated PINFL, stored as its 14 ASCII digits.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Pinfl(String);

/// Sex encoded in the first digit of a PINFL.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sex {
    Male,
    Female,
}

/// Why a string is not a PINFL. Checked in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PinflError {
    #[error("PINFL is empty")]
    Empty,
    #[error("PINFL contains characters other than digits")]
    NotDigits,
    #[error("PINFL must have exactly 14 digits")]
    Length,
    #[error("PINFL first digit must be 1 to 6 (century and sex)")]
    Century,
    #[error("PINFL digits 2-7 are not a real birth date")]
    BirthDate,
    #[error("PINFL check digit does not match")]
    CheckDigit,
}

impl ErrorCode for PinflError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "pinfl-empty",
            Self::NotDigits => "pinfl-not-digits",
            Self::Length => "pinfl-length",
            Self::Century => "pinfl-century",
            Self::BirthDate => "pinfl-birth-date",
            Self::CheckDigit => "pinfl-check-digit",
        }
    }
}

/// Check digit for the first 13 digits (given as values 0..=9): the weighted sum with
/// weights 7,3,1,7,3,1,… taken mod 10.
///
/// Each weight is coprime to 10, so changing any one digit always changes the result.
pub fn check_digit(first13: &[u8; 13]) -> u8 {
    let sum: u32 = first13
        .iter()
        .zip(WEIGHTS.iter().cycle())
        .map(|(&d, &w)| u32::from(d) * w)
        .sum();
    // `sum % 10` is below 10, so the narrowing is lossless.
    (sum % 10) as u8
}

impl Pinfl {
    /// Parses and validates a PINFL. ASCII spaces, `-` and non-breaking spaces are ignored.
    pub fn parse(input: &str) -> Result<Self, PinflError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{00A0}'))
            .collect();
        if cleaned.is_empty() {
            return Err(PinflError::Empty);
        }
        if !cleaned.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PinflError::NotDigits);
        }
        let digits: Vec<u8> = cleaned.bytes().map(|b| b - b'0').collect();
        let Ok(digits) = <[u8; LENGTH]>::try_from(digits) else {
            return Err(PinflError::Length);
        };
        century_start(digits[0]).ok_or(PinflError::Century)?;
        birth_date_of(&digits).ok_or(PinflError::BirthDate)?;
        let mut first13 = [0u8; 13];
        first13.copy_from_slice(&digits[..13]);
        if check_digit(&first13) != digits[13] {
            return Err(PinflError::CheckDigit);
        }
        Ok(Self(cleaned))
    }

    /// The canonical form: 14 digits, no separators.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Date of birth encoded in digits 1–7.
    pub fn birth_date(&self) -> Date {
        // Validated in `parse`; the fallback is never reached.
        birth_date_of(&self.digits()).unwrap_or(Date::MIN)
    }

    /// Sex encoded in digit 1: odd is male, even is female.
    pub fn sex(&self) -> Sex {
        if self.digits()[0] % 2 == 1 {
            Sex::Male
        } else {
            Sex::Female
        }
    }

    fn digits(&self) -> [u8; LENGTH] {
        let mut out = [0u8; LENGTH];
        for (slot, b) in out.iter_mut().zip(self.0.bytes()) {
            *slot = b.wrapping_sub(b'0');
        }
        out
    }
}

/// First year of the century encoded by the first digit.
fn century_start(first: u8) -> Option<i32> {
    match first {
        1 | 2 => Some(1800),
        3 | 4 => Some(1900),
        5 | 6 => Some(2000),
        _ => None,
    }
}

/// Birth date from digit 1 (century) and digits 2–7 (`DDMMYY`), if it is a real date.
fn birth_date_of(digits: &[u8; LENGTH]) -> Option<Date> {
    let century = century_start(digits[0])?;
    let pair = |i: usize| digits[i] * 10 + digits[i + 1];
    let month = Month::try_from(pair(3)).ok()?;
    let year = century + i32::from(pair(5));
    Date::from_calendar_date(year, month, pair(1)).ok()
}

impl fmt::Display for Pinfl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Pinfl {
    type Err = PinflError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for Pinfl {
    type Error = PinflError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Pinfl> for String {
    fn from(value: Pinfl) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use time::macros::date;

    // Hand-computed vectors (digit × weight 7,3,1,…; sum mod 10):
    // 3 150590 123 456: 21+3+5+0+15+9+0+3+2+21+12+5+42 = 138 -> 8
    const MALE_1990: &str = "31505901234568";
    // 6 280205 001 002: 42+6+8+0+6+0+35+0+0+7+0+0+14 = 118 -> 8
    const FEMALE_2005: &str = "62802050010028";
    // 5 290200 999 999: 35+6+9+0+6+0+0+27+9+63+27+9+63 = 254 -> 4
    const LEAP_2000: &str = "52902009999994";

    fn with_check(first13: &str) -> String {
        let mut digits = [0u8; 13];
        for (d, b) in digits.iter_mut().zip(first13.bytes()) {
            *d = b - b'0';
        }
        format!("{first13}{}", check_digit(&digits))
    }

    #[test]
    fn check_digit_matches_hand_computation() {
        assert_eq!(check_digit(&[3, 1, 5, 0, 5, 9, 0, 1, 2, 3, 4, 5, 6]), 8);
        assert_eq!(check_digit(&[6, 2, 8, 0, 2, 0, 5, 0, 0, 1, 0, 0, 2]), 8);
        assert_eq!(check_digit(&[5, 2, 9, 0, 2, 0, 0, 9, 9, 9, 9, 9, 9]), 4);
        assert_eq!(check_digit(&[0; 13]), 0);
    }

    #[test]
    fn hand_vectors_parse_with_accessors() {
        let p = Pinfl::parse(MALE_1990).unwrap();
        assert_eq!(p.birth_date(), date!(1990 - 05 - 15));
        assert_eq!(p.sex(), Sex::Male);

        let p = Pinfl::parse(FEMALE_2005).unwrap();
        assert_eq!(p.birth_date(), date!(2005 - 02 - 28));
        assert_eq!(p.sex(), Sex::Female);

        let p = Pinfl::parse(LEAP_2000).unwrap();
        assert_eq!(p.birth_date(), date!(2000 - 02 - 29));
        assert_eq!(p.sex(), Sex::Male);
    }

    #[test]
    fn centuries_map_to_years() {
        let p = Pinfl::parse(&with_check("2010100123456")).unwrap();
        assert_eq!(p.birth_date(), date!(1800 - 01 - 01));
        assert_eq!(p.sex(), Sex::Female);
        let p = Pinfl::parse(&with_check("1311299123456")).unwrap();
        assert_eq!(p.birth_date(), date!(1899 - 12 - 31));
        assert_eq!(p.sex(), Sex::Male);
        let p = Pinfl::parse(&with_check("4010100000000")).unwrap();
        assert_eq!(p.birth_date(), date!(1900 - 01 - 01));
    }

    #[test]
    fn public_package_sample_fails_check() {
        // Digits 1-13 give a weighted sum of 160, so the check digit would be 0, not 8.
        assert_eq!(Pinfl::parse("30101990123458"), Err(PinflError::CheckDigit));
        assert!(Pinfl::parse("30101990123450").is_ok());
    }

    #[test]
    fn separators_are_stripped() {
        let p = Pinfl::parse(" 3150590-123\u{00A0}4568 ").unwrap();
        assert_eq!(p.as_str(), MALE_1990);
        assert_eq!(p.to_string(), MALE_1990);
    }

    #[test]
    fn errors_in_order() {
        assert_eq!(Pinfl::parse(""), Err(PinflError::Empty));
        assert_eq!(Pinfl::parse(" -\u{00A0}"), Err(PinflError::Empty));
        assert_eq!(Pinfl::parse("3150590123456x"), Err(PinflError::NotDigits));
        assert_eq!(Pinfl::parse("3150590\t1234568"), Err(PinflError::NotDigits));
        // Non-ASCII digits are not accepted.
        assert_eq!(Pinfl::parse("३1505901234568"), Err(PinflError::NotDigits));
        assert_eq!(Pinfl::parse("3150590123456"), Err(PinflError::Length));
        assert_eq!(Pinfl::parse("315059012345680"), Err(PinflError::Length));
        assert_eq!(Pinfl::parse("x"), Err(PinflError::NotDigits));
        for first in ['0', '7', '8', '9'] {
            let s = with_check(&format!("{first}150590123456"));
            assert_eq!(Pinfl::parse(&s), Err(PinflError::Century), "{s}");
        }
        // 29 Feb 1900 is not a date (1900 is not a leap year); 2000 is.
        assert_eq!(
            Pinfl::parse(&with_check("3290200123456")),
            Err(PinflError::BirthDate)
        );
        assert!(Pinfl::parse(&with_check("5290200123456")).is_ok());
        assert_eq!(
            Pinfl::parse(&with_check("3320190123456")),
            Err(PinflError::BirthDate)
        );
        assert_eq!(
            Pinfl::parse(&with_check("3151390123456")),
            Err(PinflError::BirthDate)
        );
        assert_eq!(
            Pinfl::parse(&with_check("3000190123456")),
            Err(PinflError::BirthDate)
        );
        assert_eq!(Pinfl::parse("31505901234567"), Err(PinflError::CheckDigit));
    }

    #[test]
    fn error_codes_are_prefixed() {
        assert_eq!(PinflError::Empty.code(), "pinfl-empty");
        assert_eq!(PinflError::NotDigits.code(), "pinfl-not-digits");
        assert_eq!(PinflError::Length.code(), "pinfl-length");
        assert_eq!(PinflError::Century.code(), "pinfl-century");
        assert_eq!(PinflError::BirthDate.code(), "pinfl-birth-date");
        assert_eq!(PinflError::CheckDigit.code(), "pinfl-check-digit");
    }

    #[test]
    fn serde_uses_canonical_string_and_validates() {
        let p = Pinfl::parse(MALE_1990).unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            format!("\"{MALE_1990}\"")
        );
        let back: Pinfl = serde_json::from_str("\"3150590 1234568\"").unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<Pinfl>("\"30101990123458\"").is_err());
        assert_eq!(serde_json::to_string(&Sex::Female).unwrap(), "\"female\"");
        assert_eq!(
            serde_json::to_string(&PinflError::CheckDigit).unwrap(),
            "\"check-digit\""
        );
    }

    #[test]
    fn from_str_parses() {
        let p: Pinfl = FEMALE_2005.parse().unwrap();
        assert_eq!(p.as_str(), FEMALE_2005);
    }

    /// Any valid first 13 digits: century digit, real date, arbitrary area and serial.
    fn valid_first13() -> impl Strategy<Value = [u8; 13]> {
        (
            1u8..=6,
            0u8..100,
            1u8..=12,
            1u8..=31,
            proptest::array::uniform6(0u8..10),
        )
            .prop_filter_map("real date", |(c, yy, mm, dd, rest)| {
                let year = century_start(c)? + i32::from(yy);
                Date::from_calendar_date(year, Month::try_from(mm).ok()?, dd).ok()?;
                let mut out = [0u8; 13];
                out[0] = c;
                out[1..7].copy_from_slice(&[dd / 10, dd % 10, mm / 10, mm % 10, yy / 10, yy % 10]);
                out[7..].copy_from_slice(&rest);
                Some(out)
            })
    }

    fn render(first13: &[u8; 13]) -> String {
        first13
            .iter()
            .chain(std::iter::once(&check_digit(first13)))
            .map(|d| char::from(b'0' + d))
            .collect()
    }

    proptest! {
        #[test]
        fn valid_prefix_with_check_parses(first13 in valid_first13()) {
            let s = render(&first13);
            let p = Pinfl::parse(&s).unwrap();
            prop_assert_eq!(p.as_str(), s.as_str());
            let expected_sex = if first13[0] % 2 == 1 { Sex::Male } else { Sex::Female };
            prop_assert_eq!(p.sex(), expected_sex);
            prop_assert_eq!(p.birth_date().day(), first13[1] * 10 + first13[2]);
        }

        #[test]
        fn single_digit_change_is_rejected(
            first13 in valid_first13(),
            pos in 0usize..LENGTH,
            delta in 1u8..10,
        ) {
            let mut bytes = render(&first13).into_bytes();
            bytes[pos] = b'0' + (bytes[pos] - b'0' + delta) % 10;
            let changed = String::from_utf8(bytes).unwrap();
            let result = Pinfl::parse(&changed);
            prop_assert!(
                matches!(
                    result,
                    Err(PinflError::Century | PinflError::BirthDate | PinflError::CheckDigit)
                ),
                "{} -> {:?}", changed, result
            );
        }

        #[test]
        fn display_round_trips(first13 in valid_first13()) {
            let p = Pinfl::parse(&render(&first13)).unwrap();
            prop_assert_eq!(Pinfl::parse(&p.to_string()), Ok(p.clone()));
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<Pinfl>(&json).unwrap(), p);
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = Pinfl::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_digit_strings(s in "[0-9 -]{0,20}") {
            if let Ok(p) = Pinfl::parse(&s) {
                prop_assert_eq!(p.as_str().len(), LENGTH);
                let _ = p.birth_date();
            }
        }
    }
}
