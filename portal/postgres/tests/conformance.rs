//! The PostgreSQL store passes the suite every backend passes, on a fresh database; and a
//! store over the unix socket reads what one over TCP wrote.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod common;

use common::{MAHALLA, mahalla, register};
use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_store::Store;
use mahalla_test_support::postgres::TempPostgres;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_postgres_store_conforms() {
    let Some(pg) = TempPostgres::start() else {
        return;
    };
    let store = PostgresStore::connect(&pg.fresh_database())
        .await
        .expect("connect");
    mahalla_portal_store::conformance::run(&store).await;
}

#[tokio::test]
async fn a_store_over_the_unix_socket_sees_what_one_over_tcp_wrote() {
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
