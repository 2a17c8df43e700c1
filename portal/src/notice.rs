//! A status notice for a resident: who gets one (a phone number given and consent ticked,
//! `phone` and `notify_consent = yes` in the form), its text in their language (receipt code,
//! new status, the answer; short on purpose: an SMS in Cyrillic or with oʻ gʻ holds 70
//! characters a segment), and the notice sealed to the portal's own key, as the database
//! keeps it.

use mahalla_protocol::catalogue::{CONSENT_GIVEN, NOTIFY_CONSENT_KEY};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::{Status, SubmissionPayload};

use crate::keys::KeyRing;

/// A notice ready to go out.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    pub phone: String,
    pub text: String,
}

impl Notice {
    /// The notice of `status` for the resident who made `payload`, when they asked for one.
    pub fn for_resident(
        payload: &SubmissionPayload,
        receipt_code: &str,
        status: Status,
        answer: Option<&str>,
    ) -> Option<Notice> {
        let phone = payload.values.get("phone").map(|p| p.trim())?;
        let consent = payload
            .values
            .get(NOTIFY_CONSENT_KEY)
            .is_some_and(|v| v == CONSENT_GIVEN);
        (consent && !phone.is_empty()).then(|| Notice {
            phone: phone.to_owned(),
            text: text(payload.lang, receipt_code, status, answer),
        })
    }

    /// The notice as the database keeps it; `None` only if encryption failed.
    pub fn seal(&self, keys: &KeyRing) -> Option<Vec<u8>> {
        keys.seal(&serde_json::to_vec(self).ok()?)
    }

    /// A sealed notice read back.
    pub fn open(keys: &KeyRing, sealed: &[u8]) -> Option<Notice> {
        serde_json::from_slice(&keys.open_stored(sealed)?).ok()
    }
}

/// [`Notice::for_resident`], sealed; `None` when there is none to send.
pub fn sealed_for(
    keys: &KeyRing,
    payload: &SubmissionPayload,
    receipt_code: &str,
    status: Status,
    answer: Option<&str>,
) -> Option<Vec<u8>> {
    let notice = Notice::for_resident(payload, receipt_code, status, answer)?;
    let sealed = notice.seal(keys);
    if sealed.is_none() {
        tracing::error!(receipt_code, "cannot seal a notice; it is not sent");
    }
    sealed
}

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
