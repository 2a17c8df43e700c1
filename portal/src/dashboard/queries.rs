//! What the dashboard shows of submissions: the list with its filters and pages, and one
//! submission with its form decrypted for the page.

use std::collections::BTreeMap;

use mahalla_portal_store::{
    Cursor, DayRange, Extension, ListQuery, Order, Scope, StatusFilter, Store, StoreError,
    parse_day,
};
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::{Status, StatusEntry};
use time::{Date, Duration};

use crate::ingest::Catalogues;
use crate::keys::KeyRing;

pub use mahalla_portal_store::Row;

#[derive(Debug, Clone)]
pub struct Detail {
    pub row: Row,
    /// The service's or appeal's name in the staff member's language.
    pub service: String,
    /// The language the resident used.
    pub lang: Lang,
    /// Each value the resident gave, under its field's label in the staff member's language.
    pub values: Vec<(String, String)>,
    pub answer: Option<String>,
    /// Who set the status and when; `None` before anyone did.
    pub changed: Option<(String, String)>,
    /// Set when mahalla staff filled the form in with the resident.
    pub assistance: Option<mahalla_protocol::wire::Assistance>,
    pub deadline: Option<Deadline>,
    /// The term's extension, once it was extended.
    pub extension: Option<Extension>,
    /// Every status it has had, oldest first, with the agency's answers.
    pub history: Vec<StatusEntry>,
    /// Whether its term may still be extended: an open appeal not extended before.
    pub extendable: bool,
}

/// Rows on one page of the list.
pub const PAGE: u32 = 50;
/// An answer due within this many days is "due soon".
pub const DUE_SOON_DAYS: i64 = 3;

/// The list's filters as the page's form sends them; an empty field does not narrow.
#[derive(Debug, Clone, Default, serde::Deserialize, serde::Serialize)]
pub struct Filters {
    /// A receipt code in any form a person types it.
    #[serde(default)]
    pub code: String,
    /// `open`, a status's name, or empty for every status.
    #[serde(default)]
    pub status: String,
    /// `soon` (due within three days) or `overdue`; both only open submissions.
    #[serde(default)]
    pub due: String,
    #[serde(default)]
    pub target: String,
    #[serde(default)]
    pub mahalla: String,
    #[serde(default)]
    pub district: String,
    #[serde(default)]
    pub region: String,
    /// Handed in on or after this day (`YYYY-MM-DD`).
    #[serde(default)]
    pub from: String,
    /// Handed in on or before this day.
    #[serde(default)]
    pub to: String,
    /// `newest`, or empty for the soonest due first.
    #[serde(default)]
    pub sort: String,
    /// Where the page before ended ([`cursor_text`]).
    #[serde(default)]
    pub after: String,
}

/// A filter the list cannot apply, told to the person who typed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterError {
    NotAReceiptCode,
    NotADay,
    UnknownStatus,
}

fn given(text: &str) -> Option<String> {
    Some(text.trim())
        .filter(|text| !text.is_empty())
        .map(str::to_owned)
}

fn day(text: &str) -> Result<Option<Date>, FilterError> {
    given(text)
        .map(|text| parse_day(&text).ok_or(FilterError::NotADay))
        .transpose()
}

impl Filters {
    pub fn order(&self) -> Order {
        if self.sort == "newest" {
            Order::Newest
        } else {
            Order::Due
        }
    }

    /// The store's query for one page (and one row more, to tell whether another page
    /// follows), with "due soon" and "overdue" counted from `today` in Uzbekistan.
    pub fn query(&self, today: Date) -> Result<ListQuery, FilterError> {
        let receipt_code = given(&self.code)
            .map(|code| {
                ReceiptCode::parse(&code)
                    .map(|code| code.to_string())
                    .map_err(|_| FilterError::NotAReceiptCode)
            })
            .transpose()?;
        let mut status = match self.status.as_str() {
            "" => StatusFilter::Any,
            "open" => StatusFilter::Open,
            name => StatusFilter::Is(Status::from_name(name).ok_or(FilterError::UnknownStatus)?),
        };
        let due = match self.due.as_str() {
            "soon" => DayRange {
                from: Some(today),
                to: today.checked_add(Duration::days(DUE_SOON_DAYS)),
            },
            "overdue" => DayRange {
                from: None,
                to: today.previous_day(),
            },
            _ => DayRange::default(),
        };
        if due != DayRange::default() && status == StatusFilter::Any {
            status = StatusFilter::Open;
        }
        Ok(ListQuery {
            receipt_code,
            status,
            target: given(&self.target),
            mahalla: given(&self.mahalla),
            district: given(&self.district),
            region: given(&self.region),
            created: DayRange {
                from: day(&self.from)?,
                to: day(&self.to)?,
            },
            due,
            order: self.order(),
            after: parse_cursor(&self.after),
            limit: PAGE + 1,
        })
    }

