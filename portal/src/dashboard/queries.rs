//! What the dashboard shows: submissions per mahalla with filters, one submission with its
//! form decrypted for the page, and the per-mahalla monitoring figures.

use mahalla_portal_store::{Role, Scope, Store, StoreError, TerminalFigures};

use crate::keys::KeyRing;

pub use mahalla_portal_store::{Filters, Row};

#[derive(Debug, Clone)]
pub struct Detail {
    pub row: Row,
    pub lang: String,
    pub values: Vec<(String, String)>,
    pub answer: Option<String>,
    /// Who set the status and when; `None` before anyone did.
    pub changed: Option<(String, String)>,
    /// Set when mahalla staff filled the form in with the resident.
    pub assistance: Option<mahalla_protocol::wire::Assistance>,
}

#[derive(Debug, Clone, Default)]
pub struct MahallaFigures {
    pub code: String,
    pub name: String,
    pub terminals: u32,
    pub online: u32,
    pub queued: u64,
    pub quarantined: u64,
    pub last_seen_at: Option<i64>,
    pub printer_faults: u32,
    /// Catalogue versions a terminal of the mahalla refused (it keeps the one before).
    pub refused_catalogues: Vec<u32>,
    pub today: u32,
    pub last_7_days: u32,
}

/// A terminal seen within this window counts as online.
pub const ONLINE_WINDOW_MS: i64 = 10 * 60 * 1000;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const PAGE: u32 = 200;

pub async fn submissions(
    store: &dyn Store,
    filters: &Filters,
    scope: &Scope,
) -> Result<Vec<Row>, StoreError> {
    store.list(filters, scope, PAGE).await
}

/// One submission within `scope`, its form decrypted with the portal's keys for this page
/// only.
pub async fn detail(
    store: &dyn Store,
    keys: &KeyRing,
    scope: &Scope,
    id: &str,
) -> Result<Option<Detail>, StoreError> {
    let Some(view) = store.submission_within(id, scope).await? else {
        return Ok(None);
    };
    let payload = keys
        .open_payload(&view.payload)
        .ok_or_else(|| StoreError::Corrupt(format!("payload of {id} does not decrypt")))?;
    Ok(Some(Detail {
        row: view.row,
        lang: payload.lang.tag().to_owned(),
        values: payload.values.into_iter().collect(),
        answer: view.answer,
        changed: view.changed,
        assistance: payload.assistance,
    }))
}

/// Figures per mahalla, for every mahalla that has a terminal and that `role` sees.
pub async fn monitoring(
    store: &dyn Store,
    role: &Role,
    now_ms: i64,
) -> Result<Vec<MahallaFigures>, StoreError> {
    let mut terminals = store
        .terminal_figures((now_ms - DAY_MS, now_ms - 7 * DAY_MS))
        .await?;
    terminals.retain(|t| role.sees_mahalla(&t.mahalla, &t.region, &t.district));
    Ok(per_mahalla(terminals, now_ms))
}

/// Adds up the terminals' figures (ordered by mahalla) per mahalla.
fn per_mahalla(terminals: Vec<TerminalFigures>, now_ms: i64) -> Vec<MahallaFigures> {
    let mut figures: Vec<MahallaFigures> = Vec::new();
    for terminal in terminals {
        if figures.last().is_none_or(|f| f.code != terminal.mahalla) {
            figures.push(MahallaFigures {
                code: terminal.mahalla.clone(),
                name: terminal.mahalla_name.clone(),
                ..MahallaFigures::default()
            });
        }
        let Some(entry) = figures.last_mut() else {
            continue;
        };
        let (today, week) = terminal.received_since;
        entry.terminals += 1;
        entry.today += today;
        entry.last_7_days += week;
        let last_seen_at = terminal.last_seen_at;
        if last_seen_at.is_some_and(|seen| now_ms - seen <= ONLINE_WINDOW_MS) {
            entry.online += 1;
        }
        entry.last_seen_at = entry.last_seen_at.max(last_seen_at);
        let heartbeat: Option<mahalla_protocol::wire::Heartbeat> = terminal
            .last_heartbeat
            .and_then(|text| serde_json::from_str(&text).ok());
        if let Some(heartbeat) = heartbeat {
            entry.queued += heartbeat.queue.queued + heartbeat.queue.sending;
            entry.quarantined += heartbeat.queue.quarantined;
            if !matches!(heartbeat.printer.as_str(), "ok" | "virtual" | "unknown") {
                entry.printer_faults += 1;
            }
            if let Some(refused) = heartbeat.refused_catalogue
                && !entry.refused_catalogues.contains(&refused.version)
            {
                entry.refused_catalogues.push(refused.version);
            }
        }
    }
    figures
}
