//! Messages in the five languages from Fluent files compiled into the program
//! (`locales/<lang>/<file>.ftl`), with the one fallback rule both the terminal and the portal
//! keep: a Karakalpak message not yet written is the Uzbek Latin one, and the Karakalpak file
//! records each such key (`# fallback uz-Latn: key`).

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};

use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextError {
    #[error("locales/{lang}/{file}: {message}")]
    File {
        file: &'static str,
        lang: Lang,
        message: String,
    },
    #[error("locales/{lang}/{file} has no message `{key}`")]
    Missing {
        file: &'static str,
        lang: Lang,
        key: String,
    },
}

/// One file's messages in one language.
pub struct Texts {
    file: &'static str,
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<Box<Texts>>,
}

impl Texts {
    /// The messages of `file` in `lang`; `source` gives each language's file contents.
    pub fn load(
        file: &'static str,
        lang: Lang,
        source: fn(Lang) -> &'static str,
    ) -> Result<Texts, TextError> {
        let file_error = |message: String| TextError::File {
            file,
            lang,
            message,
        };
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
            Lang::Kaa => Some(Box::new(Texts::load(file, Lang::UzLatn, source)?)),
            _ => None,
        };
        Ok(Texts {
            file,
            lang,
            bundle,
            fallback,
        })
    }

    pub fn lang(&self) -> Lang {
        self.lang
    }

    /// The message `key` with `args` put in.
    pub fn get(&self, key: &str, args: &[(&str, &str)]) -> Result<String, TextError> {
        self.format(key, args, None)
    }

    /// The message `key` for `count` of something (the number `$count`, which chooses the
    /// plural form), with `args` put in.
    pub fn count(&self, key: &str, count: i64, args: &[(&str, &str)]) -> Result<String, TextError> {
        self.format(key, args, Some(count))
    }

    fn format(
        &self,
        key: &str,
        args: &[(&str, &str)],
        count: Option<i64>,
    ) -> Result<String, TextError> {
        let pattern = self.bundle.get_message(key).and_then(|m| m.value());
        let Some(pattern) = pattern else {
            return match &self.fallback {
                Some(fallback) => fallback.format(key, args, count),
                None => Err(TextError::Missing {
                    file: self.file,
                    lang: self.lang,
                    key: key.to_owned(),
                }),
            };
        };
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            fluent_args.set(*name, *value);
        }
        if let Some(count) = count {
            fluent_args.set("count", count);
        }
        let mut errors = Vec::new();
        let text = self
            .bundle
            .format_pattern(pattern, Some(&fluent_args), &mut errors);
        if errors.is_empty() {
            Ok(text.into_owned())
        } else {
            Err(TextError::File {
                file: self.file,
                lang: self.lang,
                message: format!("`{key}`: {errors:?}"),
            })
        }
    }
}

/// The keys a Fluent file defines: lines `key = …`.
pub fn keys(source: &str) -> Vec<&str> {
    source
        .lines()
        .filter_map(|line| line.split_once(" = ").map(|(key, _)| key))
        .filter(|key| !key.starts_with(['#', ' ']))
        .collect()
}

/// What is wrong with a set of translations of one file: a language that lacks or adds a key
/// against Uzbek Latin, or a Karakalpak key neither translated nor recorded as a fallback.
pub fn translation_gaps(source: fn(Lang) -> &'static str) -> Vec<String> {
    let mut gaps = Vec::new();
    let reference = keys(source(Lang::UzLatn));
    let kaa = source(Lang::Kaa);
    for key in &reference {
        let translated = keys(kaa).contains(key);
        let recorded = kaa.contains(&format!("# fallback uz-Latn: {key}\n"));
        if !translated && !recorded {
            gaps.push(format!("kaa: `{key}` is neither translated nor recorded"));
        }
    }
    for lang in [Lang::UzCyrl, Lang::Ru, Lang::En] {
        if keys(source(lang)) != reference {
            gaps.push(format!("{lang}: not the same keys as uz-Latn"));
        }
    }
    gaps
}
