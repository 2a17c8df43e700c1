//! The schema of the terminal's database, one migration at a time. Never edit a migration
//! that has shipped: add the next one.

use rusqlite_migration::{M, Migrations};

/// Each migration's SQL, in order.
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

pub fn migrations() -> Migrations<'static> {
    Migrations::new(STEPS.iter().map(|sql| M::up(sql)).collect())
}

/// The schema version a database has once every migration ran (SQLite's `user_version`).
pub fn version() -> i64 {
    i64::try_from(STEPS.len()).unwrap_or(i64::MAX)
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
