//! The SQLite schema, one migration a step. Steps are never edited once released; a change
//! is a new step.

use rusqlite_migration::{M, Migrations};

/// The step that stopped keeping decrypted personal data: after it, the file is rewritten so
/// none stays in free pages.
pub const NO_PLAINTEXT_STEP: usize = 6;
/// The step that made every time the portal keeps Unix ms.
#[cfg(test)]
pub const UNIX_MS_STEP: usize = 8;
/// The step that kept what the dashboard's list sorts and filters by on each submission.
#[cfg(test)]
pub const LIST_COLUMNS_STEP: usize = 10;

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![
        M::up(
            r#"
        CREATE TABLE mahallas (
            code        TEXT PRIMARY KEY,
            name        TEXT NOT NULL,
            district    TEXT NOT NULL,
            region      TEXT NOT NULL
        );
        -- One-time enrolment codes, kept as hashes.
        CREATE TABLE enrol_codes (
            code_sha256 TEXT PRIMARY KEY,
            mahalla     TEXT NOT NULL REFERENCES mahallas(code),
            created_at  INTEGER NOT NULL,
            expires_at  INTEGER NOT NULL,
            used_by     TEXT,
            used_at     INTEGER,
            CHECK ((used_by IS NULL) = (used_at IS NULL))
        );
        -- The device number is the row id: 1, 2, 3, … (0 means "not enrolled" on receipts).
        CREATE TABLE devices (
            number          INTEGER PRIMARY KEY CHECK (number >= 1),
            device_id       TEXT NOT NULL UNIQUE,
            public_key      TEXT NOT NULL,
            mahalla         TEXT NOT NULL REFERENCES mahallas(code),
            enrolled_at     INTEGER NOT NULL,
            revoked_at      INTEGER,
            last_seen_at    INTEGER,
            last_skew_ms    INTEGER,
            last_heartbeat  TEXT
        );
        -- Receipt codes are unique per device: a terminal that was not enrolled yet issued
        -- codes with device number 0, which only its device id tells apart.
        CREATE TABLE submissions (
            id                  TEXT PRIMARY KEY,
            device_id           TEXT NOT NULL REFERENCES devices(device_id),
            receipt_code        TEXT NOT NULL,
            target_id           TEXT NOT NULL,
            catalogue_version   INTEGER NOT NULL,
            created_at          TEXT NOT NULL,
            payload_sha256      TEXT NOT NULL,
            payload             BLOB NOT NULL,
            plaintext           TEXT NOT NULL,
            received_at         INTEGER NOT NULL,
            status              TEXT NOT NULL,
            answer              TEXT,
            status_changed_at   TEXT NOT NULL,
            UNIQUE (device_id, receipt_code)
        );
        CREATE TABLE catalogues (
            version         INTEGER PRIMARY KEY,
            body            TEXT NOT NULL,
            published_at    INTEGER NOT NULL
        );
        -- The feed terminals read by cursor. device_id NULL: for every terminal.
        CREATE TABLE updates (
            seq                 INTEGER PRIMARY KEY AUTOINCREMENT,
            device_id           TEXT,
            kind                TEXT NOT NULL CHECK (kind IN ('status', 'catalogue')),
            submission_id       TEXT REFERENCES submissions(id),
            status              TEXT,
            answer              TEXT,
            changed_at          TEXT NOT NULL,
            catalogue_version   INTEGER REFERENCES catalogues(version),
            CHECK ((kind = 'status') = (submission_id IS NOT NULL AND status IS NOT NULL)),
            CHECK ((kind = 'catalogue') = (catalogue_version IS NOT NULL))
        );
        CREATE INDEX updates_by_device ON updates (device_id, seq);
        "#,
        ),
        M::up(
            r#"
        -- Agency staff who sign in to the dashboard; passwords as argon2id hashes.
        CREATE TABLE staff (
            username        TEXT PRIMARY KEY,
            password_hash   TEXT NOT NULL,
            failed_logins   INTEGER NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
            locked_until    INTEGER
        );
        -- Dashboard sessions, kept as hashes of the cookie token.
        CREATE TABLE staff_sessions (
            token_sha256    TEXT PRIMARY KEY,
            username        TEXT NOT NULL REFERENCES staff(username),
            expires_at      INTEGER NOT NULL
        );
        "#,
        ),
        M::up(
            r#"
        -- Status notices for residents who gave a phone number and consent; each channel
        -- marks its own delivery.
        CREATE TABLE notifications (
            id                  INTEGER PRIMARY KEY,
            submission_id       TEXT NOT NULL REFERENCES submissions(id),
            phone               TEXT NOT NULL,
            text                TEXT NOT NULL,
            created_at          TEXT NOT NULL,
            sms_sent            INTEGER NOT NULL DEFAULT 0 CHECK (sms_sent IN (0, 1)),
            telegram_sent       INTEGER NOT NULL DEFAULT 0 CHECK (telegram_sent IN (0, 1)),
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_at     INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT
        );
        CREATE INDEX notifications_pending ON notifications (next_attempt_at)
            WHERE sms_sent = 0 OR telegram_sent = 0;
        "#,
        ),
        M::up(
            r#"
        -- Wrong PINFLs given at terminals to see an answer: the rate limits count them.
        CREATE TABLE pinfl_failures (
            submission_id   TEXT NOT NULL REFERENCES submissions(id),
            asker_device    TEXT NOT NULL,
            at              INTEGER NOT NULL
        );
        CREATE INDEX pinfl_failures_by_submission ON pinfl_failures (submission_id, at);
        CREATE INDEX pinfl_failures_by_asker ON pinfl_failures (asker_device, at);
        "#,
        ),
        M::up(
            r#"
        -- Tries counted before what is tried is checked (dashboard passwords, enrolment
        -- codes), in windows, per key: 'sign-in:user-from:<name> <address>',
        -- 'sign-in:from:<address>', 'sign-in:user:<name>', 'enrol:from:<address>'.
        CREATE TABLE throttle (
            key             TEXT PRIMARY KEY,
            tries           INTEGER NOT NULL CHECK (tries >= 0),
            window_start    INTEGER NOT NULL           -- Unix ms
        );
        ALTER TABLE staff DROP COLUMN failed_logins;
        ALTER TABLE staff DROP COLUMN locked_until;

        -- Who set a submission's status: a dashboard user name, or 'command line'.
        ALTER TABLE submissions ADD COLUMN status_changed_by TEXT;
        ALTER TABLE updates ADD COLUMN changed_by TEXT;
        "#,
        ),
        M::up(
            r#"
        -- Personal data stays as the terminals encrypted it; the portal decrypts on view.
        ALTER TABLE submissions DROP COLUMN plaintext;
        -- Notices are sealed to the portal's own key instead of kept as phone and text.
        -- Those queued before this step held both in the clear and are dropped.
        DROP TABLE notifications;
        CREATE TABLE notifications (
            id                  INTEGER PRIMARY KEY,
            submission_id       TEXT NOT NULL REFERENCES submissions(id),
            sealed              BLOB NOT NULL,
            created_at          INTEGER NOT NULL,          -- Unix ms
            sms_sent            INTEGER NOT NULL DEFAULT 0 CHECK (sms_sent IN (0, 1)),
            telegram_sent       INTEGER NOT NULL DEFAULT 0 CHECK (telegram_sent IN (0, 1)),
            attempts            INTEGER NOT NULL DEFAULT 0,
            next_attempt_at     INTEGER NOT NULL DEFAULT 0,
            last_error          TEXT
        );
        CREATE INDEX notifications_pending ON notifications (next_attempt_at)
            WHERE sms_sent = 0 OR telegram_sent = 0;

        -- Nonces of signed requests, so that no portal process accepts one twice.
        CREATE TABLE nonces (
            device_id   TEXT NOT NULL,
            nonce       TEXT NOT NULL,
            seen_at     INTEGER NOT NULL,                  -- Unix ms
            PRIMARY KEY (device_id, nonce)
        ) WITHOUT ROWID;
        CREATE INDEX nonces_by_time ON nonces (seen_at);
        "#,
        ),
        M::up(
            r#"
        -- What each staff member may see and do (JSON, see the store's Role). Those added
        -- before roles saw everything, and keep doing so.
        ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT '{"role":"administrator"}';
        "#,
        ),
        M::up(
            r#"
        -- One time representation: every time the portal makes is Unix ms (these two were
        -- RFC 3339 text). A terminal's own created_at stays the text it signed.
        ALTER TABLE submissions ADD COLUMN status_changed_ms INTEGER NOT NULL DEFAULT 0;
        UPDATE submissions SET status_changed_ms =
            coalesce(CAST(round(unixepoch(status_changed_at, 'subsec') * 1000) AS INTEGER), 0);
        ALTER TABLE submissions DROP COLUMN status_changed_at;
        ALTER TABLE submissions RENAME COLUMN status_changed_ms TO status_changed_at;
        ALTER TABLE updates ADD COLUMN changed_ms INTEGER NOT NULL DEFAULT 0;
        UPDATE updates SET changed_ms =
            coalesce(CAST(round(unixepoch(changed_at, 'subsec') * 1000) AS INTEGER), 0);
        ALTER TABLE updates DROP COLUMN changed_at;
        ALTER TABLE updates RENAME COLUMN changed_ms TO changed_at;
        "#,
        ),
        M::up(
            r#"
        -- Addresses staff signed in from, and when last: a sign-in from one of them has a
        -- password check kept for it.
        CREATE TABLE staff_addresses (
            address         TEXT PRIMARY KEY,
            last_sign_in    INTEGER NOT NULL               -- Unix ms
        ) WITHOUT ROWID;
        "#,
        ),
        M::up(
            r#"
        -- What the dashboard's list sorts and filters by, kept on the submission so that a
        -- page is an index range at any size: its terminal's mahalla with the mahalla's
        -- district and region (the register's import keeps them in step), whether the agency
        -- has decided, the day it was handed in and the last day of its term (YYYY-MM-DD in
        -- Uzbekistan). The portal dates older submissions once at start; '' until then.
        -- Decided are the statuses approved, rejected and completed.
        ALTER TABLE submissions ADD COLUMN mahalla TEXT NOT NULL DEFAULT '';
        ALTER TABLE submissions ADD COLUMN district TEXT NOT NULL DEFAULT '';
        ALTER TABLE submissions ADD COLUMN region TEXT NOT NULL DEFAULT '';
        ALTER TABLE submissions ADD COLUMN decided INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE submissions ADD COLUMN created_on TEXT NOT NULL DEFAULT '';
        ALTER TABLE submissions ADD COLUMN due_on TEXT NOT NULL DEFAULT '';
        UPDATE submissions SET
            mahalla = (SELECT d.mahalla FROM devices d WHERE d.device_id = submissions.device_id),
            decided = status IN ('approved', 'rejected', 'completed');
        UPDATE submissions SET
            district = (SELECT m.district FROM mahallas m WHERE m.code = submissions.mahalla),
            region = (SELECT m.region FROM mahallas m WHERE m.code = submissions.mahalla);
        -- Each filter the list offers starts an index in the list's order.
        CREATE INDEX submissions_by_due ON submissions (decided, due_on, id);
        CREATE INDEX submissions_by_mahalla_and_due ON submissions (mahalla, decided, due_on, id);
        CREATE INDEX submissions_by_district_and_due
            ON submissions (district, decided, due_on, id);
        CREATE INDEX submissions_by_region_and_due ON submissions (region, decided, due_on, id);
        CREATE INDEX submissions_by_target_and_due
            ON submissions (target_id, decided, due_on, id);
        CREATE INDEX submissions_by_status_and_due
            ON submissions (status, decided, due_on, id);
        -- Monitoring: what was handed in lately, and the decisions given lately.
        CREATE INDEX submissions_by_day ON submissions (created_on, mahalla);
        CREATE INDEX decisions_by_time ON submissions (status_changed_at) WHERE decided = 1;
        CREATE INDEX submissions_by_time ON submissions (received_at, id);
        CREATE INDEX submissions_by_receipt_code ON submissions (receipt_code);
        CREATE INDEX submissions_undated ON submissions (id) WHERE due_on = '';
        "#,
        ),
        M::up(
            r#"
        -- The language each staff member chose for the dashboard (its tag); '' until chosen.
        ALTER TABLE staff ADD COLUMN language TEXT NOT NULL DEFAULT '';
        "#,
        ),
        M::up(
            r#"
        -- An appeal's term extended once for further study: when (Unix ms), by whom, why.
        ALTER TABLE submissions ADD COLUMN term_extended_at INTEGER;
        ALTER TABLE submissions ADD COLUMN term_extended_by TEXT;
        ALTER TABLE submissions ADD COLUMN term_extension_reason TEXT;
        "#,
        ),
        M::up(
            r#"
        -- What staff did that the portal keeps a record of: each export, who, when, of what.
        CREATE TABLE audit_log (
            id          INTEGER PRIMARY KEY,
            at          INTEGER NOT NULL,              -- Unix ms
            actor       TEXT NOT NULL,
            action      TEXT NOT NULL,
            detail      TEXT NOT NULL
        );
        "#,
        ),
        M::up(
            r#"
        -- Software updates published to the terminals: the version as numbers, so that the
        -- key orders them as versions; the manifest exactly as signed, and its signature.
        CREATE TABLE software_updates (
            major           INTEGER NOT NULL CHECK (major BETWEEN 0 AND 4294967295),
            minor           INTEGER NOT NULL CHECK (minor BETWEEN 0 AND 4294967295),
            patch           INTEGER NOT NULL CHECK (patch BETWEEN 0 AND 4294967295),
            manifest        TEXT NOT NULL,
            signature       BLOB NOT NULL CHECK (length(signature) = 64),
            published_at    INTEGER NOT NULL,              -- Unix ms
            PRIMARY KEY (major, minor, patch)
        ) WITHOUT ROWID;
        "#,
        ),
    ])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
