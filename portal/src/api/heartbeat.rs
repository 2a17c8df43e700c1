//! `POST /api/v1/heartbeat`: the terminal's health, kept for monitoring.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, Method};
use mahalla_protocol::wire::Heartbeat;

use mahalla_portal_store::Seen;

use super::{AppState, Failure, SignedReply, auth};
use mahalla_host::clock;

#[derive(serde::Serialize)]
pub struct Ack {
    ok: bool,
}

pub async fn heartbeat(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<Ack>, Failure> {
    let authed = auth::device_request(&state, &method, &uri, &headers, &body).await?;
    let heartbeat: Heartbeat = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("heartbeat: {error}")))?;
    let text = serde_json::to_string(&heartbeat)
        .map_err(|error| Failure::bad_request(format!("heartbeat: {error}")))?;
    let skew_ms = authed.skew_ms;
    let seen = Seen {
        now_ms: clock::now_ms(),
        skew_ms,
    };
    state
        .store
        .record_heartbeat(&authed.device.device_id, &text, seen)
        .await?;
    Ok(SignedReply {
        skew_ms,
        body: Ack { ok: true },
    })
}
