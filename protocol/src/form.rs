//! Form validation: a form schema and the values typed into it in, either the normalised values
//! or a list of error codes per field out.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use time::Date;
use time::macros::format_description;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::ErrorCode;
use crate::apostrophe::normalise_uzbek_latin;
use crate::catalogue::{CONSENT_GIVEN, DateRange, Field, FieldKind};
use crate::lang::Lang;
use crate::passport::{PassportError, PassportNumber};
use crate::phone::{PhoneError, PhoneNumber};
use crate::pinfl::{Pinfl, PinflError};

/// Field key → the value as typed, or as normalised after validation.
pub type Values = BTreeMap<String, String>;

/// Why one field's value cannot be accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "error")]
pub enum FieldError {
    Required,
    TooShort {
        min: u32,
    },
    TooLong {
        max: u32,
    },
    Pinfl {
        reason: PinflError,
    },
    Passport {
        reason: PassportError,
    },
    Phone {
        reason: PhoneError,
    },
    DateFormat,
    /// A date that must be today or earlier lies in the future.
    DateInFuture,
    /// A date that must be today or later lies in the past.
    DateInPast,
    NotAnOption,
    /// A value was given for a key the form does not have.
    UnknownField,
    /// A control character (a line break too, except in a long text).
    ControlCharacter,
    /// A character that reorders text on screen (U+202E and its kind): the agency would
    /// read the text otherwise than the resident wrote it.
    DirectionControl,
}

impl ErrorCode for FieldError {
    fn code(&self) -> &'static str {
        match self {
            FieldError::Required => "field-required",
            FieldError::TooShort { .. } => "field-too-short",
            FieldError::TooLong { .. } => "field-too-long",
            FieldError::Pinfl { reason } => reason.code(),
            FieldError::Passport { reason } => reason.code(),
            FieldError::Phone { reason } => reason.code(),
            FieldError::DateFormat => "date-format",
            FieldError::DateInFuture => "date-in-future",
            FieldError::DateInPast => "date-in-past",
            FieldError::NotAnOption => "choice-not-an-option",
            FieldError::UnknownField => "field-unknown",
            FieldError::ControlCharacter => "text-control-character",
            FieldError::DirectionControl => "text-direction-control",
        }
    }
}

/// Every field that failed, with its errors, by key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct FormErrors(pub BTreeMap<String, Vec<FieldError>>);

impl FormErrors {
    pub fn for_field(&self, key: &str) -> &[FieldError] {
        self.0.get(key).map(Vec::as_slice).unwrap_or_default()
    }
}

impl std::fmt::Display for FormErrors {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for (key, errors) in &self.0 {
            for error in errors {
                if !first {
                    f.write_str(", ")?;
                }
                first = false;
                write!(f, "{key}: {}", error.code())?;
            }
        }
        Ok(())
    }
}

impl std::error::Error for FormErrors {}

/// Checks `values` against `form` on the day `today`. Empty optional fields are left out of
/// the result; everything kept is in its canonical form (trimmed, apostrophes normalised,
/// identifiers canonical, dates ISO 8601).
pub fn validate(form: &[Field], values: &Values, today: Date) -> Result<Values, FormErrors> {
    let mut accepted = Values::new();
    let mut errors = BTreeMap::new();
    for field in form {
        let typed = values
            .get(&field.key)
            .map(|value| value.trim())
            .unwrap_or("");
        if typed.is_empty() {
            if field.required {
                errors.insert(field.key.clone(), vec![FieldError::Required]);
            }
            continue;
        }
        match normalise(&field.kind, typed, today) {
            Ok(value) => {
                accepted.insert(field.key.clone(), value);
            }
            Err(error) => {
                errors.insert(field.key.clone(), vec![error]);
            }
        }
    }
    for key in values.keys() {
        if !form.iter().any(|field| &field.key == key) {
            errors.insert(key.clone(), vec![FieldError::UnknownField]);
        }
    }
    if errors.is_empty() {
        Ok(accepted)
    } else {
        Err(FormErrors(errors))
    }
}

