//! Uzbek phone numbers, canonically `+998` followed by nine national digits.
//!
//! Accepted ways of typing the same number (separators ` - ( ) .` and NBSP are ignored):
//!
//! * `+998 90 123 45 67`, `+998(90)123-45-67` — international with `+`
//! * `00998901234567` — international with `00`
//! * `998901234567` — international without prefix (12 digits starting with 998)
//! * `90 123 45 67` — national (9 digits)
//! * `8 90 123 45 67` — old domestic trunk prefix `8` (10 digits starting with 8)

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Uzbekistan's country calling code.
pub const COUNTRY_CODE: &str = "998";

/// Number of national digits after the country code.
pub const NATIONAL_LENGTH: usize = 9;

/// Canonical prefix, `+998`.
const PREFIX: &str = "+998";

/// A validated phone number in canonical form `+998XXXXXXXXX`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PhoneNumber(String);

/// Why a string is not an Uzbek phone number. Checked in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PhoneError {
    #[error("phone number is empty")]
    Empty,
    #[error("phone number contains a character other than digits, separators or a leading +")]
    InvalidCharacter,
    #[error("phone number has a country code other than +998")]
    CountryCode,
    #[error("phone number has the wrong number of digits")]
    Length,
}

impl ErrorCode for PhoneError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "phone-empty",
            Self::InvalidCharacter => "phone-invalid-character",
            Self::CountryCode => "phone-country-code",
            Self::Length => "phone-length",
        }
    }
}

