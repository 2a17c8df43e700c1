//! The schema of the terminal's database, one migration at a time. Never edit a migration
//! that has shipped: add the next one.

use mahalla_protocol::receipt_code::ReceiptCode;
use rusqlite_migration::{HookError, HookResult, M, Migrations};

/// The first migrations' SQL, in order.
const STEPS: [&str; 6] = [
    r#"
        -- What the terminal itself is: its device number (0 until the portal assigns one) and
        -- the next per-device sequence number for receipt codes.
        CREATE TABLE device (
            id              INTEGER PRIMARY KEY CHECK (id = 1),
            device_number   INTEGER NOT NULL CHECK (device_number >= 0),
            next_sequence   INTEGER NOT NULL CHECK (next_sequence >= 0)
        );
        INSERT INTO device (id, device_number, next_sequence) VALUES (1, 0, 0);

        -- A finalised submission. Its payload never changes; it is dropped (set to NULL) only
        -- after the portal confirmed delivery.
        CREATE TABLE submissions (
            id                  TEXT PRIMARY KEY,          -- UUIDv7
            receipt_code        TEXT NOT NULL UNIQUE,
            target_id           TEXT NOT NULL,             -- service or appeal id
            catalogue_version   INTEGER NOT NULL,
            lang                TEXT NOT NULL,
            created_at          TEXT NOT NULL,             -- RFC 3339, UTC
            payload_format      TEXT NOT NULL CHECK (payload_format IN ('json', 'age')),
            payload             BLOB,
            payload_sha256      TEXT NOT NULL
        );

        -- Where each submission is on its way to the portal.
        CREATE TABLE outbox (
            submission_id       TEXT PRIMARY KEY REFERENCES submissions(id),
            state               TEXT NOT NULL
                                CHECK (state IN ('queued', 'sending', 'delivered', 'quarantined')),
            attempts            INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
            next_attempt_at     TEXT,
            last_error          TEXT,
            quarantine_reason   TEXT,
            delivered_at        TEXT,
            updated_at          TEXT NOT NULL,
            CHECK ((state = 'quarantined') = (quarantine_reason IS NOT NULL)),
            CHECK ((state = 'delivered') = (delivered_at IS NOT NULL))
        );
        CREATE INDEX outbox_by_state ON outbox (state, next_attempt_at);

        -- The printed receipt of each submission.
        CREATE TABLE receipts (
            submission_id   TEXT PRIMARY KEY REFERENCES submissions(id),
            printed         INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1)),
            printed_at      TEXT,
            reprint_count   INTEGER NOT NULL DEFAULT 0 CHECK (reprint_count >= 0),
            last_error      TEXT,
            CHECK ((printed = 1) = (printed_at IS NOT NULL))
        );

        -- Statuses and answers as the portal reports them.
        CREATE TABLE status_history (
            id              INTEGER PRIMARY KEY,
            submission_id   TEXT NOT NULL REFERENCES submissions(id),
            status          TEXT NOT NULL,
            answer          TEXT,
            changed_at      TEXT NOT NULL,
            received_at     TEXT NOT NULL
        );
        CREATE INDEX status_history_by_submission ON status_history (submission_id, id);

        -- Catalogue versions received from the portal; the newest valid one is shown.
        CREATE TABLE catalogue_cache (
            version         INTEGER PRIMARY KEY,
            body            TEXT NOT NULL,
            received_at     TEXT NOT NULL
        );

        CREATE TABLE settings (
            key             TEXT PRIMARY KEY,
            value           TEXT NOT NULL
        );

        -- Who did what, without personal data.
        CREATE TABLE audit_log (
            id              INTEGER PRIMARY KEY,
            at              TEXT NOT NULL,
            actor           TEXT NOT NULL,
            action          TEXT NOT NULL,
            detail          TEXT NOT NULL DEFAULT ''
        );
        "#,
    r#"
        -- The terminal's enrolment with the portal; absent until `kioskctl enroll`.
        CREATE TABLE enrolment (
            id              INTEGER PRIMARY KEY CHECK (id = 1),
            device_id       TEXT NOT NULL,
            portal_url      TEXT NOT NULL,
            mahalla_code    TEXT NOT NULL,
            mahalla_name    TEXT NOT NULL,
            age_recipient   TEXT NOT NULL,
            device_keys     TEXT NOT NULL,             -- JSON list from the portal
            enrolled_at     TEXT NOT NULL
        );

        -- Where the sync worker is: the feed cursor, the learned clock offset, the last
        -- success and the last error (no personal data).
        CREATE TABLE sync_state (
            id                  INTEGER PRIMARY KEY CHECK (id = 1),
            cursor              INTEGER NOT NULL DEFAULT 0 CHECK (cursor >= 0),
            clock_offset_ms     INTEGER NOT NULL DEFAULT 0,
            last_success_at     TEXT,
            last_error          TEXT,
            last_error_at       TEXT,
            CHECK ((last_error IS NULL) = (last_error_at IS NULL))
        );
        INSERT INTO sync_state (id) VALUES (1);
        "#,
    r#"
        -- The reprint queue: a receipt not printed (printed = 0) or asked for again by staff
        -- (reprint_requested = 1) waits here; last_error says why the last try failed.
        ALTER TABLE receipts ADD COLUMN reprint_requested INTEGER NOT NULL DEFAULT 0
            CHECK (reprint_requested IN (0, 1));
        ALTER TABLE receipts ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0
            CHECK (attempts >= 0);
        ALTER TABLE receipts ADD COLUMN last_attempt_at TEXT;
        CREATE INDEX receipts_waiting ON receipts (printed, reprint_requested);
        "#,
    r#"
        -- Mahalla staff who may sign in on this terminal. The PIN is kept only as an argon2id
        -- hash (PHC string).
        CREATE TABLE staff (
            id              INTEGER PRIMARY KEY,
            name            TEXT NOT NULL UNIQUE CHECK (length(trim(name)) > 0),
            pin_hash        TEXT NOT NULL CHECK (pin_hash LIKE '$argon2id$%'),
            created_at      TEXT NOT NULL,
            pin_set_at      TEXT NOT NULL
        );

        -- Wrong PINs in a row on this terminal, and until when (Unix ms) sign-in is refused.
        CREATE TABLE pin_lockout (
            id              INTEGER PRIMARY KEY CHECK (id = 1),
            failures        INTEGER NOT NULL DEFAULT 0 CHECK (failures >= 0),
            locked_until_ms INTEGER
        );
        INSERT INTO pin_lockout (id) VALUES (1);

        -- Who helped the resident fill it in, for a staff-assisted submission.
        ALTER TABLE submissions ADD COLUMN assisted_by INTEGER REFERENCES staff(id);
        "#,
    r#"
        -- What the receipt repeats of the form: only fields the catalogue marks printable
        -- (choices and dates, such as an appointment's day or an appeal's addressee), never
        -- identifiers, phones or free text. A JSON list of [key, value].
        ALTER TABLE receipts ADD COLUMN details TEXT NOT NULL DEFAULT '[]';

        -- The newest catalogue from the portal that did not check, as JSON {version, reason};
        -- reported in the heartbeat until a newer one is taken.
        ALTER TABLE sync_state ADD COLUMN refused_catalogue TEXT;
        "#,
    r#"
        -- The portal's Ed25519 key its answers must be signed with, pinned at enrolment
        -- (unpadded base64url); NULL for a terminal enrolled before answers were signed.
        ALTER TABLE enrolment ADD COLUMN portal_signing_key TEXT;
        "#,
];

