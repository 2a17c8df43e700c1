//! What agency staff and administrators read: every submission, the dashboard's filtered
//! list, one submission, and each terminal's part of the monitoring figures.

use mahalla_host::clock;
use mahalla_portal_store::{
    Column, Condition, Cursor, Dates, DayCount, Decision, Extension, ListQuery, OpenCount, Order,
    Row, Scope, StoredSubmission, SubmissionView, TermExtension, TerminalFigures, Undated, Value,
    day_text,
};
use mahalla_protocol::wire::Mahalla;
use rusqlite::types::Value as SqlValue;
use rusqlite::{Connection, OptionalExtension, params, params_from_iter};
use time::Date;

use crate::{Job, receipts};

pub fn submissions(connection: &mut Connection) -> Job<Vec<StoredSubmission>> {
    let mut statement = connection.prepare(
        "SELECT id, device_id, receipt_code, target_id, catalogue_version, created_at,
                received_at, payload_sha256, status, answer, payload
         FROM submissions ORDER BY received_at, id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(StoredSubmission {
            id: row.get(0)?,
            device_id: row.get(1)?,
            receipt_code: row.get(2)?,
            target_id: row.get(3)?,
            catalogue_version: row.get(4)?,
            created_at: row.get(5)?,
            received_at: row.get(6)?,
            payload_sha256: row.get(7)?,
            status: row.get(8)?,
            answer: row.get(9)?,
            payload: row.get(10)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The columns a [`Row`] is read from, `s` the submission.
const ROW_COLUMNS: &str = "s.id, s.receipt_code, s.mahalla, s.target_id, s.status, s.created_at,
     s.catalogue_version, s.received_at, s.decided, s.due_on, m.name AS mahalla_name,
     s.district, s.region";

fn list_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<Row> {
    Ok(Row {
        id: row.get(0)?,
        receipt_code: row.get(1)?,
        mahalla: row.get(2)?,
        target_id: row.get(3)?,
        status: row.get(4)?,
        created_at: row.get(5)?,
        catalogue_version: row.get(6)?,
        received_at: row.get(7)?,
        decided: row.get(8)?,
        due_on: row.get(9)?,
        mahalla_name: row.get(10)?,
        district: row.get(11)?,
        region: row.get(12)?,
    })
}

/// A list as a JSON array, for `json_each`.
fn json_list(items: &[String]) -> String {
    serde_json::to_string(items).unwrap_or_else(|_| "[]".to_owned())
}

fn column(column: Column) -> &'static str {
    match column {
        Column::ReceiptCode => "s.receipt_code",
        Column::Decided => "s.decided",
        Column::Status => "s.status",
        Column::Target => "s.target_id",
        Column::Mahalla => "s.mahalla",
        Column::District => "s.district",
        Column::Region => "s.region",
        Column::CreatedOn => "s.created_on",
        Column::DueOn => "s.due_on",
    }
}

/// `value` as the next parameter of a statement; its placeholder.
fn bind(values: &mut Vec<SqlValue>, value: impl Into<SqlValue>) -> String {
    values.push(value.into());
    format!("?{}", values.len())
}

/// `condition` in SQL, its values added to `values`.
fn clause(condition: &Condition, values: &mut Vec<SqlValue>) -> String {
    match condition {
        Condition::Is(name, Value::Text(text)) => {
            format!("{} = {}", column(*name), bind(values, text.clone()))
        }
        Condition::Is(name, Value::Flag(flag)) => {
            format!("{} = {}", column(*name), bind(values, *flag))
        }
        Condition::AtLeast(name, text) => {
            format!("{} >= {}", column(*name), bind(values, text.clone()))
        }
        Condition::AtMost(name, text) => {
            format!("{} <= {}", column(*name), bind(values, text.clone()))
        }
        Condition::OneOf(name, list) => format!(
            "{} IN (SELECT value FROM json_each({}))",
            column(*name),
            bind(values, json_list(list))
        ),
        Condition::InPlaces { regions, districts } => format!(
            "(s.region IN (SELECT value FROM json_each({}))
              OR s.district IN (SELECT value FROM json_each({})))",
            bind(values, json_list(regions)),
            bind(values, json_list(districts))
        ),
        Condition::After(Cursor::Due {
            decided,
            due_on,
            id,
        }) => format!(
            "(s.decided, s.due_on, s.id) > ({}, {}, {})",
            bind(values, *decided),
            bind(values, due_on.clone()),
            bind(values, id.clone())
        ),
        Condition::After(Cursor::Newest { received_at, id }) => format!(
            "(s.received_at, s.id) < ({}, {})",
            bind(values, *received_at),
            bind(values, id.clone())
        ),
    }
}

pub fn list(connection: &mut Connection, query: &ListQuery, scope: &Scope) -> Job<Vec<Row>> {
    let mut values = Vec::new();
    let clauses: Vec<String> = query
        .conditions(scope)
        .iter()
        .map(|condition| clause(condition, &mut values))
        .collect();
    let filter = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    let order = match query.order {
        Order::Due => "s.decided, s.due_on, s.id",
        Order::Newest => "s.received_at DESC, s.id DESC",
    };
    let limit = bind(&mut values, query.limit);
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM submissions s JOIN mahallas m ON m.code = s.mahalla
         {filter} ORDER BY {order} LIMIT {limit}"
    );
    let mut statement = connection.prepare_cached(&sql)?;
    let rows = statement.query_map(params_from_iter(values), list_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn extend_term(connection: &mut Connection, extension: &TermExtension) -> Job<bool> {
    let changed = connection.execute(
        "UPDATE submissions SET due_on = ?2, term_extended_at = ?3, term_extended_by = ?4,
             term_extension_reason = ?5
         WHERE id = ?1 AND decided = 0 AND term_extended_at IS NULL",
        params![
            extension.submission_id,
            day_text(extension.due_on),
            extension.now_ms,
            extension.by,
            extension.reason
        ],
    )?;
    Ok(changed == 1)
}

pub fn undated(connection: &mut Connection, limit: u32) -> Job<Vec<Undated>> {
    let mut statement = connection.prepare_cached(
        "SELECT id, target_id, catalogue_version, created_at, received_at
         FROM submissions WHERE due_on = '' ORDER BY id LIMIT ?1",
    )?;
    let rows = statement.query_map([limit], |row| {
        Ok(Undated {
            id: row.get(0)?,
            target_id: row.get(1)?,
            catalogue_version: row.get(2)?,
            created_at: row.get(3)?,
            received_at: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn set_dates(connection: &mut Connection, dated: &[(String, Dates)]) -> Job<()> {
    let transaction = connection.transaction()?;
    {
        let mut update = transaction
            .prepare_cached("UPDATE submissions SET created_on = ?2, due_on = ?3 WHERE id = ?1")?;
        for (id, dates) in dated {
            update.execute(params![
                id,
                day_text(dates.created_on),
                day_text(dates.due_on)
            ])?;
        }
    }
    transaction.commit()?;
    Ok(())
}

pub fn submission(connection: &mut Connection, id: &str) -> Job<Option<SubmissionView>> {
    let transaction = connection.transaction()?;
    let found = transaction
        .query_row(
            &format!(
                "SELECT {ROW_COLUMNS}, s.payload, s.answer, s.status_changed_by,
                        s.status_changed_at, s.term_extended_by, s.term_extended_at,
                        s.term_extension_reason
                 FROM submissions s JOIN mahallas m ON m.code = s.mahalla
                 WHERE s.id = ?1"
            ),
            [id],
            |row| {
                Ok(SubmissionView {
                    row: list_row(row)?,
                    payload: row.get(13)?,
                    answer: row.get(14)?,
                    changed: row
                        .get::<_, Option<String>>(15)?
                        .map(|by| Ok::<_, rusqlite::Error>((by, clock::rfc3339(row.get(16)?))))
                        .transpose()?,
                    history: Vec::new(),
                    extension: row
                        .get::<_, Option<String>>(17)?
                        .map(|by| {
                            Ok::<_, rusqlite::Error>(Extension {
                                by,
                                at: clock::rfc3339(row.get(18)?),
                                reason: row.get(19)?,
                            })
                        })
                        .transpose()?,
                })
            },
        )
        .optional()?;
    let Some(mut view) = found else {
        return Ok(None);
    };
    view.history = receipts::history(&transaction, id)?;
    transaction.commit()?;
    Ok(Some(view))
}

pub fn terminal_figures(connection: &mut Connection) -> Job<Vec<TerminalFigures>> {
    let mut statement = connection.prepare_cached(
        "SELECT m.code, m.name, m.region, m.district, d.last_seen_at, d.last_heartbeat,
                d.number
         FROM devices d JOIN mahallas m ON m.code = d.mahalla
         WHERE d.revoked_at IS NULL ORDER BY m.code, d.number",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(TerminalFigures {
            number: row.get(6)?,
            mahalla: row.get(0)?,
            mahalla_name: row.get(1)?,
            region: row.get(2)?,
            district: row.get(3)?,
            last_seen_at: row.get(4)?,
            last_heartbeat: row.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn mahallas(connection: &mut Connection) -> Job<Vec<Mahalla>> {
    let mut statement =
        connection.prepare_cached("SELECT code, name, district, region FROM mahallas")?;
    let rows = statement.query_map([], |row| {
        Ok(Mahalla {
            code: row.get(0)?,
            name: row.get(1)?,
            district: row.get(2)?,
            region: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn handed_in_per_day(connection: &mut Connection, from: Date) -> Job<Vec<DayCount>> {
    let mut statement = connection.prepare_cached(
        "SELECT mahalla, created_on, count(*) FROM submissions
         WHERE created_on >= ?1 GROUP BY created_on, mahalla",
    )?;
    let rows = statement.query_map([day_text(from)], |row| {
        Ok(DayCount {
            mahalla: row.get(0)?,
            day: row.get(1)?,
            count: row.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn open_per_mahalla(connection: &mut Connection, today: Date) -> Job<Vec<OpenCount>> {
    let mut statement = connection.prepare_cached(
        "SELECT mahalla, target_id, count(*), count(*) FILTER (WHERE due_on < ?1)
         FROM submissions WHERE decided = 0 GROUP BY mahalla, target_id",
    )?;
    let rows = statement.query_map([day_text(today)], |row| {
        Ok(OpenCount {
            mahalla: row.get(0)?,
            target_id: row.get(1)?,
            open: row.get(2)?,
            overdue: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

pub fn decisions_since(connection: &mut Connection, since_ms: i64) -> Job<Vec<Decision>> {
    let mut statement = connection.prepare_cached(
        "SELECT mahalla, received_at, status_changed_at, due_on FROM submissions
         WHERE decided = 1 AND status_changed_at >= ?1",
    )?;
    let rows = statement.query_map([since_ms], |row| {
        Ok(Decision {
            mahalla: row.get(0)?,
            received_at: row.get(1)?,
            decided_at: row.get(2)?,
            due_on: row.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
