//! Receipt codes: short, typable, read-aloud-friendly, and unique across all terminals even
//! while they are offline.
//!
//! A code is 10 symbols of Crockford base32 (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`, no I L O U):
//!
//! * 4 symbols: the terminal's device number (`0..=MAX_DEVICE`), assigned at enrolment;
//! * 5 symbols: the terminal's own sequence number (`0..=MAX_SEQUENCE`);
//! * 1 check symbol.
//!
//! Because each terminal only counts its own sequence, no coordination is needed for
//! uniqueness. The canonical display form groups the symbols 3-3-4 for reading aloud:
//! `XXX-XXX-XXXX`.
//!
//! Parsing is case-insensitive, ignores spaces, `-` and NBSP, and accepts Crockford's read
//! aliases (`O` → `0`, `I`/`L` → `1`).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// Crockford base32 symbols, in value order.
const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Symbols holding the device number.
const DEVICE_SYMBOLS: usize = 4;
/// Symbols holding the sequence number.
const SEQUENCE_SYMBOLS: usize = 5;
/// Data symbols (device + sequence), followed by one check symbol.
const DATA_SYMBOLS: usize = DEVICE_SYMBOLS + SEQUENCE_SYMBOLS;
/// Total symbols in a code.
const SYMBOLS: usize = DATA_SYMBOLS + 1;

/// Largest device number: 32^4 − 1 = 1,048,575.
pub const MAX_DEVICE: u32 = 32u32.pow(DEVICE_SYMBOLS as u32) - 1;

/// Largest per-device sequence number: 32^5 − 1 = 33,554,431.
pub const MAX_SEQUENCE: u32 = 32u32.pow(SEQUENCE_SYMBOLS as u32) - 1;

/// Device number of a terminal that has not been enrolled yet. Codes it issues are only
/// unique on that terminal, so they must be re-issued (or tied to the terminal) once it is
/// enrolled; enrolled terminals always get a device number of 1 or more.
pub const UNENROLLED_DEVICE: u32 = 0;

/// A receipt code: which terminal issued it and that terminal's sequence number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ReceiptCode {
    device: u32,
    sequence: u32,
}

/// Why a receipt code cannot be built or parsed. Parse errors are checked in the order
/// Empty, InvalidCharacter, Length, CheckCharacter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReceiptCodeError {
    #[error("receipt code is empty")]
    Empty,
    #[error("receipt code contains a character outside Crockford base32")]
    InvalidCharacter,
    #[error("receipt code must have 10 symbols")]
    Length,
    #[error("receipt code check character does not match")]
    CheckCharacter,
    #[error("device number does not fit in 4 base32 symbols")]
    DeviceOutOfRange,
    #[error("sequence number does not fit in 5 base32 symbols")]
    SequenceOutOfRange,
}

impl ErrorCode for ReceiptCodeError {
    fn code(&self) -> &'static str {
        match self {
            Self::Empty => "receipt-code-empty",
            Self::InvalidCharacter => "receipt-code-invalid-character",
            Self::Length => "receipt-code-length",
            Self::CheckCharacter => "receipt-code-check-character",
            Self::DeviceOutOfRange => "receipt-code-device-out-of-range",
            Self::SequenceOutOfRange => "receipt-code-sequence-out-of-range",
        }
    }
}

// Check symbol arithmetic over GF(32) = GF(2)[x] / (x^5 + x^2 + 1).
//
// The check symbol c = d_9 is chosen so that the syndrome  S = Σ_i α^i · d_i  (i = 0..9,
// addition is XOR, α = x = 2) is zero. x^5 + x^2 + 1 is primitive, so α has order 31 and
// α^0..α^9 are distinct and nonzero:
// * a single substitution d_i → d_i + e (e ≠ 0) changes S by α^i · e ≠ 0;
// * swapping adjacent d_i ≠ d_{i+1} changes S by
//   α^i·(d_i + d_{i+1}) + α^{i+1}·(d_i + d_{i+1}) = α^i · (d_i + d_{i+1}) · (1 + α) ≠ 0,
//   a product of nonzero field elements.
// So every single-symbol substitution and every adjacent transposition is detected.

