//! Translations: the Fluent messages in `locales/<lang>/*.ftl`, one bundle per language.

use std::collections::BTreeMap;

use fluent_bundle::{FluentArgs, FluentBundle, FluentResource, FluentValue};
use mahalla_protocol::lang::Lang;
use unic_langid::LanguageIdentifier;

/// The message files, embedded so the terminal needs nothing beside its binary.
pub const SOURCES: [(Lang, &str); 5] = [
    (
        Lang::UzLatn,
        include_str!("../../locales/uz-Latn/kiosk.ftl"),
    ),
    (
        Lang::UzCyrl,
        include_str!("../../locales/uz-Cyrl/kiosk.ftl"),
    ),
    (Lang::Ru, include_str!("../../locales/ru/kiosk.ftl")),
    (Lang::En, include_str!("../../locales/en/kiosk.ftl")),
    (Lang::Kaa, include_str!("../../locales/kaa/kiosk.ftl")),
];

#[derive(Debug, thiserror::Error)]
pub enum I18nError {
    #[error("locales/{lang}: {message}")]
    Parse { lang: Lang, message: String },
}

/// The language whose plural rules apply: CLDR keys Uzbek rules by `uz` for both scripts.
fn plural_language(lang: Lang) -> LanguageIdentifier {
    let tag = match lang {
        Lang::UzLatn | Lang::UzCyrl => "uz",
        Lang::Ru => "ru",
        Lang::En => "en",
        Lang::Kaa => "kaa",
    };
    tag.parse().unwrap_or_default()
}

pub struct Translations {
    bundles: BTreeMap<Lang, FluentBundle<FluentResource>>,
}

impl Translations {
    /// Parses every embedded message file.
    pub fn load() -> Result<Translations, I18nError> {
        let mut bundles = BTreeMap::new();
        for (lang, source) in SOURCES {
            let resource = FluentResource::try_new(source.to_owned()).map_err(|(_, errors)| {
                I18nError::Parse {
                    lang,
                    message: format!("{errors:?}"),
                }
            })?;
            let mut bundle = FluentBundle::new(vec![plural_language(lang)]);
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .map_err(|errors| I18nError::Parse {
                    lang,
                    message: format!("{errors:?}"),
                })?;
            bundles.insert(lang, bundle);
        }
        Ok(Translations { bundles })
    }

    /// The message `id` in `lang`. A message missing from a language is shown in Uzbek Latin;
    /// missing everywhere, it is logged and shown as nothing, never as its id.
    pub fn text(&self, lang: Lang, id: &str) -> String {
        self.format(lang, id, None)
    }

    /// Whether there is a message `id` (in Uzbek Latin, which every message has).
    pub fn has(&self, id: &str) -> bool {
        self.bundles
            .get(&Lang::UzLatn)
            .is_some_and(|bundle| bundle.has_message(id))
    }

    /// The message `id` with a count, choosing the plural form of `lang`.
    pub fn count(&self, lang: Lang, id: &str, count: i64) -> String {
        let mut args = FluentArgs::new();
        args.set("count", FluentValue::from(count));
        self.format(lang, id, Some(&args))
    }

