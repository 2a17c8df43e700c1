//! The reprint queue: receipts that have not printed yet, or that staff asked for again.

use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use rusqlite::params;
use time::format_description::well_known::Rfc3339;
use time::{OffsetDateTime, PrimitiveDateTime};

use super::{Store, StoreError, audit};
use mahalla_protocol::UZBEKISTAN;

/// A receipt waiting for the printer, with what it needs to be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WaitingReceipt {
    pub submission_id: String,
    pub receipt_code: ReceiptCode,
    pub target_id: String,
    pub lang: Lang,
    /// When the submission was made, in Tashkent.
    pub issued_at: PrimitiveDateTime,
    /// Staff asked for it again after it had printed.
    pub reprint: bool,
    /// Why the last try failed, if one did.
    pub last_error: Option<String>,
    pub attempts: u32,
    /// The printable values of the form, as `(key, value)`.
    pub details: Vec<(String, String)>,
}

fn conversion(
    column: usize,
    error: impl std::error::Error + Send + Sync + 'static,
) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, rusqlite::types::Type::Text, Box::new(error))
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
struct BadValue(String);

impl Store {
    /// Every receipt that is not printed or was asked for again, oldest first.
    pub fn receipts_to_print(&self) -> Result<Vec<WaitingReceipt>, StoreError> {
        let mut statement = self.connection.prepare_cached(concat!(
            "SELECT id, receipt_code, target_id, lang, created_at,
                    printed, print_error, print_attempts, details
             FROM submissions
             WHERE ",
            unfinished!(),
            " AND (printed = 0 OR reprint_requested = 1)
             ORDER BY sequence"
        ))?;
        let rows = statement.query_map([], |row| {
            let code: String = row.get(1)?;
            let lang: String = row.get(3)?;
            let created: String = row.get(4)?;
            let printed: bool = row.get(5)?;
            let details: String = row.get(8)?;
            let issued_at = OffsetDateTime::parse(&created, &Rfc3339)
                .map_err(|error| conversion(4, error))?
                .to_offset(UZBEKISTAN);
            Ok(WaitingReceipt {
                submission_id: row.get(0)?,
                receipt_code: ReceiptCode::parse(&code).map_err(|error| conversion(1, error))?,
                target_id: row.get(2)?,
                lang: Lang::from_tag(&lang)
                    .ok_or_else(|| conversion(3, BadValue(format!("language {lang:?}"))))?,
                issued_at: PrimitiveDateTime::new(issued_at.date(), issued_at.time()),
                reprint: printed,
                last_error: row.get(6)?,
                attempts: row.get(7)?,
                details: serde_json::from_str(&details).map_err(|error| conversion(8, error))?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Records that the receipt came out of the printer.
    pub fn receipt_printed(&mut self, submission_id: &str) -> Result<(), StoreError> {
        let at = self.now_text()?;
        self.connection
            .prepare_cached(
                "UPDATE submissions SET
                     reprint_count = reprint_count + printed,
                     printed = 1, printed_at = ?2, reprint_requested = 0,
                     print_error = NULL, print_attempts = print_attempts + 1,
                     last_print_attempt_at = ?2
                 WHERE id = ?1",
            )?
            .execute(params![submission_id, at])?;
        Ok(())
    }

    /// Records a failed try; the receipt stays queued with `reason`.
    pub fn receipt_not_printed(
        &mut self,
        submission_id: &str,
        reason: &str,
    ) -> Result<(), StoreError> {
        let at = self.now_text()?;
        self.connection
            .prepare_cached(
                "UPDATE submissions
                 SET print_error = ?2, print_attempts = print_attempts + 1,
                     last_print_attempt_at = ?3
                 WHERE id = ?1",
            )?
            .execute(params![submission_id, reason, at])?;
        Ok(())
    }

    /// Staff asks for the receipt `code` again. Returns whether such a receipt exists.
    pub fn request_reprint(&mut self, code: ReceiptCode, actor: &str) -> Result<bool, StoreError> {
        let at = self.now_text()?;
        let transaction = self.connection.transaction()?;
        let changed = transaction
            .prepare_cached(
                "UPDATE submissions SET reprint_requested = printed
                 WHERE sequence = ?1 AND receipt_code = ?2",
            )?
            .execute(params![code.sequence(), code.to_string()])?;
        if changed > 0 {
            audit::record(
                &transaction,
                &at,
                actor,
                "receipt.reprint-requested",
                &code.to_string(),
            )?;
        }
        transaction.commit()?;
        Ok(changed > 0)
    }

    /// How often the receipt `code` was printed again after its first print.
    pub fn reprint_count(&self, code: ReceiptCode) -> Result<Option<u32>, StoreError> {
        use rusqlite::OptionalExtension;
        Ok(self
            .connection
            .prepare_cached(
                "SELECT reprint_count FROM submissions WHERE sequence = ?1 AND receipt_code = ?2",
            )?
            .query_row(params![code.sequence(), code.to_string()], |row| row.get(0))
            .optional()?)
    }
}

#[cfg(test)]
mod tests {
    use mahalla_protocol::lang::Lang;

    use super::*;

    #[test]
    fn a_receipt_keeps_only_the_printable_details_of_the_form() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(dir.path()).expect("open");
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let visit = (OffsetDateTime::now_utc().date() + time::Duration::days(3)).to_string();
        let values = [
            ("full_name", "Oʻrinboy Qodirov"),
            ("pinfl", "31508901234567"),
            ("phone", "+998901234567"),
            ("notify_consent", "yes"),
            ("specialty", "therapist"),
            ("visit_date", visit.as_str()),
            ("time_of_day", "morning"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
        store
            .submit(&catalogue, "doctor-appointment", &values, Lang::UzLatn)
            .expect("submit");
        let waiting = store.receipts_to_print().expect("receipts");
        let details: Vec<(&str, &str)> = waiting[0]
            .details
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            details,
            [
                ("specialty", "therapist"),
                ("visit_date", visit.as_str()),
                ("time_of_day", "morning")
            ]
        );
    }
}
