//! What the PostgreSQL store's tests share: a store on a fresh database, a mahalla, enrolled
//! terminals and submissions to store.

#![allow(dead_code)] // each test file uses its own part
#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_store::{BatchEntry, Dates, Device, EnrolOutcome, NewSubmission, Seen, Store};
use mahalla_protocol::wire::Mahalla;
use mahalla_test_support::postgres::TempPostgres;
use uuid::Uuid;

/// 2026-05-28T20:26:40Z: the tests' "now".
pub const NOW: i64 = 1_780_000_000_000;
pub const MAHALLA: &str = "1726264001";

/// A store on a new database of `pg`, its schema made.
pub async fn store(pg: &TempPostgres) -> PostgresStore {
    PostgresStore::connect(&pg.fresh_database())
        .await
        .expect("connect and migrate")
}

pub fn mahalla(code: &str, name: &str) -> Mahalla {
    Mahalla {
        code: code.to_owned(),
        name: name.to_owned(),
        district: "Chilonzor".to_owned(),
        region: "Toshkent".to_owned(),
    }
}

/// The sample mahalla in the register.
pub async fn register(store: &dyn Store) {
    store
        .import_mahallas(&[mahalla(MAHALLA, "Navroʻz")])
        .await
        .expect("import");
}

/// Enrols `device_id` in the sample mahalla with a code of its own.
pub async fn enrolled(store: &dyn Store, device_id: &str) -> Device {
    let code = format!("code-of-{device_id}");
    store
        .add_enrol_code(&code, MAHALLA, NOW, NOW + 3_600_000)
        .await
        .expect("add code");
    match store
        .enrol(&code, device_id, &format!("key-of-{device_id}"), NOW)
        .await
        .expect("enrol")
    {
        EnrolOutcome::Enrolled(device) => device,
        other => panic!("enrol {device_id}: {other:?}"),
    }
}

/// A new submission with receipt code `receipt`, a notice when `notice`.
pub fn submission(receipt: &str, notice: bool) -> NewSubmission {
    let payload = format!("ciphertext of {receipt}").into_bytes();
    NewSubmission {
        id: Uuid::now_v7(),
        receipt_code: receipt.to_owned(),
        target_id: "enforcement-debt-check".to_owned(),
        catalogue_version: 7,
        created_at: "2026-05-28T10:00:00+05:00".to_owned(),
        payload_sha256: format!("sha256 of {receipt}"),
        payload,
        dates: Dates {
            created_on: time::macros::date!(2026 - 05 - 28),
            due_on: time::macros::date!(2026 - 06 - 04),
        },
        notice: notice.then(|| format!("sealed notice of {receipt}").into_bytes()),
    }
}

pub fn ready(new: &NewSubmission) -> BatchEntry {
    BatchEntry::Ready(new.clone())
}

pub fn seen(now_ms: i64) -> Seen {
    Seen {
        now_ms,
        skew_ms: -250,
    }
}
