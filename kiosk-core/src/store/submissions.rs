//! Finalising submissions and reading the local queue.

use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::form::{self, FormErrors, Values};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::{ReceiptCode, ReceiptCodeError};
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::wire::{Assistance, PayloadFormat, SubmissionPayload};
use rusqlite::{OptionalExtension, TransactionBehavior, params};
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use uuid::Uuid;

use super::clock::corrected;
use super::{Store, StoreError, audit, enrolment};

#[derive(Debug, thiserror::Error)]
pub enum SubmitError {
    #[error("no service or appeal {0:?} can be submitted")]
    UnknownTarget(String),
    #[error("the form has errors: {0}")]
    Invalid(FormErrors),
    #[error("this terminal has used up its receipt numbers: {0}")]
    ReceiptCodes(ReceiptCodeError),
    #[error("cannot encode the submission: {0}")]
    Encode(String),
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl From<rusqlite::Error> for SubmitError {
    fn from(error: rusqlite::Error) -> Self {
        SubmitError::Store(StoreError::Sqlite(error))
    }
}

/// A submission that is durably stored and queued for the portal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submitted {
    pub id: Uuid,
    pub receipt_code: ReceiptCode,
    pub created_at: OffsetDateTime,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum OutboxState {
    Queued,
    Sending,
    Delivered,
    Quarantined,
}

impl OutboxState {
    pub const ALL: [OutboxState; 4] = [
        OutboxState::Queued,
        OutboxState::Sending,
        OutboxState::Delivered,
        OutboxState::Quarantined,
    ];

    /// The name used in the database and in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            OutboxState::Queued => "queued",
            OutboxState::Sending => "sending",
            OutboxState::Delivered => "delivered",
            OutboxState::Quarantined => "quarantined",
        }
    }

    pub(super) fn from_sql(text: &str) -> Option<OutboxState> {
        OutboxState::ALL
            .into_iter()
            .find(|state| state.as_str() == text)
    }
}

/// One line of the local queue: metadata only, never personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QueueEntry {
    pub receipt_code: String,
    pub target_id: String,
    pub state: OutboxState,
    pub created_at: String,
}

/// Submissions to one service or appeal in a period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SubmissionCount {
    pub target_id: String,
    pub count: u64,
    pub assisted: u64,
}

impl Store {
    /// Validates `values` against the form of `target_id`, then in one transaction assigns the
    /// next receipt code, stores the submission (encrypted to the portal once the terminal is
    /// enrolled, plain JSON until then), queues it for the portal and records its receipt as
    /// not yet printed. Returns only after the commit.
    pub fn submit(
        &mut self,
        catalogue: &Catalogue,
        target_id: &str,
        values: &Values,
        lang: Lang,
    ) -> Result<Submitted, SubmitError> {
        self.finalise(catalogue, target_id, values, lang, None)
    }

    /// [`Store::submit`] for a form staff filled in with the resident: the payload carries the
    /// staff number and whether they checked the identity document.
    pub fn submit_assisted(
        &mut self,
        catalogue: &Catalogue,
        target_id: &str,
        values: &Values,
        lang: Lang,
        assistance: Assistance,
    ) -> Result<Submitted, SubmitError> {
        self.finalise(catalogue, target_id, values, lang, Some(assistance))
    }

