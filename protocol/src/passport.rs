//! Uzbek passport / ID-card number: a two-letter Latin series and seven digits, e.g.
//! `AA1234567` or `AD1234567`.
//!
//! Residents often type the series on a Cyrillic keyboard layout, so Cyrillic letters that
//! look like Latin capitals (А В Е К М Н О Р С Т Х, either case) are read as their Latin
//! twins.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Number of characters in a passport number (2 series letters + 7 digits).
pub const LENGTH: usize = 9;

/// Number of letters in the series.
const SERIES_LENGTH: usize = 2;

/// A validated passport number in canonical form: `AA1234567`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PassportNumber(String);

/// Why a string is not a passport number. Checked in declaration order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PassportError {
    #[error("passport number is empty")]
    Empty,
    #[error("passport number must have 2 letters and 7 digits")]
    Length,
    #[error("passport series must be two Latin letters")]
    Series,
    #[error("passport number part must be seven digits")]
    Number,
}

impl ErrorCode for PassportError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "passport-empty",
            Self::Length => "passport-length",
            Self::Series => "passport-series",
            Self::Number => "passport-number",
        }
    }
}

/// Maps one typed character to its canonical form: ASCII letters to upper case, Cyrillic
/// look-alikes to the Latin capital they resemble. Anything else is returned unchanged.
fn normalise_char(c: char) -> char {
    match c {
        'А' | 'а' => 'A',
        'В' | 'в' => 'B',
        'Е' | 'е' => 'E',
        'К' | 'к' => 'K',
        'М' | 'м' => 'M',
        'Н' | 'н' => 'H',
        'О' | 'о' => 'O',
        'Р' | 'р' => 'P',
        'С' | 'с' => 'C',
        'Т' | 'т' => 'T',
        'Х' | 'х' => 'X',
        _ => c.to_ascii_uppercase(),
    }
}

impl PassportNumber {
    /// Parses a passport number. Spaces (including non-breaking) and `-` are ignored,
    /// Latin letters are upper-cased and Cyrillic look-alikes become Latin.
    pub fn parse(input: &str) -> Result<Self, PassportError> {
        let cleaned: Vec<char> = input
            .trim()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{00A0}'))
            .map(normalise_char)
            .collect();
        if cleaned.is_empty() {
            return Err(PassportError::Empty);
        }
        if cleaned.len() != LENGTH {
            return Err(PassportError::Length);
        }
        let (series, number) = cleaned.split_at(SERIES_LENGTH);
        if !series.iter().all(char::is_ascii_uppercase) {
            return Err(PassportError::Series);
        }
        if !number.iter().all(char::is_ascii_digit) {
            return Err(PassportError::Number);
        }
        Ok(Self(cleaned.into_iter().collect()))
    }

    /// The canonical form, e.g. `AA1234567`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The two-letter series, e.g. `AA`.
    pub fn series(&self) -> &str {
        // The canonical form is ASCII, so byte offsets are character offsets.
        &self.0[..SERIES_LENGTH]
    }

    /// The seven-digit number, e.g. `1234567`.
    pub fn number(&self) -> &str {
        &self.0[SERIES_LENGTH..]
    }
}

