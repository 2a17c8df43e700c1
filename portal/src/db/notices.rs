//! Queuing status notices: in the same transaction as the change they tell of (the portal
//! storing the submission, an agency setting a status), so each is queued exactly once; and
//! only when the resident gave a phone number and ticked consent (`phone` and
//! `notify_consent = yes` in the submission). `notify` delivers them.

use mahalla_protocol::catalogue::{CONSENT_GIVEN, NOTIFY_CONSENT_KEY};
use mahalla_protocol::wire::{Status, SubmissionPayload};
use rusqlite::{OptionalExtension, Transaction, params};

use crate::notice;

/// Queues a notice for a new status (`received` when the portal stores the submission) if
/// the resident asked for one.
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
    let consent = payload
        .values
        .get(NOTIFY_CONSENT_KEY)
        .is_some_and(|v| v == CONSENT_GIVEN);
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