/// The seventh step: one table holds a submission, where it is on its way to the portal and
/// its receipt, keyed by its sequence number. A submission is then one row in one table plus
/// two small indexes, instead of rows in three tables and eight b-trees: each b-tree a commit
/// touches is one more page written and synced.
const MERGE_CREATE: &str = r#"
        CREATE TABLE submissions_merged (
            -- The receipt code's sequence number: assigned as the highest so far plus one,
            -- never reused, because submissions are never deleted.
            sequence            INTEGER PRIMARY KEY CHECK (sequence >= 0),
            id                  TEXT NOT NULL UNIQUE,      -- UUIDv7
            receipt_code        TEXT NOT NULL,             -- device number then, and sequence
            target_id           TEXT NOT NULL,             -- service or appeal id
            catalogue_version   INTEGER NOT NULL,
            lang                TEXT NOT NULL,
            created_at          TEXT NOT NULL,             -- RFC 3339, UTC
            payload_format      TEXT NOT NULL CHECK (payload_format IN ('json', 'age')),
            payload             BLOB,                      -- NULL once the portal holds it
            payload_sha256      TEXT NOT NULL,
            assisted_by         INTEGER REFERENCES staff(id),

            -- On its way to the portal.
            outbox_state        TEXT NOT NULL DEFAULT 'queued'
                                CHECK (outbox_state IN ('queued', 'sending', 'delivered', 'quarantined')),
            send_attempts       INTEGER NOT NULL DEFAULT 0 CHECK (send_attempts >= 0),
            next_attempt_at     TEXT,
            send_error          TEXT,
            quarantine_reason   TEXT,
            delivered_at        TEXT,
            outbox_updated_at   TEXT NOT NULL,

            -- Its receipt: not printed (printed = 0) or asked for again by staff
            -- (reprint_requested = 1) means it waits for the printer; print_error says why the
            -- last try failed. details: the printable fields of the form, JSON [[key, value]].
            printed             INTEGER NOT NULL DEFAULT 0 CHECK (printed IN (0, 1)),
            printed_at          TEXT,
            reprint_count       INTEGER NOT NULL DEFAULT 0 CHECK (reprint_count >= 0),
            reprint_requested   INTEGER NOT NULL DEFAULT 0 CHECK (reprint_requested IN (0, 1)),
            print_attempts      INTEGER NOT NULL DEFAULT 0 CHECK (print_attempts >= 0),
            print_error         TEXT,
            last_print_attempt_at TEXT,
            details             TEXT NOT NULL DEFAULT '[]',

            CHECK ((outbox_state = 'quarantined') = (quarantine_reason IS NOT NULL)),
            CHECK ((outbox_state = 'delivered') = (delivered_at IS NOT NULL)),
            CHECK ((printed = 1) = (printed_at IS NOT NULL))
        );
        "#;

