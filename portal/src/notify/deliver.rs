//! Delivering queued notices: every few seconds take the due ones, send each through every
//! configured channel it has not reached yet, and mark what went out. A failure waits with
//! exponential backoff (capped at an hour) and is retried; nothing is sent twice on a channel
//! that confirmed it.

use std::sync::Arc;
use std::time::Duration;

use rusqlite::params;

use super::channels::{Channels, client};
use crate::db::{Db, DbError};
use mahalla_host::clock;

struct Pending {
    id: i64,
    phone: String,
    text: String,
    sms_sent: bool,
    telegram_sent: bool,
    attempts: u32,
}

fn due(db: &Db, now_ms: i64) -> Result<Vec<Pending>, DbError> {
    let connection = db.lock();
    let mut statement = connection.prepare_cached(
        "SELECT id, phone, text, sms_sent, telegram_sent, attempts FROM notifications
         WHERE (sms_sent = 0 OR telegram_sent = 0) AND next_attempt_at <= ?1
         ORDER BY id LIMIT 50",
    )?;
    let rows = statement.query_map([now_ms], |row| {
        Ok(Pending {
            id: row.get(0)?,
            phone: row.get(1)?,
            text: row.get(2)?,
            sms_sent: row.get(3)?,
            telegram_sent: row.get(4)?,
            attempts: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

fn record(
    db: &Db,
    notice: &Pending,
    sms_sent: bool,
    telegram_sent: bool,
    error: Option<&str>,
) -> Result<(), DbError> {
    let wait_ms = 1_000i64 << notice.attempts.min(12);
    db.lock()
        .prepare_cached(
            "UPDATE notifications SET sms_sent = ?2, telegram_sent = ?3, last_error = ?4,
                 attempts = attempts + 1, next_attempt_at = ?5 WHERE id = ?1",
        )?
        .execute(params![
            notice.id,
            sms_sent,
            telegram_sent,
            error,
            clock::now_ms() + wait_ms.min(3_600_000)
        ])?;
    Ok(())
}

/// Delivers notices until the process ends. Channels not configured count as done.
pub async fn run(db: Arc<Db>, channels: Channels, every: Duration) {
    let http = match client() {
        Ok(http) => http,
        Err(error) => {
            tracing::error!(%error, "notices: cannot set up HTTP; none will be sent");
            return;
        }
    };
    loop {
        let reader = db.clone();
        let pending = tokio::task::spawn_blocking(move || due(&reader, clock::now_ms())).await;
        let pending = match pending {
            Ok(Ok(pending)) => pending,
            Ok(Err(error)) => {
                tracing::error!(%error, "notices: cannot read the queue");
                Vec::new()
            }
            Err(error) => {
                tracing::error!(%error, "notices: worker task");
                Vec::new()
            }
        };
        for notice in pending {
            let mut errors = Vec::new();
            let mut sms_sent = notice.sms_sent;
            if !sms_sent {
                sms_sent = match &channels.sms {
                    None => true,
                    Some(sms) => match sms.send(&http, &notice.phone, &notice.text).await {
                        Ok(()) => true,
                        Err(error) => {
                            errors.push(format!("sms: {error}"));
                            false
                        }
                    },
                };
            }
            let mut telegram_sent = notice.telegram_sent;
            if !telegram_sent {
                telegram_sent = match &channels.telegram {
                    None => true,
                    Some(telegram) => match telegram.send(&http, &notice.text).await {
                        Ok(()) => true,
                        Err(error) => {
                            errors.push(format!("telegram: {error}"));
                            false
                        }
                    },
                };
            }
            let writer = db.clone();
            let error = (!errors.is_empty()).then(|| errors.join("; "));
            let saved = tokio::task::spawn_blocking(move || {
                record(&writer, &notice, sms_sent, telegram_sent, error.as_deref())
            })
            .await;
            if !matches!(saved, Ok(Ok(()))) {
                tracing::error!("notices: cannot record a delivery");
            }
        }
        tokio::time::sleep(every).await;
    }
}
