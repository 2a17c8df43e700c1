//! Tries counted in windows before the thing tried is checked (dashboard sign-ins,
//! enrolment codes), shared by every portal process.
//!
//! Counting is atomic under concurrency: the keys' rows are upserted one by one in key
//! order, which locks them (so two tries wait for each other in the same order and never
//! deadlock), a window that has ended starting afresh; then the limits are checked and the
//! tries added. Windows that ended are forgotten first by a statement of its own that skips
//! rows someone holds, so it waits for no one.

use mahalla_portal_store::{Result, THROTTLE_WINDOW_MS};

use crate::{PostgresStore, backend, get};

/// The keys of `limits` in the order their rows are locked: sorted, each once.
fn lock_order(limits: &[(String, u32)]) -> Vec<&str> {
    let mut keys: Vec<&str> = limits.iter().map(|(key, _)| key.as_str()).collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Counts a try under each of `limits` unless one of them is at its limit: then nothing is
/// counted and the answer is false.
pub(crate) async fn count_try(
    store: &PostgresStore,
    limits: &[(String, u32)],
    now_ms: i64,
) -> Result<bool> {
    let window_ended = now_ms - THROTTLE_WINDOW_MS;
    let mut connection = store.connection().await?;
    connection
        .execute(
            "DELETE FROM throttle WHERE key IN (
                 SELECT key FROM throttle WHERE window_start <= $1
                 FOR UPDATE SKIP LOCKED)",
            &[&window_ended],
        )
        .await
        .map_err(backend)?;

    let transaction = connection.transaction().await.map_err(backend)?;
    let hold = transaction
        .prepare_cached(
            "INSERT INTO throttle AS t (key, tries, window_start) VALUES ($1, 0, $2)
             ON CONFLICT (key) DO UPDATE SET
                 tries = CASE WHEN t.window_start <= $3 THEN 0 ELSE t.tries END,
                 window_start = CASE WHEN t.window_start <= $3 THEN $2 ELSE t.window_start END
             RETURNING tries",
        )
        .await
        .map_err(backend)?;
    let mut counted = Vec::new();
    for key in lock_order(limits) {
        let row = transaction
            .query_one(&hold, &[&key, &now_ms, &window_ended])
            .await
            .map_err(backend)?;
        let tries: i64 = get(&row, "tries")?;
        counted.push((key, tries));
    }
    let at_limit = limits.iter().any(|(key, limit)| {
        counted
            .iter()
            .any(|(counted_key, tries)| counted_key == key && *tries >= i64::from(*limit))
    });
    if at_limit {
        transaction.commit().await.map_err(backend)?;
        return Ok(false);
    }
    for (key, _) in limits {
        transaction
            .execute(
                "UPDATE throttle SET tries = tries + 1 WHERE key = $1",
                &[key],
            )
            .await
            .map_err(backend)?;
    }
    transaction.commit().await.map_err(backend)?;
    Ok(true)
}

/// Takes back a try counted under `limits`, no count going below zero.
pub(crate) async fn take_back_try(store: &PostgresStore, limits: &[(String, u32)]) -> Result<()> {
    let mut keys: Vec<&str> = limits.iter().map(|(key, _)| key.as_str()).collect();
    keys.sort_unstable();
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    for key in keys {
        transaction
            .execute(
                "UPDATE throttle SET tries = greatest(tries - 1, 0) WHERE key = $1",
                &[&key],
            )
            .await
            .map_err(backend)?;
    }
    transaction.commit().await.map_err(backend)?;
    Ok(())
}

/// Forgets the counts of `key` and of every key starting with `prefix`. Their rows are
/// locked in key order first, as a try counting under several of them locks them.
pub(crate) async fn forget_tries(store: &PostgresStore, key: &str, prefix: &str) -> Result<()> {
    let escaped = prefix
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    let pattern = format!("{escaped}%");
    let mut connection = store.connection().await?;
    let transaction = connection.transaction().await.map_err(backend)?;
    transaction
        .execute(
            "SELECT key FROM throttle WHERE key = $1 OR key LIKE $2 ESCAPE '\\'
             ORDER BY key FOR UPDATE",
            &[&key, &pattern],
        )
        .await
        .map_err(backend)?;
    transaction
        .execute(
            "DELETE FROM throttle WHERE key = $1 OR key LIKE $2 ESCAPE '\\'",
            &[&key, &pattern],
        )
        .await
        .map_err(backend)?;
    transaction.commit().await.map_err(backend)?;
    Ok(())
}
