//! The suite every backend passes: each [`Store`] method with the outcomes the portal relies
//! on, including the rare ones (a conflicting resend, a receipt code used twice, concurrent
//! retries of one batch). A backend's tests call [`run`] on a new, empty store.

#![allow(clippy::expect_used, clippy::unwrap_used)] // a test suite: a failed step panics

use mahalla_protocol::wire::{Change, MAX_UPDATES_PAGE, Mahalla, Status};
use uuid::Uuid;

use time::Date;
use time::macros::date;

use crate::{
    AuditEntry, BatchEntry, CodeState, Cursor, Dates, DayRange, Decision, Delivery, EnrolOutcome,
    Issuer, ListQuery, NONCE_MEMORY_MS, NewSubmission, Order, PinflLimits, Publication,
    PublishedUpdate, Role, Row, Scope, Seen, StaffMember, StatusChange, StatusFilter, Store,
    StoreOutcome, THROTTLE_WINDOW_MS, TermExtension, day_text,
};

/// A fixed "now" for the suite: 2026-09-21 in Unix ms.
const T0: i64 = 1_790_000_000_000;
const MAHALLA: &str = "1726264001";
const OTHER_MAHALLA: &str = "1726264002";

/// Runs every check on `store`, which must be new and empty.
pub async fn run(store: &dyn Store) {
    register(store).await;
    let (first, second) = enrolment(store).await;
    devices(store, &first, &second).await;
    nonces(store).await;
    ingest(store, &first, &second).await;
    concurrent_retries(store, &second).await;
    feed(store, &first, &second).await;
    receipts(store, &first).await;
    agency(store, &first).await;
    catalogues(store, &first, &second).await;
    software_updates(store).await;
    staff(store).await;
    tries(store).await;
    notices(store).await;
    listing(store, &first).await;
    monitoring(store).await;
}

fn mahalla(code: &str, name: &str) -> Mahalla {
    let (district, region) = if code == MAHALLA {
        ("Chilonzor", "Toshkent shahri")
    } else {
        ("Urgut", "Samarqand viloyati")
    };
    Mahalla {
        code: code.to_owned(),
        name: name.to_owned(),
        district: district.to_owned(),
        region: region.to_owned(),
    }
}

async fn register(store: &dyn Store) {
    let written = store
        .import_mahallas(&[
            mahalla(MAHALLA, "Old name"),
            mahalla(OTHER_MAHALLA, "Navbahor"),
        ])
        .await
        .expect("import");
    assert_eq!(written, 2);
    store
        .import_mahallas(&[mahalla(MAHALLA, "Bunyodkor")])
        .await
        .expect("import again");
    assert_eq!(
        store.mahalla(MAHALLA).await.expect("mahalla"),
        Some(mahalla(MAHALLA, "Bunyodkor")),
        "an import updates a mahalla it knows"
    );
    assert_eq!(store.mahalla("0000000000").await.expect("unknown"), None);
}

/// Enrols two terminals; returns their device ids.
async fn enrolment(store: &dyn Store) -> (String, String) {
    store
        .add_enrol_code("code-a", MAHALLA, T0, T0 + 1_000)
        .await
        .expect("code a");
    store
        .add_enrol_code("code-b", OTHER_MAHALLA, T0, T0 + 1_000)
        .await
        .expect("code b");
    store
        .add_enrol_code("code-late", MAHALLA, T0, T0 + 1_000)
        .await
        .expect("code late");
    store
        .add_enrol_code("code-spare", MAHALLA, T0, T0 + 1_000)
        .await
        .expect("code spare");
    assert_eq!(
        store.code_state("code-a", T0).await.expect("state"),
        CodeState::Usable {
            mahalla: MAHALLA.to_owned()
        }
    );
    assert_eq!(
        store.code_state("nothing", T0).await.expect("state"),
        CodeState::Invalid
    );
    assert_eq!(
        store
            .code_state("code-late", T0 + 1_001)
            .await
            .expect("state"),
        CodeState::Expired
    );
    assert_eq!(
        store
            .enrol("nothing", "DEV-X", "key-x", T0)
            .await
            .expect("enrol"),
        EnrolOutcome::Invalid
    );
    assert_eq!(
        store
            .enrol("code-late", "DEV-X", "key-x", T0 + 1_001)
            .await
            .expect("enrol"),
        EnrolOutcome::Expired
    );

    let EnrolOutcome::Enrolled(first) = store
        .enrol("code-a", "DEV-A", "key-a", T0 + 10)
        .await
        .expect("enrol a")
    else {
        panic!("a usable code enrols");
    };
    assert_eq!(first.mahalla, MAHALLA);
    assert_eq!(first.public_key, "key-a");
    assert_eq!(first.enrolled_at, T0 + 10);
    assert!(first.number >= 1, "device number 0 means not enrolled");
    assert_eq!(
        store
            .enrol("code-a", "DEV-A", "key-a", T0 + 20)
            .await
            .expect("again"),
        EnrolOutcome::Enrolled(first.clone()),
        "the same code and key again give the same device"
    );
    assert_eq!(
        store
            .enrol("code-a", "DEV-X", "key-x", T0 + 20)
            .await
            .expect("other key"),
        EnrolOutcome::Used
    );
    assert_eq!(
        store.code_state("code-a", T0 + 20).await.expect("state"),
        CodeState::Used {
            by: "DEV-A".to_owned()
        }
    );
    assert_eq!(
        store
            .enrol("code-spare", "DEV-A", "key-a", T0 + 20)
            .await
            .expect("second code"),
        EnrolOutcome::AlreadyEnrolled
    );
    assert!(
        matches!(
            store
                .code_state("code-spare", T0 + 20)
                .await
                .expect("state"),
            CodeState::Usable { .. }
        ),
        "a refused enrolment leaves the code usable"
    );

    let EnrolOutcome::Enrolled(second) = store
        .enrol("code-b", "DEV-B", "key-b", T0 + 30)
        .await
        .expect("enrol b")
    else {
        panic!("a usable code enrols");
    };
    assert!(second.number > first.number);
    (first.device_id, second.device_id)
}

