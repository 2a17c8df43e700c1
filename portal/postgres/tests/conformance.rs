//! The PostgreSQL store passes the suite every backend passes, on a fresh database.

use mahalla_portal_postgres::PostgresStore;
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
