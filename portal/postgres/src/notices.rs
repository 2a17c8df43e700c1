//! Notices for residents: queued sealed, in the same transaction as the change they tell of
//! (a submission stored, a status set), so each is queued exactly once; read back when due
//! and marked per channel as they go out, a failed round waiting until the time it is given.

use deadpool_postgres::GenericClient;
use mahalla_portal_store::{Delivery, PendingNotice, Result, StoreError};

use crate::{PostgresStore, backend, get};

/// Queues `sealed` for the submission, when there is a notice.
pub(crate) async fn enqueue(
    transaction: &impl GenericClient,
    submission_id: &str,
    sealed: Option<&[u8]>,
    now_ms: i64,
) -> Result<()> {
    let Some(sealed) = sealed else {
        return Ok(());
    };
    let insert = transaction
        .prepare_cached(
            "INSERT INTO notifications (submission_id, sealed, created_at) VALUES ($1, $2, $3)",
        )
        .await
        .map_err(backend)?;
    transaction
        .execute(&insert, &[&submission_id, &sealed, &now_ms])
        .await
        .map_err(backend)?;
    Ok(())
}

/// Queues each notice (submission id, sealed) in one statement.
pub(crate) async fn enqueue_many(
    transaction: &impl GenericClient,
    notices: &[(String, &[u8])],
    now_ms: i64,
) -> Result<()> {
    if notices.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = notices.iter().map(|(id, _)| id.as_str()).collect();
    let sealed: Vec<&[u8]> = notices.iter().map(|(_, sealed)| *sealed).collect();
    transaction
        .execute(
            "INSERT INTO notifications (submission_id, sealed, created_at)
             SELECT u.id, u.sealed, $3 FROM unnest($1::text[], $2::bytea[]) AS u (id, sealed)",
            &[&ids, &sealed, &now_ms],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// Up to `limit` notices not yet out on every channel whose time has come, oldest first.
pub(crate) async fn due_notices(
    store: &PostgresStore,
    now_ms: i64,
    limit: u32,
) -> Result<Vec<PendingNotice>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT id, sealed, sms_sent, telegram_sent, attempts FROM notifications
             WHERE (NOT sms_sent OR NOT telegram_sent) AND next_attempt_at <= $1
             ORDER BY id
             LIMIT $2",
            &[&now_ms, &i64::from(limit)],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            let attempts: i64 = get(row, "attempts")?;
            Ok(PendingNotice {
                id: get(row, "id")?,
                sealed: get(row, "sealed")?,
                sms_sent: get(row, "sms_sent")?,
                telegram_sent: get(row, "telegram_sent")?,
                attempts: u32::try_from(attempts)
                    .map_err(|_| StoreError::Corrupt(format!("attempts {attempts}")))?,
            })
        })
        .collect()
}

pub(crate) async fn record_delivery(store: &PostgresStore, delivery: Delivery) -> Result<()> {
    let connection = store.connection().await?;
    connection
        .execute(
            "UPDATE notifications SET sms_sent = $2, telegram_sent = $3, last_error = $4,
                 attempts = attempts + 1, next_attempt_at = $5
             WHERE id = $1",
            &[
                &delivery.id,
                &delivery.sms_sent,
                &delivery.telegram_sent,
                &delivery.error,
                &delivery.next_attempt_ms,
            ],
        )
        .await
        .map_err(backend)?;
    Ok(())
}
