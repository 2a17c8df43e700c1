//! Status notices for residents: queued in the same transaction as the status change, only
//! when the resident gave a phone number and consent (`phone` and `notify_consent = yes` in
//! the submission), then delivered by the server through the configured channels (an SMS
//! gateway over HTTP, the Telegram Bot API), each marking its own delivery, with retries.

mod channels;
mod deliver;
mod message;

use mahalla_protocol::wire::{Status, SubmissionPayload};
use rusqlite::{OptionalExtension, Transaction, params};

pub use channels::{Channels, ChannelsError, SmsGateway, Telegram};
pub use deliver::run;

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
    let text = message::text(payload.lang, &receipt_code, status, answer);
    transaction.execute(
        "INSERT INTO notifications (submission_id, phone, text, created_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![submission_id, phone, text, now_text],
    )?;
    Ok(())
}
