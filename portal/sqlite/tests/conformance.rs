//! The SQLite store passes the suite every backend passes.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sqlite_store_conforms() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = mahalla_portal_sqlite::SqliteStore::open(dir.path()).expect("open");
    mahalla_portal_store::conformance::run(&store).await;
}