/// The reduction polynomial x^5 + x^2 + 1.
const GF_POLY: u8 = 0b10_0101;
/// The generator α = x.
const ALPHA: u8 = 2;

/// Multiplies two elements of GF(32) (values below 32) by shift-and-reduce.
fn gf_mul(mut a: u8, mut b: u8) -> u8 {
    let mut product = 0;
    while b != 0 {
        if b & 1 != 0 {
            product ^= a;
        }
        b >>= 1;
        a <<= 1;
        if a & 0b10_0000 != 0 {
            a ^= GF_POLY;
        }
    }
    product
}

/// α^n in GF(32).
fn alpha_pow(n: usize) -> u8 {
    (0..n).fold(1, |acc, _| gf_mul(acc, ALPHA))
}

/// Σ α^i · d_i over the given symbols.
fn syndrome(symbols: &[u8]) -> u8 {
    symbols
        .iter()
        .enumerate()
        .fold(0, |acc, (i, &d)| acc ^ gf_mul(alpha_pow(i), d))
}

/// The check symbol that makes the syndrome of `data` followed by it zero:
/// c = S(data) · α^-9, and α^-9 = α^(31-9) because α^31 = 1.
fn check_symbol(data: &[u8; DATA_SYMBOLS]) -> u8 {
    gf_mul(syndrome(data), alpha_pow(31 - DATA_SYMBOLS))
}

/// Value of a typed symbol, with Crockford's case-folding and read aliases.
fn decode_symbol(c: char) -> Option<u8> {
    let upper = match c.to_ascii_uppercase() {
        'O' => '0',
        'I' | 'L' => '1',
        other => other,
    };
    let byte = u8::try_from(upper).ok()?;
    let index = ALPHABET.iter().position(|&a| a == byte)?;
    u8::try_from(index).ok()
}

impl ReceiptCode {
    /// Builds a code from a device number and that device's sequence number.
    pub fn new(device: u32, sequence: u32) -> Result<Self, ReceiptCodeError> {
        if device > MAX_DEVICE {
            return Err(ReceiptCodeError::DeviceOutOfRange);
        }
        if sequence > MAX_SEQUENCE {
            return Err(ReceiptCodeError::SequenceOutOfRange);
        }
        Ok(Self { device, sequence })
    }

    /// Parses a typed code such as `0a1-b2c-3d4e`. Case-insensitive; spaces, `-` and NBSP
    /// are ignored; `O` reads as `0` and `I`/`L` as `1`.
    pub fn parse(input: &str) -> Result<Self, ReceiptCodeError> {
        let typed: Vec<char> = input
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '\u{00A0}'))
            .collect();
        if typed.is_empty() {
            return Err(ReceiptCodeError::Empty);
        }
        let symbols: Vec<u8> = typed
            .into_iter()
            .map(decode_symbol)
            .collect::<Option<_>>()
            .ok_or(ReceiptCodeError::InvalidCharacter)?;
        if symbols.len() != SYMBOLS {
            return Err(ReceiptCodeError::Length);
        }
        if syndrome(&symbols) != 0 {
            return Err(ReceiptCodeError::CheckCharacter);
        }
        let value = |digits: &[u8]| digits.iter().fold(0u32, |acc, &d| acc * 32 + u32::from(d));
        let device = value(&symbols[..DEVICE_SYMBOLS]);
        let sequence = value(&symbols[DEVICE_SYMBOLS..DATA_SYMBOLS]);
        // Four and five symbols always fit the ranges; `new` re-checks anyway.
        Self::new(device, sequence)
    }

    /// The issuing terminal's device number.
    pub fn device(&self) -> u32 {
        self.device
    }

    /// The issuing terminal's sequence number.
    pub fn sequence(&self) -> u32 {
        self.sequence
    }

    /// Whether the code was issued by a terminal that was not yet enrolled
    /// (see [`UNENROLLED_DEVICE`]).
    pub fn is_unenrolled(&self) -> bool {
        self.device == UNENROLLED_DEVICE
    }

    /// The 10 symbols without grouping dashes, e.g. `000100001B`.
    pub fn compact(&self) -> String {
        self.symbols()
            .iter()
            .map(|&s| char::from(ALPHABET[usize::from(s)]))
            .collect()
    }

    /// Symbol values: device (most significant first), sequence, check.
    fn symbols(&self) -> [u8; SYMBOLS] {
        let mut out = [0u8; SYMBOLS];
        let mut put = |range: std::ops::Range<usize>, mut value: u32| {
            for slot in out[range].iter_mut().rev() {
                // `value % 32` is below 32, so the narrowing is lossless.
                *slot = (value % 32) as u8;
                value /= 32;
            }
        };
        put(0..DEVICE_SYMBOLS, self.device);
        put(DEVICE_SYMBOLS..DATA_SYMBOLS, self.sequence);
        let mut data = [0u8; DATA_SYMBOLS];
        data.copy_from_slice(&out[..DATA_SYMBOLS]);
        out[DATA_SYMBOLS] = check_symbol(&data);
        out
    }
}