/// A heartbeat with the figures monitoring reads: the queue, the system image's version and
/// where its software update stands.
static HEARTBEAT: std::sync::LazyLock<serde_json::Value> = std::sync::LazyLock::new(|| {
    serde_json::json!({
        "queue": {"queued": 3},
        "image_version": "0.1.0",
        "software_update": {
            "state": "refused", "version": "0.2.0", "source": "portal",
            "reason": "update-bad-signature", "detail": "the update's signature is not the project's",
        },
    })
});

async fn devices(store: &dyn Store, first: &str, second: &str) {
    let all = store.devices().await.expect("devices");
    let ids: Vec<&str> = all.iter().map(|d| d.device_id.as_str()).collect();
    assert_eq!(ids, [first, second], "devices come by number");
    let keys = store.device_keys().await.expect("keys");
    assert_eq!(keys.len(), 2);
    assert!(keys.iter().all(|key| !key.revoked));

    store
        .record_heartbeat(
            first,
            &HEARTBEAT.to_string(),
            Seen {
                now_ms: T0 + 100,
                skew_ms: -40,
            },
        )
        .await
        .expect("heartbeat");
    let device = store.device(first).await.expect("device").expect("known");
    assert_eq!(device.last_seen_at, Some(T0 + 100));
    assert_eq!(device.last_skew_ms, Some(-40));
    assert_eq!(
        device.last_heartbeat.as_ref(),
        Some(&*HEARTBEAT),
        "the heartbeat is kept whole: the image's version and the update's state with the rest"
    );
    assert_eq!(store.device("DEV-NONE").await.expect("unknown"), None);

    // Revoked by number here; by id in `agency`, once its submissions are in.
    store
        .enrol("code-spare", "DEV-C", "key-c", T0 + 40)
        .await
        .expect("enrol c");
    let third = store.device("DEV-C").await.expect("c").expect("known");
    assert!(
        store
            .revoke(&third.number.to_string(), T0 + 50)
            .await
            .expect("revoke")
    );
    assert!(
        store.revoke("DEV-C", T0 + 60).await.expect("again"),
        "revoking twice finds the device"
    );
    assert_eq!(
        store
            .device("DEV-C")
            .await
            .expect("c")
            .expect("known")
            .revoked_at,
        Some(T0 + 50),
        "the first revocation's time stays"
    );
    assert!(!store.revoke("DEV-NONE", T0).await.expect("unknown"));
    assert!(
        store
            .device_keys()
            .await
            .expect("keys")
            .iter()
            .any(|key| key.device_id == "DEV-C" && key.revoked)
    );
}

async fn nonces(store: &dyn Store) {
    assert!(store.record_nonce("DEV-A", "n1", T0).await.expect("first"));
    assert!(
        !store
            .record_nonce("DEV-A", "n1", T0 + 5)
            .await
            .expect("replay"),
        "a nonce is accepted once"
    );
    assert!(
        store
            .record_nonce("DEV-B", "n1", T0 + 5)
            .await
            .expect("other device"),
        "nonces are per device"
    );
    let later = T0 + NONCE_MEMORY_MS + 1;
    assert!(
        store
            .record_nonce("DEV-A", "n1", later)
            .await
            .expect("later"),
        "a nonce is forgotten after its memory"
    );
}

fn submission(code: &str, hash: &str, notice: Option<&[u8]>) -> NewSubmission {
    NewSubmission {
        id: Uuid::now_v7(),
        receipt_code: code.to_owned(),
        target_id: "taklif".to_owned(),
        catalogue_version: 1,
        created_at: "2026-09-21T10:00:00+05:00".to_owned(),
        payload_sha256: hash.to_owned(),
        payload: format!("sealed {code}").into_bytes(),
        dates: Dates {
            created_on: date!(2026 - 09 - 21),
            due_on: date!(2026 - 10 - 06),
        },
        notice: notice.map(<[u8]>::to_vec),
    }
}

fn seen(now_ms: i64) -> Seen {
    Seen { now_ms, skew_ms: 7 }
}

async fn ingest(store: &dyn Store, first: &str, second: &str) {
    let one = submission("001-000-0001", "h1", Some(b"notice one"));
    let two = submission("001-000-0002", "h2", None);
    let stored = store
        .store_batch(
            first,
            &[
                BatchEntry::Ready(one.clone()),
                BatchEntry::Ready(two.clone()),
            ],
            seen(T0 + 1_000),
        )
        .await
        .expect("batch");
    assert_eq!(
        stored,
        [Some(StoreOutcome::Inserted), Some(StoreOutcome::Inserted)]
    );
    let device = store.device(first).await.expect("device").expect("known");
    assert_eq!(
        (device.last_seen_at, device.last_skew_ms),
        (Some(T0 + 1_000), Some(7))
    );

    let mut conflicting = one.clone();
    conflicting.payload_sha256 = "other".to_owned();
    let mut same_code = submission("001-000-0002", "h3", None);
    same_code.id = Uuid::now_v7();
    let unknown_judged = BatchEntry::Judged {
        id: Uuid::now_v7(),
        payload_sha256: "h9".to_owned(),
    };
    let twin_judged = BatchEntry::Judged {
        id: two.id,
        payload_sha256: "h2".to_owned(),
    };
    let stored = store
        .store_batch(
            first,
            &[
                BatchEntry::Ready(one.clone()),
                BatchEntry::Ready(conflicting),
                BatchEntry::Ready(same_code),
                unknown_judged,
                twin_judged,
            ],
            seen(T0 + 2_000),
        )
        .await
        .expect("second batch");
    assert_eq!(
        stored,
        [
            Some(StoreOutcome::Duplicate),
            Some(StoreOutcome::Conflict),
            Some(StoreOutcome::ReceiptCodeTaken),
            None,
            Some(StoreOutcome::Duplicate),
        ]
    );
    // One id twice in one batch: the first stores, the second is its duplicate or conflict.
    let twice = submission("001-000-0003", "h5", None);
    let mut changed = twice.clone();
    changed.payload_sha256 = "h6".to_owned();
    let stored = store
        .store_batch(
            first,
            &[
                BatchEntry::Ready(twice.clone()),
                BatchEntry::Ready(twice),
                BatchEntry::Ready(changed),
            ],
            seen(T0 + 2_500),
        )
        .await
        .expect("a batch with one id twice");
    assert_eq!(
        stored,
        [
            Some(StoreOutcome::Inserted),
            Some(StoreOutcome::Duplicate),
            Some(StoreOutcome::Conflict),
        ]
    );
    // A receipt code is unique per terminal only.
    let stored = store
        .store_batch(
            second,
            &[BatchEntry::Ready(submission("001-000-0002", "h4", None))],
            seen(T0 + 3_000),
        )
        .await
        .expect("other terminal");
    assert_eq!(stored, [Some(StoreOutcome::Inserted)]);

    let all = store.submissions().await.expect("submissions");
    assert_eq!(all.len(), 4, "nothing but the four inserted is stored");
    assert_eq!(all[0].id, one.id.to_string(), "oldest first");
    assert_eq!(
        all[0].payload, one.payload,
        "the ciphertext is kept as sent"
    );
    assert_eq!(all[0].status, "received");
    assert_eq!(all[0].received_at, T0 + 1_000);
    assert_eq!(all[0].created_at, one.created_at);

    let due = store.due_notices(T0 + 3_000, 50).await.expect("notices");
    assert_eq!(due.len(), 1, "only the submission that asked has a notice");
    assert_eq!(due[0].sealed, b"notice one");
}

