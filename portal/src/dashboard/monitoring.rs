//! The monitoring figures, per region, then per district of a region, then per mahalla of a
//! district: the terminals (online, silent for more than a day, waiting items, printer
//! faults, refused catalogues), submissions handed in on each of the last 30 days, what is
//! open and overdue, and how the agency answered in the last 30 days (median time, share on
//! time), the terminals per version of their system image, and at the level of mahallas
//! each terminal with its version and where its software update stands. A staff member sees
//! only the mahallas of their role, and the page opens at the narrowest place that holds all
//! of them.

use std::cmp::Reverse;
use std::collections::BTreeMap;

use mahalla_portal_store::{Role, Store, StoreError, parse_day};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::software_update::{UpdateState, Version};
use mahalla_protocol::wire::{Heartbeat, Mahalla};
use time::{Date, Duration};

use crate::ingest::Catalogues;

/// A terminal seen within this window counts as online.
pub const ONLINE_WINDOW_MS: i64 = 10 * 60 * 1000;
/// A terminal not seen for longer is flagged as silent.
pub const SILENT_AFTER_MS: i64 = 24 * 60 * 60 * 1000;
/// The days the chart shows, and the window of the answer figures.
pub const DAYS: usize = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Which place the page shows, from its address: the whole country, a region, a district.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct Place {
    #[serde(default)]
    pub region: String,
    #[serde(default)]
    pub district: String,
}

/// The figures of one place: a region, a district or a mahalla.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    pub name: String,
    /// The place one level down to open (`region=…` or `district=…`); `None` for a mahalla.
    pub place: Option<Place>,
    pub terminals: u32,
    pub online: u32,
    /// Terminals not seen for more than a day, or never.
    pub silent: u32,
    pub queued: u64,
    pub quarantined: u64,
    pub printer_faults: u32,
    /// Catalogue versions a terminal refused (it keeps the one before).
    pub refused_catalogues: Vec<u32>,
    pub last_seen_at: Option<i64>,
    /// Handed in on each of the last [`DAYS`] days, the oldest first.
    pub per_day: Vec<u32>,
    pub open: u32,
    pub overdue: u32,
    /// Decisions in the last [`DAYS`] days, those by their last day, and the median time
    /// from receipt to decision.
    pub answered: u32,
    pub answered_on_time: u32,
    pub median_answer_ms: Option<i64>,
    answer_ms: Vec<i64>,
}

/// Open and overdue submissions to one service or appeal.
#[derive(Debug, Clone, Default)]
pub struct ServiceFigures {
    pub name: String,
    pub open: u32,
    pub overdue: u32,
}

/// One terminal as the page lists it where it shows mahallas.
#[derive(Debug, Clone)]
pub struct Terminal {
    pub number: u32,
    pub mahalla_name: String,
    pub last_seen_at: Option<i64>,
    /// The version of the system image it runs, as it reported it.
    pub image_version: Option<String>,
    /// Where its software update stands; `None` when it reported none.
    pub update: Option<UpdateState>,
}

/// The page: the place shown, its figures in total, one row per place one level down, and
/// open and overdue work per service.
pub struct Monitoring {
    pub region: Option<String>,
    pub district: Option<String>,
    pub total: Figures,
    pub rows: Vec<Figures>,
    pub services: Vec<ServiceFigures>,
    /// Terminals per version of the system image (`None`: not reported), the newest first.
    pub versions: Vec<(Option<String>, u32)>,
    /// Each terminal of the place, by mahalla, when the rows are mahallas.
    pub terminals: Vec<Terminal>,
    /// The first day of the chart.
    pub first_day: Date,
}

impl Figures {
    fn named(name: &str, place: Option<Place>) -> Figures {
        Figures {
            name: name.to_owned(),
            place,
            per_day: vec![0; DAYS],
            ..Figures::default()
        }
    }

    fn finish(&mut self) {
        self.answer_ms.sort_unstable();
        self.median_answer_ms = self.answer_ms.get(self.answer_ms.len() / 2).copied();
    }
}

/// The place a mahalla counts in on the page: its region, its district, or itself.
fn group(
    mahalla: &Mahalla,
    region: Option<&str>,
    district: Option<&str>,
) -> (String, Option<Place>) {
    match (region, district) {
        (_, Some(_)) => (mahalla.code.clone(), None),
        (Some(_), None) => (
            mahalla.district.clone(),
            Some(Place {
                region: mahalla.region.clone(),
                district: mahalla.district.clone(),
            }),
        ),
        (None, None) => (
            mahalla.region.clone(),
            Some(Place {
                region: mahalla.region.clone(),
                district: String::new(),
            }),
        ),
    }
}