impl fmt::Display for PassportNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for PassportNumber {
    type Err = PassportError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for PassportNumber {
    type Error = PassportError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<PassportNumber> for String {
    fn from(value: PassportNumber) -> Self {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn parses_canonical_numbers() {
        let p = PassportNumber::parse("AA1234567").unwrap();
        assert_eq!(p.as_str(), "AA1234567");
        assert_eq!(p.series(), "AA");
        assert_eq!(p.number(), "1234567");
        let p = PassportNumber::parse("AD1234567").unwrap();
        assert_eq!(p.series(), "AD");
        assert_eq!(p.to_string(), "AD1234567");
    }

    #[test]
    fn normalises_case_and_separators() {
        for typed in [
            "aa1234567",
            " AA 1234567 ",
            "aA-123-45-67",
            "AA\u{00A0}1234567",
            "\tAA1234567\n",
        ] {
            assert_eq!(
                PassportNumber::parse(typed).unwrap().as_str(),
                "AA1234567",
                "{typed}"
            );
        }
    }

    #[test]
    fn maps_cyrillic_look_alikes() {
        // Cyrillic А (U+0410) twice, lower and upper case.
        assert_eq!(
            PassportNumber::parse("АА1234567").unwrap().as_str(),
            "AA1234567"
        );
        assert_eq!(
            PassportNumber::parse("аа1234567").unwrap().as_str(),
            "AA1234567"
        );
        assert_eq!(
            PassportNumber::parse("Ас 1234567").unwrap().as_str(),
            "AC1234567"
        );
        assert_eq!(
            PassportNumber::parse("КН1234567").unwrap().as_str(),
            "KH1234567"
        );
        let all = "АВЕКМНОРСТХ";
        let mapped: String = all.chars().map(normalise_char).collect();
        assert_eq!(mapped, "ABEKMHOPCTX");
        let lower: String = all.to_lowercase().chars().map(normalise_char).collect();
        assert_eq!(lower, "ABEKMHOPCTX");
    }

    #[test]
    fn errors() {
        assert_eq!(PassportNumber::parse(""), Err(PassportError::Empty));
        assert_eq!(PassportNumber::parse("  - "), Err(PassportError::Empty));
        assert_eq!(
            PassportNumber::parse("AA123456"),
            Err(PassportError::Length)
        );
        assert_eq!(
            PassportNumber::parse("AA12345678"),
            Err(PassportError::Length)
        );
        assert_eq!(
            PassportNumber::parse("A12345678"),
            Err(PassportError::Series)
        );
        assert_eq!(
            PassportNumber::parse("1A1234567"),
            Err(PassportError::Series)
        );
        // Cyrillic Д has no Latin look-alike.
        assert_eq!(
            PassportNumber::parse("ДA1234567"),
            Err(PassportError::Series)
        );
        assert_eq!(
            PassportNumber::parse("ÀA1234567"),
            Err(PassportError::Series)
        );
        assert_eq!(
            PassportNumber::parse("AAB234567"),
            Err(PassportError::Number)
        );
        assert_eq!(
            PassportNumber::parse("AA123456O"),
            Err(PassportError::Number)
        );
        assert_eq!(
            PassportNumber::parse("AA12345٦7"),
            Err(PassportError::Number)
        );
    }

    #[test]
    fn error_codes_are_prefixed() {
        assert_eq!(PassportError::Empty.code(), "passport-empty");
        assert_eq!(PassportError::Length.code(), "passport-length");
        assert_eq!(PassportError::Series.code(), "passport-series");
        assert_eq!(PassportError::Number.code(), "passport-number");
    }

    #[test]
    fn serde_uses_canonical_string_and_validates() {
        let p = PassportNumber::parse("ad 1234567").unwrap();
        assert_eq!(serde_json::to_string(&p).unwrap(), "\"AD1234567\"");
        let back: PassportNumber = serde_json::from_str("\"ad1234567\"").unwrap();
        assert_eq!(back, p);
        assert!(serde_json::from_str::<PassportNumber>("\"AD12\"").is_err());
        let p: PassportNumber = "AB7654321".parse().unwrap();
        assert_eq!(p.number(), "7654321");
    }

    proptest! {
        #[test]
        fn valid_numbers_parse(s in "[A-Z]{2}[0-9]{7}") {
            let p = PassportNumber::parse(&s).unwrap();
            prop_assert_eq!(p.as_str(), s.as_str());
            prop_assert_eq!(format!("{}{}", p.series(), p.number()), s.clone());
            prop_assert_eq!(PassportNumber::parse(&p.to_string()), Ok(p));
        }

        #[test]
        fn typed_variants_normalise_to_same_value(
            s in "[A-Z]{2}[0-9]{7}",
            lower in proptest::collection::vec(any::<bool>(), LENGTH),
            gaps in proptest::collection::vec(prop_oneof![Just(""), Just(" "), Just("-"), Just("\u{00A0}")], LENGTH + 1),
        ) {
            let mut typed = String::from(gaps[0]);
            for ((c, low), gap) in s.chars().zip(&lower).zip(&gaps[1..]) {
                typed.push(if *low { c.to_ascii_lowercase() } else { c });
                typed.push_str(gap);
            }
            let parsed = PassportNumber::parse(&typed).unwrap();
            prop_assert_eq!(parsed.as_str(), s.as_str());
        }

        #[test]
        fn cyrillic_series_maps_to_latin(
            series in proptest::collection::vec(0usize..11, SERIES_LENGTH),
            digits in "[0-9]{7}",
        ) {
            let cyrillic: Vec<char> = "АВЕКМНОРСТХ".chars().collect();
            let latin: Vec<char> = "ABEKMHOPCTX".chars().collect();
            let typed: String = series.iter().map(|&i| cyrillic[i]).chain(digits.chars()).collect();
            let expected: String = series.iter().map(|&i| latin[i]).chain(digits.chars()).collect();
            let parsed = PassportNumber::parse(&typed).unwrap();
            prop_assert_eq!(parsed.as_str(), expected.as_str());
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            if let Ok(p) = PassportNumber::parse(&s) {
                prop_assert_eq!(p.as_str().len(), LENGTH);
                prop_assert_eq!(p.series().len() + p.number().len(), LENGTH);
            }
        }
    }
}