async fn concurrent_retries(store: &dyn Store, device: &str) {
    let batch: Vec<BatchEntry> = (0..20)
        .map(|n| BatchEntry::Ready(submission(&format!("002-000-{n:04}"), "hc", None)))
        .collect();
    let (a, b) = futures_util::join!(
        store.store_batch(device, &batch, seen(T0 + 4_000)),
        store.store_batch(device, &batch, seen(T0 + 4_000)),
    );
    let (a, b) = (a.expect("first retry"), b.expect("second retry"));
    for (a, b) in a.iter().zip(&b) {
        let mut pair = [*a, *b];
        pair.sort_by_key(|o| format!("{o:?}"));
        assert_eq!(
            pair,
            [Some(StoreOutcome::Duplicate), Some(StoreOutcome::Inserted)],
            "two retries of one batch at once: one stores, the other is a duplicate"
        );
    }
}

async fn feed(store: &dyn Store, first: &str, second: &str) {
    let page = store.updates(first, 0).await.expect("feed");
    let statuses: Vec<_> = page
        .updates
        .iter()
        .filter_map(|u| match &u.change {
            Change::Status { status, .. } => Some(*status),
            Change::Catalogue { .. } => None,
        })
        .collect();
    assert_eq!(statuses, [Status::Received; 3]);
    assert!(!page.more);
    assert_eq!(page.cursor, page.updates.last().expect("updates").seq);
    let again = store.updates(first, page.cursor).await.expect("after");
    assert!(again.updates.is_empty());
    assert_eq!(again.cursor, page.cursor, "an empty page keeps the cursor");

    let other = store.updates(second, 0).await.expect("other feed");
    assert_eq!(
        other.updates.len(),
        21,
        "a terminal sees only its own statuses"
    );
    assert!(
        other.updates.windows(2).all(|w| w[0].seq < w[1].seq),
        "the feed is in order"
    );

    // More than a page.
    let batch: Vec<BatchEntry> = (0..MAX_UPDATES_PAGE)
        .map(|n| BatchEntry::Ready(submission(&format!("003-000-{n:04}"), "hp", None)))
        .collect();
    store
        .store_batch(second, &batch, seen(T0 + 5_000))
        .await
        .expect("big batch");
    let full = store.updates(second, 0).await.expect("full page");
    assert_eq!(full.updates.len(), MAX_UPDATES_PAGE);
    assert!(full.more);
    let rest = store.updates(second, full.cursor).await.expect("rest");
    assert_eq!(rest.updates.len(), 21);
    assert!(!rest.more);
}

async fn receipts(store: &dyn Store, first: &str) {
    let record = store
        .receipt_record(first, "001-000-0001")
        .await
        .expect("record")
        .expect("found");
    assert_eq!(record.mahalla, "Bunyodkor");
    assert_eq!(record.status, "received");
    assert_eq!(record.payload, b"sealed 001-000-0001");
    assert_eq!(record.history.len(), 1);
    assert_eq!(record.history[0].changed_at, record.changed_at);
    assert!(
        store
            .receipt_record("DEV-B", "001-000-0001")
            .await
            .expect("other")
            .is_none(),
        "a receipt belongs to its terminal"
    );

    let number = store.device(first).await.expect("d").expect("d").number;
    let by_id = store
        .look_up(Issuer::DeviceId(first.to_owned()), "001-000-0002")
        .await
        .expect("by id")
        .expect("found");
    let by_number = store
        .look_up(
            Issuer::Number {
                number,
                asker: "DEV-B".to_owned(),
            },
            "001-000-0002",
        )
        .await
        .expect("by number")
        .expect("found");
    assert_eq!(by_id.submission_id, by_number.submission_id);
    assert_eq!(by_id.received_at, T0 + 1_000);
    assert_eq!(by_id.history.len(), 1);
    let unenrolled = store
        .look_up(
            Issuer::Number {
                number: 0,
                asker: "DEV-B".to_owned(),
            },
            "001-000-0002",
        )
        .await
        .expect("number 0")
        .expect("found");
    assert_ne!(
        unenrolled.submission_id, by_id.submission_id,
        "number 0 is looked for among the asking terminal's own receipts"
    );
    assert!(
        store
            .look_up(Issuer::DeviceId(first.to_owned()), "009-999-9999")
            .await
            .expect("none")
            .is_none()
    );

    let limits = PinflLimits {
        per_receipt: 2,
        per_receipt_window_ms: 1_000,
        per_terminal: 3,
        per_terminal_window_ms: 1_000,
    };
    let id = &by_id.submission_id;
    for n in 0..2 {
        assert!(
            store
                .pinfl_tries_left(id, "DEV-B", limits, T0 + n)
                .await
                .expect("left")
        );
        store
            .record_pinfl_failure(id, "DEV-B", T0 + n)
            .await
            .expect("failure");
    }
    assert!(
        !store
            .pinfl_tries_left(id, "DEV-C", limits, T0 + 10)
            .await
            .expect("receipt limit"),
        "the receipt's limit holds for every terminal"
    );
    assert!(
        store
            .pinfl_tries_left(id, "DEV-C", limits, T0 + 1_001)
            .await
            .expect("window"),
        "the window ends"
    );
    store
        .record_pinfl_failure(&unenrolled.submission_id, "DEV-B", T0 + 10)
        .await
        .expect("failure");
    assert!(
        !store
            .pinfl_tries_left(&unenrolled.submission_id, "DEV-B", limits, T0 + 11)
            .await
            .expect("terminal limit"),
        "the terminal's limit holds for every receipt"
    );
}

