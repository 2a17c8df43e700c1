//! Checking a signed request: known device, not revoked, good signature, timestamp within
//! the window, nonce not seen. Each failure has its own reason code.

use axum::http::{HeaderMap, Method, StatusCode, Uri};
use ed25519_dalek::VerifyingKey;
use mahalla_protocol::signing::{self, RequestParts};
use mahalla_protocol::wire::ErrorReason;

use mahalla_portal_store::{Device, StoreError};

use super::{AppState, Failure};
use mahalla_host::clock;

/// The signature headers of a request.
pub struct Signature<'a> {
    pub device_id: &'a str,
    timestamp_ms: i64,
    nonce: &'a str,
    signature: &'a str,
}

impl<'a> Signature<'a> {
    pub fn read(headers: &'a HeaderMap) -> Result<Signature<'a>, Failure> {
        let header = |name: &str| {
            headers
                .get(name)
                .and_then(|value| value.to_str().ok())
                .ok_or_else(|| {
                    Failure::new(
                        StatusCode::UNAUTHORIZED,
                        ErrorReason::MissingSignature,
                        format!("header {name} is missing or not text"),
                    )
                })
        };
        let timestamp = header(signing::TIMESTAMP_HEADER)?;
        let timestamp_ms = timestamp.parse().map_err(|_| {
            Failure::new(
                StatusCode::UNAUTHORIZED,
                ErrorReason::MissingSignature,
                "the timestamp is not Unix milliseconds",
            )
        })?;
        Ok(Signature {
            device_id: header(signing::DEVICE_HEADER)?,
            timestamp_ms,
            nonce: header(signing::NONCE_HEADER)?,
            signature: header(signing::SIGNATURE_HEADER)?,
        })
    }

    /// Checks the signature with `key`, then time and nonce; returns the clock skew. The
    /// nonce is recorded only once the signature checked out.
    pub async fn check(
        &self,
        state: &AppState,
        key: &VerifyingKey,
        method: &Method,
        uri: &Uri,
        body: &[u8],
    ) -> Result<i64, Failure> {
        let unauthorized =
            |reason, message: &str| Failure::new(StatusCode::UNAUTHORIZED, reason, message);
        if signing::device_id(key) != self.device_id {
            return Err(unauthorized(
                ErrorReason::BadSignature,
                "the device id does not belong to the key",
            ));
        }
        let path = uri.path_and_query().map_or(uri.path(), |pq| pq.as_str());
        let parts = RequestParts {
            method: method.as_str(),
            path,
            timestamp_ms: self.timestamp_ms,
            nonce: self.nonce,
            body,
        };
        signing::verify_request(key, &parts, self.signature)
            .map_err(|_| unauthorized(ErrorReason::BadSignature, "the signature does not match"))?;
        signing::check_nonce(self.nonce)
            .map_err(|_| unauthorized(ErrorReason::BadSignature, "the nonce is malformed"))?;
        let now = clock::now_ms();
        let skew = signing::clock_skew(self.timestamp_ms, now).ok_or_else(|| {
            unauthorized(
                ErrorReason::ClockSkew,
                "the timestamp is too far from the portal's clock; see x-server-time",
            )
        })?;
        if state
            .store
            .record_nonce(self.device_id, self.nonce, now)
            .await?
        {
            Ok(skew)
        } else {
            Err(unauthorized(
                ErrorReason::Replayed,
                "this request was already received",
            ))
        }
    }
}

/// An enrolled, not revoked device whose request checked out.
pub struct Authed {
    pub device: Device,
    pub skew_ms: i64,
}

/// Checks a request from an enrolled device.
pub async fn device_request(
    state: &std::sync::Arc<AppState>,
    method: &Method,
    uri: &Uri,
    headers: &HeaderMap,
    body: &[u8],
) -> Result<Authed, Failure> {
    let signature = Signature::read(headers)?;
    let device = state
        .store
        .device(signature.device_id)
        .await?
        .ok_or_else(|| {
            Failure::new(
                StatusCode::UNAUTHORIZED,
                ErrorReason::UnknownDevice,
                "no device is enrolled with this id",
            )
        })?;
    let key = signing::parse_public_key(&device.public_key)
        .map_err(|_| StoreError::Corrupt(format!("key of {}", device.device_id)))?;
    let skew_ms = signature.check(state, &key, method, uri, body).await?;
    if device.revoked_at.is_some() {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            ErrorReason::DeviceRevoked,
            "this device was revoked",
        ));
    }
    Ok(Authed { device, skew_ms })
}
