//! The page a phone opens from a receipt's QR code: the status, its history and the agency's
//! answer, in the resident's language with links to the other four. Small, no script, readable
//! on a small screen; `maud` escapes every value. Only what the printed receipt already shows
//! (service, mahalla, code, date) and the answer: the QR's signature proves the reader holds
//! the receipt.

use mahalla_protocol::lang::Lang;
use mahalla_protocol::tashkent_time;
use mahalla_protocol::texts::{TextError, Texts};
use maud::{DOCTYPE, Markup, html};

fn source(lang: Lang) -> &'static str {
    match lang {
        Lang::UzLatn => include_str!("../../locales/uz-Latn/status-page.ftl"),
        Lang::UzCyrl => include_str!("../../locales/uz-Cyrl/status-page.ftl"),
        Lang::Ru => include_str!("../../locales/ru/status-page.ftl"),
        Lang::En => include_str!("../../locales/en/status-page.ftl"),
        Lang::Kaa => include_str!("../../locales/kaa/status-page.ftl"),
    }
}

/// The page's words in `lang`.
pub fn texts(lang: Lang) -> Result<Texts, TextError> {
    Texts::load("status-page.ftl", lang, source)
}

/// What the page shows about one receipt.
pub struct ReceiptView<'a> {
    pub receipt_code: &'a str,
    pub service: &'a str,
    pub mahalla: &'a str,
    pub created_at: &'a str,
    pub status: &'a str,
    pub answer: Option<&'a str>,
    /// `(status, changed_at)`, oldest first.
    pub history: &'a [(String, String)],
}

const STYLE: &str = "body{font:1.125rem/1.5 system-ui,sans-serif;margin:0 auto;max-width:40rem;\
padding:1rem;color:#1b2430;background:#fff}h1{font-size:1.5rem;margin:.5rem 0}\
.code{font-size:2rem;font-weight:700;letter-spacing:.05em;margin:.25rem 0 1rem}\
dl{margin:0}dt{color:#4a5563;font-size:1rem}dd{margin:0 0 .75rem}\
.now{font-size:1.5rem;font-weight:700;color:#0b6e4f}\
.answer{border-left:.3rem solid #0b6e4f;padding:.25rem 0 .25rem .75rem;white-space:pre-wrap}\
ol{padding-left:1.25rem}nav a{display:inline-block;margin:.25rem .75rem .25rem 0;padding:.5rem;\
color:#0b4f8a}footer{color:#4a5563;font-size:1rem;margin-top:1.5rem}";

fn page(lang: Lang, title: &str, languages_label: &str, body: Markup, private: &str) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(lang.tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="robots" content="noindex";
                title { (title) }
                style { (STYLE) }
            }
            body {
                main { (body) }
                nav aria-label=(languages_label) {
                    @for other in Lang::ALL.into_iter().filter(|other| *other != lang) {
                        a href={ "?lang=" (other.tag()) } hreflang=(other.tag()) lang=(other.tag()) {
                            (other.native_name())
                        }
                    }
                }
                footer { (private) }
            }
        }
    }
}

/// The status page of a genuine receipt.
pub fn receipt(lang: Lang, view: &ReceiptView<'_>) -> Result<Markup, TextError> {
    let t = texts(lang)?;
    let get = |key: &str| t.get(key, &[]);
    let status_name = |status: &str| get(&format!("status-{status}"));
    let body = html! {
        h1 { (get("status-page-title")?) }
        p class="code" id="code" aria-label=(get("status-page-code")?) { (view.receipt_code) }
        dl {
            dt { (get("status-page-service")?) } dd id="service" { (view.service) }
            dt { (get("status-page-mahalla")?) } dd { (view.mahalla) }
            dt { (get("status-page-submitted")?) } dd { (tashkent_time(view.created_at)) }
            dt { (get("status-page-now")?) } dd class="now" id="status" { (status_name(view.status)?) }
        }
        h2 { (get("status-page-answer")?) }
        @match view.answer {
            Some(answer) => p class="answer" id="answer" { (answer) },
            None => p id="no-answer" { (get("status-page-no-answer")?) },
        }
        h2 { (get("status-page-history")?) }
        ol id="history" {
            @for (status, at) in view.history {
                li { (status_name(status)?) " — " time datetime=(at) { (tashkent_time(at)) } }
            }
        }
    };
    Ok(page(
        lang,
        &get("status-page-title")?,
        &get("status-page-languages")?,
        body,
        &get("status-page-private")?,
    ))
}

/// The page for a QR that no genuine receipt answers to.
pub fn not_found(lang: Lang) -> Result<Markup, TextError> {
    let t = texts(lang)?;
    let get = |key: &str| t.get(key, &[]);
    let body = html! {
        h1 { (get("status-page-not-found-title")?) }
        p id="not-found" { (get("status-page-not-found")?) }
    };
    Ok(page(
        lang,
        &get("status-page-not-found-title")?,
        &get("status-page-languages")?,
        body,
        &get("status-page-private")?,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use mahalla_protocol::wire::Status;

    #[test]
    fn every_language_has_every_message_and_every_status() {
        let gaps = mahalla_protocol::texts::translation_gaps(source);
        assert!(gaps.is_empty(), "{gaps:?}");
        for lang in Lang::ALL {
            let t = texts(lang).expect("messages");
            for status in Status::ALL {
                let name = t.get(&format!("status-{}", status.as_str()), &[]);
                assert!(name.is_ok_and(|n| !n.is_empty()), "{lang} {status:?}");
            }
        }
    }

    #[test]
    fn resident_text_is_escaped_and_other_languages_are_linked() {
        let history = [("received".to_owned(), "2026-12-05T10:00:00Z".to_owned())];
        let view = ReceiptView {
            receipt_code: "000-100-001B",
            service: "Taklif",
            mahalla: "Navroʻz",
            created_at: "2026-12-05T09:59:00Z",
            status: "approved",
            answer: Some("<b>Tayyor</b>"),
            history: &history,
        };
        let html = receipt(Lang::Ru, &view).expect("page").into_string();
        assert!(html.contains("&lt;b&gt;Tayyor&lt;/b&gt;"), "{html}");
        assert!(html.contains("<html lang=\"ru\">"));
        assert!(html.contains("Одобрено") && html.contains("05.12.2026 15:00"));
        for other in ["uz-Latn", "uz-Cyrl", "en", "kaa"] {
            assert!(html.contains(&format!("href=\"?lang={other}\"")), "{other}");
        }
        assert!(!html.contains("href=\"?lang=ru\""));
        assert!(!html.contains("<script"));
    }
}
