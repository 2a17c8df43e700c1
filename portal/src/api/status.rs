//! `GET /R/{device id}/{receipt code}/{signature}`: the URL in a receipt QR. The signature is
//! checked against the device's key before anything is answered, so receipt codes cannot be
//! enumerated. A browser (`Accept: text/html`, as a phone camera opens it) gets the status
//! page in the resident's language (`?lang=` for another); a program gets JSON. Neither
//! carries personal data beyond what the receipt shows.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing;
use mahalla_protocol::wire::{ErrorReason, PublicStatus, Status};

use super::{AppState, Failure};
use crate::db::{DbError, ReceiptRecord};
use crate::status_page::{self, ReceiptView};

#[derive(serde::Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
}

pub async fn receipt(
    State(state): State<Arc<AppState>>,
    Path((device_id, receipt_code, signature)): Path<(String, String, String)>,
    Query(query): Query<PageQuery>,
    headers: HeaderMap,
) -> Result<Response, Failure> {
    let wants_page = headers
        .get(ACCEPT)
        .and_then(|accept| accept.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"));
    let asked_lang = query.lang.as_deref().and_then(Lang::from_tag);
    let found = match ReceiptQr::from_parts("", &device_id, &receipt_code, &signature) {
        Ok(qr) => genuine(&state, qr).await?,
        Err(_) => None,
    };
    let Some(record) = found else {
        if wants_page {
            let page = status_page::not_found(asked_lang.unwrap_or_default())
                .map_err(|error| DbError::Corrupt(error.to_string()))?;
            return Ok(private(StatusCode::NOT_FOUND, html(page.into_string())));
        }
        return Err(Failure::new(
            StatusCode::NOT_FOUND,
            ErrorReason::NotFound,
            "no genuine receipt with this code is known",
        ));
    };
    let (receipt_code, record) = record;
    if wants_page {
        let lang = asked_lang.unwrap_or(record.lang);
        let catalogue = state.catalogues.get(&state.db, record.catalogue_version)?;
        let service_name = catalogue
            .as_ref()
            .and_then(|catalogue| catalogue.submittable(&record.target_id))
            .map_or_else(
                || record.target_id.clone(),
                |target| target.name().get(lang).to_owned(),
            );
        let code = receipt_code.to_string();
        let view = ReceiptView {
            receipt_code: &code,
            service: &service_name,
            mahalla: &record.mahalla,
            created_at: &record.created_at,
            status: &record.status,
            answer: record.answer.as_deref(),
            history: &record.history,
        };
        let page = status_page::receipt(lang, &view)
            .map_err(|error| DbError::Corrupt(error.to_string()))?;
        return Ok(private(StatusCode::OK, html(page.into_string())));
    }
    let status = PublicStatus {
        receipt_code,
        status: Status::from_name(&record.status)
            .ok_or_else(|| DbError::Corrupt(format!("status {}", record.status)))?,
        answer: record.answer,
        changed_at: record.changed_at,
    };
    Ok(private(StatusCode::OK, Json(status).into_response()))
}

/// The receipt, if the QR's signature is its device's.
async fn genuine(
    state: &Arc<AppState>,
    qr: ReceiptQr,
) -> Result<Option<(mahalla_protocol::receipt_code::ReceiptCode, ReceiptRecord)>, Failure> {
    let db = state.db.clone();
    let found = tokio::task::spawn_blocking(move || -> Result<_, DbError> {
        let Some(device) = db.device(&qr.device_id)? else {
            return Ok(None);
        };
        let key = signing::parse_public_key(&device.public_key)
            .map_err(|_| DbError::Corrupt(format!("key of {}", qr.device_id)))?;
        if qr.verify(&key).is_err() {
            return Ok(None);
        }
        let record = db.receipt_record(&qr.device_id, &qr.receipt_code.to_string())?;
        Ok(record.map(|record| (qr.receipt_code, record)))
    })
    .await??;
    Ok(found)
}

fn html(body: String) -> Response {
    ([(CONTENT_TYPE, "text/html; charset=utf-8")], body).into_response()
}

/// An answer no cache keeps (it may carry the agency's answer), that differs by `Accept`.
fn private(status: StatusCode, mut response: Response) -> Response {
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(VARY, HeaderValue::from_static("Accept"));
    response
}