    fn finalise(
        &mut self,
        catalogue: &Catalogue,
        target_id: &str,
        values: &Values,
        lang: Lang,
        assistance: Option<Assistance>,
    ) -> Result<Submitted, SubmitError> {
        let target = catalogue
            .submittable(target_id)
            .ok_or_else(|| SubmitError::UnknownTarget(target_id.to_owned()))?;
        let transaction = self
            .connection
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Everything the submission takes from the store, in one read under the write lock:
        // the clock's offset, the device number and next sequence, and the portal's recipient
        // (read here so that a submission and an enrolment can never interleave).
        let (offset_ms, device_number, sequence, recipient): (i64, u32, u32, Option<String>) =
            transaction
                .prepare_cached(
                    "SELECT (SELECT clock_offset_ms FROM sync_state WHERE id = 1),
                            device_number,
                            (SELECT coalesce(max(sequence) + 1, 0) FROM submissions),
                            (SELECT age_recipient FROM enrolment WHERE id = 1)
                     FROM device WHERE id = 1",
                )?
                .query_row([], |row| {
                    Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
                })?;
        let created_at = corrected(OffsetDateTime::now_utc(), offset_ms);
        let today = created_at.to_offset(UZBEKISTAN).date();
        let accepted =
            form::validate(target.form(), values, today).map_err(SubmitError::Invalid)?;
        let details = serde_json::to_string(&form::receipt_details(target.form(), &accepted))
            .map_err(|error| SubmitError::Encode(error.to_string()))?;
        let plaintext = serde_json::to_vec(&SubmissionPayload {
            target_id: target_id.to_owned(),
            catalogue_version: catalogue.version,
            lang,
            values: accepted,
            assistance: assistance.clone(),
        })
        .map_err(|error| SubmitError::Encode(error.to_string()))?;
        let id = Uuid::now_v7();
        let created = created_at
            .format(&Rfc3339)
            .map_err(|error| SubmitError::Encode(error.to_string()))?;
        // Enrolled: encrypt to the portal now, so no plaintext reaches the database. Not yet
        // enrolled (demo): keep JSON until enrolment encrypts it in one transaction.
        let (format, payload) = match recipient {
            Some(recipient) => (
                PayloadFormat::Age,
                enrolment::seal(&recipient, &plaintext).map_err(SubmitError::Encode)?,
            ),
            None => (PayloadFormat::Json, plaintext),
        };
        let payload_sha256 = sha256_hex(&payload);
        let receipt_code =
            ReceiptCode::new(device_number, sequence).map_err(SubmitError::ReceiptCodes)?;
        // One row: the submission, queued for the portal, its receipt not yet printed.
        transaction
            .prepare_cached(
                "INSERT INTO submissions (sequence, id, receipt_code, target_id,
                     catalogue_version, lang, created_at, payload_format, payload,
                     payload_sha256, assisted_by, outbox_updated_at, details)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?7, ?12)",
            )?
            .execute(params![
                sequence,
                id.to_string(),
                receipt_code.to_string(),
                target_id,
                catalogue.version,
                lang.tag(),
                created,
                format.as_str(),
                payload,
                payload_sha256,
                assistance.as_ref().map(|a| a.staff_id),
                details,
            ])?;
        // The audit log records what staff and technicians do; a resident's own submission
        // is recorded by its row alone, which keeps the commit to the pages of one row.
        if let Some(assistance) = &assistance {
            audit::record(
                &transaction,
                &created,
                &format!("staff:{}", assistance.staff_id),
                "submission.assisted",
                &receipt_code.to_string(),
            )?;
        }
        transaction.commit()?;
        Ok(Submitted {
            id,
            receipt_code,
            created_at,
        })
    }

    /// Every submission, newest first, with where it is on its way to the portal.
    pub fn queue(&self) -> Result<Vec<QueueEntry>, StoreError> {
        let mut statement = self.connection.prepare_cached(
            "SELECT receipt_code, target_id, outbox_state, created_at
             FROM submissions ORDER BY sequence DESC",
        )?;
        let rows = statement.query_map([], |row| {
            let state: String = row.get(2)?;
            Ok(QueueEntry {
                receipt_code: row.get(0)?,
                target_id: row.get(1)?,
                state: OutboxState::from_sql(&state).ok_or_else(|| {
                    rusqlite::Error::FromSqlConversionFailure(
                        2,
                        rusqlite::types::Type::Text,
                        format!("unknown outbox state {state:?}").into(),
                    )
                })?,
                created_at: row.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The submissions per service since midnight and since Monday midnight in Tashkent, by
    /// the corrected clock: the staff's counts.
    pub fn counts_today_and_this_week(
        &self,
    ) -> Result<(Vec<SubmissionCount>, Vec<SubmissionCount>), StoreError> {
        let (today, week) = today_and_week_start(self.now()?);
        Ok((
            self.submission_counts(today)?,
            self.submission_counts(week)?,
        ))
    }

    /// How many submissions each service or appeal got since `since`, most first; with the
    /// number of them that staff assisted.
    pub fn submission_counts(
        &self,
        since: OffsetDateTime,
    ) -> Result<Vec<SubmissionCount>, StoreError> {
        let since = since
            .format(&Rfc3339)
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        let mut statement = self.connection.prepare_cached(
            "SELECT target_id, count(*), count(assisted_by) FROM submissions
             WHERE julianday(created_at) >= julianday(?1)
             GROUP BY target_id ORDER BY count(*) DESC, target_id",
        )?;
        let rows = statement.query_map(params![since], |row| {
            Ok(SubmissionCount {
                target_id: row.get(0)?,
                count: row.get::<_, i64>(1)?.unsigned_abs(),
                assisted: row.get::<_, i64>(2)?.unsigned_abs(),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Whether a submission with this receipt code is stored.
    pub fn has_receipt_code(&self, code: &ReceiptCode) -> Result<bool, StoreError> {
        Ok(self
            .connection
            .prepare_cached("SELECT 1 FROM submissions WHERE sequence = ?1 AND receipt_code = ?2")?
            .query_row(params![code.sequence(), code.to_string()], |_| Ok(()))
            .optional()?
            .is_some())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn catalogue() -> Catalogue {
        mahalla_protocol::bundled::catalogue().expect("bundled catalogue")
    }

    #[test]
    fn a_submission_is_stored_queued_and_gets_consecutive_codes() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = catalogue();
        let first = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("first");
        let second = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::Ru,
            )
            .expect("second");
        assert_eq!(
            first.receipt_code.sequence() + 1,
            second.receipt_code.sequence()
        );
        assert_ne!(first.id, second.id);
        assert!(store.has_receipt_code(&first.receipt_code).expect("lookup"));

        let queue = store.queue().expect("queue");
        assert_eq!(queue.len(), 2);
        assert_eq!(
            queue[0].receipt_code,
            second.receipt_code.to_string(),
            "newest first"
        );
        assert!(queue.iter().all(|entry| entry.state == OutboxState::Queued));
        assert!(queue.iter().all(|entry| entry.target_id == "taklif"));
    }

    #[test]
    fn an_invalid_form_stores_nothing_and_uses_no_receipt_number() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = catalogue();
        let mut values = crate::store::sample_proposal();
        values.remove("subject");
        let refused = store.submit(&catalogue, "taklif", &values, Lang::UzLatn);
        match refused {
            Err(SubmitError::Invalid(errors)) => {
                assert_eq!(errors.for_field("subject"), [form::FieldError::Required]);
            }
            other => panic!("expected a form error, got {other:?}"),
        }
        assert!(store.queue().expect("queue").is_empty());
        let accepted = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("valid");
        assert_eq!(accepted.receipt_code.sequence(), 0);
    }

    #[test]
    fn informational_and_unknown_targets_cannot_be_submitted() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = catalogue();
        for id in ["public-services-centre", "no-such-service"] {
            let result = store.submit(&catalogue, id, &Values::new(), Lang::UzLatn);
            assert!(matches!(result, Err(SubmitError::UnknownTarget(_))), "{id}");
        }
    }

    #[test]
    fn the_payload_keeps_the_normalised_values_and_its_hash() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let mut values = crate::store::sample_proposal();
        values.insert("full_name".into(), "  O'rinboy Qodirov ".into());
        let submitted = store
            .submit(&catalogue(), "taklif", &values, Lang::UzLatn)
            .expect("submit");
        let (payload, hash): (Vec<u8>, String) = store
            .connection
            .query_row(
                "SELECT payload, payload_sha256 FROM submissions WHERE id = ?1",
                [submitted.id.to_string()],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .expect("row");
        assert_eq!(sha256_hex(&payload), hash);
        let json: serde_json::Value = serde_json::from_slice(&payload).expect("JSON payload");
        assert_eq!(json["values"]["full_name"], "Oʻrinboy Qodirov");
        assert_eq!(json["target_id"], "taklif");
    }

    #[test]
    fn reopening_keeps_submissions_and_continues_the_sequence() {
        let dir = tempfile::tempdir().expect("temp dir");
        let catalogue = catalogue();
        let first = Store::open(dir.path())
            .expect("open")
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("first");
        let mut store = Store::open(dir.path()).expect("reopen");
        let second = store
            .submit(
                &catalogue,
                "taklif",
                &crate::store::sample_proposal(),
                Lang::UzLatn,
            )
            .expect("second");
        assert!(store.has_receipt_code(&first.receipt_code).expect("lookup"));
        assert_eq!(second.receipt_code.sequence(), 1);
    }
}

/// Midnight today and on this week's Monday, in Tashkent.
fn today_and_week_start(now: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
    let local = now.to_offset(UZBEKISTAN);
    let midnight = local.replace_time(time::Time::MIDNIGHT);
    let days_since_monday = i64::from(local.weekday().number_days_from_monday());
    (midnight, midnight - time::Duration::days(days_since_monday))
}

#[cfg(test)]
mod week_tests {
    use super::*;

    #[test]
    fn the_week_starts_on_monday_midnight_in_tashkent() {
        // Wednesday 2 December 2026, 20:30 UTC is Thursday 01:30 in Tashkent.
        let now = time::macros::datetime!(2026-12-02 20:30 UTC);
        let (today, week) = today_and_week_start(now);
        assert_eq!(today, time::macros::datetime!(2026-12-03 00:00 +5));
        assert_eq!(week, time::macros::datetime!(2026-11-30 00:00 +5));
    }
}
