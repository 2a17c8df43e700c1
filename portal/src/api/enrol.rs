//! `POST /api/v1/enrol`: a one-time code and a new device key in; device id, device number,
//! mahalla, the portal's age recipient and the key list out. The request is signed with the
//! new key, which proves the terminal holds it.

use std::sync::Arc;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{OriginalUri, State};
use axum::http::{HeaderMap, Method, StatusCode};
use mahalla_protocol::signing::{self, sha256_hex};
use mahalla_protocol::wire::{
    EnrolPreview, EnrolPreviewRequest, EnrolRequest, EnrolResponse, ErrorReason,
};

use super::auth::Signature;
use super::{AppState, Failure, SignedReply};
use crate::db::{CodeState, DbError, EnrolOutcome};
use crate::enrol_code;
use mahalla_host::clock;

/// `POST /api/v1/enrol/preview`: the mahalla an unused, unexpired code is for.
pub async fn preview(
    State(state): State<Arc<AppState>>,
    body: Bytes,
) -> Result<Json<EnrolPreview>, Failure> {
    let request: EnrolPreviewRequest = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("preview request: {error}")))?;
    let code_hash = sha256_hex(enrol_code::normalise(&request.code).as_bytes());
    let db = state.db.clone();
    let found = tokio::task::spawn_blocking(move || -> Result<_, DbError> {
        match db.code_state(&code_hash, clock::now_ms())? {
            CodeState::Usable { mahalla } => db
                .mahalla(&mahalla)?
                .ok_or_else(|| DbError::Corrupt(format!("mahalla {mahalla}")))
                .map(Ok),
            other => Ok(Err(other)),
        }
    })
    .await??;
    let refused = |reason, message: &str| Failure::new(StatusCode::FORBIDDEN, reason, message);
    match found {
        Ok(mahalla) => Ok(Json(EnrolPreview {
            mahalla,
            portal_keys: Some(state.keys.current().clone()),
        })),
        Err(CodeState::Used) => Err(refused(
            ErrorReason::EnrolCodeUsed,
            "the enrolment code was already used",
        )),
        Err(CodeState::Expired) => Err(refused(
            ErrorReason::EnrolCodeExpired,
            "the enrolment code has expired",
        )),
        Err(CodeState::Invalid | CodeState::Usable { .. }) => Err(refused(
            ErrorReason::EnrolCodeInvalid,
            "no such enrolment code",
        )),
    }
}

pub async fn enrol(
    State(state): State<Arc<AppState>>,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<EnrolResponse>, Failure> {
    let request: EnrolRequest = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("enrolment request: {error}")))?;
    let key = signing::parse_public_key(&request.public_key)
        .map_err(|_| Failure::bad_request("public_key is not an Ed25519 key"))?;
    let signature = Signature::read(&headers)?;
    let skew_ms = signature.check(&state, &key, &method, &uri, &body)?;
    let device_id = signing::device_id(&key);
    let code_hash = sha256_hex(enrol_code::normalise(&request.code).as_bytes());
    let db = state.db.clone();
    let outcome = {
        let device_id = device_id.clone();
        let public_key = request.public_key.clone();
        tokio::task::spawn_blocking(move || -> Result<_, DbError> {
            let outcome = db.enrol(&code_hash, &device_id, &public_key, clock::now_ms())?;
            let EnrolOutcome::Enrolled(device) = outcome else {
                return Ok(Err(outcome));
            };
            let mahalla = db
                .mahalla(&device.mahalla)?
                .ok_or_else(|| DbError::Corrupt(format!("mahalla {}", device.mahalla)))?;
            Ok(Ok((device, mahalla, db.device_keys()?)))
        })
        .await??
    };
    let refused = |reason, message: &str| Failure::new(StatusCode::FORBIDDEN, reason, message);
    match outcome {
        Ok((device, mahalla, device_keys)) => Ok(SignedReply {
            skew_ms,
            body: EnrolResponse {
                device_id,
                device_number: device.number,
                mahalla,
                age_recipient: state.keys.current().age_recipient.clone(),
                portal_signing_key: state.keys.current().signing_key.clone(),
                device_keys,
            },
        }),
        Err(EnrolOutcome::Used) => Err(refused(
            ErrorReason::EnrolCodeUsed,
            "the enrolment code was already used",
        )),
        Err(EnrolOutcome::Expired) => Err(refused(
            ErrorReason::EnrolCodeExpired,
            "the enrolment code has expired",
        )),
        Err(EnrolOutcome::AlreadyEnrolled) => Err(refused(
            ErrorReason::AlreadyEnrolled,
            "this key is already enrolled",
        )),
        Err(EnrolOutcome::Invalid | EnrolOutcome::Enrolled(_)) => Err(refused(
            ErrorReason::EnrolCodeInvalid,
            "no such enrolment code",
        )),
    }
}
