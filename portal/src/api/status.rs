//! A receipt's status, two ways.
//!
//! `GET /R/{device id}/{receipt code}/{signature}`: the URL in a receipt QR. The signature is
//! checked against the device's key before anything is answered, so receipt codes cannot be
//! enumerated. A browser (`Accept: text/html`, as a phone camera opens it) gets the status
//! page in the resident's language (`?lang=` for another); a program gets JSON. Neither
//! carries personal data beyond what the receipt shows.
//!
//! `POST /api/v1/status`: a terminal asks for a resident standing at it, about a receipt of
//! any terminal. The state and its dates are answered for a typed code; the agency's answers
//! only with a proof of holding the receipt: the QR's signature, or the PINFL of the form,
//! whose wrong tries are limited per receipt and per asking terminal.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, Path, Query, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_TYPE, VARY};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use mahalla_host::clock;
use mahalla_protocol::catalogue::FieldKind;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::pinfl::Pinfl;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing;
use mahalla_protocol::wire::{
    AnswerAccess, ErrorReason, PublicStatus, Status, StatusReply, StatusRequest,
};

use mahalla_portal_store::{Issuer, LookedUp, PinflLimits, ReceiptRecord, StoreError};

use super::{AppState, Failure, SignedReply, auth};
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
                .map_err(|error| StoreError::Corrupt(error.to_string()))?;
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
        let lang = asked_lang.unwrap_or_else(|| {
            state
                .keys
                .open_payload(&record.payload)
                .map_or_else(Lang::default, |payload| payload.lang)
        });
        let catalogue = state
            .catalogues
            .get(state.store.as_ref(), record.catalogue_version)
            .await?;
        let history: Vec<(String, String)> = record
            .history
            .iter()
            .map(|entry| (entry.status.as_str().to_owned(), entry.changed_at.clone()))
            .collect();
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
            history: &history,
        };
        let page = status_page::receipt(lang, &view)
            .map_err(|error| StoreError::Corrupt(error.to_string()))?;
        return Ok(private(StatusCode::OK, html(page.into_string())));
    }
    let status = PublicStatus {
        receipt_code,
        status: Status::from_name(&record.status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {}", record.status)))?,
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
    let Some(device) = state.store.device(&qr.device_id).await? else {
        return Ok(None);
    };
    let key = signing::parse_public_key(&device.public_key)
        .map_err(|_| StoreError::Corrupt(format!("key of {}", qr.device_id)))?;
    if qr.verify(&key).is_err() {
        return Ok(None);
    }
    let record = state
        .store
        .receipt_record(&qr.device_id, &qr.receipt_code.to_string())
        .await?;
    let found = record.map(|record| (qr.receipt_code, record));
    Ok(found)
}

pub async fn lookup(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<StatusReply>, Failure> {
    let authed = auth::device_request(&state, &method, &uri, &headers, &body).await?;
    let request: StatusRequest = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("status request: {error}")))?;
    let reply = answer(&state, &request, &authed.device.device_id).await?;
    let reply = reply.ok_or_else(|| {
        Failure::new(
            StatusCode::NOT_FOUND,
            ErrorReason::NotFound,
            "no receipt with this code is known",
        )
    })?;
    Ok(SignedReply {
        skew_ms: authed.skew_ms,
        body: reply,
    })
}

/// The receipt asked about, with the answers only for a proof of holding it.
async fn answer(
    state: &AppState,
    request: &StatusRequest,
    asker: &str,
) -> Result<Option<StatusReply>, StoreError> {
    let code = request.receipt_code.to_string();
    let found = match &request.qr {
        Some(proof) => {
            let qr = ReceiptQr::from_parts("", &proof.device_id, &code, &proof.signature);
            let genuine = match (qr, state.store.device(&proof.device_id).await?) {
                (Ok(qr), Some(device)) => signing::parse_public_key(&device.public_key)
                    .is_ok_and(|key| qr.verify(&key).is_ok()),
                _ => false,
            };
            if !genuine {
                return Ok(None);
            }
            state
                .store
                .look_up(Issuer::DeviceId(proof.device_id.clone()), &code)
                .await?
        }
        None => {
            let issuer = Issuer::Number {
                number: request.receipt_code.device(),
                asker: asker.to_owned(),
            };
            state.store.look_up(issuer, &code).await?
        }
    };
    let Some(mut found) = found else {
        return Ok(None);
    };
    let access = match (&request.qr, &request.pinfl) {
        (Some(_), _) => AnswerAccess::Shown,
        (None, None) => AnswerAccess::NoProof,
        (None, Some(typed)) => {
            let now = clock::now_ms();
            if !state
                .store
                .pinfl_tries_left(&found.submission_id, asker, PinflLimits::default(), now)
                .await?
            {
                AnswerAccess::TooManyTries
            } else if applicant_pinfl(state, &found)
                .await
                .is_some_and(|pinfl| Pinfl::parse(typed).is_ok_and(|typed| typed == pinfl))
            {
                AnswerAccess::Shown
            } else {
                state
                    .store
                    .record_pinfl_failure(&found.submission_id, asker, now)
                    .await?;
                AnswerAccess::PinflMismatch
            }
        }
    };
    let mut answers_withheld = false;
    if access != AnswerAccess::Shown {
        for entry in &mut found.history {
            answers_withheld |= entry.answer.take().is_some();
        }
    }
    Ok(Some(StatusReply {
        receipt_code: request.receipt_code,
        target_id: found.target_id,
        catalogue_version: found.catalogue_version,
        created_at: found.created_at,
        received_at: clock::rfc3339(found.received_at),
        history: found.history,
        access,
        answers_withheld,
    }))
}

/// The PINFL of the person who applied: the form's first PINFL field (a later one may be a
/// spouse's or a child's), in the catalogue version the form was made with.
async fn applicant_pinfl(state: &AppState, found: &LookedUp) -> Option<Pinfl> {
    let catalogue = state
        .catalogues
        .get(state.store.as_ref(), found.catalogue_version)
        .await
        .ok()??;
    let target = catalogue.submittable(&found.target_id)?;
    let field = target
        .form()
        .iter()
        .find(|field| field.kind == FieldKind::Pinfl)?;
    Pinfl::parse(
        state
            .keys
            .open_payload(&found.payload)?
            .values
            .get(&field.key)?,
    )
    .ok()
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