/// Copies every submission with its outbox and receipt rows into the merged table, its
/// sequence number read back from its receipt code.
fn copy_into_merged(transaction: &rusqlite::Transaction) -> HookResult {
    let rows: Vec<(String, String)> = {
        let mut statement = transaction.prepare("SELECT id, receipt_code FROM submissions")?;
        let rows = statement.query_map([], |row| Ok((row.get(0)?, row.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    let mut copy = transaction.prepare(
        "INSERT INTO submissions_merged
         SELECT ?2, s.id, s.receipt_code, s.target_id, s.catalogue_version, s.lang, s.created_at,
                s.payload_format, s.payload, s.payload_sha256, s.assisted_by,
                o.state, o.attempts, o.next_attempt_at, o.last_error, o.quarantine_reason,
                o.delivered_at, o.updated_at,
                r.printed, r.printed_at, r.reprint_count, r.reprint_requested, r.attempts,
                r.last_error, r.last_attempt_at, r.details
         FROM submissions s
         JOIN outbox o ON o.submission_id = s.id
         JOIN receipts r ON r.submission_id = s.id
         WHERE s.id = ?1",
    )?;
    for (id, code) in rows {
        let sequence = ReceiptCode::parse(&code)
            .map_err(|error| HookError::Hook(format!("receipt code {code:?}: {error}")))?
            .sequence();
        if copy.execute(rusqlite::params![id, sequence])? != 1 {
            return Err(HookError::Hook(format!(
                "submission {code} has no outbox or receipt row"
            )));
        }
    }
    Ok(())
}

/// The eighth step: the merged table takes the old ones' place.
const MERGE_FINISH: &str = r#"
        DROP TABLE receipts;
        DROP TABLE outbox;
        DROP TABLE submissions;
        ALTER TABLE submissions_merged RENAME TO submissions;
        -- What is not finished: not yet delivered (or quarantined), or a receipt to print. The
        -- sync and print workers read only these rows; the queries repeat this condition
        -- word for word (`unfinished!`), which is how SQLite knows it may use the index.
        CREATE INDEX submissions_unfinished ON submissions (sequence)
            WHERE outbox_state <> 'delivered' OR printed = 0 OR reprint_requested = 1;
        -- The next sequence number is the highest stored plus one.
        ALTER TABLE device DROP COLUMN next_sequence;
        "#;

/// The ninth step: the kind of the last sync error, which staff read in their language
/// (`SyncProblem`), beside the technician's text in `last_error`.
const SYNC_PROBLEM: &str = r#"
        ALTER TABLE sync_state ADD COLUMN last_problem TEXT;
        "#;

fn steps() -> Vec<M<'static>> {
    let mut steps: Vec<M<'static>> = STEPS.iter().map(|sql| M::up(sql)).collect();
    steps.push(M::up_with_hook(MERGE_CREATE, copy_into_merged));
    steps.push(M::up(MERGE_FINISH).foreign_key_check());
    steps.push(M::up(SYNC_PROBLEM));
    steps
}

pub fn migrations() -> Migrations<'static> {
    Migrations::new(steps())
}

/// The schema version a database has once every migration ran (SQLite's `user_version`).
pub fn version() -> i64 {
    i64::try_from(steps().len()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    use rusqlite::Connection;

    use super::*;

    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }

    /// A database as the sixth schema left it: two submissions, one delivered and printed
    /// with an answer, one queued whose receipt failed to print.
    fn schema_six_with_two_submissions(path: &std::path::Path) {
        let mut connection = mahalla_host::sqlite::open(path).expect("open");
        Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
            .to_latest(&mut connection)
            .expect("the sixth schema");
        let first = ReceiptCode::new(0, 0).expect("code").to_string();
        let second = ReceiptCode::new(0, 1).expect("code").to_string();
        connection
            .execute_batch(&format!(
                "UPDATE device SET next_sequence = 2;
                 INSERT INTO submissions (id, receipt_code, target_id, catalogue_version, lang,
                     created_at, payload_format, payload, payload_sha256)
                 VALUES ('a', '{first}', 'taklif', 1, 'uz-Latn', '2026-12-01T10:00:00Z', 'age',
                         NULL, 'h1'),
                        ('b', '{second}', 'shikoyat', 1, 'ru', '2026-12-02T10:00:00Z', 'age',
                         x'00', 'h2');
                 INSERT INTO outbox (submission_id, state, attempts, delivered_at, updated_at)
                 VALUES ('a', 'delivered', 1, '2026-12-01T10:01:00Z', '2026-12-01T10:01:00Z');
                 INSERT INTO outbox (submission_id, state, attempts, last_error, updated_at)
                 VALUES ('b', 'queued', 3, 'unreachable', '2026-12-02T10:05:00Z');
                 INSERT INTO receipts (submission_id, printed, printed_at, details)
                 VALUES ('a', 1, '2026-12-01T10:00:01Z', '[]');
                 INSERT INTO receipts (submission_id, last_error, attempts, details)
                 VALUES ('b', 'paper-out', 2, '[[\"specialty\",\"therapist\"]]');
                 INSERT INTO status_history (submission_id, status, answer, changed_at, received_at)
                 VALUES ('a', 'answered', 'Javob', '2026-12-03T10:00:00Z', '2026-12-03T10:01:00Z');"
            ))
            .expect("rows");
    }

    #[test]
    fn the_merge_keeps_every_submission_its_state_and_its_receipt() {
        let dir = tempfile::tempdir().expect("temp dir");
        schema_six_with_two_submissions(&dir.path().join(crate::store::DATABASE_FILE));

        let mut store = crate::store::Store::open(dir.path()).expect("migrated");
        let queue = store.queue().expect("queue");
        let states: Vec<(&str, &str)> = queue
            .iter()
            .map(|entry| (entry.target_id.as_str(), entry.state.as_str()))
            .collect();
        assert_eq!(states, [("shikoyat", "queued"), ("taklif", "delivered")]);
        let waiting = store.receipts_to_print().expect("receipts");
        assert_eq!(waiting.len(), 1);
        assert_eq!(waiting[0].submission_id, "b");
        assert_eq!(waiting[0].last_error.as_deref(), Some("paper-out"));
        assert_eq!(waiting[0].attempts, 2);
        assert_eq!(
            waiting[0].details,
            [("specialty".into(), "therapist".into())]
        );
        let answered = store
            .status(&ReceiptCode::new(0, 0).expect("code"))
            .expect("status")
            .expect("found");
        assert_eq!(answered.history[0].answer.as_deref(), Some("Javob"));
        assert_eq!(store.undelivered_count().expect("count"), 1);

        // The next receipt number follows the last one issued.
        let next = store
            .submit(
                &mahalla_protocol::bundled::catalogue().expect("catalogue"),
                "taklif",
                &crate::store::sample_proposal(),
                mahalla_protocol::lang::Lang::UzLatn,
            )
            .expect("submit");
        assert_eq!(next.receipt_code.sequence(), 2);
        assert_eq!(store.integrity_check().expect("check"), ["ok"]);
    }

    /// What SQLite plans for `sql`, one line per step.
    fn plan(connection: &Connection, sql: &str) -> String {
        let mut statement = connection
            .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
            .expect("explain");
        let steps: Vec<String> = statement
            .query_map([], |row| row.get(3))
            .expect("plan")
            .collect::<Result<_, _>>()
            .expect("steps");
        steps.join("; ")
    }

    #[test]
    fn the_workers_find_their_work_through_the_unfinished_index() {
        let dir = tempfile::tempdir().expect("temp dir");
        drop(crate::store::Store::open(dir.path()).expect("create"));
        let connection =
            Connection::open(dir.path().join(crate::store::DATABASE_FILE)).expect("open");
        for sql in [
            concat!(
                "SELECT id FROM submissions WHERE ",
                unfinished!(),
                " AND outbox_state = 'queued' ORDER BY sequence"
            ),
            concat!(
                "SELECT id FROM submissions WHERE ",
                unfinished!(),
                " AND (printed = 0 OR reprint_requested = 1) ORDER BY sequence"
            ),
            concat!(
                "SELECT outbox_state, count(*) FROM submissions WHERE ",
                unfinished!(),
                " AND outbox_state <> 'delivered' GROUP BY outbox_state"
            ),
        ] {
            let plan = plan(&connection, sql);
            assert!(
                plan.contains("USING INDEX submissions_unfinished"),
                "{sql}\n{plan}"
            );
        }
        for (sql, index) in [
            (
                "SELECT id FROM submissions WHERE sequence = 5 AND receipt_code = 'x'",
                "INTEGER PRIMARY KEY",
            ),
            ("SELECT sequence FROM submissions WHERE id = 'x'", "INDEX"),
        ] {
            let plan = plan(&connection, sql);
            assert!(
                plan.contains(index) && !plan.starts_with("SCAN"),
                "{sql}\n{plan}"
            );
        }
    }
}
