//! Queuing status notices: in the same transaction as the status change, and only when the
//! resident gave a phone number and consent (`phone` and `notify_consent = yes` in the
//! submission). `notify` delivers them.

use mahalla_protocol::wire::{Status, SubmissionPayload};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::notice;

/// The form value that records the resident's consent to notices.
pub const CONSENT_KEY: &str = "notify_consent";

/// Queues a notice for a status change if the resident asked for one.
pub(crate) fn enqueue(
    transaction: &Transaction<'_>,
    submission_id: &str,
    status: Status,
    answer: Option<&str>,
    now_text: &str,
) -> rusqlite::Result<()> {
    let found: Option<(String, String)> = transaction
        .query_row(
            "SELECT receipt_code, plaintext FROM submissions WHERE id = ?1",
            [submission_id],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    let Some((receipt_code, plaintext)) = found else {
        return Ok(());
    };
    let Ok(payload) = serde_json::from_str::<SubmissionPayload>(&plaintext) else {
        return Ok(());
    };
    let phone = payload.values.get("phone").map(|p| p.trim()).unwrap_or("");
    let consent = payload.values.get(CONSENT_KEY).is_some_and(|v| v == "yes");
    if phone.is_empty() || !consent {
        return Ok(());
    }
    let text = notice::text(payload.lang, &receipt_code, status, answer);
    transaction.execute(
        "INSERT INTO notifications (submission_id, phone, text, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![submission_id, phone, text, now_text],
    )?;
    Ok(())
}
