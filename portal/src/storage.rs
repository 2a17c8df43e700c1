//! Which store the portal runs on: the SQLite file in the data dir by default, or the
//! database a URL names.

use std::path::Path;
use std::sync::Arc;

use mahalla_portal_postgres::PostgresStore;
use mahalla_portal_sqlite::SqliteStore;
use mahalla_portal_store::{Store, StoreError};

/// The environment variable that may name the database instead of `--database`.
pub const DATABASE_ENV: &str = "PORTAL_DATABASE_URL";

/// Opens the store: `database` (a `postgres://` URL; every portal process of a deployment
/// names the same) or, without one, the SQLite file in `data_dir`.
pub async fn open(data_dir: &Path, database: Option<&str>) -> Result<Arc<dyn Store>, StoreError> {
    match database {
        None => {
            let dir = data_dir.to_owned();
            let store = tokio::task::spawn_blocking(move || SqliteStore::open(&dir))
                .await
                .map_err(|error| StoreError::Backend(Box::new(error)))??;
            Ok(Arc::new(store))
        }
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            let store = PostgresStore::connect(url)
                .await
                .map_err(|error| StoreError::Backend(format!("{}: {error}", shown(url)).into()))?;
            Ok(Arc::new(store))
        }
        Some(url) => Err(StoreError::Schema(format!(
            "{} is not a database this portal can use",
            shown(url)
        ))),
    }
}

/// A database URL without its password, for messages.
fn shown(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}://…{}", &url[..scheme], &url[at..])
        }
        _ => url.to_owned(),
    }
}
