//! The store under concurrent use, as several portal processes on one database make it:
//! retries of one batch, writers and a reader of the feed, counted tries and enrolment.
//! Each "process" is a store of its own, with its own pool of connections.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod common;

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use common::{MAHALLA, NOW, enrolled, ready, register, seen, submission};
use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_store::{EnrolOutcome, StatusChange, Store, StoreOutcome};
use mahalla_protocol::wire::Status;
use mahalla_test_support::postgres::TempPostgres;

/// `count` stores on the database at `url`, connected at the same time (so their
/// migrations run at the same time too).
async fn processes(url: &str, count: usize) -> Vec<Arc<PostgresStore>> {
    let connecting: Vec<_> = (0..count)
        .map(|_| {
            let url = url.to_owned();
            tokio::spawn(async move { PostgresStore::connect(&url).await })
        })
        .collect();
    let mut stores = Vec::new();
    for connecting in connecting {
        stores.push(Arc::new(connecting.await.unwrap().expect("connect")));
    }
    stores
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_retries_of_one_batch_give_inserted_and_duplicate() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let stores = processes(&pg.fresh_database(), 2).await;
    register(stores[0].as_ref()).await;
    enrolled(stores[0].as_ref(), "dev-a").await;

    for round in 0..20 {
        let batch: Vec<_> = (0..3)
            .map(|n| ready(&submission(&format!("R-{round}-{n}"), n == 0)))
            .collect();
        let (a, b) = (stores[0].clone(), stores[1].clone());
        let (batch_a, batch_b) = (batch.clone(), batch.clone());
        let first = tokio::spawn(async move { a.store_batch("dev-a", &batch_a, seen(NOW)).await });
        let second = tokio::spawn(async move { b.store_batch("dev-a", &batch_b, seen(NOW)).await });
        let first = first.await.unwrap().expect("no error");
        let second = second.await.unwrap().expect("no error");
        for (one, other) in first.into_iter().zip(second) {
            let mut pair = [one, other];
            pair.sort_by_key(|outcome| outcome == &Some(StoreOutcome::Duplicate));
            assert_eq!(
                pair,
                [Some(StoreOutcome::Inserted), Some(StoreOutcome::Duplicate)],
                "round {round}"
            );
        }
    }
    let page = stores[0].updates("dev-a", 0).await.unwrap();
    assert_eq!(page.updates.len(), 60, "one received update per submission");
    assert_eq!(stores[0].due_notices(NOW, 100).await.unwrap().len(), 20);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_reader_of_the_feed_misses_no_update_of_concurrent_writers() {
    const WRITERS: usize = 6;
    const SUBMISSIONS_EACH: usize = 25;
    const CATALOGUES: u32 = 10;
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let started = std::time::Instant::now();
    let url = pg.fresh_database();
    let stores = processes(&url, 3).await;
    register(stores[0].as_ref()).await;
    enrolled(stores[0].as_ref(), "dev-a").await;
    enrolled(stores[0].as_ref(), "dev-b").await;

    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (store, done) = (stores[2].clone(), done.clone());
        tokio::spawn(async move {
            let (mut cursor, mut seen_seqs) = (0, Vec::new());
            loop {
                // Read `done` before the page: a page read after every writer finished
                // and empty means the reader has it all.
                let finished = done.load(Ordering::SeqCst);
                let page = store.updates("dev-a", cursor).await.unwrap();
                seen_seqs.extend(page.updates.iter().map(|update| update.seq));
                cursor = page.cursor;
                if finished && page.updates.is_empty() {
                    return seen_seqs;
                }
            }
        })
    };
    let mut writers = Vec::new();
    for writer in 0..WRITERS {
        let store = stores[writer % 2].clone();
        // Writers 2 and 5 write for another terminal: their status updates are not dev-a's.
        let device = if writer % 3 == 2 { "dev-b" } else { "dev-a" };
        writers.push(tokio::spawn(async move {
            for n in 0..SUBMISSIONS_EACH {
                let new = submission(&format!("R-{writer}-{n}"), false);
                let outcomes = store
                    .store_batch(device, &[ready(&new)], seen(NOW))
                    .await
                    .unwrap();
                assert_eq!(outcomes, [Some(StoreOutcome::Inserted)]);
                let changed = store
                    .set_status(StatusChange {
                        submission_id: new.id.to_string(),
                        status: Status::InReview,
                        answer: None,
                        changed_by: "agency".to_owned(),
                        now_ms: NOW + 1,
                        notice: None,
                    })
                    .await
                    .unwrap();
                assert!(changed);
            }
        }));
    }
    {
        let store = stores[1].clone();
        writers.push(tokio::spawn(async move {
            for version in 1..=CATALOGUES {
                assert!(store.publish_catalogue(version, "{}", NOW).await.unwrap());
            }
        }));
    }
    for writer in writers {
        writer.await.unwrap();
    }
    done.store(true, Ordering::SeqCst);
    let read = reader.await.unwrap();

    // Every update of dev-a's feed, read afterwards from the start.
    let mut all = Vec::new();
    let mut cursor = 0;
    loop {
        let page = stores[0].updates("dev-a", cursor).await.unwrap();
        all.extend(page.updates.iter().map(|update| update.seq));
        cursor = page.cursor;
        if !page.more {
            break;
        }
    }
    let own_writers = (0..WRITERS).filter(|writer| writer % 3 != 2).count();
    let expected = own_writers * SUBMISSIONS_EACH * 2 + CATALOGUES as usize;
    assert_eq!(all.len(), expected);
    assert!(all.windows(2).all(|pair| pair[0] < pair[1]), "in order");
    assert_eq!(
        read.len(),
        read.iter().collect::<BTreeSet<_>>().len(),
        "none twice"
    );
    let skipped: Vec<_> = all.iter().filter(|seq| !read.contains(seq)).collect();
    assert!(skipped.is_empty(), "the polling reader skipped {skipped:?}");
    assert_eq!(read, all);
    eprintln!(
        "{expected} updates of dev-a by {} writers read while written, in {:?}",
        WRITERS + 1,
        started.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_tries_are_counted_up_to_the_limit() {
    const TRIES: usize = 30;
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let stores = processes(&pg.fresh_database(), 3).await;
    let tasks: Vec<_> = (0..TRIES)
        .map(|n| {
            let store = stores[n % 3].clone();
            tokio::spawn(async move {
                // Keys in both orders, each try from an address of its own.
                let mut limits = vec![
                    ("sign-in:user:nodira".to_owned(), 5),
                    (format!("sign-in:from:10.0.0.{n}"), 20),
                    ("sign-in:user-from:everyone".to_owned(), 100),
                ];
                if n % 2 == 1 {
                    limits.reverse();
                }
                store.count_try(&limits, NOW).await.expect("no error")
            })
        })
        .collect();
    let mut counted = 0;
    for task in tasks {
        if task.await.unwrap() {
            counted += 1;
        }
    }
    assert_eq!(counted, 5);
    assert!(
        stores[0]
            .count_try(&[("sign-in:user-from:everyone".to_owned(), 6)], NOW)
            .await
            .unwrap(),
        "only the tries that passed were counted under the other keys"
    );
    assert!(
        !stores[0]
            .count_try(&[("sign-in:user-from:everyone".to_owned(), 6)], NOW)
            .await
            .unwrap()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn one_code_enrols_one_of_two_terminals() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let stores = processes(&pg.fresh_database(), 2).await;
    register(stores[0].as_ref()).await;
    for round in 0..10 {
        let code = format!("code-{round}");
        stores[0]
            .add_enrol_code(&code, MAHALLA, NOW, NOW + 60_000)
            .await
            .unwrap();
        let enrolments: Vec<_> = (0..2)
            .map(|n| {
                let (store, code) = (stores[n].clone(), code.clone());
                tokio::spawn(async move {
                    let device = format!("dev-{round}-{n}");
                    store
                        .enrol(&code, &device, "key", NOW)
                        .await
                        .expect("no error")
                })
            })
            .collect();
        let mut outcomes = Vec::new();
        for enrolment in enrolments {
            outcomes.push(enrolment.await.unwrap());
        }
        let numbers: Vec<_> = outcomes
            .iter()
            .filter_map(|outcome| match outcome {
                EnrolOutcome::Enrolled(device) => Some(device.number),
                _ => None,
            })
            .collect();
        assert_eq!(numbers, [round + 1], "round {round}: {outcomes:?}");
        assert!(
            outcomes.contains(&EnrolOutcome::Used),
            "round {round}: {outcomes:?}"
        );
    }
}