/// Checks one non-empty, trimmed value of a field.
pub fn normalise(kind: &FieldKind, typed: &str, today: Date) -> Result<String, FieldError> {
    match kind {
        FieldKind::Text { min_len, max_len } | FieldKind::LongText { min_len, max_len } => {
            let multiline = matches!(kind, FieldKind::LongText { .. });
            let text = normalise_uzbek_latin(&clean_text(typed, multiline)?);
            let len = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
            if len < *min_len {
                Err(FieldError::TooShort { min: *min_len })
            } else if len > *max_len {
                Err(FieldError::TooLong { max: *max_len })
            } else {
                Ok(text)
            }
        }
        FieldKind::Pinfl => Pinfl::parse(typed)
            .map(|pinfl| pinfl.as_str().to_owned())
            .map_err(|reason| FieldError::Pinfl { reason }),
        FieldKind::Passport => PassportNumber::parse(typed)
            .map(|passport| passport.as_str().to_owned())
            .map_err(|reason| FieldError::Passport { reason }),
        FieldKind::Phone => PhoneNumber::parse(typed)
            .map(|phone| phone.as_str().to_owned())
            .map_err(|reason| FieldError::Phone { reason }),
        FieldKind::Date { range } => {
            let date = parse_date(typed).ok_or(FieldError::DateFormat)?;
            match range {
                DateRange::Past if date > today => Err(FieldError::DateInFuture),
                DateRange::Future if date < today => Err(FieldError::DateInPast),
                _ => Ok(date.to_string()),
            }
        }
        FieldKind::Choice { options } => options
            .iter()
            .find(|option| option.value == typed)
            .map(|option| option.value.clone())
            .ok_or(FieldError::NotAnOption),
        FieldKind::Consent if typed == CONSENT_GIVEN => Ok(CONSENT_GIVEN.to_owned()),
        FieldKind::Consent => Err(FieldError::NotAnOption),
    }
}

/// Text as it is kept: composed (NFC), zero-width characters removed, line ends as `\n`.
/// Control characters (a line break too, unless `multiline`) and characters that reorder
/// text on screen are refused.
fn clean_text(typed: &str, multiline: bool) -> Result<String, FieldError> {
    // Most text arrives composed already; the quick check spares composing it again.
    let composed = match is_nfc_quick(typed.chars()) {
        IsNormalized::Yes => Cow::Borrowed(typed),
        IsNormalized::No | IsNormalized::Maybe => Cow::Owned(typed.nfc().collect()),
    };
    let mut kept = String::with_capacity(composed.len());
    // Bytes of `composed` already in `kept`: text between removed characters is copied in runs.
    let mut copied = 0;
    for (at, c) in composed.char_indices() {
        let removed = match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => true,
            '\u{061C}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}' => return Err(FieldError::DirectionControl),
            '\r' if multiline => true,
            '\n' if multiline => false,
            c if c.is_control() => return Err(FieldError::ControlCharacter),
            _ => false,
        };
        if removed {
            kept.push_str(&composed[copied..at]);
            copied = at + c.len_utf8();
        }
    }
    kept.push_str(&composed[copied..]);
    Ok(kept)
}

/// The values a receipt may repeat: those of fields marked printable, in form order, as
/// `(key, value)`.
pub fn receipt_details(form: &[Field], values: &Values) -> Vec<(String, String)> {
    form.iter()
        .filter(|field| field.printable)
        .filter_map(|field| Some((field.key.clone(), values.get(&field.key)?.clone())))
        .collect()
}

/// A printable field's label and value as the resident reads them in `lang`: a choice's
/// label, a date as `DD.MM.YYYY`. `None` for a field not marked printable.
pub fn shown_detail(
    form: &[Field],
    key: &str,
    value: &str,
    lang: Lang,
) -> Option<(String, String)> {
    let field = form
        .iter()
        .find(|field| field.key == key && field.printable)?;
    let shown = match &field.kind {
        FieldKind::Choice { options } => options
            .iter()
            .find(|option| option.value == value)?
            .label
            .get(lang)
            .to_owned(),
        FieldKind::Date { .. } => local_date(parse_date(value)?),
        _ => return None,
    };
    Some((field.label.get(lang).to_owned(), shown))
}

