//! `POST /api/v1/submissions`: a batch of submissions, bounded by count and bytes. Each item
//! is checked and decrypted, the batch is committed in one transaction, and only then does
//! the answer (one outcome per item) go out.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, Method, StatusCode};
use mahalla_protocol::wire::{
    self, ErrorReason, ItemOutcome, ItemResult, RejectReason, UploadBatch, UploadResponse,
};

use mahalla_portal_store::{Seen, StoreOutcome};

use super::{AppState, Failure, SignedReply, auth};
use crate::ingest;
use mahalla_host::clock;

pub async fn upload(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<UploadResponse>, Failure> {
    let authed = auth::device_request(&state, &method, &uri, &headers, &body).await?;
    let batch: UploadBatch = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("upload batch: {error}")))?;
    if batch.items.len() > wire::MAX_BATCH_ITEMS {
        return Err(Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            ErrorReason::BatchTooLarge,
            format!("at most {} items a batch", wire::MAX_BATCH_ITEMS),
        ));
    }
    let mut catalogues = Vec::with_capacity(batch.items.len());
    for item in &batch.items {
        catalogues.push(
            state
                .catalogues
                .get(state.store.as_ref(), item.catalogue_version)
                .await?,
        );
    }
    // Decrypting and checking is CPU work: off the async threads.
    let worker = state.clone();
    let number = authed.device.number;
    let (batch, checked) = tokio::task::spawn_blocking(move || {
        let checked: Vec<_> = batch
            .items
            .iter()
            .zip(&catalogues)
            .map(|(item, catalogue)| {
                ingest::check(item, number, &worker.keys, catalogue.as_deref())
            })
            .collect();
        (batch, checked)
    })
    .await?;
    let (entries, rejections): (Vec<_>, Vec<_>) = checked.into_iter().unzip();
    let seen = Seen {
        now_ms: clock::now_ms(),
        skew_ms: authed.skew_ms,
    };
    let stored = state
        .store
        .store_batch(&authed.device.device_id, &entries, seen)
        .await?;
    let results: Vec<ItemResult> = batch
        .items
        .iter()
        .zip(stored)
        .zip(rejections)
        .map(|((item, stored), rejection)| ItemResult {
            id: item.id,
            outcome: outcome(stored, rejection),
        })
        .collect();
    Ok(SignedReply {
        skew_ms: authed.skew_ms,
        body: UploadResponse { results },
    })
}

fn outcome(stored: Option<StoreOutcome>, rejection: Option<RejectReason>) -> ItemOutcome {
    match (stored, rejection) {
        (Some(StoreOutcome::Inserted), _) => ItemOutcome::Accepted,
        (Some(StoreOutcome::Duplicate), _) => ItemOutcome::Duplicate,
        (Some(StoreOutcome::Conflict), _) => ItemOutcome::Conflict,
        (Some(StoreOutcome::ReceiptCodeTaken), _) => ItemOutcome::Rejected {
            reason: RejectReason::ReceiptCodeTaken,
        },
        (None, reason) => ItemOutcome::Rejected {
            reason: reason.unwrap_or(RejectReason::MalformedPayload),
        },
    }
}
