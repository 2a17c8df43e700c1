//! One-time enrolment codes as people type them: 12 symbols of Crockford base32
//! (`0123456789ABCDEFGHJKMNPQRSTVWXYZ`, 60 bits), shown `XXXX-XXXX-XXXX`. The portal issues
//! them and stores only the hash of their normalised form; a terminal sends one as typed or
//! scanned, and the portal normalises it the same way before it looks the hash up.

use crate::ErrorCode;

/// Crockford base32 symbols, in value order.
pub const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/// Symbols in a code.
pub const SYMBOLS: usize = 12;
/// Symbols between two dashes of the display form.
const GROUP: usize = 4;

/// Why a text is not an enrolment code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum EnrolCodeError {
    #[error("an enrolment code has {SYMBOLS} symbols, this one {0}")]
    Length(usize),
    #[error("{0:?} is not a symbol of an enrolment code")]
    Symbol(char),
}

impl ErrorCode for EnrolCodeError {
    fn code(&self) -> &'static str {
        match self {
            Self::Length(_) => "enrol-code-length",
            Self::Symbol(_) => "enrol-code-symbol",
        }
    }
}

/// The form that is hashed: upper case, without spaces and dashes, with Crockford's read
/// aliases (`O` → `0`, `I`/`L` → `1`). Any text goes in; [`parse`] says whether it is a code.
pub fn normalise(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '-'))
        .map(|c| match c.to_ascii_uppercase() {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        })
        .collect()
}

/// The display form `XXXX-XXXX-XXXX` of a code typed in any form [`normalise`] reads.
pub fn parse(typed: &str) -> Result<String, EnrolCodeError> {
    let symbols = normalise(typed);
    if let Some(wrong) = symbols
        .chars()
        .find(|c| !u8::try_from(*c).is_ok_and(|byte| ALPHABET.contains(&byte)))
    {
        return Err(EnrolCodeError::Symbol(wrong));
    }
    if symbols.len() != SYMBOLS {
        return Err(EnrolCodeError::Length(symbols.len()));
    }
    Ok(display(&symbols))
}

/// `symbols` grouped by four with dashes.
pub fn display(symbols: &str) -> String {
    symbols
        .as_bytes()
        .chunks(GROUP)
        .map(String::from_utf8_lossy)
        .collect::<Vec<_>>()
        .join("-")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn typed_forms_read_as_the_display_form() {
        for typed in [
            "7KQ2-M9XD-3TRA",
            "7kq2m9xd3tra",
            "7KQ2 M9XD 3TRA",
            "7kq2-m9xd-3tra",
        ] {
            assert_eq!(parse(typed), Ok("7KQ2-M9XD-3TRA".to_owned()), "{typed:?}");
        }
        assert_eq!(parse("ab0o-1il"), Err(EnrolCodeError::Length(7)));
        assert_eq!(normalise("ab0o-1il"), "AB00111");
        assert_eq!(parse("OOOO-IIII-LLLL"), Ok("0000-1111-1111".to_owned()));
    }

    #[test]
    fn what_is_not_a_code_says_why() {
        assert_eq!(parse(""), Err(EnrolCodeError::Length(0)));
        assert_eq!(parse("7KQ2-M9XD-3TR"), Err(EnrolCodeError::Length(11)));
        assert_eq!(parse("7KQ2-M9XD-3TRAA"), Err(EnrolCodeError::Length(13)));
        assert_eq!(parse("7KQ2-M9XD-3TRU"), Err(EnrolCodeError::Symbol('U')));
        assert_eq!(parse("7KQ2_M9XD_3TRA"), Err(EnrolCodeError::Symbol('_')));
        assert_eq!(parse("7КQ2-M9XD-3TRA"), Err(EnrolCodeError::Symbol('К')));
        assert_eq!(
            parse("7KQ2-M9XD-3TRU").map_err(|e| e.code()),
            Err("enrol-code-symbol")
        );
    }

    proptest! {
        #[test]
        fn any_code_reads_back_from_its_typed_forms(symbols in "[0-9A-HJKMNP-TV-Z]{12}") {
            let shown = display(&symbols);
            prop_assert_eq!(shown.len(), 14);
            prop_assert_eq!(parse(&shown), Ok(shown.clone()));
            prop_assert_eq!(parse(&symbols.to_lowercase()), Ok(shown.clone()));
            prop_assert_eq!(normalise(&shown), symbols);
        }
    }
}