/// A date as residents write and read it: `DD.MM.YYYY`.
pub fn local_date(date: Date) -> String {
    format!(
        "{:02}.{:02}.{}",
        date.day(),
        u8::from(date.month()),
        date.year()
    )
}

/// Reads `YYYY-MM-DD` or the local `DD.MM.YYYY`.
pub fn parse_date(typed: &str) -> Option<Date> {
    let iso = format_description!("[year]-[month]-[day]");
    let local = format_description!("[day].[month].[year]");
    Date::parse(typed, iso)
        .or_else(|_| Date::parse(typed, local))
        .ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::ChoiceOption;
    use crate::lang::{KaaText, LocalText};
    use proptest::prelude::*;
    use time::macros::date;

    fn text(s: &str) -> LocalText {
        LocalText {
            uz_latn: s.to_owned(),
            uz_cyrl: s.to_owned(),
            ru: s.to_owned(),
            en: s.to_owned(),
            kaa: KaaText::Translated(s.to_owned()),
        }
    }

    fn field(key: &str, required: bool, kind: FieldKind) -> Field {
        Field {
            key: key.to_owned(),
            label: text(key),
            hint: None,
            required,
            printable: false,
            kind,
        }
    }

    fn sample_form() -> Vec<Field> {
        vec![
            field(
                "full_name",
                true,
                FieldKind::Text {
                    min_len: 3,
                    max_len: 20,
                },
            ),
            field("pinfl", true, FieldKind::Pinfl),
            field("phone", false, FieldKind::Phone),
            field(
                "visit",
                true,
                FieldKind::Date {
                    range: DateRange::Future,
                },
            ),
            field(
                "clinic",
                true,
                FieldKind::Choice {
                    options: vec![
                        ChoiceOption {
                            value: "family".into(),
                            label: text("family"),
                        },
                        ChoiceOption {
                            value: "dentist".into(),
                            label: text("dentist"),
                        },
                    ],
                },
            ),
        ]
    }

    fn values(pairs: &[(&str, &str)]) -> Values {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    const TODAY: Date = date!(2026 - 12 - 01);

    /// A PINFL built from a valid prefix with its check digit appended.
    fn valid_pinfl() -> String {
        let prefix = *b"3150190123456";
        let digits = prefix.map(|b| b - b'0');
        let check = crate::pinfl::check_digit(&digits);
        format!(
            "{}{}",
            std::str::from_utf8(&prefix).unwrap_or_default(),
            check
        )
    }

    #[test]
    fn good_values_come_back_normalised() {
        let pinfl = valid_pinfl();
        let accepted = validate(
            &sample_form(),
            &values(&[
                ("full_name", "  G'ulom O'tkirov "),
                ("pinfl", &pinfl),
                ("phone", "90 123 45 67"),
                ("visit", "15.12.2026"),
                ("clinic", "dentist"),
            ]),
            TODAY,
        )
        .expect("valid form");
        assert_eq!(accepted["full_name"], "Gʻulom Oʻtkirov");
        assert_eq!(accepted["phone"], "+998901234567");
        assert_eq!(accepted["visit"], "2026-12-15");
        assert_eq!(accepted["pinfl"], pinfl);
    }

    #[test]
    fn each_bad_field_gets_its_own_code() {
        let errors = validate(
            &sample_form(),
            &values(&[
                ("full_name", "Al"),
                ("pinfl", "30101990123458"),
                ("phone", "+7 912 345 67 89"),
                ("visit", "2026-11-30"),
                ("clinic", "surgeon"),
                ("nickname", "x"),
            ]),
            TODAY,
        )
        .expect_err("every field is wrong");
        let code = |key: &str| {
            errors
                .for_field(key)
                .iter()
                .map(|e| e.code())
                .collect::<Vec<_>>()
        };
        assert_eq!(code("full_name"), ["field-too-short"]);
        assert_eq!(code("pinfl"), ["pinfl-check-digit"]);
        assert_eq!(code("phone"), ["phone-country-code"]);
        assert_eq!(code("visit"), ["date-in-past"]);
        assert_eq!(code("clinic"), ["choice-not-an-option"]);
        assert_eq!(code("nickname"), ["field-unknown"]);
    }

    #[test]
    fn missing_required_fields_are_named_and_optional_ones_may_stay_empty() {
        let errors = validate(&sample_form(), &values(&[("phone", "  ")]), TODAY)
            .expect_err("required fields are missing");
        let keys: Vec<_> = errors.0.keys().map(String::as_str).collect();
        assert_eq!(keys, ["clinic", "full_name", "pinfl", "visit"]);
        assert!(errors.0.values().all(|e| e == &[FieldError::Required]));
    }

    #[test]
    fn consent_is_given_by_a_tick_and_nothing_else() {
        assert_eq!(
            normalise(&FieldKind::Consent, CONSENT_GIVEN, TODAY),
            Ok(CONSENT_GIVEN.to_owned())
        );
        assert_eq!(
            normalise(&FieldKind::Consent, "no", TODAY),
            Err(FieldError::NotAnOption)
        );
    }

    #[test]
    fn hostile_text_is_refused_and_invisible_text_removed() {
        let line = FieldKind::Text {
            min_len: 1,
            max_len: 100,
        };
        let long = FieldKind::LongText {
            min_len: 1,
            max_len: 100,
        };
        let today = TODAY;
        assert_eq!(
            normalise(&line, "abc\u{202E}fdp.exe", today),
            Err(FieldError::DirectionControl)
        );
        assert_eq!(
            normalise(&long, "Suv\u{2066}yo\u{2069}q", today),
            Err(FieldError::DirectionControl)
        );
        assert_eq!(
            normalise(&line, "a\u{0007}b", today),
            Err(FieldError::ControlCharacter)
        );
        assert_eq!(
            normalise(&line, "two\nlines", today),
            Err(FieldError::ControlCharacter)
        );
        assert_eq!(
            normalise(&long, "two\r\nlines", today),
            Ok("two\nlines".to_owned()),
            "a long text keeps its line breaks"
        );
        assert_eq!(
            normalise(&line, "Ka\u{200B}rim\u{FEFF}ov", today),
            Ok("Karimov".to_owned()),
            "zero-width characters are removed"
        );
        assert_eq!(
            normalise(&line, "Ни\u{0306}матов", today),
            Ok("Н\u{0439}матов".to_owned()),
            "a decomposed й is composed"
        );
    }

    #[test]
    fn dates_outside_their_range_or_malformed_are_refused() {
        let past = FieldKind::Date {
            range: DateRange::Past,
        };
        assert_eq!(
            normalise(&past, "2026-12-01", TODAY),
            Ok("2026-12-01".into())
        );
        assert_eq!(
            normalise(&past, "2026-12-02", TODAY),
            Err(FieldError::DateInFuture)
        );
        assert_eq!(
            normalise(&past, "31.02.2020", TODAY),
            Err(FieldError::DateFormat)
        );
        assert_eq!(
            normalise(&past, "yesterday", TODAY),
            Err(FieldError::DateFormat)
        );
    }

    proptest! {
        #[test]
        fn text_length_limits_count_characters(len in 0usize..40) {
            let kind = FieldKind::Text { min_len: 3, max_len: 20 };
            let typed: String = "ў".repeat(len);
            let result = normalise(&kind, &typed, TODAY);
            match len {
                0..=2 => prop_assert_eq!(result, Err(FieldError::TooShort { min: 3 })),
                3..=20 => prop_assert_eq!(result, Ok(typed)),
                _ => prop_assert_eq!(result, Err(FieldError::TooLong { max: 20 })),
            }
        }

        #[test]
        fn validation_never_panics(name in ".{0,30}", pinfl in ".{0,20}", visit in ".{0,12}") {
            let _ = validate(
                &sample_form(),
                &values(&[("full_name", &name), ("pinfl", &pinfl), ("visit", &visit)]),
                TODAY,
            );
        }
    }
}