/// The grouped form for reading aloud: `XXX-XXX-XXXX`.
impl fmt::Display for ReceiptCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let compact = self.compact();
        write!(f, "{}-{}-{}", &compact[..3], &compact[3..6], &compact[6..])
    }
}

impl FromStr for ReceiptCode {
    type Err = ReceiptCodeError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl TryFrom<String> for ReceiptCode {
    type Error = ReceiptCodeError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<ReceiptCode> for String {
    fn from(value: ReceiptCode) -> Self {
        value.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn render(symbols: &[u8]) -> String {
        symbols
            .iter()
            .map(|&s| char::from(ALPHABET[usize::from(s)]))
            .collect()
    }

    /// Every single-symbol substitution and adjacent transposition of `code` is rejected.
    fn assert_all_errors_detected(code: ReceiptCode) {
        let symbols = code.symbols();
        for pos in 0..SYMBOLS {
            for replacement in 0..32u8 {
                if replacement == symbols[pos] {
                    continue;
                }
                let mut changed = symbols;
                changed[pos] = replacement;
                assert_eq!(
                    ReceiptCode::parse(&render(&changed)),
                    Err(ReceiptCodeError::CheckCharacter),
                    "{code}: substitution at {pos}"
                );
            }
        }
        for pos in 0..SYMBOLS - 1 {
            if symbols[pos] == symbols[pos + 1] {
                continue;
            }
            let mut swapped = symbols;
            swapped.swap(pos, pos + 1);
            assert_eq!(
                ReceiptCode::parse(&render(&swapped)),
                Err(ReceiptCodeError::CheckCharacter),
                "{code}: transposition at {pos}"
            );
        }
    }

    #[test]
    fn field_arithmetic() {
        // α^5 = x^5 = x^2 + 1 after reduction; α has order 31.
        assert_eq!(alpha_pow(5), 0b00101);
        assert_eq!(alpha_pow(9), 0b11010);
        assert_eq!(alpha_pow(31), 1);
        let powers: Vec<u8> = (0..31).map(alpha_pow).collect();
        for (i, p) in powers.iter().enumerate() {
            assert_ne!(*p, 0);
            assert!(!powers[..i].contains(p), "α^{i} repeats");
        }
        for a in 0..32u8 {
            assert_eq!(gf_mul(a, 1), a);
            assert_eq!(gf_mul(a, 0), 0);
            for b in 0..32u8 {
                assert!(gf_mul(a, b) < 32);
                assert_eq!(gf_mul(a, b), gf_mul(b, a));
                for c in 0..32u8 {
                    assert_eq!(gf_mul(a, b ^ c), gf_mul(a, b) ^ gf_mul(a, c));
                }
            }
        }
    }

    #[test]
    fn hand_computed_vectors() {
        // (1, 0): S = α^3 = α^3, c = α^(3-9) = α^25 = 25 = 'S'.
        // (1, 1): S = α^3 + α^8 = 8 ^ 13 = 5 = α^5, c = α^(5-9) = α^27 = 11 = 'B'.
        let cases = [
            (0, 0, "000-000-0000"),
            (1, 0, "000-100-000S"),
            (1, 1, "000-100-001B"),
        ];
        for (device, sequence, expected) in cases {
            let code = ReceiptCode::new(device, sequence).unwrap();
            assert_eq!(code.to_string(), expected);
            assert_eq!(code.compact(), expected.replace('-', ""));
            assert_eq!(ReceiptCode::parse(expected), Ok(code));
        }
    }

    #[test]
    fn layout_and_accessors() {
        let code = ReceiptCode::new(MAX_DEVICE, MAX_SEQUENCE).unwrap();
        assert!(code.compact().starts_with("ZZZZZZZZZ"));
        assert_eq!(code.device(), 1_048_575);
        assert_eq!(code.sequence(), 33_554_431);
        // Device 32 is "0010", sequence 33 is "00011".
        let code = ReceiptCode::new(32, 33).unwrap();
        assert!(code.compact().starts_with("001000011"));
        assert!(!code.is_unenrolled());
        assert!(
            ReceiptCode::new(UNENROLLED_DEVICE, 7)
                .unwrap()
                .is_unenrolled()
        );
        let grouped = code.to_string();
        assert_eq!(grouped.len(), 12);
        assert_eq!((&grouped[3..4], &grouped[7..8]), ("-", "-"));
    }

    #[test]
    fn new_checks_ranges() {
        assert_eq!(
            ReceiptCode::new(MAX_DEVICE + 1, 0),
            Err(ReceiptCodeError::DeviceOutOfRange)
        );
        assert_eq!(
            ReceiptCode::new(0, MAX_SEQUENCE + 1),
            Err(ReceiptCodeError::SequenceOutOfRange)
        );
        assert_eq!(
            ReceiptCode::new(u32::MAX, u32::MAX),
            Err(ReceiptCodeError::DeviceOutOfRange)
        );
    }

    #[test]
    fn parse_is_forgiving() {
        let code = ReceiptCode::new(1, 1).unwrap();
        for typed in [
            "000-100-001B",
            "000100001b",
            " 000 100 001 B ",
            "OOO-1OO-OO1B",
            "ooo-IOO-ooLb",
            "000\u{00A0}100\u{00A0}001B",
        ] {
            assert_eq!(ReceiptCode::parse(typed), Ok(code), "{typed}");
        }
    }

    #[test]
    fn parse_errors() {
        assert_eq!(ReceiptCode::parse(""), Err(ReceiptCodeError::Empty));
        assert_eq!(
            ReceiptCode::parse(" - -\u{00A0}"),
            Err(ReceiptCodeError::Empty)
        );
        assert_eq!(
            ReceiptCode::parse("000-100-001U"),
            Err(ReceiptCodeError::InvalidCharacter)
        );
        assert_eq!(
            ReceiptCode::parse("000_100_001B"),
            Err(ReceiptCodeError::InvalidCharacter)
        );
        assert_eq!(
            ReceiptCode::parse("000-100-001Б"),
            Err(ReceiptCodeError::InvalidCharacter)
        );
        assert_eq!(
            ReceiptCode::parse("000-100-001"),
            Err(ReceiptCodeError::Length)
        );
        assert_eq!(
            ReceiptCode::parse("000-100-001B0"),
            Err(ReceiptCodeError::Length)
        );
        assert_eq!(
            ReceiptCode::parse("000-100-001C"),
            Err(ReceiptCodeError::CheckCharacter)
        );
    }

    #[test]
    fn error_codes_are_prefixed() {
        use ReceiptCodeError::*;
        let codes: Vec<_> = [
            Empty,
            InvalidCharacter,
            Length,
            CheckCharacter,
            DeviceOutOfRange,
            SequenceOutOfRange,
        ]
        .iter()
        .map(ErrorCode::code)
        .collect();
        assert_eq!(
            codes,
            [
                "receipt-code-empty",
                "receipt-code-invalid-character",
                "receipt-code-length",
                "receipt-code-check-character",
                "receipt-code-device-out-of-range",
                "receipt-code-sequence-out-of-range",
            ]
        );
    }

    #[test]
    fn serde_uses_grouped_string_and_validates() {
        let code = ReceiptCode::new(1, 1).unwrap();
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"000-100-001B\"");
        assert_eq!(
            serde_json::from_str::<ReceiptCode>("\"000100001b\"").unwrap(),
            code
        );
        assert!(serde_json::from_str::<ReceiptCode>("\"000-100-001C\"").is_err());
        assert_eq!(
            serde_json::to_string(&ReceiptCodeError::CheckCharacter).unwrap(),
            "\"check-character\""
        );
        let parsed: ReceiptCode = "000-100-000S".parse().unwrap();
        assert_eq!((parsed.device(), parsed.sequence()), (1, 0));
    }

    #[test]
    fn exhaustive_error_detection_for_fixed_codes() {
        for (device, sequence) in [
            (0, 0),
            (1, 1),
            (12_345, 678_901),
            (MAX_DEVICE, MAX_SEQUENCE),
            (0x5A5A5, 0x1234567),
        ] {
            assert_all_errors_detected(ReceiptCode::new(device, sequence).unwrap());
        }
    }

    fn any_code() -> impl Strategy<Value = ReceiptCode> {
        (0..=MAX_DEVICE, 0..=MAX_SEQUENCE).prop_map(|(d, s)| ReceiptCode {
            device: d,
            sequence: s,
        })
    }

    proptest! {
        #[test]
        fn round_trips(code in any_code()) {
            prop_assert_eq!(ReceiptCode::parse(&code.to_string()), Ok(code));
            prop_assert_eq!(ReceiptCode::parse(&code.compact()), Ok(code));
            prop_assert_eq!(syndrome(&code.symbols()), 0);
            let json = serde_json::to_string(&code).unwrap();
            prop_assert_eq!(serde_json::from_str::<ReceiptCode>(&json).unwrap(), code);
        }

        #[test]
        fn every_substitution_rejected(code in any_code(), pos in 0..SYMBOLS, shift in 1u8..32) {
            let mut symbols = code.symbols();
            symbols[pos] = (symbols[pos] + shift) % 32;
            prop_assert_eq!(
                ReceiptCode::parse(&render(&symbols)),
                Err(ReceiptCodeError::CheckCharacter)
            );
        }

        #[test]
        fn every_adjacent_transposition_rejected(code in any_code(), pos in 0..SYMBOLS - 1) {
            let mut symbols = code.symbols();
            prop_assume!(symbols[pos] != symbols[pos + 1]);
            symbols.swap(pos, pos + 1);
            prop_assert_eq!(
                ReceiptCode::parse(&render(&symbols)),
                Err(ReceiptCodeError::CheckCharacter)
            );
        }

        #[test]
        fn all_errors_detected_for_random_codes(code in any_code()) {
            assert_all_errors_detected(code);
        }

        #[test]
        fn distinct_inputs_give_distinct_codes(a in any_code(), b in any_code()) {
            prop_assume!(a != b);
            prop_assert_ne!(a.compact(), b.compact());
            prop_assert_ne!(a.to_string(), b.to_string());
        }

        #[test]
        fn lower_case_and_aliases_parse(code in any_code()) {
            let lower = code.to_string().to_ascii_lowercase();
            prop_assert_eq!(ReceiptCode::parse(&lower), Ok(code));
            let aliased: String = code
                .compact()
                .chars()
                .enumerate()
                .map(|(i, c)| match (c, i % 2) {
                    ('0', 0) => 'O',
                    ('0', _) => 'o',
                    ('1', 0) => 'I',
                    ('1', _) => 'l',
                    (other, _) => other,
                })
                .collect();
            prop_assert_eq!(ReceiptCode::parse(&aliased), Ok(code));
        }

        #[test]
        fn parse_never_panics(s in any::<String>()) {
            let _ = ReceiptCode::parse(&s);
        }

        #[test]
        fn parse_never_panics_on_code_like(s in "[0-9A-Za-z -]{0,14}") {
            if let Ok(code) = ReceiptCode::parse(&s) {
                prop_assert!(code.device() <= MAX_DEVICE);
                prop_assert!(code.sequence() <= MAX_SEQUENCE);
            }
        }
    }
}
