//! The signed HTTP client: every request carries the device id, a corrected timestamp, a
//! fresh nonce and an Ed25519 signature; every answer's `x-server-time` updates the clock
//! offset. A clock-skew refusal is retried once at once with the corrected clock.
//!
//! HTTPS only (plain `http://` to loopback, or anywhere on a development terminal that says
//! so), certificates checked against the system's roots and an optional private CA. Once
//! enrolled, every answer must be signed with the portal keys pinned at enrolment
//! ([`mahalla_protocol::portal_keys`]), so even a wrongly issued certificate does not let
//! anyone else answer.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::Duration;

use mahalla_protocol::enrol_link::{self, EnrolLinkError, PlainHttp};
use mahalla_protocol::portal_keys::{self, AnswerParts, PortalKeys, PortalKeysError};
use mahalla_protocol::signing::{self, NONCE_BYTES, RequestParts};
use mahalla_protocol::wire::{self, ApiError, ErrorReason};
use rand::RngCore;
use reqwest::{Method, StatusCode};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::config::PortalTls;
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
    /// Not an address the terminal talks to (plain http to another machine, or no URL).
    #[error(transparent)]
    Address(EnrolLinkError),
    /// The portal's certificate was refused: expired, for another name, from an unknown CA.
    #[error("the portal's certificate is not trusted: {0}")]
    Certificate(String),
    /// The answer is not signed with the pinned keys, or the keys differ from the sheet's.
    #[error("the answer did not come from the enrolled portal: {0}")]
    PortalKeys(PortalKeysError),
}

impl ClientError {
    /// Whether the same request can succeed later.
    pub fn is_retryable(&self) -> bool {
        match self {
            ClientError::Unreachable(_)
            | ClientError::Retry { .. }
            | ClientError::Decode(_)
            | ClientError::Certificate(_) => true,
            ClientError::Refused { reason, .. } => reason.is_retryable(),
            // Someone else may be answering for the portal for a while; the sheet's
            // fingerprint does not change.
            ClientError::PortalKeys(error) => !matches!(error, PortalKeysError::Mismatch { .. }),
            ClientError::Setup(_) | ClientError::Address(_) => false,
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
    /// The portal keys answers must be signed with, once enrolled.
    pinned: RwLock<Option<PortalKeys>>,
}

/// Installs the `ring` TLS provider once per process (no C toolchain beyond gcc needed).
fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// An answer as it came, before it is judged.
struct Answer {
    status: StatusCode,
    retry_after: Option<Duration>,
    signatures: Vec<String>,
    nonce: String,
    body: Vec<u8>,
}

impl Answer {
    /// Busy or failing: retry later. Such answers are not checked: a forged one only delays.
    fn retry(&self) -> Option<ClientError> {
        (self.status == StatusCode::TOO_MANY_REQUESTS || self.status.is_server_error()).then(|| {
            ClientError::Retry {
                status: self.status.as_u16(),
                retry_after: self.retry_after,
            }
        })
    }

    fn verify(&self, keys: &PortalKeys) -> Result<(), ClientError> {
        let parts = AnswerParts {
            status: self.status.as_u16(),
            nonce: &self.nonce,
            body: &self.body,
        };
        keys.verify_answer(&parts, self.signatures.iter().map(String::as_str))
            .map_err(ClientError::PortalKeys)
    }

    fn decode<R: DeserializeOwned>(&self) -> Result<R, ClientError> {
        if self.status.is_success() {
            return serde_json::from_slice(&self.body)
                .map_err(|e| ClientError::Decode(e.to_string()));
        }
        let status = self.status.as_u16();
        match serde_json::from_slice::<ApiError>(&self.body) {
            Ok(error) => Err(ClientError::Refused {
                status,
                reason: error.reason,
                message: error.message,
            }),
            Err(_) => Err(ClientError::Refused {
                status,
                reason: ErrorReason::BadRequest,
                message: String::from_utf8_lossy(&self.body)
                    .chars()
                    .take(200)
                    .collect(),
            }),
        }
    }
}

impl PortalClient {
    /// A client for the portal at `base`: `https://`, or plain `http://` where `tls` allows
    /// it; certificates checked against the system's roots and `tls`'s CA.
    pub fn new(
        base: &str,
        key: Arc<DeviceKey>,
        timeout: Duration,
        tls: &PortalTls,
    ) -> Result<PortalClient, ClientError> {
        enrol_link::check_portal_url(base, tls.plain_http).map_err(ClientError::Address)?;
        if tls.plain_http == PlainHttp::Anywhere && base.starts_with("http:") {
            tracing::warn!(
                portal = base,
                "DEVELOPMENT ONLY: talking plain http to the portal; anyone on the network can read and answer"
            );
        }
        install_tls_provider();
        let mut builder = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(10)));
        if let Some(ca_file) = &tls.ca_file {
            let pem = std::fs::read(ca_file).map_err(|error| {
                ClientError::Setup(format!("the CA file {}: {error}", ca_file.display()))
            })?;
            let certificates = reqwest::Certificate::from_pem_bundle(&pem).map_err(|error| {
                ClientError::Setup(format!("the CA file {}: {error}", ca_file.display()))
            })?;
            builder = builder.tls_certs_merge(certificates);
        }
        let http = builder
            .build()
            .map_err(|error| ClientError::Setup(error.to_string()))?;
        Ok(PortalClient {
            http,
            base: base.trim_end_matches('/').to_owned(),
            key,
            offset_ms: AtomicI64::new(0),
            pinned: RwLock::new(None),
        })
    }