    /// The message `id` with named string arguments.
    pub fn with(&self, lang: Lang, id: &str, named: &[(&str, &str)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in named {
            args.set(*name, FluentValue::from(*value));
        }
        self.format(lang, id, Some(&args))
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        for lang in [lang, Lang::UzLatn] {
            let Some(bundle) = self.bundles.get(&lang) else {
                continue;
            };
            let Some(pattern) = bundle.get_message(id).and_then(|message| message.value()) else {
                continue;
            };
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, args, &mut errors);
            if !errors.is_empty() {
                tracing::warn!(%lang, id, ?errors, "message formatted with errors");
            }
            return text.into_owned();
        }
        tracing::error!(%lang, id, "no such message");
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_syntax::ast::{Entry, Resource};
    use fluent_syntax::parser;

    use super::*;

    fn parse(lang: Lang, source: &'static str) -> Resource<&'static str> {
        parser::parse(source).unwrap_or_else(|(_, errors)| panic!("{lang}: {errors:?}"))
    }

    fn ids(resource: &Resource<&str>) -> BTreeSet<String> {
        resource
            .body
            .iter()
            .filter_map(|entry| match entry {
                Entry::Message(message) => Some(message.id.name.to_owned()),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_locale_parses_and_has_the_same_messages() {
        let reference = ids(&parse(Lang::En, SOURCES[3].1));
        assert!(reference.len() > 50, "the English file has the full set");
        for (lang, source) in SOURCES {
            let resource = parse(lang, source);
            assert!(
                !resource
                    .body
                    .iter()
                    .any(|entry| matches!(entry, Entry::Junk { .. })),
                "{lang} has unparsable entries"
            );
            let found = ids(&resource);
            let missing: Vec<_> = reference.difference(&found).collect();
            let extra: Vec<_> = found.difference(&reference).collect();
            assert!(
                missing.is_empty() && extra.is_empty(),
                "{lang}: missing {missing:?}, extra {extra:?}"
            );
        }
        assert!(Translations::load().is_ok());
    }

    #[test]
    fn karakalpak_repeats_uzbek_only_where_the_file_records_the_fallback() {
        let uz = parse(Lang::UzLatn, SOURCES[0].1);
        let en = parse(Lang::En, SOURCES[3].1);
        let kaa = parse(Lang::Kaa, SOURCES[4].1);
        let text_of = |resource: &Resource<&'static str>, id: &str| -> Option<String> {
            resource.body.iter().find_map(|entry| match entry {
                Entry::Message(message) if message.id.name == id => {
                    Some(format!("{:?}", message.value))
                }
                _ => None,
            })
        };
        // Counts the messages the file marks, as a fallback or as the same word as Uzbek Latin:
        // it shows the notes are read at all, also once no message falls back any more.
        let mut noted = 0;
        for entry in &kaa.body {
            let Entry::Message(message) = entry else {
                continue;
            };
            let says = |note: &str| {
                message
                    .comment
                    .as_ref()
                    .is_some_and(|comment| comment.content.iter().any(|line| line.trim() == note))
            };
            if says("fallback: uz-Latn") || says("same word as uz-Latn") {
                noted += 1;
                continue;
            }
            let text = Some(format!("{:?}", message.value));
            let repeats_uzbek = text_of(&uz, message.id.name) == text;
            let language_neutral = text_of(&en, message.id.name) == text;
            assert!(
                !repeats_uzbek || language_neutral,
                "kaa message {} repeats uz-Latn without `# fallback: uz-Latn`",
                message.id.name
            );
        }
        assert!(noted > 0, "the notes on the Karakalpak messages are found");
    }

    #[test]
    fn russian_plurals_use_one_few_many() {
        let tr = Translations::load().expect("translations");
        let one = tr.count(Lang::Ru, "net-waiting", 1);
        let few = tr.count(Lang::Ru, "net-waiting", 3);
        let many = tr.count(Lang::Ru, "net-waiting", 5);
        let twenty_one = tr.count(Lang::Ru, "net-waiting", 21);
        assert!(one.starts_with("1 "), "{one}");
        assert_ne!(
            one,
            few.replacen('3', "1", 1),
            "one and few differ: {one} / {few}"
        );
        assert_ne!(
            few.replacen('3', "5", 1),
            many,
            "few and many differ: {few} / {many}"
        );
        assert_eq!(
            twenty_one.replacen("21", "1", 1),
            one,
            "21 takes the 'one' form"
        );
        let english = tr.count(Lang::En, "net-waiting", 1);
        assert_eq!(english, "1 application waiting to be sent");
        assert_eq!(
            tr.count(Lang::En, "net-waiting", 2),
            "2 applications waiting to be sent"
        );
    }

    #[test]
    fn uzbek_latin_texts_use_the_modifier_letters() {
        for (lang, source) in [SOURCES[0], SOURCES[4]] {
            for bad in ['\u{2018}', '\u{2019}', '`', '\''] {
                assert!(!source.contains(bad), "{lang} contains {bad:?}");
            }
        }
    }

    #[test]
    fn a_missing_message_never_shows_its_id() {
        let tr = Translations::load().expect("translations");
        assert_eq!(tr.text(Lang::En, "no-such-message"), "");
        assert_eq!(tr.text(Lang::En, "nav-back"), "Back");
    }
}

#[cfg(test)]
mod screen_texts {
    use super::*;

    /// Every message id the `.slint` screens ask `Tr` for.
    fn ids_in_screens() -> Vec<String> {
        let mut ids = Vec::new();
        for (_, text) in screen_files() {
            for call in ["Tr.tr(\"", "Tr.tr-count(\""] {
                for (start, _) in text.match_indices(call) {
                    let rest = &text[start + call.len()..];
                    if let Some(end) = rest.find('"') {
                        ids.push(rest[..end].to_owned());
                    }
                }
            }
        }
        ids
    }

    /// Every `.slint` file of the screens, with its text.
    fn screen_files() -> Vec<(std::path::PathBuf, String)> {
        let mut files = Vec::new();
        let mut dirs = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../ui"
        ))];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("ui dir").flatten() {
                let path = entry.path();
                if path.is_dir() {
                    dirs.push(path);
                } else if path.extension().is_some_and(|ext| ext == "slint") {
                    let text = std::fs::read_to_string(&path).expect("slint file");
                    files.push((path, text));
                }
            }
        }
        files
    }

