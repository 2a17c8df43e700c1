//! The receipt's words in each language, from `locales/<lang>/receipt.ftl`.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use mahalla_protocol::lang::Lang;

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

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("locales/{lang}/receipt.ftl: {message}")]
    File { lang: Lang, message: String },
    #[error("locales/{lang}/receipt.ftl has no message `{key}`")]
    Missing { lang: Lang, key: String },
}

/// The receipt messages of one language; Karakalpak falls back to Uzbek Latin message by
/// message, as its file records.
pub struct Texts {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<Box<Texts>>,
}

impl Texts {
    pub fn load(lang: Lang) -> Result<Texts, TextError> {
        let file_error = |message: String| TextError::File { lang, message };
        let resource = FluentResource::try_new(source(lang).to_owned())
            .map_err(|(_, errors)| file_error(format!("{errors:?}")))?;
        let langid = lang
            .tag()
            .parse()
            .map_err(|error| file_error(format!("{error}")))?;
        let mut bundle = FluentBundle::new_concurrent(vec![langid]);
        bundle.set_use_isolating(false);
        bundle
            .add_resource(resource)
            .map_err(|errors| file_error(format!("{errors:?}")))?;
        let fallback = match lang {
            Lang::Kaa => Some(Box::new(Texts::load(Lang::UzLatn)?)),
            _ => None,
        };
        Ok(Texts {
            lang,
            bundle,
            fallback,
        })
    }

    /// The message `key` with `args` put in.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> Result<String, TextError> {
        let pattern = self.bundle.get_message(key).and_then(|m| m.value());
        let Some(pattern) = pattern else {
            return match &self.fallback {
                Some(fallback) => fallback.get(key, args),
                None => Err(TextError::Missing {
                    lang: self.lang,
                    key: key.to_owned(),
                }),
            };
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(TextError::File {
                lang: self.lang,
                message: format!("`{key}`: {errors:?}"),
            })
        }
    }
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
            let texts = Texts::load(lang).expect("bundled messages");
            for key in keys {
                assert!(!texts.get(key, &[]).expect(key).is_empty(), "{lang} {key}");
            }
            let line = texts
                .get("receipt-mahalla", &[("mahalla", "Navroʻz")])
                .expect("mahalla");
            assert!(line.ends_with("Navroʻz"), "{line}");
        }
        let missing = Texts::load(Lang::En).expect("en").get("nope", &[]);
        assert!(matches!(missing, Err(TextError::Missing { .. })));
    }

    /// The keys a Fluent file defines: lines `key = …`.
    fn keys(source: &str) -> Vec<&str> {
        source
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
            .filter(|key| !key.starts_with(['#', ' ']))
            .collect()
    }

    #[test]
    fn every_karakalpak_fallback_is_written_in_its_file() {
        let kaa = source(Lang::Kaa);
        for key in keys(source(Lang::UzLatn)) {
            let translated = keys(kaa).contains(&key);
            let recorded = kaa.contains(&format!("# fallback uz-Latn: {key}\n"));
            assert!(
                translated || recorded,
                "kaa: `{key}` is neither translated nor recorded"
            );
        }
        for lang in [Lang::UzCyrl, Lang::Ru, Lang::En] {
            assert_eq!(keys(source(lang)), keys(source(Lang::UzLatn)), "{lang}");
        }
    }

    #[test]
    fn a_missing_message_is_an_error() {
        let missing = Texts::load(Lang::Ru).expect("ru").get("nope", &[]);
        assert!(matches!(missing, Err(TextError::Missing { .. })));
    }
}
