//! Agency work: setting a submission's status (with its feed update and notice), and what
//! the dashboard and the command line read: the list with its filters, one submission,
//! every submission, and the monitoring figures (per terminal, per mahalla and day, open and
//! overdue work, decisions).

use mahalla_host::clock;
use mahalla_portal_store::{
    Column, Condition, Cursor, Dates, DayCount, Decision, Extension, ListQuery, OpenCount, Order,
    Result, Row, Scope, StatusChange, StoredSubmission, SubmissionView, TermExtension,
    TerminalFigures, Undated, Value, day_text,
};
use mahalla_protocol::wire::Mahalla;
use time::Date;
use tokio_postgres::types::ToSql;

use crate::feed::{self, StatusUpdate};
use crate::{PostgresStore, backend, get, get_u32, notices, receipts};

/// Sets the status, queues the notice and adds the change to the terminal's feed, in one
/// transaction; false when there is no such submission.
pub(crate) async fn set_status(store: &PostgresStore, change: StatusChange) -> Result<bool> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    let updated = transaction
        .query_opt(
            "UPDATE submissions SET status = $2, answer = $3, status_changed_at = $4,
                 status_changed_by = $5, decided = $6
             WHERE id = $1
             RETURNING device_id",
            &[
                &change.submission_id,
                &change.status.as_str(),
                &change.answer,
                &change.now_ms,
                &change.changed_by,
                &change.status.is_decided(),
            ],
        )
        .await
        .map_err(backend)?;
    let Some(updated) = updated else {
        return Ok(false);
    };
    let device_id: String = get(&updated, "device_id")?;
    notices::enqueue(
        &transaction,
        &change.submission_id,
        change.notice.as_deref(),
        change.now_ms,
    )
    .await?;
    let update = StatusUpdate {
        device_id: &device_id,
        submission_id: &change.submission_id,
        status: change.status,
        answer: change.answer.as_deref(),
        changed_at: change.now_ms,
        changed_by: Some(&change.changed_by),
    };
    feed::add_status(&transaction, &update).await?;
    transaction.commit().await.map_err(backend)?;
    Ok(true)
}

/// Every submission, oldest first.
pub(crate) async fn submissions(store: &PostgresStore) -> Result<Vec<StoredSubmission>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT id, device_id, receipt_code, target_id, catalogue_version, created_at,
                    received_at, payload_sha256, status, answer, payload
             FROM submissions ORDER BY received_at, id",
            &[],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(StoredSubmission {
                id: get(row, "id")?,
                device_id: get(row, "device_id")?,
                receipt_code: get(row, "receipt_code")?,
                target_id: get(row, "target_id")?,
                catalogue_version: get_u32(row, "catalogue_version")?,
                created_at: get(row, "created_at")?,
                received_at: get(row, "received_at")?,
                payload_sha256: get(row, "payload_sha256")?,
                status: get(row, "status")?,
                answer: get(row, "answer")?,
                payload: get(row, "payload")?,
            })
        })
        .collect()
}

/// The columns a [`Row`] is read from, `s` the submission.
const ROW_COLUMNS: &str = "s.id, s.receipt_code, s.mahalla, s.target_id, s.status, s.created_at,
     s.catalogue_version, s.received_at, s.decided, s.due_on, m.name AS mahalla_name,
     s.district, s.region";

fn list_row(row: &tokio_postgres::Row) -> Result<Row> {
    Ok(Row {
        id: get(row, "id")?,
        receipt_code: get(row, "receipt_code")?,
        mahalla: get(row, "mahalla")?,
        target_id: get(row, "target_id")?,
        status: get(row, "status")?,
        created_at: get(row, "created_at")?,
        catalogue_version: get_u32(row, "catalogue_version")?,
        received_at: get(row, "received_at")?,
        decided: get(row, "decided")?,
        due_on: get(row, "due_on")?,
        mahalla_name: get(row, "mahalla_name")?,
        district: get(row, "district")?,
        region: get(row, "region")?,
    })
}

/// A column as the list's statement names it. Days and ids compare bytewise (`COLLATE "C"`),
/// as the indexes keep them.
fn column(column: Column) -> &'static str {
    match column {
        Column::ReceiptCode => "s.receipt_code",
        Column::Decided => "s.decided",
        Column::Status => "s.status",
        Column::Target => "s.target_id",
        Column::Mahalla => "s.mahalla",
        Column::District => "s.district",
        Column::Region => "s.region",
        Column::CreatedOn => "s.created_on COLLATE \"C\"",
        Column::DueOn => "s.due_on COLLATE \"C\"",
    }
}

