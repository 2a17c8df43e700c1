//! Status notices for residents, sealed to the portal's own key: queued in the transaction
//! of the change they tell of, so each is queued exactly once, and marked per channel as
//! they go out.

use mahalla_portal_store::{Delivery, PendingNotice};
use rusqlite::{Connection, Transaction, params};

use crate::Job;

pub fn enqueue(
    transaction: &Transaction<'_>,
    submission_id: &str,
    sealed: &[u8],
    now_ms: i64,
) -> Job<()> {
    transaction
        .prepare_cached(
            "INSERT INTO notifications (submission_id, sealed, created_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![submission_id, sealed, now_ms])?;
    Ok(())
}

pub fn due(connection: &mut Connection, now_ms: i64, limit: u32) -> Job<Vec<PendingNotice>> {
    let mut statement = connection.prepare_cached(
        "SELECT id, sealed, sms_sent, telegram_sent, attempts FROM notifications
         WHERE (sms_sent = 0 OR telegram_sent = 0) AND next_attempt_at <= ?1
         ORDER BY id LIMIT ?2",
    )?;
    let rows = statement.query_map(params![now_ms, limit], |row| {
        Ok(PendingNotice {
            id: row.get(0)?,
            sealed: row.get(1)?,
            sms_sent: row.get(2)?,
            telegram_sent: row.get(3)?,
            attempts: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn record_delivery(connection: &mut Connection, delivery: &Delivery) -> Job<()> {
    connection
        .prepare_cached(
            "UPDATE notifications SET sms_sent = ?2, telegram_sent = ?3, last_error = ?4,
                 attempts = attempts + 1, next_attempt_at = ?5 WHERE id = ?1",
        )?
        .execute(params![
            delivery.id,
            delivery.sms_sent,
            delivery.telegram_sent,
            delivery.error,
            delivery.next_attempt_ms
        ])?;
    Ok(())
}