async fn agency(store: &dyn Store, first: &str) {
    let all = store.submissions().await.expect("all");
    let id = all[0].id.clone();
    let changed = store
        .set_status(StatusChange {
            submission_id: id.clone(),
            status: Status::Approved,
            answer: Some("Murojaatingiz qanoatlantirildi".to_owned()),
            changed_by: "nodira".to_owned(),
            now_ms: T0 + 6_000,
            notice: Some(b"notice approved".to_vec()),
        })
        .await
        .expect("set status");
    assert!(changed);
    assert!(
        !store
            .set_status(StatusChange {
                submission_id: "no-such-id".to_owned(),
                status: Status::Approved,
                answer: None,
                changed_by: "nodira".to_owned(),
                now_ms: T0 + 6_000,
                notice: Some(b"never".to_vec()),
            })
            .await
            .expect("unknown"),
        "an unknown submission is not changed"
    );

    let view = store.submission(&id).await.expect("view").expect("found");
    assert_eq!(view.row.status, "approved");
    let timeline: Vec<(Status, Option<&str>)> = view
        .history
        .iter()
        .map(|entry| (entry.status, entry.answer.as_deref()))
        .collect();
    assert_eq!(
        timeline,
        [
            (Status::Received, None),
            (Status::Approved, Some("Murojaatingiz qanoatlantirildi")),
        ],
        "the timeline, oldest first"
    );
    assert_eq!(
        (view.row.region.as_str(), view.row.district.as_str()),
        ("Toshkent shahri", "Chilonzor")
    );
    assert_eq!(view.row.mahalla, MAHALLA);
    assert_eq!(
        view.answer.as_deref(),
        Some("Murojaatingiz qanoatlantirildi")
    );
    let (by, at) = view.changed.expect("who changed it");
    assert_eq!(by, "nodira");
    assert!(
        store
            .submission("no-such-id")
            .await
            .expect("none")
            .is_none()
    );

    let record = store
        .receipt_record(first, "001-000-0001")
        .await
        .expect("record")
        .expect("found");
    assert_eq!(record.changed_at, at);
    let statuses: Vec<_> = record.history.iter().map(|e| e.status).collect();
    assert_eq!(statuses, [Status::Received, Status::Approved]);

    let page = store.updates(first, 0).await.expect("feed");
    let last = page.updates.last().expect("update");
    assert!(matches!(
        &last.change,
        Change::Status {
            status: Status::Approved,
            answer: Some(_),
            ..
        }
    ));

    let due = store.due_notices(T0 + 6_000, 50).await.expect("notices");
    assert!(due.iter().any(|n| n.sealed == b"notice approved"));
    assert!(!due.iter().any(|n| n.sealed == b"never"));

    let everything = Scope::default();
    let newest = store.list(&limited(3), &everything).await.expect("list");
    assert_eq!(newest.len(), 3, "the limit holds");
    let approved = store
        .list(
            &ListQuery {
                status: StatusFilter::Is(Status::Approved),
                ..limited(100)
            },
            &everything,
        )
        .await
        .expect("by status");
    assert_eq!(approved.len(), 1);
    assert_eq!(approved[0].id, id);
    let other = store
        .list(
            &ListQuery {
                mahalla: Some(OTHER_MAHALLA.to_owned()),
                target: Some("taklif".to_owned()),
                ..limited(1_000)
            },
            &everything,
        )
        .await
        .expect("by mahalla");
    assert_eq!(other.len(), 1 + 20 + MAX_UPDATES_PAGE);
    assert!(
        store
            .list(
                &ListQuery {
                    target: Some("none".to_owned()),
                    ..limited(10)
                },
                &everything,
            )
            .await
            .expect("none")
            .is_empty()
    );

    scopes(store, &view.row.id).await;

    let figures = store.terminal_figures().await.expect("figures");
    assert_eq!(figures.len(), 2, "revoked terminals are left out");
    assert_eq!(figures[0].mahalla, MAHALLA);
    assert_eq!(figures[0].mahalla_name, "Bunyodkor");
    assert_eq!(
        (figures[0].region.as_str(), figures[0].district.as_str()),
        ("Toshkent shahri", "Chilonzor")
    );
    let first_number = store
        .device(first)
        .await
        .expect("first")
        .expect("known")
        .number;
    assert_eq!(figures[0].number, first_number);
    let heartbeat: serde_json::Value =
        serde_json::from_str(figures[0].last_heartbeat.as_deref().expect("heartbeat"))
            .expect("JSON");
    assert_eq!(heartbeat, *HEARTBEAT);
}

