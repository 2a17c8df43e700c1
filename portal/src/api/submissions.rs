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

use super::{AppState, Failure, SignedReply, auth};
use crate::db::StoreOutcome;
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
    let worker = state.clone();
    let results = tokio::task::spawn_blocking(move || {
        let device = &authed.device;
        let mut entries = Vec::with_capacity(batch.items.len());
        let mut rejections = Vec::with_capacity(batch.items.len());
        for item in &batch.items {
            let catalogue = worker.catalogues.get(&worker.db, item.catalogue_version)?;
            let (entry, rejection) =
                ingest::check(item, device.number, &worker.keys, catalogue.as_deref());
            entries.push(entry);
            rejections.push(rejection);
        }
        let now = clock::now_ms();
        let stored = worker.db.store_batch(
            &device.device_id,
            &entries,
            (now, authed.skew_ms),
            &clock::rfc3339(now),
        )?;
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
        Ok::<_, Failure>(SignedReply {
            skew_ms: authed.skew_ms,
            body: UploadResponse { results },
        })
    })
    .await??;
    Ok(results)
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
