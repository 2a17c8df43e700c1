//! Delivering queued notices: every few seconds take the due ones, send each through every
//! configured channel it has not reached yet, and mark what went out. A failure waits with
//! exponential backoff (capped at an hour) and is retried; nothing is sent twice on a channel
//! that confirmed it.

use std::sync::Arc;
use std::time::Duration;

use mahalla_portal_store::Delivery;

use super::channels::{Channels, client};
use crate::notice::Notice;
use crate::state::AppState;
use mahalla_host::clock;

/// How many notices one round takes.
const ROUND: u32 = 50;

/// When a notice that failed `attempts` times before is tried again: exponential backoff
/// from a second, capped at an hour.
fn next_attempt(now_ms: i64, attempts: u32) -> i64 {
    let wait_ms = 1_000i64 << attempts.min(12);
    now_ms + wait_ms.min(3_600_000)
}

/// Delivers notices until the process ends. Channels not configured count as done.
pub async fn run(state: Arc<AppState>, channels: Channels, every: Duration) {
    let http = match client() {
        Ok(http) => http,
        Err(error) => {
            tracing::error!(%error, "notices: cannot set up HTTP; none will be sent");
            return;
        }
    };
    loop {
        let pending = match state.store.due_notices(clock::now_ms(), ROUND).await {
            Ok(pending) => pending,
            Err(error) => {
                tracing::error!(%error, "notices: cannot read the queue");
                Vec::new()
            }
        };
        for pending in pending {
            let Some(notice) = Notice::open(&state.keys, &pending.sealed) else {
                tracing::error!(
                    id = pending.id,
                    "notices: a notice does not decrypt with the portal's keys"
                );
                let delivery = Delivery {
                    id: pending.id,
                    sms_sent: pending.sms_sent,
                    telegram_sent: pending.telegram_sent,
                    error: Some("does not decrypt with the portal's keys".to_owned()),
                    next_attempt_ms: next_attempt(clock::now_ms(), pending.attempts),
                };
                if let Err(error) = state.store.record_delivery(delivery).await {
                    tracing::error!(%error, "notices: cannot record a delivery");
                }
                continue;
            };
            let mut errors = Vec::new();
            let mut sms_sent = pending.sms_sent;
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
            let mut telegram_sent = pending.telegram_sent;
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
            let delivery = Delivery {
                id: pending.id,
                sms_sent,
                telegram_sent,
                error: (!errors.is_empty()).then(|| errors.join("; ")),
                next_attempt_ms: next_attempt(clock::now_ms(), pending.attempts),
            };
            if let Err(error) = state.store.record_delivery(delivery).await {
                tracing::error!(%error, "notices: cannot record a delivery");
            }
        }
        tokio::time::sleep(every).await;
    }
}