impl PhoneNumber {
    /// Parses any of the accepted typed forms (see the module docs) into canonical form.
    pub fn parse(input: &str) -> Result<Self, PhoneError> {
        let cleaned: String = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '(' | ')' | '.' | '\u{00A0}'))
            .collect();
        if cleaned.is_empty() {
            return Err(PhoneError::Empty);
        }
        let (plus, digits) = match cleaned.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, cleaned.as_str()),
        };
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PhoneError::InvalidCharacter);
        }
        // Nine digits are always a national number, even if they happen to start with 00.
        let international = if plus {
            Some(digits)
        } else if digits.len() == NATIONAL_LENGTH {
            None
        } else {
            digits.strip_prefix("00")
        };
        let national = match international {
            Some(rest) => match rest.strip_prefix(COUNTRY_CODE) {
                Some(national) => national,
                // A truncated "+99" is too short rather than from another country.
                None if COUNTRY_CODE.starts_with(rest) => return Err(PhoneError::Length),
                None => return Err(PhoneError::CountryCode),
            },
            None => match digits.len() {
                NATIONAL_LENGTH => digits,
                10 if digits.starts_with('8') => &digits[1..],
                12 if digits.starts_with(COUNTRY_CODE) => &digits[COUNTRY_CODE.len()..],
                _ => return Err(PhoneError::Length),
            },
        };
        if national.len() != NATIONAL_LENGTH {
            return Err(PhoneError::Length);
        }
        Ok(Self(format!("{PREFIX}{national}")))
    }

    /// The canonical form, e.g. `+998901234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The nine national digits, e.g. `901234567`.
    pub fn national(&self) -> &str {
        &self.0[PREFIX.len()..]
    }

    /// The form for reading: `+998 90 123 45 67`.
    pub fn display(&self) -> String {
        let n = self.national();
        format!("{PREFIX} {} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..])
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PhoneNumber {
    type Err = PhoneError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PhoneNumber {
    type Error = PhoneError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PhoneNumber> for String {
    fn from(value: PhoneNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const CANONICAL: &str = "+998901234567";

    #[test]
    fn accepts_common_typed_forms() {
        for typed in [
            "+998 90 123 45 67",
            "+998(90)123-45-67",
            "+998901234567",
            "998901234567",
            "90 123 45 67",
            "901234567",
            "8 90 123 45 67",
            "8(90)123.45.67",
            "00998901234567",
            "00 998 90 123 45 67",
            "+998\u{00A0}90\u{00A0}123\u{00A0}45\u{00A0}67",
        ] {
            assert_eq!(
                PhoneNumber::parse(typed).unwrap().as_str(),
                CANONICAL,
                "{typed}"
            );
        }
    }

    #[test]
    fn accessors() {
        let p = PhoneNumber::parse("+998 71 234 56 78").unwrap();
        assert_eq!(p.as_str(), "+998712345678");
        assert_eq!(p.national(), "712345678");
        assert_eq!(p.display(), "+998 71 234 56 78");
        assert_eq!(p.to_string(), "+998712345678");
    }

    #[test]
    fn errors() {
        assert_eq!(PhoneNumber::parse(""), Err(PhoneError::Empty));
        assert_eq!(PhoneNumber::parse(" ( ) - "), Err(PhoneError::Empty));
        assert_eq!(
            PhoneNumber::parse("+998 90 123 45 6x"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("90+1234567"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("++998901234567"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("+998/90/1234567"),
            Err(PhoneError::InvalidCharacter)
        );
        assert_eq!(
            PhoneNumber::parse("+7 912 345 67 89"),
            Err(PhoneError::CountryCode)
        );
        assert_eq!(
            PhoneNumber::parse("+996 555 123 456"),
            Err(PhoneError::CountryCode)
        );
        assert_eq!(
            PhoneNumber::parse("007 912 345 67 89"),
            Err(PhoneError::CountryCode)
        );
        assert_eq!(PhoneNumber::parse("+"), Err(PhoneError::Length));
        assert_eq!(PhoneNumber::parse("+99"), Err(PhoneError::Length));
        assert_eq!(
            PhoneNumber::parse("+998 90 123 45 6"),
            Err(PhoneError::Length)
        );
        assert_eq!(
            PhoneNumber::parse("+998 90 123 45 678"),
            Err(PhoneError::Length)
        );
        assert_eq!(PhoneNumber::parse("0099890123456"), Err(PhoneError::Length));
        assert_eq!(PhoneNumber::parse("90 123 45 6"), Err(PhoneError::Length));
        assert_eq!(
            PhoneNumber::parse("7 90 123 45 67"),
            Err(PhoneError::Length)
        );
        assert_eq!(PhoneNumber::parse("997901234567"), Err(PhoneError::Length));
        // Nine digits are national even when they start with 00.
        assert_eq!(
            PhoneNumber::parse("001234567").unwrap().as_str(),
            "+998001234567"
        );
    }

    #[test]
    fn error_codes_are_prefixed() {
        assert_eq!(PhoneError::Empty.code(), "phone-empty");
        assert_eq!(
            PhoneError::InvalidCharacter.code(),
            "phone-invalid-character"
        );
        assert_eq!(PhoneError::CountryCode.code(), "phone-country-code");
        assert_eq!(PhoneError::Length.code(), "phone-length");
    }

    #[test]
    fn serde_uses_canonical_string_and_validates() {
        let p = PhoneNumber::parse("90 123 45 67").unwrap();
        assert_eq!(
            serde_json::to_string(&p).unwrap(),
            format!("\"{CANONICAL}\"")
        );
        let back: PhoneNumber = serde_json::from_str("\"8 90 123 45 67\"").unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<PhoneNumber>("\"+7 912 345 67 89\"").is_err());
        let p: PhoneNumber = CANONICAL.parse().unwrap();
        assert_eq!(p.national(), "901234567");
    }

    proptest! {
        #[test]
        fn typed_variants_agree(n in "[0-9]{9}") {
            let spaced = format!("{} {} {} {}", &n[..2], &n[2..5], &n[5..7], &n[7..]);
            let dashed = format!("({}){}-{}-{}", &n[..2], &n[2..5], &n[5..7], &n[7..]);
            let expected = format!("+998{n}");
            for typed in [
                format!("+998 {spaced}"),
                format!("+998{dashed}"),
                format!("998{n}"),
                spaced.clone(),
                n.clone(),
                format!("8 {spaced}"),
                format!("00998{n}"),
            ] {
                let p = PhoneNumber::parse(&typed).unwrap();
                prop_assert_eq!(p.as_str(), expected.as_str(), "{}", typed);
                prop_assert_eq!(p.national(), n.as_str());
            }
        }

        #[test]
        fn canonical_round_trips(n in "[0-9]{9}") {
            let p = PhoneNumber::parse(&n).unwrap();
            prop_assert_eq!(PhoneNumber::parse(&p.to_string()), Ok(p.clone()));
            prop_assert_eq!(PhoneNumber::parse(&p.display()), Ok(p.clone()));
            let json = serde_json::to_string(&p).unwrap();
            prop_assert_eq!(serde_json::from_str::<PhoneNumber>(&json).unwrap(), p);
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            if let Ok(p) = PhoneNumber::parse(&s) {
                prop_assert_eq!(p.national().len(), NATIONAL_LENGTH);
                let _ = p.display();
            }
        }

        #[test]
        fn parse_never_panics_on_phone_like(s in "[+0-9 ()-]{0,20}") {
            if let Ok(p) = PhoneNumber::parse(&s) {
                prop_assert!(p.as_str().starts_with("+998"));
                prop_assert_eq!(p.as_str().len(), 13);
            }
        }
    }
}