type Parameter = Box<dyn ToSql + Sync + Send>;

/// `value` as the next parameter of a statement; its placeholder.
fn bind(values: &mut Vec<Parameter>, value: impl ToSql + Sync + Send + 'static) -> String {
    values.push(Box::new(value));
    format!("${}", values.len())
}

/// `condition` in SQL, its values added to `values`.
fn clause(condition: &Condition, values: &mut Vec<Parameter>) -> String {
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
        Condition::OneOf(name, list) => {
            format!("{} = ANY({})", column(*name), bind(values, list.clone()))
        }
        Condition::InPlaces { regions, districts } => format!(
            "(s.region = ANY({}) OR s.district = ANY({}))",
            bind(values, regions.clone()),
            bind(values, districts.clone())
        ),
        Condition::After(Cursor::Due {
            decided,
            due_on,
            id,
        }) => format!(
            "(s.decided, s.due_on COLLATE \"C\", s.id COLLATE \"C\") > ({}, {}, {})",
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

/// A page of the submissions within `scope` that pass `query`.
pub(crate) async fn list(
    store: &PostgresStore,
    query: &ListQuery,
    scope: &Scope,
) -> Result<Vec<Row>> {
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
        Order::Due => "s.decided, s.due_on COLLATE \"C\", s.id COLLATE \"C\"",
        Order::Newest => "s.received_at DESC, s.id DESC",
    };
    let limit = bind(&mut values, i64::from(query.limit));
    let sql = format!(
        "SELECT {ROW_COLUMNS} FROM submissions s JOIN mahallas m ON m.code = s.mahalla
         {filter} ORDER BY {order} LIMIT {limit}"
    );
    let connection = store.connection().await?;
    let statement = connection.prepare_cached(&sql).await.map_err(backend)?;
    let parameters: Vec<&(dyn ToSql + Sync)> = values
        .iter()
        .map(|value| value.as_ref() as &(dyn ToSql + Sync))
        .collect();
    let rows = connection
        .query(&statement, &parameters)
        .await
        .map_err(backend)?;
    rows.iter().map(list_row).collect()
}

/// Gives an open submission a new last day with the reason, once.
pub(crate) async fn extend_term(store: &PostgresStore, extension: TermExtension) -> Result<bool> {
    let connection = store.connection().await?;
    let changed = connection
        .execute(
            "UPDATE submissions SET due_on = $2, term_extended_at = $3, term_extended_by = $4,
                 term_extension_reason = $5
             WHERE id = $1 AND NOT decided AND term_extended_at IS NULL",
            &[
                &extension.submission_id,
                &day_text(extension.due_on),
                &extension.now_ms,
                &extension.by,
                &extension.reason,
            ],
        )
        .await
        .map_err(backend)?;
    Ok(changed == 1)
}

/// Up to `limit` submissions kept before they were dated at ingest.
pub(crate) async fn undated(store: &PostgresStore, limit: u32) -> Result<Vec<Undated>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT id, target_id, catalogue_version, created_at, received_at
             FROM submissions WHERE due_on = '' ORDER BY id LIMIT $1",
            &[&i64::from(limit)],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Undated {
                id: get(row, "id")?,
                target_id: get(row, "target_id")?,
                catalogue_version: get_u32(row, "catalogue_version")?,
                created_at: get(row, "created_at")?,
                received_at: get(row, "received_at")?,
            })
        })
        .collect()
}

pub(crate) async fn set_dates(store: &PostgresStore, dated: &[(String, Dates)]) -> Result<()> {
    let ids: Vec<&str> = dated.iter().map(|(id, _)| id.as_str()).collect();
    let created_on: Vec<String> = dated
        .iter()
        .map(|(_, dates)| day_text(dates.created_on))
        .collect();
    let due_on: Vec<String> = dated
        .iter()
        .map(|(_, dates)| day_text(dates.due_on))
        .collect();
    let connection = store.connection().await?;
    connection
        .execute(
            "UPDATE submissions s SET created_on = u.created_on, due_on = u.due_on
             FROM unnest($1::text[], $2::text[], $3::text[]) AS u (id, created_on, due_on)
             WHERE s.id = u.id",
            &[&ids, &created_on, &due_on],
        )
        .await
        .map_err(backend)?;
    Ok(())
}

