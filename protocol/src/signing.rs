//! Device request signing (Ed25519) and the identifiers derived from device keys.
//!
//! Every request a terminal makes after generating its key carries four headers:
//! [`DEVICE_HEADER`] (the device id), [`TIMESTAMP_HEADER`] (Unix milliseconds on the terminal's
//! clock corrected by the offset it learned from the portal), [`NONCE_HEADER`] (16 random
//! bytes, unpadded base64url) and [`SIGNATURE_HEADER`] (the Ed25519 signature, unpadded
//! base64url) over the bytes of [`signing_input`]:
//!
//! ```text
//! mahalla-kiosk/v1 request\n
//! {METHOD}\n
//! {path and query}\n
//! {timestamp}\n
//! {nonce}\n
//! {hex SHA-256 of the body}
//! ```
//!
//! The portal checks the signature against the registered key, that the timestamp lies
//! within [`TIMESTAMP_WINDOW_MS`] of its own clock, and that the nonce was not seen before
//! within that window. Replay protection is stateful and lives in the portal; this module
//! only has the pure parts.

use data_encoding::{BASE32_NOPAD, BASE64URL_NOPAD};
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use sha2::{Digest, Sha256};

use crate::ErrorCode;

pub const DEVICE_HEADER: &str = "x-device-id";
pub const TIMESTAMP_HEADER: &str = "x-timestamp";
pub const NONCE_HEADER: &str = "x-nonce";
pub const SIGNATURE_HEADER: &str = "x-signature";

/// How far a request's timestamp may be from the portal's clock: five minutes.
pub const TIMESTAMP_WINDOW_MS: i64 = 5 * 60 * 1000;

/// Bytes of randomness in a nonce.
pub const NONCE_BYTES: usize = 16;

/// Bytes of the key fingerprint that form a device id (80 bits, 16 base32 symbols).
const DEVICE_ID_BYTES: usize = 10;

const REQUEST_DOMAIN: &str = "mahalla-kiosk/v1 request";

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum SigningError {
    #[error("the public key is not 32 bytes of unpadded base64url Ed25519")]
    PublicKey,
    #[error("the signature is not 64 bytes of unpadded base64url")]
    SignatureEncoding,
    #[error("the signature does not match")]
    BadSignature,
    #[error("the nonce is not {NONCE_BYTES} bytes of unpadded base64url")]
    Nonce,
}

impl ErrorCode for SigningError {
    fn code(&self) -> &'static str {
        match self {
            Self::PublicKey => "signing-public-key",
            Self::SignatureEncoding => "signing-signature-encoding",
            Self::BadSignature => "signing-bad-signature",
            Self::Nonce => "signing-nonce",
        }
    }
}

/// Hex SHA-256: how payloads and request bodies are hashed everywhere in the protocol.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex_lower(&Sha256::digest(bytes))
}

fn hex_lower(bytes: &[u8]) -> String {
    data_encoding::HEXLOWER.encode(bytes)
}

/// A device id: the first 80 bits of SHA-256 of the public key in unpadded RFC 4648 base32
/// (16 upper-case symbols). Derived from the key, so a terminal knows it before enrolment and
/// can sign receipts from its first submission.
pub fn device_id(key: &VerifyingKey) -> String {
    let digest = Sha256::digest(key.as_bytes());
    BASE32_NOPAD.encode(&digest[..DEVICE_ID_BYTES])
}

pub fn encode_public_key(key: &VerifyingKey) -> String {
    BASE64URL_NOPAD.encode(key.as_bytes())
}

pub fn parse_public_key(text: &str) -> Result<VerifyingKey, SigningError> {
    let bytes: [u8; 32] = BASE64URL_NOPAD
        .decode(text.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(SigningError::PublicKey)?;
    VerifyingKey::from_bytes(&bytes).map_err(|_| SigningError::PublicKey)
}

/// Encodes raw nonce bytes for the [`NONCE_HEADER`].
pub fn encode_nonce(bytes: &[u8; NONCE_BYTES]) -> String {
    BASE64URL_NOPAD.encode(bytes)
}

/// Checks a nonce's shape, so the portal never caches arbitrary strings.
pub fn check_nonce(text: &str) -> Result<(), SigningError> {
    match BASE64URL_NOPAD.decode(text.as_bytes()) {
        Ok(bytes) if bytes.len() == NONCE_BYTES => Ok(()),
        _ => Err(SigningError::Nonce),
    }
}

/// What a request signature covers.
#[derive(Debug, Clone, Copy)]
pub struct RequestParts<'a> {
    pub method: &'a str,
    /// Path and query exactly as sent, e.g. `/api/v1/updates?cursor=7`.
    pub path: &'a str,
    pub timestamp_ms: i64,
    pub nonce: &'a str,
    pub body: &'a [u8],
}

/// The exact bytes that are signed.
pub fn signing_input(parts: &RequestParts<'_>) -> Vec<u8> {
    format!(
        "{REQUEST_DOMAIN}\n{}\n{}\n{}\n{}\n{}",
        parts.method.to_ascii_uppercase(),
        parts.path,
        parts.timestamp_ms,
        parts.nonce,
        sha256_hex(parts.body)
    )
    .into_bytes()
}

