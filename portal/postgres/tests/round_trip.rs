//! Every method of the store once, on a fresh database: what goes in comes back out.

mod common;

use common::{MAHALLA, NOW, enrolled, mahalla, ready, register, seen, store, submission};
use mahalla_host::clock;
use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_store::{
    BatchEntry, CodeState, Delivery, EnrolOutcome, Filters, Issuer, NONCE_MEMORY_MS, PinflLimits,
    StatusChange, Store, StoreOutcome, THROTTLE_WINDOW_MS,
};
use mahalla_protocol::wire::{Change, Status};
use mahalla_test_support::postgres::TempPostgres;
use uuid::Uuid;

#[tokio::test]
async fn register_enrolment_and_devices() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let store = store(&pg).await;

    assert_eq!(
        store
            .import_mahallas(&[mahalla(MAHALLA, "Old name"), mahalla("1726264002", "Bogʻ")])
            .await
            .unwrap(),
        2
    );
    store
        .import_mahallas(&[mahalla(MAHALLA, "Navroʻz")])
        .await
        .unwrap();
    assert_eq!(
        store.mahalla(MAHALLA).await.unwrap(),
        Some(mahalla(MAHALLA, "Navroʻz"))
    );
    assert_eq!(store.mahalla("nowhere").await.unwrap(), None);

    store
        .add_enrol_code("code-a", MAHALLA, NOW, NOW + 1000)
        .await
        .unwrap();
    store
        .add_enrol_code("code-old", MAHALLA, NOW - 2000, NOW - 1000)
        .await
        .unwrap();
    assert_eq!(
        store.code_state("code-a", NOW).await.unwrap(),
        CodeState::Usable {
            mahalla: MAHALLA.to_owned()
        }
    );
    assert_eq!(
        store.code_state("nothing", NOW).await.unwrap(),
        CodeState::Invalid
    );
    assert_eq!(
        store.code_state("code-old", NOW).await.unwrap(),
        CodeState::Expired
    );
    assert_eq!(
        store
            .enrol("code-old", "dev-x", "key-x", NOW)
            .await
            .unwrap(),
        EnrolOutcome::Expired
    );
    assert_eq!(
        store.enrol("nothing", "dev-x", "key-x", NOW).await.unwrap(),
        EnrolOutcome::Invalid
    );

    let EnrolOutcome::Enrolled(first) = store.enrol("code-a", "dev-a", "key-a", NOW).await.unwrap()
    else {
        panic!("not enrolled");
    };
    assert_eq!(first.number, 1);
    assert_eq!(first.device_id, "dev-a");
    assert_eq!(first.public_key, "key-a");
    assert_eq!(first.mahalla, MAHALLA);
    assert_eq!(first.enrolled_at, NOW);
    assert_eq!(first.revoked_at, None);
    assert_eq!(
        store.code_state("code-a", NOW).await.unwrap(),
        CodeState::Used {
            by: "dev-a".to_owned()
        }
    );
    assert_eq!(
        store
            .enrol("code-a", "dev-a", "key-a", NOW + 5)
            .await
            .unwrap(),
        EnrolOutcome::Enrolled(first.clone()),
        "the same code and key again: the same device"
    );
    assert_eq!(
        store.enrol("code-a", "dev-b", "key-b", NOW).await.unwrap(),
        EnrolOutcome::Used
    );
    store
        .add_enrol_code("code-b", MAHALLA, NOW, NOW + 1000)
        .await
        .unwrap();
    assert_eq!(
        store.enrol("code-b", "dev-a", "key-a", NOW).await.unwrap(),
        EnrolOutcome::AlreadyEnrolled
    );
    let second = enrolled(&store, "dev-b").await;
    assert_eq!(second.number, 2, "numbers go on without a gap");

    store
        .record_heartbeat("dev-b", r#"{"app_version":"1.2.3"}"#, seen(NOW + 10))
        .await
        .unwrap();
    let device = store.device("dev-b").await.unwrap().unwrap();
    assert_eq!(device.last_seen_at, Some(NOW + 10));
    assert_eq!(device.last_skew_ms, Some(-250));
    assert_eq!(
        device.last_heartbeat,
        Some(serde_json::json!({"app_version": "1.2.3"}))
    );
    assert!(store.device("dev-z").await.unwrap().is_none());

    assert!(store.revoke("2", NOW + 20).await.unwrap(), "by number");
    assert!(store.revoke("dev-b", NOW + 30).await.unwrap(), "by id");
    assert!(!store.revoke("dev-z", NOW).await.unwrap());
    let devices = store.devices().await.unwrap();
    assert_eq!(
        devices
            .iter()
            .map(|device| (device.number, device.revoked_at))
            .collect::<Vec<_>>(),
        [(1, None), (2, Some(NOW + 20))],
        "by number, the first revocation kept"
    );
    let keys = store.device_keys().await.unwrap();
    assert_eq!(
        keys.iter().map(|key| key.revoked).collect::<Vec<_>>(),
        [false, true]
    );

    assert!(store.record_nonce("dev-a", "n1", NOW).await.unwrap());
    assert!(!store.record_nonce("dev-a", "n1", NOW + 1).await.unwrap());
    assert!(store.record_nonce("dev-b", "n1", NOW + 1).await.unwrap());
    assert!(
        store
            .record_nonce("dev-a", "n1", NOW + NONCE_MEMORY_MS + 1)
            .await
            .unwrap(),
        "forgotten after its memory"
    );
}