    /// These filters for the page after `last`.
    pub fn after(&self, last: &Row) -> Filters {
        Filters {
            after: cursor_text(&last.cursor(self.order())),
            ..self.clone()
        }
    }
}

/// A cursor in a link: `d.<decided>.<due day>.<id>` or `n.<received ms>.<id>`.
pub fn cursor_text(cursor: &Cursor) -> String {
    match cursor {
        Cursor::Due {
            decided,
            due_on,
            id,
        } => format!("d.{}.{due_on}.{id}", u8::from(*decided)),
        Cursor::Newest { received_at, id } => format!("n.{received_at}.{id}"),
    }
}

/// A cursor from a link; `None` (the first page) for anything else.
pub fn parse_cursor(text: &str) -> Option<Cursor> {
    let mut parts = text.splitn(4, '.');
    match parts.next()? {
        "d" => {
            let decided = match parts.next()? {
                "0" => false,
                "1" => true,
                _ => return None,
            };
            Some(Cursor::Due {
                decided,
                due_on: parts.next()?.to_owned(),
                id: parts.next()?.to_owned(),
            })
        }
        "n" => {
            let received_at = parts.next()?.parse().ok()?;
            let id = parts.next()?;
            if parts.next().is_some() {
                return None;
            }
            Some(Cursor::Newest {
                received_at,
                id: id.to_owned(),
            })
        }
        _ => None,
    }
}

/// One page of the list: its rows with their deadlines, and whether another page follows.
pub struct Page {
    pub rows: Vec<Listed>,
    pub more: bool,
}

/// The name of `target_id` in `lang` from `catalogue` (the version a submission was made
/// with); the id itself when the catalogue does not have it.
fn target_name(catalogue: Option<&Catalogue>, target_id: &str, lang: Lang) -> String {
    catalogue
        .and_then(|catalogue| catalogue.submittable(target_id))
        .map_or_else(
            || target_id.to_owned(),
            |target| target.name().get(lang).to_owned(),
        )
}

/// The page of submissions within `scope` that `query` asks for, with deadlines on `today`
/// and service names in `lang`.
pub async fn submissions(
    store: &dyn Store,
    catalogues: &Catalogues,
    query: &ListQuery,
    scope: &Scope,
    today: Date,
    lang: Lang,
) -> Result<Page, StoreError> {
    // The query asks for one row more than the page shows, to tell whether another follows.
    let shown = query.limit.saturating_sub(1) as usize;
    let mut rows = store.list(query, scope).await?;
    let more = rows.len() > shown;
    rows.truncate(shown);
    // Each catalogue version once a page: a version the portal does not have would be
    // looked for again for every row.
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
        listed.push(Listed {
            deadline: deadline(&row, today),
            service: target_name(catalogue.as_deref(), &row.target_id, lang),
            row,
        });
    }
    Ok(Page { rows: listed, more })
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

/// A listed submission with its deadline (`None` while it is not dated) and the name of
/// its service.
pub struct Listed {
    pub row: Row,
    pub deadline: Option<Deadline>,
    pub service: String,
}

