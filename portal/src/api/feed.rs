//! `GET /api/v1/updates?cursor=N&catalogue=V` (this terminal's status changes and every
//! catalogue version after N, leaving out versions up to V, which the terminal has; on every
//! page the newest software update published) and `GET /api/v1/keys` (the device key list).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, Query, State};
use axum::http::{HeaderMap, Method};
use mahalla_protocol::wire::{Change, KeyList, UpdatesPage};

use super::{AppState, Failure, SignedReply, auth};
use crate::software_update;

#[derive(serde::Deserialize)]
pub struct FeedQuery {
    #[serde(default)]
    cursor: u64,
    /// The newest catalogue version the terminal has; absent, every version is sent.
    catalogue: Option<u32>,
}

pub async fn updates(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    Query(FeedQuery { cursor, catalogue }): Query<FeedQuery>,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<UpdatesPage>, Failure> {
    let authed = auth::device_request(&state, &method, &uri, &headers, &body).await?;
    let mut page = state
        .store
        .updates(&authed.device.device_id, cursor)
        .await?;
    // The cursor still passes what is left out.
    if let Some(known) = catalogue {
        page.updates.retain(
            |update| !matches!(update.change, Change::Catalogue { version, .. } if version <= known),
        );
    }
    page.rotation = state.keys.rotation().cloned();
    page.software_update = state
        .store
        .newest_software_update()
        .await?
        .as_ref()
        .map(software_update::offer);
    Ok(SignedReply {
        skew_ms: authed.skew_ms,
        body: page,
    })
}

pub async fn keys(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<KeyList>, Failure> {
    let authed = auth::device_request(&state, &method, &uri, &headers, &body).await?;
    let device_keys = state.store.device_keys().await?;
    Ok(SignedReply {
        skew_ms: authed.skew_ms,
        body: KeyList { device_keys },
    })
}
