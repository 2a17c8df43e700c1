//! A status notice's text in the resident's language: receipt code, new status, the answer.
//! Short on purpose: an SMS in Cyrillic or with oʻ gʻ holds 70 characters a segment.

use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::Status;

fn status_name(lang: Lang, status: Status) -> &'static str {
    use Status::*;
    match (lang, status) {
        (Lang::Ru, Received) => "получено",
        (Lang::Ru, InReview) => "на рассмотрении",
        (Lang::Ru, NeedsInformation) => "нужны сведения",
        (Lang::Ru, Approved) => "одобрено",
        (Lang::Ru, Rejected) => "отклонено",
        (Lang::Ru, Completed) => "выполнено",
        (Lang::En, Received) => "received",
        (Lang::En, InReview) => "in review",
        (Lang::En, NeedsInformation) => "needs information",
        (Lang::En, Approved) => "approved",
        (Lang::En, Rejected) => "rejected",
        (Lang::En, Completed) => "completed",
        (Lang::UzCyrl, Received) => "қабул қилинди",
        (Lang::UzCyrl, InReview) => "кўриб чиқилмоқда",
        (Lang::UzCyrl, NeedsInformation) => "маълумот керак",
        (Lang::UzCyrl, Approved) => "маъқулланди",
        (Lang::UzCyrl, Rejected) => "рад этилди",
        (Lang::UzCyrl, Completed) => "бажарилди",
        (Lang::UzLatn | Lang::Kaa, Received) => "qabul qilindi",
        (Lang::UzLatn | Lang::Kaa, InReview) => "koʻrib chiqilmoqda",
        (Lang::UzLatn | Lang::Kaa, NeedsInformation) => "maʼlumot kerak",
        (Lang::UzLatn | Lang::Kaa, Approved) => "maʼqullandi",
        (Lang::UzLatn | Lang::Kaa, Rejected) => "rad etildi",
        (Lang::UzLatn | Lang::Kaa, Completed) => "bajarildi",
    }
}

fn lead(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "Обращение",
        Lang::En => "Application",
        Lang::UzCyrl => "Мурожаат",
        Lang::UzLatn | Lang::Kaa => "Murojaat",
    }
}

/// How much of the agency's answer a notice carries; the rest is on the receipt's status
/// page and at the terminal.
pub const ANSWER_START_CHARS: usize = 120;

pub fn text(lang: Lang, receipt_code: &str, status: Status, answer: Option<&str>) -> String {
    let mut text = format!(
        "{} {receipt_code}: {}.",
        lead(lang),
        status_name(lang, status)
    );
    if let Some(answer) = answer.map(str::trim).filter(|answer| !answer.is_empty()) {
        text.push(' ');
        let mut chars = answer.chars();
        text.extend(chars.by_ref().take(ANSWER_START_CHARS));
        if chars.next().is_some() {
            text.push('…');
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_in_the_residents_language() {
        assert_eq!(
            text(
                Lang::UzLatn,
                "000-100-001B",
                Status::Approved,
                Some("Tayyor.")
            ),
            "Murojaat 000-100-001B: maʼqullandi. Tayyor."
        );
        assert_eq!(
            text(Lang::Ru, "000-100-001B", Status::InReview, None),
            "Обращение 000-100-001B: на рассмотрении."
        );
    }

    #[test]
    fn a_long_answer_is_cut_to_its_start() {
        let answer = "ж".repeat(ANSWER_START_CHARS + 40);
        let text = text(Lang::Ru, "000-100-001B", Status::Approved, Some(&answer));
        assert!(text.ends_with('…'), "{text}");
        assert_eq!(
            text.chars().filter(|c| *c == 'ж').count(),
            ANSWER_START_CHARS
        );
    }
}
