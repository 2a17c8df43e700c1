//! `GET /R/{device id}/{receipt code}/{signature}`: the URL in a receipt QR. The signature is
//! checked against the device's key before anything is answered, so receipt codes cannot be
//! enumerated; the answer carries no personal data.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing;
use mahalla_protocol::wire::{ErrorReason, PublicStatus, Status};

use super::{AppState, Failure};
use crate::db::DbError;

pub async fn receipt(
    State(state): State<Arc<AppState>>,
    Path((device_id, receipt_code, signature)): Path<(String, String, String)>,
) -> Result<Json<PublicStatus>, Failure> {
    let not_genuine = || {
        Failure::new(
            StatusCode::NOT_FOUND,
            ErrorReason::NotFound,
            "no genuine receipt with this code is known",
        )
    };
    let qr = ReceiptQr::from_parts("", &device_id, &receipt_code, &signature)
        .map_err(|_| not_genuine())?;
    let db = state.db.clone();
    let found = tokio::task::spawn_blocking(move || -> Result<_, DbError> {
        let Some(device) = db.device(&device_id)? else {
            return Ok(None);
        };
        let key = signing::parse_public_key(&device.public_key)
            .map_err(|_| DbError::Corrupt(format!("key of {device_id}")))?;
        if qr.verify(&key).is_err() {
            return Ok(None);
        }
        let status = db.public_status(&device_id, &qr.receipt_code.to_string())?;
        Ok(status.map(|status| (qr.receipt_code, status)))
    })
    .await??;
    let (receipt_code, (status, answer, changed_at)) = found.ok_or_else(not_genuine)?;
    Ok(Json(PublicStatus {
        receipt_code,
        status: Status::from_name(&status)
            .ok_or_else(|| DbError::Corrupt(format!("status {status}")))?,
        answer,
        changed_at,
    }))
}