pub fn sign_request(key: &SigningKey, parts: &RequestParts<'_>) -> String {
    encode_signature(&key.sign(&signing_input(parts)))
}

pub fn verify_request(
    key: &VerifyingKey,
    parts: &RequestParts<'_>,
    signature: &str,
) -> Result<(), SigningError> {
    verify(key, &signing_input(parts), signature, &BASE64URL_NOPAD)
}

pub(crate) fn encode_signature(signature: &Signature) -> String {
    BASE64URL_NOPAD.encode(&signature.to_bytes())
}

/// Verifies `signature` (in `encoding`) over `message` with the strict Ed25519 rules.
pub(crate) fn verify(
    key: &VerifyingKey,
    message: &[u8],
    signature: &str,
    encoding: &data_encoding::Encoding,
) -> Result<(), SigningError> {
    let bytes: [u8; 64] = encoding
        .decode(signature.as_bytes())
        .ok()
        .and_then(|bytes| bytes.try_into().ok())
        .ok_or(SigningError::SignatureEncoding)?;
    key.verify_strict(message, &Signature::from_bytes(&bytes))
        .map_err(|_| SigningError::BadSignature)
}

/// How far the request's clock is ahead of the portal's (negative: behind), if within the
/// window; `None` when outside it.
pub fn clock_skew(request_ms: i64, portal_ms: i64) -> Option<i64> {
    let skew = request_ms.saturating_sub(portal_ms);
    skew.checked_abs()
        .is_some_and(|distance| distance <= TIMESTAMP_WINDOW_MS)
        .then_some(skew)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(seed: u8) -> SigningKey {
        SigningKey::from_bytes(&[seed; 32])
    }

    fn parts(body: &[u8]) -> RequestParts<'_> {
        RequestParts {
            method: "post",
            path: "/api/v1/submissions",
            timestamp_ms: 1_700_000_000_000,
            nonce: "AAAAAAAAAAAAAAAAAAAAAA",
            body,
        }
    }

    #[test]
    fn the_signing_input_is_fixed() {
        let input = String::from_utf8(signing_input(&parts(b""))).expect("ascii");
        assert_eq!(
            input,
            "mahalla-kiosk/v1 request\nPOST\n/api/v1/submissions\n1700000000000\n\
             AAAAAAAAAAAAAAAAAAAAAA\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn a_signature_verifies_and_any_change_breaks_it() {
        let signer = key(7);
        let public = signer.verifying_key();
        let body = br#"{"items":[]}"#;
        let signature = sign_request(&signer, &parts(body));
        assert_eq!(verify_request(&public, &parts(body), &signature), Ok(()));

        let other_body = parts(br#"{"items":[1]}"#);
        assert_eq!(
            verify_request(&public, &other_body, &signature),
            Err(SigningError::BadSignature)
        );
        let mut other_path = parts(body);
        other_path.path = "/api/v1/heartbeat";
        assert_eq!(
            verify_request(&public, &other_path, &signature),
            Err(SigningError::BadSignature)
        );
        let mut later = parts(body);
        later.timestamp_ms += 1;
        assert_eq!(
            verify_request(&public, &later, &signature),
            Err(SigningError::BadSignature)
        );
        assert_eq!(
            verify_request(&key(8).verifying_key(), &parts(body), &signature),
            Err(SigningError::BadSignature)
        );
        assert_eq!(
            verify_request(&public, &parts(body), "not base64!"),
            Err(SigningError::SignatureEncoding)
        );
    }

    #[test]
    fn keys_and_ids_round_trip() {
        let public = key(1).verifying_key();
        let text = encode_public_key(&public);
        assert_eq!(parse_public_key(&text), Ok(public));
        assert_eq!(parse_public_key("short"), Err(SigningError::PublicKey));
        let id = device_id(&public);
        assert_eq!(id.len(), 16);
        assert!(
            id.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        );
        assert_ne!(id, device_id(&key(2).verifying_key()));
    }

    #[test]
    fn nonces_and_skew() {
        assert_eq!(check_nonce(&encode_nonce(&[9; NONCE_BYTES])), Ok(()));
        assert_eq!(check_nonce("AAAA"), Err(SigningError::Nonce));
        assert_eq!(
            check_nonce("!!!!!!!!!!!!!!!!!!!!!!"),
            Err(SigningError::Nonce)
        );
        assert_eq!(clock_skew(1_000, 1_000), Some(0));
        assert_eq!(
            clock_skew(TIMESTAMP_WINDOW_MS, 0),
            Some(TIMESTAMP_WINDOW_MS)
        );
        assert_eq!(clock_skew(-5_000, 0), Some(-5_000));
        assert_eq!(clock_skew(TIMESTAMP_WINDOW_MS + 1, 0), None);
        assert_eq!(clock_skew(i64::MIN, i64::MAX), None);
    }
}