    /// The screens draw with the bundled Noto Sans only: a sign it lacks would come from
    /// whatever fonts a device happens to have, or be a box.
    #[test]
    fn every_sign_the_screens_show_is_in_the_bundled_font() {
        let glyphs = mahalla_escpos::glyphs::Glyphs::load().expect("font");
        let mut sources: Vec<(String, String)> = SOURCES
            .iter()
            .map(|(lang, text)| (format!("locales/{lang}/kiosk.ftl"), (*text).to_owned()))
            .collect();
        sources.push((
            "assets/catalogue.json".to_owned(),
            mahalla_protocol::bundled::CATALOGUE_JSON.to_owned(),
        ));
        for (path, text) in screen_files() {
            // Only what is between quotes is shown; comments may say anything.
            let shown: String = text
                .lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .flat_map(|line| line.split('"').skip(1).step_by(2))
                .collect();
            sources.push((path.display().to_string(), shown));
        }
        for (source, text) in sources {
            let missing: Vec<char> = text
                .chars()
                .filter(|c| !c.is_control() && !glyphs.covers(*c))
                .collect();
            assert!(
                missing.is_empty(),
                "{source}: {missing:?} are not in Noto Sans"
            );
        }
    }

    #[test]
    fn every_text_the_screens_ask_for_exists_in_every_language() {
        let tr = Translations::load().expect("translations");
        let ids = ids_in_screens();
        assert!(ids.len() > 40, "found the screens' texts ({})", ids.len());
        for id in &ids {
            for lang in Lang::ALL {
                let bundle = &tr.bundles[&lang];
                assert!(bundle.has_message(id), "{lang} has no message {id}");
            }
        }
    }

    #[test]
    fn every_kind_of_sync_problem_has_a_message_in_every_language() {
        let tr = Translations::load().expect("translations");
        let ids = crate::store::SyncProblem::ALL
            .map(crate::store::SyncProblem::message_id)
            .into_iter()
            .chain(["staff-sync-problem-other".to_owned()]);
        for id in ids {
            for lang in Lang::ALL {
                assert!(tr.bundles[&lang].has_message(&id), "{lang} has no {id}");
            }
        }
    }