/// The monitoring page's figures for `place`, as `role` sees them, at `now_ms` (`today` in
/// Uzbekistan), service names in `lang`.
pub async fn monitoring(
    store: &dyn Store,
    catalogues: &Catalogues,
    role: &Role,
    place: &Place,
    now_ms: i64,
    today: Date,
    lang: Lang,
) -> Result<Monitoring, StoreError> {
    let seen: Vec<Mahalla> = store
        .mahallas()
        .await?
        .into_iter()
        .filter(|m| role.sees_mahalla(&m.code, &m.region, &m.district))
        .collect();
    // Open at the narrowest place that holds everything the role sees.
    let only = |field: fn(&Mahalla) -> &String| {
        let first = seen.first().map(field)?;
        seen.iter()
            .all(|m| field(m) == first)
            .then(|| first.clone())
    };
    let given = |text: &str| Some(text.to_owned()).filter(|text| !text.is_empty());
    let region = given(&place.region).or_else(|| only(|m| &m.region));
    let district = given(&place.district)
        .or_else(|| only(|m| &m.district).filter(|_| place.region.is_empty()));
    let shown: BTreeMap<&str, &Mahalla> = seen
        .iter()
        .filter(|m| region.as_ref().is_none_or(|r| *r == m.region))
        .filter(|m| district.as_ref().is_none_or(|d| *d == m.district))
        .map(|m| (m.code.as_str(), m))
        .collect();

    let mut rows: BTreeMap<String, Figures> = BTreeMap::new();
    let mut groups: BTreeMap<&str, String> = BTreeMap::new();
    for (code, mahalla) in &shown {
        let (key, next) = group(mahalla, region.as_deref(), district.as_deref());
        let name = if next.is_none() { &mahalla.name } else { &key };
        rows.entry(key.clone())
            .or_insert_with(|| Figures::named(name, next));
        groups.insert(code, key);
    }
    let mut total = Figures::named("", None);
    let mut each = |code: &str, add: &mut dyn FnMut(&mut Figures)| {
        if let Some(row) = groups.get(code).and_then(|key| rows.get_mut(key)) {
            add(row);
            add(&mut total);
        }
    };

    let mut versions: BTreeMap<Option<String>, u32> = BTreeMap::new();
    let mut terminals = Vec::new();
    for terminal in store.terminal_figures().await? {
        let heartbeat: Option<Heartbeat> = terminal
            .last_heartbeat
            .as_deref()
            .and_then(|text| serde_json::from_str(text).ok());
        if groups.contains_key(terminal.mahalla.as_str()) {
            let version = heartbeat.as_ref().and_then(|h| h.image_version.clone());
            *versions.entry(version.clone()).or_default() += 1;
            if district.is_some() {
                terminals.push(Terminal {
                    number: terminal.number,
                    mahalla_name: terminal.mahalla_name.clone(),
                    last_seen_at: terminal.last_seen_at,
                    image_version: version,
                    update: heartbeat.as_ref().and_then(|h| h.software_update.clone()),
                });
            }
        }
        each(&terminal.mahalla, &mut |f| {
            f.terminals += 1;
            let seen = terminal.last_seen_at;
            if seen.is_some_and(|at| now_ms - at <= ONLINE_WINDOW_MS) {
                f.online += 1;
            }
            if seen.is_none_or(|at| now_ms - at > SILENT_AFTER_MS) {
                f.silent += 1;
            }
            f.last_seen_at = f.last_seen_at.max(seen);
            if let Some(heartbeat) = &heartbeat {
                f.queued += heartbeat.queue.queued + heartbeat.queue.sending;
                f.quarantined += heartbeat.queue.quarantined;
                if !matches!(heartbeat.printer.as_str(), "ok" | "virtual" | "unknown") {
                    f.printer_faults += 1;
                }
                if let Some(refused) = &heartbeat.refused_catalogue
                    && !f.refused_catalogues.contains(&refused.version)
                {
                    f.refused_catalogues.push(refused.version);
                }
            }
        });
    }

    let first_day = today - Duration::days(DAYS as i64 - 1);
    for count in store.handed_in_per_day(first_day).await? {
        let Some(day) = parse_day(&count.day) else {
            continue;
        };
        let Ok(index) = usize::try_from((day - first_day).whole_days()) else {
            continue;
        };
        if index < DAYS {
            each(&count.mahalla, &mut |f| f.per_day[index] += count.count);
        }
    }

    let mut services: BTreeMap<String, ServiceFigures> = BTreeMap::new();
    let newest = catalogues.newest_read(store).await?;
    for count in store.open_per_mahalla(today).await? {
        if !groups.contains_key(count.mahalla.as_str()) {
            continue;
        }
        each(&count.mahalla, &mut |f| {
            f.open += count.open;
            f.overdue += count.overdue;
        });
        let service = services.entry(count.target_id.clone()).or_insert_with(|| {
            let name = newest
                .as_deref()
                .and_then(|catalogue| catalogue.submittable(&count.target_id))
                .map_or_else(
                    || count.target_id.clone(),
                    |target| target.name().get(lang).to_owned(),
                );
            ServiceFigures {
                name,
                ..ServiceFigures::default()
            }
        });
        service.open += count.open;
        service.overdue += count.overdue;
    }

    for decision in store.decisions_since(now_ms - DAYS as i64 * DAY_MS).await? {
        let decided_on = time::OffsetDateTime::from_unix_timestamp_nanos(
            i128::from(decision.decided_at) * 1_000_000,
        )
        .map(|at| at.to_offset(mahalla_protocol::UZBEKISTAN).date())
        .ok();
        let on_time = decided_on
            .zip(parse_day(&decision.due_on))
            .is_some_and(|(decided, due)| decided <= due);
        each(&decision.mahalla, &mut |f| {
            f.answered += 1;
            f.answered_on_time += u32::from(on_time);
            f.answer_ms.push(decision.decided_at - decision.received_at);
        });
    }

    total.finish();
    let mut rows: Vec<Figures> = rows.into_values().collect();
    for row in &mut rows {
        row.finish();
    }
    let mut services: Vec<ServiceFigures> = services.into_values().collect();
    services.sort_by(|a, b| b.overdue.cmp(&a.overdue).then(b.open.cmp(&a.open)));
    let mut versions: Vec<(Option<String>, u32)> = versions.into_iter().collect();
    // Versions as numbers, the newest first; a text that is not one, then none, last.
    versions
        .sort_by_key(|(text, _)| Reverse(text.as_deref().map(|text| text.parse::<Version>().ok())));
    Ok(Monitoring {
        region,
        district,
        total,
        rows,
        services,
        versions,
        terminals,
        first_day,
    })
}
