//! The dashboard's words in the staff member's language (`locales/<lang>/dashboard.ftl`), and
//! days and times as people read them in Tashkent, in that language.

use std::sync::OnceLock;

use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::software_update::UpdateState;
use mahalla_protocol::texts::{TextError, Texts};
use time::{Date, OffsetDateTime};

/// The languages the dashboard speaks; the first is the one it starts in.
pub const LANGUAGES: [Lang; 4] = [Lang::UzLatn, Lang::UzCyrl, Lang::Ru, Lang::En];

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::UzCyrl => include_str!("../../../locales/uz-Cyrl/dashboard.ftl"),
        Lang::Ru => include_str!("../../../locales/ru/dashboard.ftl"),
        Lang::En => include_str!("../../../locales/en/dashboard.ftl"),
        // Agency staff read Uzbek, Russian or English; a Karakalpak tag reads Uzbek.
        Lang::UzLatn | Lang::Kaa => include_str!("../../../locales/uz-Latn/dashboard.ftl"),
    }
}

/// One of the dashboard's languages by its tag; `None` for any other.
pub fn language(tag: &str) -> Option<Lang> {
    LANGUAGES.into_iter().find(|lang| lang.tag() == tag)
}

/// Each language's messages, loaded once.
fn loaded() -> &'static [Result<Texts, TextError>] {
    static LOADED: OnceLock<Vec<Result<Texts, TextError>>> = OnceLock::new();
    LOADED.get_or_init(|| {
        LANGUAGES
            .into_iter()
            .map(|lang| Texts::load("dashboard.ftl", lang, source))
            .collect()
    })
}

/// The dashboard's words in one language.
#[derive(Clone, Copy)]
pub struct Words {
    lang: Lang,
    texts: Option<&'static Texts>,
}

/// The language the dashboard starts in.
impl Default for Words {
    fn default() -> Self {
        Words::of(LANGUAGES[0])
    }
}

impl Words {
    pub fn of(lang: Lang) -> Words {
        let index = LANGUAGES.iter().position(|l| *l == lang).unwrap_or(0);
        let texts = match loaded().get(index) {
            Some(Ok(texts)) => Some(texts),
            Some(Err(error)) => {
                tracing::error!(%error, "dashboard words");
                None
            }
            None => None,
        };
        Words {
            lang: LANGUAGES.get(index).copied().unwrap_or(Lang::UzLatn),
            texts,
        }
    }

    pub fn lang(self) -> Lang {
        self.lang
    }

    fn found(self, key: &str, text: Option<Result<String, TextError>>) -> String {
        match text {
            Some(Ok(text)) => text,
            Some(Err(error)) => {
                tracing::error!(%error, "dashboard words");
                key.to_owned()
            }
            None => key.to_owned(),
        }
    }

    /// The message `key`.
    pub fn get(self, key: &str) -> String {
        self.with(key, &[])
    }

    /// The message `key` with `args` put in.
    pub fn with(self, key: &str, args: &[(&str, &str)]) -> String {
        self.found(key, self.texts.map(|texts| texts.get(key, args)))
    }

    /// The message `key` for `count` of something, with `args` put in.
    pub fn count(self, key: &str, count: i64, args: &[(&str, &str)]) -> String {
        self.found(key, self.texts.map(|texts| texts.count(key, count, args)))
    }

    /// A day as people write it in this language.
    pub fn date(self, day: Date) -> String {
        let month = self.get(&format!("month-{}", u8::from(day.month())));
        self.with(
            "date",
            &[
                ("day", &day.day().to_string()),
                ("month", &month),
                ("year", &day.year().to_string()),
            ],
        )
    }

    /// A moment as people read it in Tashkent: its day and its time of day.
    pub fn time(self, at: OffsetDateTime) -> String {
        let at = at.to_offset(UZBEKISTAN);
        self.with(
            "date-time",
            &[
                ("date", &self.date(at.date())),
                ("time", &format!("{:02}:{:02}", at.hour(), at.minute())),
            ],
        )
    }

    /// A time the portal keeps (Unix ms) as people read it in Tashkent.
    pub fn time_ms(self, ms: i64) -> String {
        OffsetDateTime::from_unix_timestamp_nanos(i128::from(ms) * 1_000_000)
            .map(|at| self.time(at))
            .unwrap_or_default()
    }

    /// A time a terminal signed (RFC 3339) as people read it in Tashkent; the text itself
    /// when it is not a time.
    pub fn signed_time(self, rfc3339: &str) -> String {
        OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
            .map(|at| self.time(at))
            .unwrap_or_else(|_| rfc3339.to_owned())
    }

    /// The name of a status.
    pub fn status(self, name: &str) -> String {
        self.get(&format!("status-{name}"))
    }