/// The list narrowed by a scope, by the rule of `Scope::covers`; `first_id` is a submission
/// of the first terminal (Chilonzor, Toshkent shahri).
async fn scopes(store: &dyn Store, first_id: &str) {
    let listed =
        |scope: Scope| async move { store.list(&limited(10_000), &scope).await.expect("list") };
    let all = listed(Scope::default()).await;
    let from_samarqand = 1 + 20 + MAX_UPDATES_PAGE;
    assert_eq!(all.len(), 3 + from_samarqand);
    let region = listed(Scope {
        regions: vec!["Samarqand viloyati".to_owned()],
        ..Scope::default()
    })
    .await;
    assert_eq!(region.len(), from_samarqand);
    assert!(region.iter().all(|row| row.mahalla == OTHER_MAHALLA));
    let district = listed(Scope {
        districts: vec!["Chilonzor".to_owned()],
        ..Scope::default()
    })
    .await;
    assert_eq!(district.len(), 3);
    assert!(district.iter().any(|row| row.id == first_id));
    let either = listed(Scope {
        regions: vec!["Samarqand viloyati".to_owned()],
        districts: vec!["Chilonzor".to_owned()],
        ..Scope::default()
    })
    .await;
    assert_eq!(either.len(), all.len(), "a region or a district");
    let service = Scope {
        services: vec!["other-service".to_owned()],
        ..Scope::default()
    };
    assert!(listed(service.clone()).await.is_empty());
    let both = Scope {
        services: vec!["other-service".to_owned(), "taklif".to_owned()],
        districts: vec!["Chilonzor".to_owned()],
        ..Scope::default()
    };
    assert_eq!(listed(both.clone()).await, district);
    let view = store
        .submission(first_id)
        .await
        .expect("view")
        .expect("found");
    assert!(both.covers(&view.row.target_id, &view.row.region, &view.row.district));
    assert!(!service.covers(&view.row.target_id, &view.row.region, &view.row.district));
    assert!(
        store
            .submission_within(first_id, &both)
            .await
            .expect("within")
            .is_some()
    );
    assert!(
        store
            .submission_within(first_id, &service)
            .await
            .expect("outside")
            .is_none(),
        "outside the scope, a submission is not there"
    );
}