/// One submission as the dashboard shows it; who changed its status and when, once someone
/// did.
pub(crate) async fn submission(store: &PostgresStore, id: &str) -> Result<Option<SubmissionView>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            &format!(
                "SELECT {ROW_COLUMNS}, s.answer, s.status_changed_by, s.status_changed_at,
                        s.payload, s.term_extended_by, s.term_extended_at,
                        s.term_extension_reason
                 FROM submissions s JOIN mahallas m ON m.code = s.mahalla
                 WHERE s.id = $1"
            ),
            &[&id],
        )
        .await
        .map_err(backend)?;
    let Some(row) = row else {
        return Ok(None);
    };
    let changed_by: Option<String> = get(&row, "status_changed_by")?;
    let changed_at: i64 = get(&row, "status_changed_at")?;
    let extended_by: Option<String> = get(&row, "term_extended_by")?;
    let extension = match extended_by {
        Some(by) => Some(Extension {
            by,
            at: clock::rfc3339(get(&row, "term_extended_at")?),
            reason: get(&row, "term_extension_reason")?,
        }),
        None => None,
    };
    Ok(Some(SubmissionView {
        extension,
        history: receipts::history(&connection, id).await?,
        row: list_row(&row)?,
        answer: get(&row, "answer")?,
        changed: changed_by.map(|by| (by, clock::rfc3339(changed_at))),
        payload: get(&row, "payload")?,
    }))
}

/// Each terminal not revoked, by mahalla code, with when it was last seen and its last
/// heartbeat.
pub(crate) async fn terminal_figures(store: &PostgresStore) -> Result<Vec<TerminalFigures>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT m.code, m.name, m.region, m.district, d.last_seen_at, d.last_heartbeat,
                    d.number
             FROM devices d JOIN mahallas m ON m.code = d.mahalla
             WHERE d.revoked_at IS NULL
             ORDER BY m.code, d.number",
            &[],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(TerminalFigures {
                number: get_u32(row, "number")?,
                mahalla: get(row, "code")?,
                mahalla_name: get(row, "name")?,
                region: get(row, "region")?,
                district: get(row, "district")?,
                last_seen_at: get(row, "last_seen_at")?,
                last_heartbeat: get(row, "last_heartbeat")?,
            })
        })
        .collect()
}

/// Every mahalla of the register.
pub(crate) async fn mahallas(store: &PostgresStore) -> Result<Vec<Mahalla>> {
    let connection = store.connection().await?;
    let rows = connection
        .query("SELECT code, name, district, region FROM mahallas", &[])
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Mahalla {
                code: get(row, "code")?,
                name: get(row, "name")?,
                district: get(row, "district")?,
                region: get(row, "region")?,
            })
        })
        .collect()
}

/// Submissions handed in on each day from `from` on, per mahalla.
pub(crate) async fn handed_in_per_day(store: &PostgresStore, from: Date) -> Result<Vec<DayCount>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT mahalla, created_on, count(*) AS count FROM submissions
             WHERE created_on COLLATE \"C\" >= $1 GROUP BY created_on, mahalla",
            &[&day_text(from)],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(DayCount {
                mahalla: get(row, "mahalla")?,
                day: get(row, "created_on")?,
                count: get_u32(row, "count")?,
            })
        })
        .collect()
}

/// Open submissions per mahalla and service, and how many were due before `today`.
pub(crate) async fn open_per_mahalla(store: &PostgresStore, today: Date) -> Result<Vec<OpenCount>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT mahalla, target_id, count(*) AS open,
                    count(*) FILTER (WHERE due_on COLLATE \"C\" < $1) AS overdue
             FROM submissions WHERE NOT decided GROUP BY mahalla, target_id",
            &[&day_text(today)],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(OpenCount {
                mahalla: get(row, "mahalla")?,
                target_id: get(row, "target_id")?,
                open: get_u32(row, "open")?,
                overdue: get_u32(row, "overdue")?,
            })
        })
        .collect()
}

/// The decisions given at or after `since_ms`.
pub(crate) async fn decisions_since(store: &PostgresStore, since_ms: i64) -> Result<Vec<Decision>> {
    let connection = store.connection().await?;
    let rows = connection
        .query(
            "SELECT mahalla, received_at, status_changed_at, due_on FROM submissions
             WHERE decided AND status_changed_at >= $1",
            &[&since_ms],
        )
        .await
        .map_err(backend)?;
    rows.iter()
        .map(|row| {
            Ok(Decision {
                mahalla: get(row, "mahalla")?,
                received_at: get(row, "received_at")?,
                decided_at: get(row, "status_changed_at")?,
                due_on: get(row, "due_on")?,
            })
        })
        .collect()
}
