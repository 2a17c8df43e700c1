//! What the dashboard shows: submissions per mahalla with filters, one submission with its
//! form decrypted for the page, and the per-mahalla monitoring figures.

use std::collections::BTreeMap;

use mahalla_portal_store::{Role, Scope, Store, StoreError, TerminalFigures};
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::wire::Status;
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::ingest::Catalogues;
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
    pub deadline: Option<Deadline>,
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

/// Where the answer to a submission stands against its term.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    /// The agency has decided.
    Decided,
    /// Due by the end of `last_day` in Uzbekistan, `days_left` days from today (0: today).
    Due { last_day: Date, days_left: i64 },
    /// `days_late` days past `last_day`.
    Overdue { last_day: Date, days_late: i64 },
}

/// A listed submission with its deadline; `None` when its time or target cannot be read.
pub struct Listed {
    pub row: Row,
    pub deadline: Option<Deadline>,
}

/// `row`'s deadline on `today` (in Uzbekistan), from the term of `catalogue`, the version it
/// was made with.
pub fn deadline(catalogue: &Catalogue, row: &Row, today: Date) -> Option<Deadline> {
    if Status::from_name(&row.status).is_some_and(Status::is_decided) {
        return Some(Deadline::Decided);
    }
    let created = OffsetDateTime::parse(&row.created_at, &Rfc3339).ok()?;
    let last_day = catalogue
        .submittable(&row.target_id)?
        .term()
        .last_day(created);
    let days = (last_day - today).whole_days();
    Some(if days >= 0 {
        Deadline::Due {
            last_day,
            days_left: days,
        }
    } else {
        Deadline::Overdue {
            last_day,
            days_late: -days,
        }
    })
}

/// Each row with its deadline on `today`, each from the catalogue version it was made with
/// (each version looked up once).
pub async fn with_deadlines(
    store: &dyn Store,
    catalogues: &Catalogues,
    rows: Vec<Row>,
    today: Date,
) -> Result<Vec<Listed>, StoreError> {
    let mut versions = BTreeMap::new();
    let mut listed = Vec::with_capacity(rows.len());
    for row in rows {
        let catalogue = match versions.get(&row.catalogue_version) {
            Some(found) => Option::clone(found),
            None => {
                let found = catalogues.get(store, row.catalogue_version).await?;
                versions.insert(row.catalogue_version, found.clone());
                found
            }
        };
        let deadline = catalogue.and_then(|catalogue| deadline(&catalogue, &row, today));
        listed.push(Listed { row, deadline });
    }
    Ok(listed)
}

/// One submission within `scope`, its form decrypted with the portal's keys for this page
/// only.
pub async fn detail(
    store: &dyn Store,
    keys: &KeyRing,
    catalogues: &Catalogues,
    scope: &Scope,
    id: &str,
    today: Date,
) -> Result<Option<Detail>, StoreError> {
    let Some(view) = store.submission_within(id, scope).await? else {
        return Ok(None);
    };
    let payload = keys
        .open_payload(&view.payload)
        .ok_or_else(|| StoreError::Corrupt(format!("payload of {id} does not decrypt")))?;
    let catalogue = catalogues.get(store, view.row.catalogue_version).await?;
    let deadline = catalogue.and_then(|catalogue| deadline(&catalogue, &view.row, today));
    Ok(Some(Detail {
        deadline,
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

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn row(target_id: &str, status: &str, created_at: &str) -> Row {
        Row {
            id: "id".into(),
            receipt_code: "000-100-001B".into(),
            mahalla: "1726264001".into(),
            target_id: target_id.into(),
            catalogue_version: 1,
            status: status.into(),
            created_at: created_at.into(),
        }
    }

    #[test]
    fn an_appeal_is_due_fifteen_days_on_and_overdue_after() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        // Made on Thursday 3 December 2026 at 10:00 in Tashkent: due by 18 December.
        let proposal = row("taklif", "in-review", "2026-12-03T05:00:00Z");
        assert_eq!(
            deadline(&catalogue, &proposal, date!(2026 - 12 - 07)),
            Some(Deadline::Due {
                last_day: date!(2026 - 12 - 18),
                days_left: 11
            })
        );
        assert_eq!(
            deadline(&catalogue, &proposal, date!(2026 - 12 - 21)),
            Some(Deadline::Overdue {
                last_day: date!(2026 - 12 - 18),
                days_late: 3
            })
        );
        let decided = row("taklif", "approved", "2026-12-03T05:00:00Z");
        assert_eq!(
            deadline(&catalogue, &decided, date!(2026 - 12 - 21)),
            Some(Deadline::Decided)
        );
    }

    #[test]
    fn a_service_counts_its_own_working_days() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        let service = catalogue
            .services
            .iter()
            .find(|service| service.term_days > 0 && !service.form.is_empty())
            .expect("a service with a term");
        let made = row(&service.id, "received", "2026-12-03T05:00:00Z");
        let expected = mahalla_protocol::term::Term::WorkingDays(service.term_days)
            .last_day(time::macros::datetime!(2026-12-03 05:00 UTC));
        assert!(matches!(
            deadline(&catalogue, &made, date!(2026 - 12 - 03)),
            Some(Deadline::Due { last_day, .. }) if last_day == expected
        ));
    }
}