async fn catalogues(store: &dyn Store, first: &str, second: &str) {
    let before_first = store.updates(first, 0).await.expect("feed").cursor;
    assert!(
        store
            .publish_catalogue(2, r#"{"version":2}"#, T0 + 7_000)
            .await
            .expect("publish")
    );
    assert!(
        !store
            .publish_catalogue(2, r#"{"version":2,"other":1}"#, T0 + 7_000)
            .await
            .expect("again"),
        "a version is published once"
    );
    assert_eq!(
        store.catalogues().await.expect("catalogues"),
        [(2, r#"{"version":2}"#.to_owned())]
    );
    let page = store.updates(first, before_first).await.expect("feed");
    assert!(matches!(
        &page.updates[..],
        [u] if matches!(&u.change, Change::Catalogue { version: 2, body } if body == r#"{"version":2}"#)
    ));
    let mut cursor = 0;
    let mut catalogues = 0;
    loop {
        let page = store.updates(second, cursor).await.expect("feed");
        catalogues += page
            .updates
            .iter()
            .filter(|u| matches!(u.change, Change::Catalogue { .. }))
            .count();
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    assert_eq!(catalogues, 1, "every terminal gets the catalogue");
}

/// A published update of `version` whose manifest keeps its own spacing and order.
fn published_update(version: &str, at_ms: i64) -> PublishedUpdate {
    PublishedUpdate {
        version: version.parse().expect("version"),
        manifest: format!(
            "{{\n  \"version\": \"{version}\",\n  \"product\": \"mahalla-kiosk\" }}\n"
        ),
        signature: (0..64).map(|n| n ^ version.len() as u8).collect(),
        published_at: at_ms,
    }
}

async fn software_updates(store: &dyn Store) {
    let v = |text: &str| text.parse().expect("version");
    assert_eq!(store.newest_software_update().await.expect("none"), None);
    let first = published_update("0.2.0", T0 + 8_000);
    assert_eq!(
        store
            .publish_software_update(&first)
            .await
            .expect("publish"),
        Publication::Published
    );
    assert_eq!(
        store.newest_software_update().await.expect("newest"),
        Some(first.clone()),
        "kept byte for byte"
    );
    for (version, why) in [("0.2.0", "the same version"), ("0.1.9", "an older one")] {
        assert_eq!(
            store
                .publish_software_update(&published_update(version, T0 + 8_100))
                .await
                .expect("refused"),
            Publication::NotNewer { newest: v("0.2.0") },
            "{why}"
        );
    }
    // Ordered as numbers, not as text.
    let newer = published_update("0.10.0", T0 + 8_200);
    assert_eq!(
        store.publish_software_update(&newer).await.expect("newer"),
        Publication::Published
    );
    assert_eq!(
        store.newest_software_update().await.expect("newest"),
        Some(newer)
    );
    assert_eq!(
        store.software_update(v("0.2.0")).await.expect("by version"),
        Some(first),
        "an older one stays, for terminals still downloading it"
    );
    assert_eq!(
        store.software_update(v("0.3.0")).await.expect("never"),
        None
    );

    // Two publications of one version at once: one passes.
    let same = published_update("1.0.0", T0 + 8_300);
    let (a, b) = futures_util::join!(
        store.publish_software_update(&same),
        store.publish_software_update(&same),
    );
    let mut outcomes = [a.expect("a"), b.expect("b")];
    outcomes.sort_by_key(|outcome| format!("{outcome:?}"));
    assert_eq!(
        outcomes,
        [
            Publication::NotNewer { newest: v("1.0.0") },
            Publication::Published
        ]
    );
}

async fn staff(store: &dyn Store) {
    assert_eq!(
        store.staff_password_hash("nodira").await.expect("none"),
        None
    );
    let monitor = Role::MahallaMonitor {
        mahallas: vec![MAHALLA.to_owned()],
    };
    let agency = Role::AgencyStaff {
        scope: Scope {
            services: vec!["taklif".to_owned()],
            regions: vec!["Samarqand viloyati".to_owned()],
            districts: Vec::new(),
        },
    };
    store
        .set_staff("nodira", "$argon2id$one", &monitor)
        .await
        .expect("add");
    store
        .set_staff("nodira", "$argon2id$two", &agency)
        .await
        .expect("change");
    assert_eq!(
        store
            .staff_password_hash("nodira")
            .await
            .expect("hash")
            .as_deref(),
        Some("$argon2id$two")
    );
    store
        .open_session("token-hash", "nodira", T0 + 100)
        .await
        .expect("session");
    assert_eq!(
        store
            .session_user("token-hash", T0 + 99)
            .await
            .expect("user"),
        Some(StaffMember {
            username: "nodira".to_owned(),
            role: agency.clone(),
            language: String::new(),
        }),
        "the session names the staff member with their newest role"
    );
    store
        .set_staff_language("nodira", "ru")
        .await
        .expect("language");
    assert_eq!(
        store
            .session_user("token-hash", T0 + 99)
            .await
            .expect("user"),
        Some(StaffMember {
            username: "nodira".to_owned(),
            role: agency,
            language: "ru".to_owned(),
        }),
        "the language they chose"
    );
    assert_eq!(
        store
            .session_user("token-hash", T0 + 100)
            .await
            .expect("expired"),
        None
    );
    assert_eq!(
        store.session_user("other", T0).await.expect("unknown"),
        None
    );
    store.close_session("token-hash").await.expect("close");

    assert!(store.audit_log(10).await.expect("empty log").is_empty());
    let exported = |n: i64| AuditEntry {
        at_ms: T0 + n,
        actor: "nodira".to_owned(),
        action: "export submissions.csv".to_owned(),
        detail: format!("status=open; {n} rows"),
    };
    for n in 1..=3 {
        store.record_audit(&exported(n)).await.expect("record");
    }
    assert_eq!(
        store.audit_log(2).await.expect("log"),
        [exported(3), exported(2)],
        "the newest first, as many as asked"
    );

    assert!(
        !store
            .staff_address_since("10.0.0.7", 0)
            .await
            .expect("unknown address")
    );
    store
        .remember_staff_address("10.0.0.7", T0 + 50)
        .await
        .expect("remember");
    store
        .remember_staff_address("10.0.0.7", T0 + 10)
        .await
        .expect("an older sign-in");
    assert!(
        store
            .staff_address_since("10.0.0.7", T0 + 50)
            .await
            .expect("known")
    );
    assert!(
        !store
            .staff_address_since("10.0.0.7", T0 + 51)
            .await
            .expect("not since"),
        "an older sign-in does not move the last one back"
    );
    assert_eq!(
        store.session_user("token-hash", T0).await.expect("closed"),
        None
    );
}

async fn tries(store: &dyn Store) {
    let limits = |user: &str| {
        vec![
            (format!("sign-in:user-from:{user} 10.0.0.1"), 3),
            ("sign-in:from:10.0.0.1".to_owned(), 4),
        ]
    };
    for _ in 0..3 {
        assert!(store.count_try(&limits("a_b"), T0).await.expect("count"));
    }
    assert!(
        !store.count_try(&limits("a_b"), T0).await.expect("stopped"),
        "the fourth try of a name from one address is stopped"
    );
    store
        .take_back_try(&limits("a_b"))
        .await
        .expect("take back");
    assert!(store.count_try(&limits("a_b"), T0).await.expect("again"));
    assert!(
        store
            .count_try(&limits("axb"), T0)
            .await
            .expect("other name")
    );
    assert!(
        !store.count_try(&limits("c"), T0).await.expect("address"),
        "the address's limit holds across names"
    );
    // Forgetting "a_b" must not forget "axb": `_` is not a wildcard.
    store
        .forget_tries("sign-in:user:a_b", "sign-in:user-from:a_b ")
        .await
        .expect("forget");
    assert!(
        !store
            .count_try(&[(limits("axb")[0].0.clone(), 1)], T0)
            .await
            .expect("axb kept"),
        "forgetting one name leaves the others' counts"
    );
    assert!(
        store
            .count_try(&[(limits("a_b")[0].0.clone(), 1)], T0)
            .await
            .expect("a_b forgotten"),
        "a forgotten name counts from zero"
    );
    assert!(
        store
            .count_try(&limits("c"), T0 + THROTTLE_WINDOW_MS)
            .await
            .expect("window"),
        "the window ends"
    );

    let race = [("race".to_owned(), 5)];
    let concurrent = (0..12).map(|_| store.count_try(&race, T0));
    let mut counted = 0;
    for outcome in futures_util::future::join_all(concurrent).await {
        counted += usize::from(outcome.expect("count"));
    }
    assert_eq!(
        counted, 5,
        "tries at once are counted up to the limit, no further"
    );
}

async fn notices(store: &dyn Store) {
    let due = store.due_notices(T0 + 8_000, 1).await.expect("due");
    assert_eq!(due.len(), 1, "the limit holds");
    let notice = &due[0];
    assert!(!notice.sms_sent && !notice.telegram_sent);
    store
        .record_delivery(Delivery {
            id: notice.id,
            sms_sent: true,
            telegram_sent: false,
            error: Some("telegram: 502".to_owned()),
            next_attempt_ms: T0 + 9_000,
        })
        .await
        .expect("record");
    let due = store.due_notices(T0 + 8_500, 50).await.expect("due");
    assert!(
        due.iter().all(|n| n.id != notice.id),
        "a failed notice waits for its next attempt"
    );
    let due = store.due_notices(T0 + 9_000, 50).await.expect("due");
    let again = due.iter().find(|n| n.id == notice.id).expect("due again");
    assert!(again.sms_sent && !again.telegram_sent);
    assert_eq!(again.attempts, 1);
    store
        .record_delivery(Delivery {
            id: notice.id,
            sms_sent: true,
            telegram_sent: true,
            error: None,
            next_attempt_ms: T0 + 10_000,
        })
        .await
        .expect("record");
    let due = store.due_notices(T0 + 99_000, 50).await.expect("due");
    assert!(
        due.iter().all(|n| n.id != notice.id),
        "a notice out on every channel is done"
    );
}

/// A list with no filter, at most `limit` rows.
fn limited(limit: u32) -> ListQuery {
    ListQuery {
        limit,
        ..ListQuery::default()
    }
}

/// Every row `query` lists, page after page of `page` rows, each page starting after the
/// cursor of the one before.
async fn all_pages(store: &dyn Store, query: &ListQuery, page: u32) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    loop {
        let next = store
            .list(
                &ListQuery {
                    after: rows.last().map(|row| row.cursor(query.order)),
                    limit: page,
                    ..query.clone()
                },
                &Scope::default(),
            )
            .await
            .expect("page");
        let done = next.len() < page as usize;
        rows.extend(next);
        if done {
            return rows;
        }
    }
}

/// The dashboard's list at work: pages that follow each other without gaps or repeats in
/// both orders, the soonest due first, and each filter by the column it names.
async fn listing(store: &dyn Store, first: &str) {
    const TARGET: &str = "listing-service";
    let day = |offset: i64| date!(2026 - 11 - 01) + time::Duration::days(offset);
    let mut made = Vec::new();
    for n in 0..23_i64 {
        let mut new = submission(&format!("L-{n:02}"), &format!("hl{n}"), None);
        new.target_id = TARGET.to_owned();
        // Handed in over 23 days; due 15 days later, but every third one a day sooner, so
        // that the order by term differs from the order of arrival.
        new.dates = Dates {
            created_on: day(n),
            due_on: day(n + 15 - i64::from(n % 3 == 0) * 4),
        };
        made.push(new);
    }
    // Received in an order of their own: odd ones first.
    let (odd, even): (Vec<_>, Vec<_>) = made
        .iter()
        .partition(|new| new.receipt_code.ends_with(['1', '3', '5', '7', '9']));
    for (batch, at) in [(odd, T0 + 50_000), (even, T0 + 60_000)] {
        let entries: Vec<BatchEntry> = batch.into_iter().cloned().map(BatchEntry::Ready).collect();
        store
            .store_batch(first, &entries, seen(at))
            .await
            .expect("store");
    }
    let decided = made[5].id.to_string();
    assert!(
        store
            .set_status(StatusChange {
                submission_id: decided.clone(),
                status: Status::Rejected,
                answer: None,
                changed_by: "nodira".to_owned(),
                now_ms: T0 + 70_000,
                notice: None,
            })
            .await
            .expect("decide")
    );

    let ours = ListQuery {
        target: Some(TARGET.to_owned()),
        ..ListQuery::default()
    };
    let by_term = all_pages(store, &ours, 4).await;
    let mut expected: Vec<(bool, String, String)> = made
        .iter()
        .map(|new| {
            (
                new.id.to_string() == decided,
                day_text(new.dates.due_on),
                new.id.to_string(),
            )
        })
        .collect();
    expected.sort();
    let listed: Vec<(bool, String, String)> = by_term
        .iter()
        .map(|row| (row.decided, row.due_on.clone(), row.id.clone()))
        .collect();
    assert_eq!(
        listed, expected,
        "open first, the soonest due first, each once"
    );
    assert_eq!(
        by_term.last().map(|row| row.id.as_str()),
        Some(decided.as_str())
    );

    let newest = all_pages(
        store,
        &ListQuery {
            order: Order::Newest,
            ..ours.clone()
        },
        5,
    )
    .await;
    assert_eq!(newest.len(), made.len(), "every row once");
    assert!(
        newest
            .windows(2)
            .all(|pair| (pair[0].received_at, &pair[0].id) > (pair[1].received_at, &pair[1].id)),
        "the last received first"
    );
    assert!(
        newest[..11]
            .iter()
            .all(|row| row.received_at == T0 + 60_000)
    );

    let listed = |query: ListQuery| async move {
        store.list(&query, &Scope::default()).await.expect("list")
    };
    let codes = |rows: Vec<Row>| {
        rows.into_iter()
            .map(|row| row.receipt_code)
            .collect::<Vec<_>>()
    };
    let found = listed(ListQuery {
        receipt_code: Some("L-07".to_owned()),
        ..limited(10)
    })
    .await;
    assert_eq!(codes(found), ["L-07"]);

    let due_in = |from: Option<Date>, to: Option<Date>| ListQuery {
        status: StatusFilter::Open,
        due: DayRange { from, to },
        ..ours.clone()
    };
    let overdue = listed(ListQuery {
        limit: 100,
        ..due_in(None, Some(day(16)))
    })
    .await;
    let expected_overdue: Vec<String> = made
        .iter()
        .filter(|new| new.id.to_string() != decided && new.dates.due_on <= day(16))
        .map(|new| new.receipt_code.clone())
        .collect();
    let mut overdue = codes(overdue);
    overdue.sort();
    assert_eq!(overdue, expected_overdue, "open and due by the day");

    let window = listed(ListQuery {
        limit: 100,
        ..due_in(Some(day(20)), Some(day(22)))
    })
    .await;
    assert!(
        window.iter().all(
            |row| (day_text(day(20))..=day_text(day(22))).contains(&row.due_on) && !row.decided
        )
    );
    assert_eq!(
        window.len(),
        made.iter()
            .filter(|new| new.id.to_string() != decided
                && (day(20)..=day(22)).contains(&new.dates.due_on))
            .count()
    );

    let handed_in = listed(ListQuery {
        created: DayRange {
            from: Some(day(3)),
            to: Some(day(6)),
        },
        limit: 100,
        ..ours.clone()
    })
    .await;
    let mut handed_in = codes(handed_in);
    handed_in.sort();
    assert_eq!(
        handed_in,
        ["L-03", "L-04", "L-05", "L-06"],
        "by the day handed in"
    );

    for (query, count) in [
        (
            ListQuery {
                mahalla: Some(MAHALLA.to_owned()),
                ..ours.clone()
            },
            made.len(),
        ),
        (
            ListQuery {
                mahalla: Some(OTHER_MAHALLA.to_owned()),
                ..ours.clone()
            },
            0,
        ),
        (
            ListQuery {
                district: Some("Chilonzor".to_owned()),
                ..ours.clone()
            },
            made.len(),
        ),
        (
            ListQuery {
                region: Some("Samarqand viloyati".to_owned()),
                ..ours.clone()
            },
            0,
        ),
        (
            ListQuery {
                status: StatusFilter::Is(Status::Rejected),
                ..ours.clone()
            },
            1,
        ),
        (
            ListQuery {
                status: StatusFilter::Open,
                ..ours.clone()
            },
            made.len() - 1,
        ),
    ] {
        assert_eq!(
            listed(ListQuery {
                limit: 100,
                ..query.clone()
            })
            .await
            .len(),
            count,
            "{query:?}"
        );
    }

    // The register moves the mahalla to another district: its submissions go along.
    let mut moved_mahalla = mahalla(MAHALLA, "Bunyodkor");
    moved_mahalla.district = "Yangi tuman".to_owned();
    store
        .import_mahallas(&[moved_mahalla])
        .await
        .expect("import");
    let in_new_district = ListQuery {
        district: Some("Yangi tuman".to_owned()),
        limit: 100,
        ..ours.clone()
    };
    assert_eq!(listed(in_new_district).await.len(), made.len());
    store
        .import_mahallas(&[mahalla(MAHALLA, "Bunyodkor")])
        .await
        .expect("import back");
    let in_old_district = ListQuery {
        district: Some("Chilonzor".to_owned()),
        limit: 100,
        ..ours.clone()
    };
    assert_eq!(listed(in_old_district).await.len(), made.len());

    assert!(
        store.undated(10).await.expect("undated").is_empty(),
        "ingest dates every submission"
    );
    let moved = made[0].id.to_string();
    store
        .set_dates(&[(
            moved.clone(),
            Dates {
                created_on: day(0),
                due_on: day(40),
            },
        )])
        .await
        .expect("set dates");
    let open = all_pages(
        store,
        &ListQuery {
            status: StatusFilter::Open,
            ..ours.clone()
        },
        100,
    )
    .await;
    assert_eq!(
        open.last()
            .map(|row| (row.id.as_str(), row.due_on.as_str())),
        Some((moved.as_str(), day_text(day(40)).as_str())),
        "a new last day moves it in the order"
    );
    assert!(matches!(
        open[0].cursor(Order::Due),
        Cursor::Due { decided: false, .. }
    ));

    let extension = |id: &str| TermExtension {
        submission_id: id.to_owned(),
        due_on: day(45),
        reason: "Qoʻshimcha oʻrganish kerak".to_owned(),
        by: "nodira".to_owned(),
        now_ms: T0 + 80_000,
    };
    let extended = made[1].id.to_string();
    assert!(
        store
            .extend_term(extension(&extended))
            .await
            .expect("extend")
    );
    assert!(
        !store
            .extend_term(extension(&extended))
            .await
            .expect("again"),
        "a term is extended once"
    );
    assert!(
        !store
            .extend_term(extension(&decided))
            .await
            .expect("decided"),
        "a decided submission keeps its term"
    );
    assert!(
        !store
            .extend_term(extension("no-such-id"))
            .await
            .expect("unknown")
    );
    let view = store
        .submission(&extended)
        .await
        .expect("view")
        .expect("found");
    assert_eq!(view.row.due_on, day_text(day(45)));
    let kept = view.extension.expect("the extension");
    assert_eq!(
        (kept.by.as_str(), kept.reason.as_str()),
        ("nodira", "Qoʻshimcha oʻrganish kerak")
    );
    let at = time::OffsetDateTime::parse(&kept.at, &time::format_description::well_known::Rfc3339)
        .expect("an RFC 3339 time");
    assert_eq!(
        at.unix_timestamp_nanos() / 1_000_000,
        i128::from(T0 + 80_000)
    );
    assert!(
        store
            .submission(&moved)
            .await
            .expect("view")
            .expect("found")
            .extension
            .is_none()
    );
}

/// The figures monitoring adds up, from what `listing` stored (its service, its days).
async fn monitoring(store: &dyn Store) {
    const TARGET: &str = "listing-service";
    let day = |offset: i64| date!(2026 - 11 - 01) + time::Duration::days(offset);
    let register = store.mahallas().await.expect("register");
    assert!(
        register
            .iter()
            .any(|m| m.code == MAHALLA && m.district == "Chilonzor")
    );
    assert!(register.iter().any(|m| m.code == OTHER_MAHALLA));

    let mut days: Vec<(String, String, u32)> = store
        .handed_in_per_day(day(20))
        .await
        .expect("per day")
        .into_iter()
        .map(|count| (count.mahalla, count.day, count.count))
        .collect();
    days.sort();
    let expected: Vec<(String, String, u32)> = (20..23)
        .map(|n| (MAHALLA.to_owned(), day_text(day(n)), 1))
        .collect();
    assert_eq!(days, expected, "one a day, from the day asked on");

    // The open ones and the overdue ones agree with the list's own filters.
    let today = day(16);
    let counts = store.open_per_mahalla(today).await.expect("open");
    let ours = counts
        .iter()
        .find(|count| count.mahalla == MAHALLA && count.target_id == TARGET)
        .expect("our service");
    let listed = |query: ListQuery| async move {
        store
            .list(&query, &Scope::default())
            .await
            .expect("list")
            .len() as u32
    };
    let open = ListQuery {
        target: Some(TARGET.to_owned()),
        status: StatusFilter::Open,
        limit: 1_000,
        ..ListQuery::default()
    };
    assert_eq!(ours.open, listed(open.clone()).await);
    let overdue = ListQuery {
        due: DayRange {
            from: None,
            to: today.previous_day(),
        },
        ..open
    };
    assert_eq!(ours.overdue, listed(overdue).await);
    assert!(ours.overdue > 0 && ours.overdue < ours.open);

    let decisions = store.decisions_since(T0 + 70_000).await.expect("decisions");
    let ours: Vec<&Decision> = decisions
        .iter()
        .filter(|decision| decision.mahalla == MAHALLA && decision.decided_at == T0 + 70_000)
        .collect();
    assert_eq!(
        ours.len(),
        1,
        "the one rejected at that time: {decisions:?}"
    );
    assert_eq!(ours[0].received_at, T0 + 50_000);
    assert!(
        store
            .decisions_since(T0 + 70_001)
            .await
            .expect("later")
            .iter()
            .all(|decision| decision.decided_at > T0 + 70_000)
    );
}
