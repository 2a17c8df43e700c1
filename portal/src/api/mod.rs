//! The kiosk API under `/api/v1`: its routes, and how failures and the portal's clock are put
//! on the wire.

mod auth;
pub mod enrol;
mod feed;
mod heartbeat;
mod software_updates;
mod status;
mod submissions;

use std::sync::Arc;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mahalla_host::clock;
use mahalla_protocol::portal_keys::{self, AnswerParts};
use mahalla_protocol::signing;
use mahalla_protocol::wire::{self, ApiError, ErrorReason};
use rand::Rng;

use crate::state::AppState;
use mahalla_portal_store::StoreError;

/// The routes terminals call, and `/healthz`.
pub fn routes(state: &Arc<AppState>) -> Router<Arc<AppState>> {
    let guarded = |routes: Router<Arc<AppState>>| {
        routes
            .layer(middleware::from_fn_with_state(
                state.clone(),
                limit_in_flight,
            ))
            .layer(DefaultBodyLimit::max(wire::MAX_BODY_BYTES))
            .layer(middleware::from_fn(errors_as_json))
    };
    let signed = Router::new()
        .route(wire::ENROL_PATH, post(enrol::enrol))
        .route(wire::ENROL_PREVIEW_PATH, post(enrol::preview))
        .route(wire::SUBMISSIONS_PATH, post(submissions::upload))
        .route(wire::UPDATES_PATH, get(feed::updates))
        .route(wire::KEYS_PATH, get(feed::keys))
        .route(wire::HEARTBEAT_PATH, post(heartbeat::heartbeat))
        .route(wire::STATUS_PATH, post(status::lookup))
        .route(
            &format!(
                "{}/{{device_id}}/{{receipt_code}}/{{signature}}",
                wire::RECEIPT_PATH
            ),
            get(status::receipt),
        );
    // The files of a software update stream as they are read (up to a GiB), never held
    // whole to be signed: the bundle's own signature is what a terminal trusts.
    let files = Router::new().route(
        &format!("{}/{{version}}/{{file}}", wire::SOFTWARE_UPDATES_PATH),
        get(software_updates::file),
    );
    Router::new()
        .route("/healthz", get(healthz))
        .merge(guarded(signed).layer(middleware::from_fn_with_state(state.clone(), sign_answers)))
        .merge(guarded(files))
}

#[derive(serde::Serialize)]
struct Health {
    status: &'static str,
    version: &'static str,
}

async fn healthz() -> Json<Health> {
    Json(Health {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
    })
}

/// The answer to a path no route serves.
pub async fn not_found() -> Failure {
    Failure::new(
        StatusCode::NOT_FOUND,
        ErrorReason::NotFound,
        "no such route",
    )
}

/// Turns the framework's own refusals (a body over the limit, a query that does not parse),
/// which come as plain text, into the JSON error body every API answer has.
async fn errors_as_json(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    // The framework answers in plain text; the handlers' own answers (JSON, or the receipt
    // page's HTML for a phone) stay as they are.
    let plain_text = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .is_none_or(|value| value.starts_with("text/plain"));
    if !status.is_client_error() || !plain_text {
        return response;
    }
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        return Failure::new(
            status,
            ErrorReason::BatchTooLarge,
            format!(
                "the request is larger than the portal takes ({} bytes)",
                wire::MAX_BODY_BYTES
            ),
        )
        .into_response();
    }
    let text: String = axum::body::to_bytes(response.into_body(), 4096)
        .await
        .map(|bytes| String::from_utf8_lossy(&bytes).chars().take(200).collect())
        .unwrap_or_default();
    Failure::new(status, ErrorReason::BadRequest, text).into_response()
}

/// Puts the portal's clock on every answer, errors included.
pub async fn stamp_server_time(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&clock::now_ms().to_string()) {
        response
            .headers_mut()
            .insert(wire::SERVER_TIME_HEADER, value);
    }
    response
}

/// Signs every answer to a terminal's request (one that carries a nonce) with the portal's
/// keys, errors and refusals included, so a terminal can tell the portal's answers from
/// anyone else's.
async fn sign_answers(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    let nonce = request
        .headers()
        .get(signing::NONCE_HEADER)
        .and_then(|value| value.to_str().ok())
        .filter(|nonce| signing::check_nonce(nonce).is_ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    let Some(nonce) = nonce else {
        return response;
    };
    let (mut parts, body) = response.into_parts();
    let Ok(body) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let answer = AnswerParts {
        status: parts.status.as_u16(),
        nonce: &nonce,
        body: &body,
    };
    for signature in state.keys.sign_answer(&answer) {
        if let Ok(value) = HeaderValue::from_str(&signature) {
            parts.headers.append(portal_keys::SIGNATURE_HEADER, value);
        }
    }
    Response::from_parts(parts, axum::body::Body::from(body))
}

/// Sheds load before doing any work: a terminal told to wait comes back after `Retry-After`.
async fn limit_in_flight(
    State(state): State<Arc<AppState>>,
    request: Request,
    next: Next,
) -> Response {
    match state.in_flight.try_acquire() {
        Ok(_permit) => next.run(request).await,
        Err(_) => {
            let wait = rand::rng().random_range(1..=state.retry_after_max_secs.max(1));
            let mut failure = Failure::new(
                StatusCode::TOO_MANY_REQUESTS,
                ErrorReason::Busy,
                "the portal is busy; retry later",
            );
            failure.retry_after_secs = Some(wait);
            failure.into_response()
        }
    }
}

/// A refused request: status, reason code and message, and when to retry.
#[derive(Debug)]
pub struct Failure {
    status: StatusCode,
    reason: ErrorReason,
    message: String,
    retry_after_secs: Option<u64>,
}

impl Failure {
    pub fn new(status: StatusCode, reason: ErrorReason, message: impl Into<String>) -> Failure {
        Failure {
            status,
            reason,
            message: message.into(),
            retry_after_secs: None,
        }
    }

    fn bad_request(message: impl Into<String>) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, ErrorReason::BadRequest, message)
    }
}

impl From<StoreError> for Failure {
    fn from(error: StoreError) -> Self {
        tracing::error!(%error, "database");
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorReason::Internal,
            "the portal could not store or read data",
        )
    }
}

impl From<tokio::task::JoinError> for Failure {
    fn from(error: tokio::task::JoinError) -> Self {
        tracing::error!(%error, "worker task");
        Failure::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            ErrorReason::Internal,
            "internal error",
        )
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let mut response = (
            self.status,
            Json(ApiError {
                reason: self.reason,
                message: self.message,
            }),
        )
            .into_response();
        if let Some(secs) = self.retry_after_secs
            && let Ok(value) = HeaderValue::from_str(&secs.to_string())
        {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, value);
        }
        response
    }
}

/// A successful answer to a signed request, with the observed clock skew.
pub struct SignedReply<T> {
    skew_ms: i64,
    body: T,
}

impl<T: serde::Serialize> IntoResponse for SignedReply<T> {
    fn into_response(self) -> Response {
        let mut response = Json(self.body).into_response();
        if let Ok(value) = HeaderValue::from_str(&self.skew_ms.to_string()) {
            response
                .headers_mut()
                .insert(wire::CLOCK_SKEW_HEADER, value);
        }
        response
    }
}