    /// Starts from the clock offset learned before.
    pub fn with_clock_offset(self, offset_ms: i64) -> PortalClient {
        self.offset_ms.store(offset_ms, Ordering::Relaxed);
        self
    }

    /// From now on only answers signed with `keys` are accepted (`None`: not checked, before
    /// enrolment).
    pub fn pin(&self, keys: Option<PortalKeys>) {
        if let Ok(mut pinned) = self.pinned.write() {
            *pinned = keys;
        }
    }

    fn pinned(&self) -> Option<PortalKeys> {
        self.pinned.read().ok().and_then(|pinned| pinned.clone())
    }

    /// Where the portal's files (software updates) are downloaded from: this client's
    /// connection settings, without signing.
    pub fn files(&self) -> crate::software_update::download::Portal {
        crate::software_update::download::Portal {
            http: self.http.clone(),
            base: self.base.clone(),
        }
    }

    /// The offset added to the local clock, learned from the portal's answers.
    pub fn offset_ms(&self) -> i64 {
        self.offset_ms.load(Ordering::Relaxed)
    }

    pub async fn get<R: DeserializeOwned>(&self, path: &str) -> Result<R, ClientError> {
        self.send(Method::GET, path, Vec::new(), |_| self.pinned())
            .await
    }

    pub async fn post<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
    ) -> Result<R, ClientError> {
        let body = serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?;
        self.send(Method::POST, path, body, |_| self.pinned()).await
    }

    /// Posts where the answer itself names the keys it must be signed with: the enrolment,
    /// whose keys the caller then checks against the enrolment sheet.
    pub async fn post_signed_by_answer<B: Serialize, R: DeserializeOwned>(
        &self,
        path: &str,
        body: &B,
        keys_of: impl Fn(&R) -> PortalKeys,
    ) -> Result<R, ClientError> {
        let body = serde_json::to_vec(body).map_err(|e| ClientError::Decode(e.to_string()))?;
        self.send(Method::POST, path, body, |answer: Option<&R>| {
            answer.map(&keys_of)
        })
        .await
    }

    /// Sends, judges the answer (retry, signed with the keys `keys_for` names for it,
    /// refused or decoded), and retries once at once after a clock-skew refusal.
    async fn send<R: DeserializeOwned>(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
        keys_for: impl Fn(Option<&R>) -> Option<PortalKeys>,
    ) -> Result<R, ClientError> {
        let mut attempts = 0;
        loop {
            attempts += 1;
            let answer = self.exchange(method.clone(), path, body.clone()).await?;
            if let Some(retry) = answer.retry() {
                return Err(retry);
            }
            let decoded = answer.decode::<R>();
            if let Some(keys) = keys_for(decoded.as_ref().ok()) {
                answer.verify(&keys)?;
            }
            match decoded {
                Err(ClientError::Refused {
                    reason: ErrorReason::ClockSkew,
                    ..
                }) if attempts == 1 => continue,
                other => return other,
            }
        }
    }

    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Vec<u8>,
    ) -> Result<Answer, ClientError> {
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
            .header(signing::NONCE_HEADER, &nonce)
            .header(signing::SIGNATURE_HEADER, signature)
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(body)
            .send()
            .await
            .map_err(|error| failed_exchange(&error))?;
        self.learn_offset(&response, sent_at);
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|text| text.trim().parse::<u64>().ok())
            .map(Duration::from_secs);
        let signatures = response
            .headers()
            .get_all(portal_keys::SIGNATURE_HEADER)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .map(str::to_owned)
            .collect();
        let body = response
            .bytes()
            .await
            .map_err(|error| ClientError::Unreachable(error_chain(&error)))?
            .to_vec();
        Ok(Answer {
            status,
            retry_after,
            signatures,
            nonce,
            body,
        })
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

/// A request that got no answer: refused by TLS (the certificate), or not reached at all.
fn failed_exchange(error: &reqwest::Error) -> ClientError {
    let text = error_chain(error);
    if refused_by_tls(error) {
        ClientError::Certificate(text)
    } else {
        ClientError::Unreachable(text)
    }
}

/// Whether a TLS error is among the causes. An I/O error hides what it wraps from `source`
/// (it gives the wrapped error's source), so it is opened with `get_ref`.
fn refused_by_tls(error: &(dyn std::error::Error + 'static)) -> bool {
    let mut cause = Some(error);
    while let Some(error) = cause {
        if error.is::<rustls::Error>() {
            return true;
        }
        cause = match error.downcast_ref::<std::io::Error>() {
            Some(io) => io
                .get_ref()
                .map(|inner| inner as &(dyn std::error::Error + 'static)),
            None => error.source(),
        };
    }
    false
}

/// The error with its causes, so a refused certificate says why ("expired", "not valid for
/// name …", "unknown issuer") instead of only "error sending request".
fn error_chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let cause_text = cause.to_string();
        if !text.contains(&cause_text) {
            text.push_str(": ");
            text.push_str(&cause_text);
        }
        source = cause.source();
    }
    text
}
