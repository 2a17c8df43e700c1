//! What a resident sees when checking an application: its local state and the portal's
//! statuses, and the agency's answers only for someone who shows they hold the receipt
//! (its signed QR): a typed code is easy to guess, an answer may be personal.

use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::signing;
use mahalla_protocol::status_query::StatusQuery;
use rusqlite::OptionalExtension;

use super::submissions::OutboxState;
use super::{Store, StoreError};

/// One status the portal reported, with the agency's answer if it gave one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub status: String,
    pub answer: Option<String>,
    pub changed_at: String,
}

/// A stored submission as the status check shows it. No personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusRecord {
    pub target_id: String,
    pub created_at: String,
    pub state: OutboxState,
    pub history: Vec<StatusChange>,
    /// The agency answered, but the answers were left out: the query did not show that the
    /// person holds the receipt.
    pub answers_withheld: bool,
}

impl Store {
    /// The submission with this receipt code, if this terminal holds it.
    pub fn status(&self, code: &ReceiptCode) -> Result<Option<StatusRecord>, StoreError> {
        let found = self
            .connection
            .prepare_cached(
                "SELECT id, target_id, created_at, outbox_state FROM submissions
                 WHERE sequence = ?1 AND receipt_code = ?2",
            )?
            .query_row(
                rusqlite::params![code.sequence(), code.to_string()],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                    ))
                },
            )
            .optional()?;
        let Some((id, target_id, created_at, state)) = found else {
            return Ok(None);
        };
        let mut statement = self.connection.prepare_cached(
            "SELECT status, answer, changed_at FROM status_history
             WHERE submission_id = ?1 ORDER BY id",
        )?;
        let history = statement
            .query_map([&id], |row| {
                Ok(StatusChange {
                    status: row.get(0)?,
                    answer: row.get(1)?,
                    changed_at: row.get(2)?,
                })
            })?
            .collect::<Result<_, _>>()?;
        Ok(Some(StatusRecord {
            target_id,
            created_at,
            state: OutboxState::from_sql(&state).ok_or_else(|| {
                StoreError::Sqlite(rusqlite::Error::InvalidColumnType(
                    3,
                    format!("outbox state {state:?}"),
                    rusqlite::types::Type::Text,
                ))
            })?,
            history,
            answers_withheld: false,
        }))
    }

    /// The submission a person asks about, as they may see it: this terminal's record for a
    /// typed code without the answers; with them for the receipt's QR, once its signature
    /// checks with this terminal's key. A QR of another terminal finds nothing here.
    pub fn look_up(&self, query: &StatusQuery) -> Result<Option<StatusRecord>, StoreError> {
        let holder_shown = match query {
            StatusQuery::Typed(_) => false,
            StatusQuery::Scanned(qr) => match self.enrolment()? {
                Some(enrolment) if qr.device_id != enrolment.device_id => return Ok(None),
                Some(enrolment) => enrolment.device_keys.iter().any(|key| {
                    key.device_id == qr.device_id
                        && !key.revoked
                        && signing::parse_public_key(&key.public_key)
                            .is_ok_and(|public| qr.verify(&public).is_ok())
                }),
                // Before enrolment nothing can be answered, so there is nothing to withhold.
                None => false,
            },
        };
        let Some(mut record) = self.status(&query.code())? else {
            return Ok(None);
        };
        if !holder_shown {
            for change in &mut record.history {
                record.answers_withheld |= change.answer.take().is_some();
            }
        }
        Ok(Some(record))
    }

    /// How many submissions have not reached the portal yet.
    pub fn waiting_count(&self) -> Result<u64, StoreError> {
        let count: i64 = self.connection.query_row(
            concat!(
                "SELECT count(*) FROM submissions WHERE ",
                unfinished!(),
                " AND outbox_state IN ('queued', 'sending')"
            ),
            [],
            |row| row.get(0),
        )?;
        Ok(u64::try_from(count).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use mahalla_protocol::lang::Lang;
    use rusqlite::params;

    use super::*;

    #[test]
    fn a_stored_receipt_is_found_with_its_history_and_others_are_not() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let values = crate::store::sample_proposal();
        let submitted = store
            .submit(&catalogue, "taklif", &values, Lang::UzLatn)
            .expect("submit");
        assert_eq!(store.waiting_count().expect("count"), 1);

        store
            .connection
            .execute(
                "INSERT INTO status_history (submission_id, status, answer, changed_at, received_at)
                 VALUES (?1, 'in-review', 'Koʻrib chiqilmoqda', '2026-12-02T10:00:00Z', '2026-12-02T10:01:00Z')",
                params![submitted.id.to_string()],
            )
            .expect("status row");
        let record = store
            .status(&submitted.receipt_code)
            .expect("lookup")
            .expect("found");
        assert_eq!(record.target_id, "taklif");
        assert_eq!(record.state, OutboxState::Queued);
        assert_eq!(record.history.len(), 1);
        assert_eq!(
            record.history[0].answer.as_deref(),
            Some("Koʻrib chiqilmoqda")
        );

        let other = ReceiptCode::new(7, 7).expect("code");
        assert_eq!(store.status(&other).expect("lookup"), None);
    }
}
