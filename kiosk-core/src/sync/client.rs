//! The signed HTTP client: every request carries the device id, a corrected timestamp, a
//! fresh nonce and an Ed25519 signature; every answer's `x-server-time` updates the clock
//! offset. A clock-skew refusal is retried once at once with the corrected clock.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::Duration;

use mahalla_protocol::signing::{self, NONCE_BYTES, RequestParts};
use mahalla_protocol::wire::{self, ApiError, ErrorReason};
use rand::RngCore;
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::device_key::DeviceKey;

#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// The portal could not be reached or the exchange broke off: retry.
    #[error("portal unreachable: {0}")]
    Unreachable(String),
    /// 5xx or 429: retry, not before `retry_after`.
    #[error("portal busy or failing (HTTP {status})")]
    Retry {
        status: u16,
        retry_after: Option<Duration>,
    },
    /// The portal refused the request itself, with a reason code.
    #[error("portal refused the request: {reason:?}: {message}")]
    Refused {
        status: u16,
        reason: ErrorReason,
        message: String,
    },
    #[error("portal answer not understood: {0}")]
    Decode(String),
    #[error("cannot set up HTTPS: {0}")]
    Setup(String),
}

impl ClientError {
    /// Whether the same request can succeed later.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Unreachable(_) | ClientError::Retry { .. } | ClientError::Decode(_) => {
                true
            }
            ClientError::Refused { reason, .. } => reason.is_retryable(),
            ClientError::Setup(_) => false,
        }
    }

    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            ClientError::Retry { retry_after, .. } => *retry_after,
            _ => None,
        }
    }
}

pub struct PortalClient {
    http: reqwest::Client,
    base: String,
    key: Arc<DeviceKey>,
    offset_ms: AtomicI64,
}

/// Installs the `ring` TLS provider once per process (no C toolchain beyond gcc needed).
fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

impl PortalClient {
    pub fn new(
        base: &str,
        key: Arc<DeviceKey>,
        offset_ms: i64,
        timeout: Duration,
    ) -> Result<PortalClient, ClientError> {
        install_tls_provider();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)))
            .build()
            .map_err(|error| ClientError::Setup(error.to_string()))?;
        Ok(PortalClient {
            http,
            base: base.trim_end_matches('/').to_owned(),
            key,
            offset_ms: AtomicI64::new(offset_ms),
        })
    }

    /// The offset added to the local clock, learned from the portal's answers.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R, ClientError> {
        self.send(Method::GET, path, Vec::new()).await
    }

    pub async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, ClientError> {
        let body = serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?;
        self.send(Method::POST, path, body).await
    }

    async fn send<R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<R, ClientError> {
        match self.send_once(method.clone(), path, body.clone()).await {
            Err(ClientError::Refused {
                reason: ErrorReason::ClockSkew,
                ..
            }) => self.send_once(method, path, body).await,
            other => other,
        }
    }

    async fn send_once<R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<R, ClientError> {
        let mut nonce = [0u8; NONCE_BYTES];
        rand::rng().fill_bytes(&mut nonce);
        let nonce = signing::encode_nonce(&nonce);
        let sent_at = mahalla_host::clock::now_ms();
        let timestamp_ms = sent_at.saturating_add(self.offset_ms());
        let signature = signing::sign_request(
            self.key.signing_key(),
            &RequestParts {
                method: method.as_str(),
                path,
                timestamp_ms,
                nonce: &nonce,
                body: &body,
            },
        );
        let response = self
            .http
            .request(method, format!("{}{path}", self.base))
            .header(signing::DEVICE_HEADER, self.key.device_id())
            .header(signing::TIMESTAMP_HEADER, timestamp_ms.to_string())
            .header(signing::NONCE_HEADER, nonce)
            .header(signing::SIGNATURE_HEADER, signature)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|error| ClientError::Unreachable(error.to_string()))?;
        self.learn_offset(&response, sent_at);
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let bytes = response
            .bytes()
            .await
            .map_err(|error| ClientError::Unreachable(error.to_string()))?;
        if status.is_success() {
            return serde_json::from_slice(&bytes).map_err(|e| ClientError::Decode(e.to_string()));
        }
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Err(ClientError::Retry {
                status: status.as_u16(),
                retry_after,
            });
        }
        match serde_json::from_slice::<ApiError>(&bytes) {
            Ok(error) => Err(ClientError::Refused {
                status: status.as_u16(),
                reason: error.reason,
                message: error.message,
            }),
            Err(_) => Err(ClientError::Refused {
                status: status.as_u16(),
                reason: ErrorReason::BadRequest,
                message: String::from_utf8_lossy(&bytes).chars().take(200).collect(),
            }),
        }
    }

    /// Sets the offset so that local time plus offset matches the portal's clock at the
    /// midpoint of the exchange.
    fn learn_offset(&self, response: &reqwest::Response, sent_at: i64) {
        let Some(server_ms) = response
            .headers()
            .get(wire::SERVER_TIME_HEADER)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.parse::<i64>().ok())
        else {
            return;
        };
        let received_at = mahalla_host::clock::now_ms();
        let midpoint = sent_at + (received_at - sent_at) / 2;
        let offset = server_ms.saturating_sub(midpoint);
        // Ignore sub-second jitter so the offset does not wander with latency.
        if (offset - self.offset_ms()).abs() > 1_000 {
            self.offset_ms.store(offset, Ordering::Relaxed);
        }
    }
}