    /// Where a terminal's software update stands, after the version it is about.
    pub fn update(self, state: &UpdateState) -> String {
        let words = match state {
            UpdateState::Downloading { bytes, total, .. } => {
                let percent = bytes.saturating_mul(100).checked_div(*total).unwrap_or(0);
                self.with(
                    "update-downloading",
                    &[("percent", &percent.min(100).to_string())],
                )
            }
            UpdateState::Refused { reason, .. } => {
                self.with("update-refused", &[("reason", reason)])
            }
            other => self.get(&format!("update-{}", other.name())),
        };
        match state.version() {
            Some(version) => format!("{version}: {words}"),
            None => words,
        }
    }
}

#[cfg(test)]
mod tests {
    use mahalla_protocol::texts::keys;
    use mahalla_protocol::wire::Status;
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let reference = keys(source(Lang::UzLatn));
        for lang in LANGUAGES {
            assert_eq!(keys(source(lang)), reference, "{lang}");
            let texts = Texts::load("dashboard.ftl", lang, source).expect("loads");
            // Every variable a message may use, so that each one resolves.
            let args = [
                ("date", "1-dekabr 2026"),
                ("time", "10:00"),
                ("day", "1"),
                ("month", "dekabr"),
                ("year", "2026"),
                ("code", "000-100-001B"),
                ("staff", "7"),
                ("checked", "ha"),
                ("language", "Oʻzbekcha"),
                ("user", "nodira"),
                ("reason", "Qoʻshimcha oʻrganish"),
                ("most", "9"),
                ("percent", "45"),
            ];
            for key in &reference {
                let text = texts.count(key, 2, &args);
                assert!(text.is_ok_and(|text| !text.is_empty()), "{lang} {key}");
            }
            for status in Status::ALL {
                assert!(
                    texts
                        .get(&format!("status-{}", status.as_str()), &[])
                        .is_ok()
                );
            }
        }
    }

    #[test]
    fn an_updates_state_reads_as_words_after_its_version() {
        use mahalla_protocol::software_update::{Source, UpdateError};
        let v = |text: &str| text.parse().expect("version");
        let en = Words::of(Lang::En);
        let states = [
            (UpdateState::Idle, "no update waiting"),
            (
                UpdateState::Downloading {
                    version: v("0.2.0"),
                    bytes: 450,
                    total: 1_000,
                },
                "0.2.0: downloading, 45 %",
            ),
            (
                UpdateState::Ready {
                    version: v("0.2.0"),
                    source: Source::Usb,
                },
                "0.2.0: ready to install",
            ),
            (
                UpdateState::Installing {
                    version: v("0.2.0"),
                    source: Source::Portal,
                },
                "0.2.0: installing",
            ),
            (
                UpdateState::Installed {
                    version: v("0.2.0"),
                },
                "0.2.0: installed, runs from the next restart",
            ),
            (
                UpdateState::refused(None, Source::Usb, &UpdateError::Unsigned),
                "refused (update-unsigned)",
            ),
            (
                UpdateState::RolledBack {
                    version: v("0.2.0"),
                },
                "0.2.0: did not start, back on the version before",
            ),
        ];
        for (state, words) in states {
            assert_eq!(en.update(&state), words);
            for lang in LANGUAGES {
                let shown = Words::of(lang).update(&state);
                assert!(
                    !shown.contains("update-") || shown.contains("(update-"),
                    "{lang}: {shown}"
                );
            }
        }
        let empty = UpdateState::Downloading {
            version: v("0.2.0"),
            bytes: 0,
            total: 0,
        };
        assert_eq!(en.update(&empty), "0.2.0: downloading, 0 %");
    }

    #[test]
    fn days_and_times_are_tashkents_in_each_language() {
        // 19:30 UTC on 6 December is 00:30 on the 7th in Tashkent.
        let at = datetime!(2026-12-06 19:30 UTC);
        let shown: Vec<String> = LANGUAGES
            .into_iter()
            .map(|lang| Words::of(lang).time(at))
            .collect();
        assert_eq!(
            shown,
            [
                "7-dekabr 2026, 00:30",
                "7-декабрь 2026, 00:30",
                "7 декабря 2026, 00:30",
                "7 December 2026, 00:30",
            ]
        );
        assert_eq!(
            Words::of(Lang::Ru).date(date!(2027 - 01 - 03)),
            "3 января 2027"
        );
    }

    #[test]
    fn counted_words_take_each_languages_plural() {
        let ru = Words::of(Lang::Ru);
        let days = |n| ru.count("days", n, &[]);
        assert_eq!(
            [days(1), days(3), days(5), days(21)],
            ["1 день", "3 дня", "5 дней", "21 день"]
        );
        assert_eq!(Words::of(Lang::En).count("days", 1, &[]), "1 day");
    }
}
