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

use mahalla_portal_store::{CodeState, EnrolOutcome, StoreError, THROTTLE_WINDOW_MS};

use super::auth::Signature;
use super::{AppState, Failure, SignedReply};
use crate::enrol_code;
use crate::peer::{self, Peer};
use mahalla_host::clock;

/// Wrong enrolment codes tried from one address in a window of [`THROTTLE_WINDOW_MS`]; beyond
/// them the address is refused until the window ends. A right code takes its try back.
pub const CODE_TRIES_PER_ADDRESS: u32 = 20;

fn code_used() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        ErrorReason::EnrolCodeUsed,
        "the enrolment code was already used",
    )
}

fn code_expired() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        ErrorReason::EnrolCodeExpired,
        "the enrolment code has expired",
    )
}

fn code_invalid() -> Failure {
    Failure::new(
        StatusCode::FORBIDDEN,
        ErrorReason::EnrolCodeInvalid,
        "no such enrolment code",
    )
}

/// The refusal for a code that cannot enrol a terminal.
fn refused_code(state: &CodeState) -> Failure {
    match state {
        CodeState::Used { .. } => code_used(),
        CodeState::Expired => code_expired(),
        CodeState::Invalid | CodeState::Usable { .. } => code_invalid(),
    }
}

/// Checks a code, the try counted for `address` first: too many wrong codes from one address
/// are refused before the code is looked at, a right one takes its try back. A code counts as
/// right when it is unused, or used by `enrolling`, the device asking again because it did
/// not hear the first answer.
async fn check_code(
    state: &Arc<AppState>,
    address: String,
    code_hash: String,
    enrolling: Option<String>,
) -> Result<CodeState, Failure> {
    let store = state.store.as_ref();
    let limits = [(format!("enrol:from:{address}"), CODE_TRIES_PER_ADDRESS)];
    let now = clock::now_ms();
    let found = if store.count_try(&limits, now).await? {
        let code = store.code_state(&code_hash, now).await?;
        let right = match &code {
            CodeState::Usable { .. } => true,
            CodeState::Used { by } => enrolling.as_ref() == Some(by),
            CodeState::Invalid | CodeState::Expired => false,
        };
        if right {
            store.take_back_try(&limits).await?;
        }
        Some((code, right))
    } else {
        None
    };
    match found {
        None => {
            let mut failure = Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorReason::Busy,
                "too many wrong enrolment codes from this address; wait before trying again",
            );
            failure.retry_after_secs =
                Some(u64::try_from(THROTTLE_WINDOW_MS / 1000).unwrap_or(900));
            Err(failure)
        }
        Some((code, true)) => Ok(code),
        Some((code, false)) => Err(refused_code(&code)),
    }
}

/// `POST /api/v1/enrol/preview`: the mahalla an unused, unexpired code is for.
pub async fn preview(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    headers: HeaderMap,
    body: Bytes,
) -> Result<Json<EnrolPreview>, Failure> {
    let request: EnrolPreviewRequest = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("preview request: {error}")))?;
    let code_hash = sha256_hex(enrol_code::normalise(&request.code).as_bytes());
    let address = peer::client_address(peer::socket(peer), &headers);
    let CodeState::Usable { mahalla } = check_code(&state, address, code_hash, None).await? else {
        return Err(code_invalid());
    };
    let mahalla = state
        .store
        .mahalla(&mahalla)
        .await?
        .ok_or_else(|| StoreError::Corrupt(format!("mahalla {mahalla}")))?;
    Ok(Json(EnrolPreview {
        mahalla,
        portal_keys: Some(state.keys.current().clone()),
    }))
}

/// `POST /api/v1/enrol`. The code is checked before the signature, so a request with a code
/// that cannot enrol leaves no nonce behind: only requests signed by a known device or for a
/// pending enrolment are remembered.
pub async fn enrol(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    method: Method,
    OriginalUri(uri): OriginalUri,
    headers: HeaderMap,
    body: Bytes,
) -> Result<SignedReply<EnrolResponse>, Failure> {
    let request: EnrolRequest = serde_json::from_slice(&body)
        .map_err(|error| Failure::bad_request(format!("enrolment request: {error}")))?;
    let key = signing::parse_public_key(&request.public_key)
        .map_err(|_| Failure::bad_request("public_key is not an Ed25519 key"))?;
    let code_hash = sha256_hex(enrol_code::normalise(&request.code).as_bytes());
    let address = peer::client_address(peer::socket(peer), &headers);
    let device_id = signing::device_id(&key);
    check_code(&state, address, code_hash.clone(), Some(device_id.clone())).await?;
    let signature = Signature::read(&headers)?;
    let skew_ms = signature.check(&state, &key, &method, &uri, &body).await?;
    let store = state.store.as_ref();
    let outcome = match store
        .enrol(&code_hash, &device_id, &request.public_key, clock::now_ms())
        .await?
    {
        EnrolOutcome::Enrolled(device) => {
            let mahalla = store
                .mahalla(&device.mahalla)
                .await?
                .ok_or_else(|| StoreError::Corrupt(format!("mahalla {}", device.mahalla)))?;
            Ok((device, mahalla, store.device_keys().await?))
        }
        refused => Err(refused),
    };
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
        Err(EnrolOutcome::Used) => Err(code_used()),
        Err(EnrolOutcome::Expired) => Err(code_expired()),
        Err(EnrolOutcome::AlreadyEnrolled) => Err(Failure::new(
            StatusCode::FORBIDDEN,
            ErrorReason::AlreadyEnrolled,
            "this key is already enrolled",
        )),
        Err(EnrolOutcome::Invalid | EnrolOutcome::Enrolled(_)) => Err(code_invalid()),
    }
}