/// `row`'s deadline on `today` (in Uzbekistan).
pub fn deadline(row: &Row, today: Date) -> Option<Deadline> {
    if row.decided {
        return Some(Deadline::Decided);
    }
    let last_day = parse_day(&row.due_on)?;
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

/// One submission within `scope`, its form decrypted with the portal's keys for this page
/// only, named in `lang`.
pub async fn detail(
    store: &dyn Store,
    keys: &KeyRing,
    catalogues: &Catalogues,
    scope: &Scope,
    id: &str,
    today: Date,
    lang: Lang,
) -> Result<Option<Detail>, StoreError> {
    let Some(view) = store.submission_within(id, scope).await? else {
        return Ok(None);
    };
    let payload = keys
        .open_payload(&view.payload)
        .ok_or_else(|| StoreError::Corrupt(format!("payload of {id} does not decrypt")))?;
    let catalogue = catalogues.get(store, view.row.catalogue_version).await?;
    let fields = catalogue
        .as_deref()
        .and_then(|catalogue| catalogue.submittable(&view.row.target_id))
        .map(|target| target.form());
    let label = |key: &str| {
        fields
            .and_then(|fields| fields.iter().find(|field| field.key == key))
            .map_or_else(|| key.to_owned(), |field| field.label.get(lang).to_owned())
    };
    let extendable = !view.row.decided
        && view.extension.is_none()
        && catalogue
            .as_deref()
            .is_some_and(|catalogue| catalogue.appeal(&view.row.target_id).is_some());
    Ok(Some(Detail {
        extendable,
        extension: view.extension,
        history: view.history,
        deadline: deadline(&view.row, today),
        service: target_name(catalogue.as_deref(), &view.row.target_id, lang),
        values: payload
            .values
            .into_iter()
            .map(|(key, value)| (label(&key), value))
            .collect(),
        lang: payload.lang,
        row: view.row,
        answer: view.answer,
        changed: view.changed,
        assistance: payload.assistance,
    }))
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn row(decided: bool, due_on: &str) -> Row {
        Row {
            id: "id".into(),
            receipt_code: "000-100-001B".into(),
            mahalla: "1726264001".into(),
            mahalla_name: "Navroʻz".into(),
            district: "Chilonzor tumani".into(),
            region: "Toshkent shahri".into(),
            target_id: "taklif".into(),
            catalogue_version: 1,
            status: "in-review".into(),
            created_at: "2026-12-03T05:00:00Z".into(),
            received_at: 0,
            decided,
            due_on: due_on.into(),
        }
    }

    #[test]
    fn an_open_submission_is_due_until_its_last_day_and_overdue_after() {
        let open = row(false, "2026-12-18");
        assert_eq!(
            deadline(&open, date!(2026 - 12 - 07)),
            Some(Deadline::Due {
                last_day: date!(2026 - 12 - 18),
                days_left: 11
            })
        );
        assert_eq!(
            deadline(&open, date!(2026 - 12 - 18)),
            Some(Deadline::Due {
                last_day: date!(2026 - 12 - 18),
                days_left: 0
            })
        );
        assert_eq!(
            deadline(&open, date!(2026 - 12 - 21)),
            Some(Deadline::Overdue {
                last_day: date!(2026 - 12 - 18),
                days_late: 3
            })
        );
        assert_eq!(
            deadline(&row(true, "2026-12-18"), date!(2026 - 12 - 21)),
            Some(Deadline::Decided)
        );
        assert_eq!(deadline(&row(false, ""), date!(2026 - 12 - 21)), None);
    }

    #[test]
    fn a_receipt_code_is_found_in_any_form_it_is_typed() {
        let today = date!(2026 - 12 - 07);
        for typed in ["000-100-001B", " 000100001b ", "OOO 1OO OO1B"] {
            let query = Filters {
                code: typed.into(),
                ..Filters::default()
            }
            .query(today)
            .expect(typed);
            assert_eq!(
                query.receipt_code.as_deref(),
                Some("000-100-001B"),
                "{typed}"
            );
        }
        let wrong = Filters {
            code: "000-100-001C".into(),
            ..Filters::default()
        };
        assert_eq!(wrong.query(today).err(), Some(FilterError::NotAReceiptCode));
    }

    #[test]
    fn due_soon_and_overdue_are_open_submissions_by_their_last_day() {
        let today = date!(2026 - 12 - 07);
        let soon = Filters {
            due: "soon".into(),
            ..Filters::default()
        }
        .query(today)
        .expect("soon");
        assert_eq!(soon.status, StatusFilter::Open);
        assert_eq!(
            soon.due,
            DayRange {
                from: Some(today),
                to: Some(date!(2026 - 12 - 10))
            }
        );
        let overdue = Filters {
            due: "overdue".into(),
            ..Filters::default()
        }
        .query(today)
        .expect("overdue");
        assert_eq!(overdue.status, StatusFilter::Open);
        assert_eq!(overdue.due.to, Some(date!(2026 - 12 - 06)));
        let bad_day = Filters {
            from: "7 December".into(),
            ..Filters::default()
        };
        assert_eq!(bad_day.query(today).err(), Some(FilterError::NotADay));
    }

    #[test]
    fn a_page_link_carries_where_the_page_ended() {
        let last = row(false, "2026-12-18");
        for sort in ["", "newest"] {
            let filters = Filters {
                sort: sort.into(),
                ..Filters::default()
            };
            let next = filters.after(&last);
            assert_eq!(
                parse_cursor(&next.after),
                Some(last.cursor(filters.order())),
                "{sort}"
            );
        }
        assert_eq!(parse_cursor("d.2.2026-12-18.id"), None);
        assert_eq!(parse_cursor("n.x.id"), None);
    }
}