    #[test]
    fn every_printer_error_has_a_message_in_every_language() {
        let tr = Translations::load().expect("translations");
        for code in crate::printer::transport::PrintError::CODES {
            for lang in Lang::ALL {
                assert!(tr.bundles[&lang].has_message(code), "{lang} has no {code}");
            }
        }
    }
}

/// How much of what a Karakalpak resident reads is in Karakalpak: the screens, the receipt,
/// the phone's status page and the catalogue, each fallback to Uzbek Latin counted.
#[cfg(test)]
mod karakalpak_coverage {
    use fluent_syntax::ast::Entry;
    use fluent_syntax::parser;

    /// Messages of a file, and those of them Karakalpak leaves to Uzbek Latin: marked
    /// `# fallback: uz-Latn` on the message, or missing from the Karakalpak file.
    fn count_messages(uz: &str, kaa: &str) -> (usize, usize) {
        let ids = |source: &str| -> Vec<(String, bool)> {
            let resource =
                parser::parse(source.to_owned()).unwrap_or_else(|(resource, _)| resource);
            resource
                .body
                .into_iter()
                .filter_map(|entry| match entry {
                    Entry::Message(message) => {
                        let fallback = message.comment.is_some_and(|comment| {
                            comment
                                .content
                                .iter()
                                .any(|line| line.trim() == "fallback: uz-Latn")
                        });
                        Some((message.id.name, fallback))
                    }
                    _ => None,
                })
                .collect()
        };
        let kaa = ids(kaa);
        let uz = ids(uz);
        let fallbacks = uz
            .iter()
            .filter(|(id, _)| {
                kaa.iter()
                    .find(|(kaa_id, _)| kaa_id == id)
                    .is_none_or(|(_, fallback)| *fallback)
            })
            .count();
        (uz.len(), fallbacks)
    }

    /// Texts of the catalogue, and those whose Karakalpak is `{"fallback": "uz-Latn"}`.
    fn count_catalogue(value: &serde_json::Value) -> (usize, usize) {
        match value {
            serde_json::Value::Object(map) if map.contains_key("uz-Latn") => (
                1,
                usize::from(map.get("kaa").is_none_or(|kaa| !kaa.is_string())),
            ),
            serde_json::Value::Object(map) => map.values().map(count_catalogue).fold((0, 0), add),
            serde_json::Value::Array(items) => items.iter().map(count_catalogue).fold((0, 0), add),
            _ => (0, 0),
        }
    }

    fn add(a: (usize, usize), b: (usize, usize)) -> (usize, usize) {
        (a.0 + b.0, a.1 + b.1)
    }

    #[test]
    fn at_least_95_percent_of_what_a_karakalpak_resident_reads_is_karakalpak() {
        let catalogue: serde_json::Value =
            serde_json::from_str(mahalla_protocol::bundled::CATALOGUE_JSON).expect("catalogue");
        let parts = [
            (
                "screens",
                count_messages(super::SOURCES[0].1, super::SOURCES[4].1),
            ),
            (
                "receipt",
                count_messages(
                    include_str!("../../locales/uz-Latn/receipt.ftl"),
                    include_str!("../../locales/kaa/receipt.ftl"),
                ),
            ),
            (
                "status page",
                count_messages(
                    include_str!("../../locales/uz-Latn/status-page.ftl"),
                    include_str!("../../locales/kaa/status-page.ftl"),
                ),
            ),
            ("catalogue", count_catalogue(&catalogue)),
        ];
        for (part, (texts, fallbacks)) in parts {
            println!("{part}: {texts} texts, {fallbacks} in Uzbek Latin");
        }
        let (texts, fallbacks) = parts.iter().map(|(_, counts)| *counts).fold((0, 0), add);
        let translated = texts - fallbacks;
        println!(
            "Karakalpak: {translated} of {texts} texts translated ({:.1} %)",
            translated as f64 * 100.0 / texts as f64
        );
        assert!(texts > 500, "every file is counted");
        assert!(
            translated * 100 >= texts * 95,
            "only {translated} of {texts} texts are in Karakalpak"
        );
    }
}
