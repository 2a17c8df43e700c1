//! The receipt's words in each language, from `locales/<lang>/receipt.ftl`.

use mahalla_protocol::lang::Lang;
pub use mahalla_protocol::texts::{TextError, Texts};

/// The receipt messages of each language, bundled with the program.
fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::UzLatn => include_str!("../../locales/uz-Latn/receipt.ftl"),
        Lang::UzCyrl => include_str!("../../locales/uz-Cyrl/receipt.ftl"),
        Lang::Ru => include_str!("../../locales/ru/receipt.ftl"),
        Lang::En => include_str!("../../locales/en/receipt.ftl"),
        Lang::Kaa => include_str!("../../locales/kaa/receipt.ftl"),
    }
}

/// The receipt messages of one language; Karakalpak falls back to Uzbek Latin message by
/// message, as its file records.
pub fn load(lang: Lang) -> Result<Texts, TextError> {
    Texts::load("receipt.ftl", lang, source)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_receipt_message() {
        let keys = [
            "receipt-title",
            "receipt-service",
            "receipt-check",
            "test-letters",
        ];
        for lang in Lang::ALL {
            let texts = load(lang).expect("bundled messages");
            for key in keys {
                assert!(!texts.get(key, &[]).expect(key).is_empty(), "{lang} {key}");
            }
            let line = texts
                .get("receipt-mahalla", &[("mahalla", "Navroʻz")])
                .expect("mahalla");
            assert!(line.ends_with("Navroʻz"), "{line}");
        }
        let missing = load(Lang::En).expect("en").get("nope", &[]);
        assert!(matches!(missing, Err(TextError::Missing { .. })));
    }

    #[test]
    fn every_karakalpak_fallback_is_written_in_its_file() {
        let gaps = mahalla_protocol::texts::translation_gaps(source);
        assert!(gaps.is_empty(), "{gaps:?}");
    }

    #[test]
    fn a_missing_message_is_an_error() {
        let missing = load(Lang::Ru).expect("ru").get("nope", &[]);
        assert!(matches!(missing, Err(TextError::Missing { .. })));
    }
}
