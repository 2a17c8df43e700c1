//! Software updates published to the terminals: each version once, only newer ones, the
//! newest found through the key's order.
//!
//! A publication locks the table against other publications (not against readers) before it
//! reads the newest, so that of two at once the second sees the first.

use deadpool_postgres::GenericClient;
use mahalla_portal_store::{Publication, PublishedUpdate, Result};
use mahalla_protocol::software_update::Version;

use crate::{PostgresStore, backend, get, get_u32};

const COLUMNS: &str = "major, minor, patch, manifest, signature, published_at";

fn published(row: &tokio_postgres::Row) -> Result<PublishedUpdate> {
    Ok(PublishedUpdate {
        version: Version {
            major: get_u32(row, "major")?,
            minor: get_u32(row, "minor")?,
            patch: get_u32(row, "patch")?,
        },
        manifest: get(row, "manifest")?,
        signature: get(row, "signature")?,
        published_at: get(row, "published_at")?,
    })
}

async fn find_newest(client: &impl GenericClient) -> Result<Option<PublishedUpdate>> {
    let row = client
        .query_opt(
            &format!(
                "SELECT {COLUMNS} FROM software_updates
                 ORDER BY major DESC, minor DESC, patch DESC LIMIT 1"
            ),
            &[],
        )
        .await
        .map_err(backend)?;
    row.as_ref().map(published).transpose()
}

pub(crate) async fn publish(
    store: &PostgresStore,
    update: &PublishedUpdate,
) -> Result<Publication> {
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    transaction
        .execute(
            "LOCK TABLE software_updates IN SHARE ROW EXCLUSIVE MODE",
            &[],
        )
        .await
        .map_err(backend)?;
    if let Some(newest) = find_newest(&transaction).await?
        && newest.version >= update.version
    {
        return Ok(Publication::NotNewer {
            newest: newest.version,
        });
    }
    let version = update.version;
    transaction
        .execute(
            &format!("INSERT INTO software_updates ({COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6)"),
            &[
                &i64::from(version.major),
                &i64::from(version.minor),
                &i64::from(version.patch),
                &update.manifest,
                &update.signature,
                &update.published_at,
            ],
        )
        .await
        .map_err(backend)?;
    transaction.commit().await.map_err(backend)?;
    Ok(Publication::Published)
}

pub(crate) async fn newest(store: &PostgresStore) -> Result<Option<PublishedUpdate>> {
    let connection = store.connection().await?;
    find_newest(&connection).await
}

pub(crate) async fn of_version(
    store: &PostgresStore,
    version: Version,
) -> Result<Option<PublishedUpdate>> {
    let connection = store.connection().await?;
    let row = connection
        .query_opt(
            &format!(
                "SELECT {COLUMNS} FROM software_updates
                 WHERE major = $1 AND minor = $2 AND patch = $3"
            ),
            &[
                &i64::from(version.major),
                &i64::from(version.minor),
                &i64::from(version.patch),
            ],
        )
        .await
        .map_err(backend)?;
    row.as_ref().map(published).transpose()
}