#[tokio::test]
async fn batches_feed_receipts_and_agency_work() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let store = store(&pg).await;
    register(&store).await;
    let device = enrolled(&store, "dev-a").await;
    enrolled(&store, "dev-b").await;

    let first = submission("R-1", true);
    let second = submission("R-2", false);
    let unknown = Uuid::now_v7();
    let outcomes = store
        .store_batch(
            "dev-a",
            &[
                ready(&first),
                ready(&second),
                BatchEntry::Judged {
                    id: unknown,
                    payload_sha256: "x".to_owned(),
                },
            ],
            seen(NOW),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        [
            Some(StoreOutcome::Inserted),
            Some(StoreOutcome::Inserted),
            None
        ]
    );
    let mut conflicting = submission("R-9", false);
    conflicting.id = first.id;
    let mut same_code = submission("R-2", false);
    same_code.payload_sha256 = "other".to_owned();
    let outcomes = store
        .store_batch(
            "dev-a",
            &[
                ready(&first),
                ready(&conflicting),
                ready(&same_code),
                BatchEntry::Judged {
                    id: second.id,
                    payload_sha256: second.payload_sha256.clone(),
                },
                BatchEntry::Judged {
                    id: second.id,
                    payload_sha256: "other".to_owned(),
                },
            ],
            seen(NOW + 100),
        )
        .await
        .unwrap();
    assert_eq!(
        outcomes,
        [
            Some(StoreOutcome::Duplicate),
            Some(StoreOutcome::Conflict),
            Some(StoreOutcome::ReceiptCodeTaken),
            Some(StoreOutcome::Duplicate),
            Some(StoreOutcome::Conflict),
        ]
    );
    let seen_device = store.device("dev-a").await.unwrap().unwrap();
    assert_eq!(seen_device.last_seen_at, Some(NOW + 100));
    assert_eq!(seen_device.last_skew_ms, Some(-250));
    // Another terminal may use the same receipt code.
    let elsewhere = submission("R-1", false);
    assert_eq!(
        store
            .store_batch("dev-b", &[ready(&elsewhere)], seen(NOW + 200))
            .await
            .unwrap(),
        [Some(StoreOutcome::Inserted)]
    );

    // The feed.
    let page = store.updates("dev-a", 0).await.unwrap();
    assert!(!page.more);
    assert_eq!(page.updates.len(), 2);
    assert_eq!(
        page.updates[0].change,
        Change::Status {
            submission_id: first.id,
            status: Status::Received,
            answer: None,
            changed_at: clock::rfc3339(NOW),
        }
    );
    let cursor = page.cursor;
    assert_eq!(cursor, page.updates[1].seq);
    assert!(store.publish_catalogue(8, "{\"v\":8}", NOW).await.unwrap());
    assert!(!store.publish_catalogue(8, "{}", NOW).await.unwrap());
    assert!(store.publish_catalogue(9, "{\"v\":9}", NOW).await.unwrap());
    assert_eq!(
        store.catalogues().await.unwrap(),
        [(8, "{\"v\":8}".to_owned()), (9, "{\"v\":9}".to_owned())]
    );

    let changed_at = NOW + 60_000;
    assert!(
        store
            .set_status(StatusChange {
                submission_id: first.id.to_string(),
                status: Status::NeedsInformation,
                answer: Some("Bring your passport".to_owned()),
                changed_by: "nodira".to_owned(),
                now_ms: changed_at,
                notice: Some(b"sealed change".to_vec()),
            })
            .await
            .unwrap()
    );
    assert!(
        !store
            .set_status(StatusChange {
                submission_id: Uuid::now_v7().to_string(),
                status: Status::Approved,
                answer: None,
                changed_by: "nodira".to_owned(),
                now_ms: changed_at,
                notice: None,
            })
            .await
            .unwrap()
    );
    let page = store.updates("dev-a", cursor).await.unwrap();
    let changes: Vec<_> = page.updates.iter().map(|u| u.change.clone()).collect();
    assert_eq!(
        changes,
        [
            Change::Catalogue {
                version: 8,
                body: "{\"v\":8}".to_owned()
            },
            Change::Catalogue {
                version: 9,
                body: "{\"v\":9}".to_owned()
            },
            Change::Status {
                submission_id: first.id,
                status: Status::NeedsInformation,
                answer: Some("Bring your passport".to_owned()),
                changed_at: clock::rfc3339(changed_at),
            },
        ]
    );
    let after = store.updates("dev-a", page.cursor).await.unwrap();
    assert!(after.updates.is_empty());
    assert_eq!(after.cursor, page.cursor);
    let other = store.updates("dev-b", 0).await.unwrap();
    assert_eq!(
        other.updates.len(),
        3,
        "its own received and both catalogues"
    );

    // Receipts.
    let record = store.receipt_record("dev-a", "R-1").await.unwrap().unwrap();
    assert_eq!(record.target_id, "enforcement-debt-check");
    assert_eq!(record.catalogue_version, 7);
    assert_eq!(record.created_at, "2026-05-28T10:00:00+05:00");
    assert_eq!(record.mahalla, "Navroʻz");
    assert_eq!(record.status, "needs-information");
    assert_eq!(record.answer.as_deref(), Some("Bring your passport"));
    assert_eq!(record.changed_at, clock::rfc3339(changed_at));
    assert_eq!(record.payload, first.payload);
    assert_eq!(
        record
            .history
            .iter()
            .map(|entry| (entry.status, entry.changed_at.clone(), entry.answer.clone()))
            .collect::<Vec<_>>(),
        [
            (Status::Received, clock::rfc3339(NOW), None),
            (
                Status::NeedsInformation,
                clock::rfc3339(changed_at),
                Some("Bring your passport".to_owned())
            ),
        ]
    );
    assert!(
        store
            .receipt_record("dev-b", "R-2")
            .await
            .unwrap()
            .is_none()
    );

    let by_id = store
        .look_up(Issuer::DeviceId("dev-a".to_owned()), "R-1")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_id.submission_id, first.id.to_string());
    assert_eq!(by_id.received_at, NOW);
    assert_eq!(by_id.history.len(), 2);
    assert_eq!(by_id.payload, first.payload);
    let by_number = store
        .look_up(
            Issuer::Number {
                number: device.number,
                asker: "dev-b".to_owned(),
            },
            "R-1",
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(by_number.submission_id, first.id.to_string());
    let own = store
        .look_up(
            Issuer::Number {
                number: 0,
                asker: "dev-b".to_owned(),
            },
            "R-1",
        )
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        own.submission_id,
        elsewhere.id.to_string(),
        "number 0: the asker's own"
    );
    assert!(
        store
            .look_up(
                Issuer::Number {
                    number: 9,
                    asker: "dev-b".to_owned()
                },
                "R-1"
            )
            .await
            .unwrap()
            .is_none()
    );

    let limits = PinflLimits::default();
    let id = first.id.to_string();
    assert!(
        store
            .pinfl_tries_left(&id, "dev-b", limits, NOW)
            .await
            .unwrap()
    );
    for _ in 0..limits.per_receipt {
        store.record_pinfl_failure(&id, "dev-b", NOW).await.unwrap();
    }
    assert!(
        !store
            .pinfl_tries_left(&id, "dev-b", limits, NOW + 1)
            .await
            .unwrap()
    );
    assert!(
        store
            .pinfl_tries_left(&id, "dev-b", limits, NOW + limits.per_receipt_window_ms)
            .await
            .unwrap(),
        "the window ended"
    );

    // What the dashboard and the command line read.
    let all = store.submissions().await.unwrap();
    assert_eq!(
        all.iter()
            .map(|s| s.receipt_code.as_str())
            .collect::<Vec<_>>(),
        ["R-1", "R-2", "R-1"],
        "oldest first"
    );
    assert_eq!(all[0].payload, first.payload);
    assert_eq!(all[0].status, "needs-information");
    assert_eq!(all[2].device_id, "dev-b");
    let listed = store.list(&Filters::default(), 10).await.unwrap();
    assert_eq!(
        listed.iter().map(|row| row.id.clone()).collect::<Vec<_>>(),
        [
            elsewhere.id.to_string(),
            second.id.to_string(),
            first.id.to_string()
        ],
        "newest first"
    );
    assert_eq!(listed[0].mahalla, MAHALLA);
    assert_eq!(store.list(&Filters::default(), 1).await.unwrap().len(), 1);
    let filters = Filters {
        status: "received".to_owned(),
        mahalla: MAHALLA.to_owned(),
        target: "enforcement-debt-check".to_owned(),
    };
    assert_eq!(store.list(&filters, 10).await.unwrap().len(), 2);
    let nowhere = Filters {
        mahalla: "1726264002".to_owned(),
        ..Filters::default()
    };
    assert!(store.list(&nowhere, 10).await.unwrap().is_empty());

    let view = store.submission(&id).await.unwrap().unwrap();
    assert_eq!(view.row, listed[2]);
    assert_eq!(view.answer.as_deref(), Some("Bring your passport"));
    assert_eq!(
        view.changed,
        Some(("nodira".to_owned(), clock::rfc3339(changed_at)))
    );
    assert_eq!(view.payload, first.payload);
    let untouched = store
        .submission(&second.id.to_string())
        .await
        .unwrap()
        .unwrap();
    assert_eq!(untouched.changed, None);
    assert!(store.submission("not-an-id").await.unwrap().is_none());

    store
        .record_heartbeat("dev-b", "{}", seen(NOW + 300))
        .await
        .unwrap();
    let figures = store.terminal_figures((NOW + 150, NOW)).await.unwrap();
    assert_eq!(
        figures
            .iter()
            .map(|f| (f.mahalla.as_str(), f.last_seen_at, f.received_since))
            .collect::<Vec<_>>(),
        [
            (MAHALLA, Some(NOW + 100), (0, 2)),
            (MAHALLA, Some(NOW + 300), (1, 1))
        ]
    );
    assert_eq!(figures[0].mahalla_name, "Navroʻz");
    assert_eq!(figures[1].last_heartbeat.as_deref(), Some("{}"));
    store.revoke("dev-b", NOW).await.unwrap();
    assert_eq!(store.terminal_figures((NOW, NOW)).await.unwrap().len(), 1);

    // Notices: the first submission's `received`, then its change; the second asked for none.
    let due = store.due_notices(NOW + 60_000, 10).await.unwrap();
    assert_eq!(
        due.iter().map(|n| n.sealed.clone()).collect::<Vec<_>>(),
        [b"sealed notice of R-1".to_vec(), b"sealed change".to_vec()]
    );
    assert!(
        due.iter()
            .all(|n| !n.sms_sent && !n.telegram_sent && n.attempts == 0)
    );
    assert_eq!(store.due_notices(NOW, 1).await.unwrap().len(), 1);
    store
        .record_delivery(Delivery {
            id: due[0].id,
            sms_sent: true,
            telegram_sent: false,
            error: Some("telegram: down".to_owned()),
            next_attempt_ms: NOW + 120_000,
        })
        .await
        .unwrap();
    store
        .record_delivery(Delivery {
            id: due[1].id,
            sms_sent: true,
            telegram_sent: true,
            error: None,
            next_attempt_ms: NOW + 61_000,
        })
        .await
        .unwrap();
    assert!(
        store
            .due_notices(NOW + 119_999, 10)
            .await
            .unwrap()
            .is_empty()
    );
    let again = store.due_notices(NOW + 120_000, 10).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].id, due[0].id);
    assert!(again[0].sms_sent && !again[0].telegram_sent);
    assert_eq!(again[0].attempts, 1);
}

