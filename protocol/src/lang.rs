//! The five languages of the terminal and texts written in them.

use serde::{Deserialize, Serialize};

/// A language the terminal speaks, named by its BCP 47 tag.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
pub enum Lang {
    /// Uzbek in Latin script, the default.
    #[default]
    #[serde(rename = "uz-Latn")]
    UzLatn,
    /// Uzbek in Cyrillic script.
    #[serde(rename = "uz-Cyrl")]
    UzCyrl,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "en")]
    En,
    /// Karakalpak (Latin script).
    #[serde(rename = "kaa")]
    Kaa,
}

impl Lang {
    pub const ALL: [Lang; 5] = [Lang::UzLatn, Lang::UzCyrl, Lang::Ru, Lang::En, Lang::Kaa];

    pub fn tag(self) -> &'static str {
        match self {
            Lang::UzLatn => "uz-Latn",
            Lang::UzCyrl => "uz-Cyrl",
            Lang::Ru => "ru",
            Lang::En => "en",
            Lang::Kaa => "kaa",
        }
    }

    /// The language's name in itself, as a language switch offers it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::UzLatn => "Oʻzbekcha",
            Lang::UzCyrl => "Ўзбекча",
            Lang::Ru => "Русский",
            Lang::En => "English",
            Lang::Kaa => "Qaraqalpaqsha",
        }
    }

    /// Parses a tag case-insensitively; `uz` alone means Uzbek Latin.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().eq_ignore_ascii_case(tag))
            .or_else(|| tag.eq_ignore_ascii_case("uz").then_some(Lang::UzLatn))
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.tag())
    }
}

/// The Karakalpak form of a text: either its own translation, or an explicit record that
/// the Uzbek Latin text stands in for it until a translation exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum KaaText {
    Translated(String),
    Fallback { fallback: FallbackTo },
}

/// The only language a Karakalpak text may fall back to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FallbackTo {
    #[serde(rename = "uz-Latn")]
    UzLatn,
}

/// A text in every language of the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalText {
    #[serde(rename = "uz-Latn")]
    pub uz_latn: String,
    #[serde(rename = "uz-Cyrl")]
    pub uz_cyrl: String,
    pub ru: String,
    pub en: String,
    pub kaa: KaaText,
}

impl LocalText {
    /// The text in `lang`, resolving a recorded Karakalpak fallback to Uzbek Latin.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::UzLatn => &self.uz_latn,
            Lang::UzCyrl => &self.uz_cyrl,
            Lang::Ru => &self.ru,
            Lang::En => &self.en,
            Lang::Kaa => match &self.kaa {
                KaaText::Translated(text) => text,
                KaaText::Fallback { .. } => &self.uz_latn,
            },
        }
    }

    /// Whether the text shown for `lang` is a recorded fallback rather than a translation.
    pub fn is_fallback(&self, lang: Lang) -> bool {
        lang == Lang::Kaa && matches!(self.kaa, KaaText::Fallback { .. })
    }

    /// Languages whose text is empty or only whitespace.
    pub fn blank_languages(&self) -> Vec<Lang> {
        Lang::ALL
            .into_iter()
            .filter(|&lang| self.get(lang).trim().is_empty())
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_and_plain_uz_means_latin() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_tag(lang.tag()), Some(lang));
        }
        assert_eq!(Lang::from_tag("UZ-latn"), Some(Lang::UzLatn));
        assert_eq!(Lang::from_tag("uz"), Some(Lang::UzLatn));
        assert_eq!(Lang::from_tag("de"), None);
    }

    #[test]
    fn karakalpak_fallback_is_recorded_and_resolved() {
        let text: LocalText = serde_json::from_str(
            r#"{"uz-Latn":"Shifokor","uz-Cyrl":"Шифокор","ru":"Врач","en":"Doctor",
                "kaa":{"fallback":"uz-Latn"}}"#,
        )
        .expect("valid text");
        assert_eq!(text.get(Lang::Kaa), "Shifokor");
        assert!(text.is_fallback(Lang::Kaa));
        assert!(!text.is_fallback(Lang::Ru));

        let translated: LocalText = serde_json::from_str(
            r#"{"uz-Latn":"Shifokor","uz-Cyrl":"Шифокор","ru":"Врач","en":"Doctor","kaa":"Shipaker"}"#,
        )
        .expect("valid text");
        assert_eq!(translated.get(Lang::Kaa), "Shipaker");
        assert!(!translated.is_fallback(Lang::Kaa));
    }

    #[test]
    fn a_missing_language_or_unknown_fallback_is_refused() {
        let missing_ru = r#"{"uz-Latn":"a","uz-Cyrl":"а","en":"a","kaa":"a"}"#;
        assert!(serde_json::from_str::<LocalText>(missing_ru).is_err());
        let bad_fallback =
            r#"{"uz-Latn":"a","uz-Cyrl":"а","ru":"а","en":"a","kaa":{"fallback":"ru"}}"#;
        assert!(serde_json::from_str::<LocalText>(bad_fallback).is_err());
    }
}