#[tokio::test]
async fn staff_sessions_and_counted_tries() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let store = store(&pg).await;

    store.set_staff_password("nodira", "hash-1").await.unwrap();
    store.set_staff_password("nodira", "hash-2").await.unwrap();
    assert_eq!(
        store
            .staff_password_hash("nodira")
            .await
            .unwrap()
            .as_deref(),
        Some("hash-2")
    );
    assert_eq!(store.staff_password_hash("nobody").await.unwrap(), None);
    store
        .open_session("token-1", "nodira", NOW + 1000)
        .await
        .unwrap();
    assert_eq!(
        store.session_user("token-1", NOW).await.unwrap().as_deref(),
        Some("nodira")
    );
    assert_eq!(
        store.session_user("token-1", NOW + 1000).await.unwrap(),
        None
    );
    assert_eq!(store.session_user("token-2", NOW).await.unwrap(), None);
    store.close_session("token-1").await.unwrap();
    assert_eq!(store.session_user("token-1", NOW).await.unwrap(), None);

    let limits = [
        ("sign-in:user-from:a_1 10.0.0.1".to_owned(), 2),
        ("sign-in:user:a_1".to_owned(), 3),
    ];
    assert!(store.count_try(&limits, NOW).await.unwrap());
    assert!(store.count_try(&limits, NOW + 1).await.unwrap());
    assert!(!store.count_try(&limits, NOW + 2).await.unwrap(), "at 2");
    store.take_back_try(&limits).await.unwrap();
    assert!(
        store.count_try(&limits, NOW + 3).await.unwrap(),
        "one taken back"
    );
    let user = [limits[1].clone()];
    assert!(
        store.count_try(&user, NOW + 4).await.unwrap(),
        "the name alone had 2 of 3"
    );
    assert!(!store.count_try(&user, NOW + 4).await.unwrap());
    for _ in 0..5 {
        store.take_back_try(&user).await.unwrap();
    }
    for _ in 0..3 {
        assert!(store.count_try(&user, NOW + 5).await.unwrap());
    }
    assert!(
        !store.count_try(&user, NOW + 5).await.unwrap(),
        "three tries again after five taken back: no count went below zero"
    );
    assert!(
        store
            .count_try(&user, NOW + THROTTLE_WINDOW_MS)
            .await
            .unwrap(),
        "the window ended"
    );

    // Forgetting: the key and its prefix, whose _ and % are themselves.
    let from_other = [("sign-in:user-from:aX1 10.0.0.1".to_owned(), 1)];
    assert!(store.count_try(&from_other, NOW).await.unwrap());
    // The window of a_1 from 10.0.0.1 ended above: it has two tries again.
    assert!(store.count_try(&limits[..1], NOW).await.unwrap());
    assert!(store.count_try(&limits[..1], NOW).await.unwrap());
    assert!(!store.count_try(&limits[..1], NOW).await.unwrap());
    store
        .forget_tries("sign-in:user:a_1", "sign-in:user-from:a_1 ")
        .await
        .unwrap();
    assert!(store.count_try(&limits, NOW).await.unwrap(), "forgotten");
    assert!(
        !store.count_try(&from_other, NOW).await.unwrap(),
        "a_1's prefix does not match aX1"
    );
}

#[tokio::test]
async fn a_second_store_over_the_unix_socket_sees_the_same_data() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let url = pg.fresh_database();
    let tcp = PostgresStore::connect(&url).await.unwrap();
    register(&tcp).await;
    let database = url.rsplit('/').next().unwrap();
    let socket = PostgresStore::connect(&format!(
        "host={} port={} user=postgres dbname={database}",
        pg.socket_dir().display(),
        pg.port()
    ))
    .await
    .unwrap();
    assert_eq!(
        socket.mahalla(MAHALLA).await.unwrap(),
        Some(mahalla(MAHALLA, "Navroʻz"))
    );
}
