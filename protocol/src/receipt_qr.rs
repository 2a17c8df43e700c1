//! The QR on a printed receipt: where to check the status, which receipt, which terminal, and
//! the terminal's Ed25519 signature over the terminal and the receipt, so anyone holding the
//! portal's list of device keys can tell a genuine receipt from a forged one offline. The URL
//! is not signed: receipts outlive a change of the portal's address, and a verifier checks
//! the signature, not the link.
//!
//! The text is a URL: `{status_url}/R/{device id}/{receipt code}/{signature}`, with the device
//! id and the 64-byte signature in unpadded RFC 4648 base32 and the receipt code in its
//! compact form. Apart from the portal's base URL every symbol is an upper-case letter, a
//! digit or `/`, so with an upper-case base URL the whole text fits the QR alphanumeric mode
//! (5.5 bits a symbol instead of 8); with the usual ~30-symbol base it is about 165 symbols,
//! a version 8 QR at level M.
//!
//! The signed bytes are `mahalla-kiosk/v1 receipt\n{device id}\n{receipt code}`.

use data_encoding::BASE32_NOPAD;
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};

use crate::ErrorCode;
use crate::receipt_code::ReceiptCode;
use crate::signing::{self, SigningError};

const RECEIPT_DOMAIN: &str = "mahalla-kiosk/v1 receipt";
/// What stands between the portal's address and the receipt in a QR's text.
pub const MARKER: &str = "/R/";

/// What a receipt QR says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptQr {
    pub status_url: String,
    pub device_id: String,
    pub receipt_code: ReceiptCode,
    signature: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptQrError {
    #[error("the text is not a receipt QR")]
    Shape,
    #[error("the receipt code in the QR is not valid")]
    ReceiptCode,
    #[error("the QR names another terminal than the key given")]
    WrongDevice,
    #[error("the QR signature is not valid: {0}")]
    Signature(SigningError),
}

impl ErrorCode for ReceiptQrError {
    fn code(&self) -> &'static str {
        match self {
            Self::Shape => "receipt-qr-shape",
            Self::ReceiptCode => "receipt-qr-receipt-code",
            Self::WrongDevice => "receipt-qr-wrong-device",
            Self::Signature(_) => "receipt-qr-signature",
        }
    }
}

fn message(device_id: &str, code: &ReceiptCode) -> Vec<u8> {
    format!("{RECEIPT_DOMAIN}\n{device_id}\n{}", code.compact()).into_bytes()
}

impl ReceiptQr {
    /// Signs a receipt with the terminal's key. `status_url` is the portal's base URL without
    /// a trailing `/`.
    pub fn sign(key: &SigningKey, status_url: &str, receipt_code: ReceiptCode) -> ReceiptQr {
        let status_url = status_url.trim_end_matches('/').to_owned();
        let device_id = signing::device_id(&key.verifying_key());
        let signature = key.sign(&message(&device_id, &receipt_code));
        ReceiptQr {
            signature: BASE32_NOPAD.encode(&signature.to_bytes()),
            status_url,
            device_id,
            receipt_code,
        }
    }

    /// Reads the text of a scanned QR. Does not check the signature: see [`Self::verify`].
    pub fn parse(text: &str) -> Result<ReceiptQr, ReceiptQrError> {
        let (status_url, rest) = text.rsplit_once(MARKER).ok_or(ReceiptQrError::Shape)?;
        let mut parts = rest.split('/');
        let (Some(device_id), Some(code), Some(signature), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(ReceiptQrError::Shape);
        };
        if status_url.is_empty() {
            return Err(ReceiptQrError::Shape);
        }
        ReceiptQr::from_parts(status_url, device_id, code, signature)
    }

    /// Builds a QR from its parts, e.g. the path segments of a request for the status URL.
    pub fn from_parts(
        status_url: &str,
        device_id: &str,
        code: &str,
        signature: &str,
    ) -> Result<ReceiptQr, ReceiptQrError> {
        if device_id.is_empty() || signature.is_empty() {
            return Err(ReceiptQrError::Shape);
        }
        let receipt_code = ReceiptCode::parse(code).map_err(|_| ReceiptQrError::ReceiptCode)?;
        Ok(ReceiptQr {
            status_url: status_url.to_owned(),
            device_id: device_id.to_owned(),
            receipt_code,
            signature: signature.to_owned(),
        })
    }

    /// Checks the QR against the terminal's public key (looked up by [`Self::device_id`] in
    /// the portal's key list).
    pub fn verify(&self, key: &VerifyingKey) -> Result<(), ReceiptQrError> {
        if signing::device_id(key) != self.device_id {
            return Err(ReceiptQrError::WrongDevice);
        }
        signing::verify(
            key,
            &message(&self.device_id, &self.receipt_code),
            &self.signature,
            &BASE32_NOPAD,
        )
        .map_err(ReceiptQrError::Signature)
    }

    /// The terminal's signature over the device id and the code, as printed.
    pub fn signature(&self) -> &str {
        &self.signature
    }

    /// The text to put in the QR.
    pub fn text(&self) -> String {
        format!(
            "{}{MARKER}{}/{}/{}",
            self.status_url,
            self.device_id,
            self.receipt_code.compact(),
            self.signature
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PORTAL: &str = "HTTPS://PORTAL.MAHALLA.UZ";

    fn signed() -> (SigningKey, ReceiptQr) {
        let key = SigningKey::from_bytes(&[3; 32]);
        let code = ReceiptCode::new(12, 345).expect("code");
        let qr = ReceiptQr::sign(&key, PORTAL, code);
        (key, qr)
    }

    #[test]
    fn a_receipt_qr_round_trips_and_verifies() {
        let (key, qr) = signed();
        let text = qr.text();
        assert!(text.starts_with("HTTPS://PORTAL.MAHALLA.UZ/R/"), "{text}");
        assert!(text.len() < 170, "{} symbols: {text}", text.len());
        assert!(
            text.bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b"/:.".contains(&b)),
            "alphanumeric-mode symbols only: {text}"
        );
        let parsed = ReceiptQr::parse(&text).expect("parse");
        assert_eq!(parsed, qr);
        assert_eq!(parsed.verify(&key.verifying_key()), Ok(()));
    }

    #[test]
    fn a_tampered_qr_does_not_verify() {
        let (key, qr) = signed();
        let public = key.verifying_key();
        let text = qr.text();
        let other_code = ReceiptCode::new(12, 346).expect("code").compact();
        let forged = text.replace(&qr.receipt_code.compact(), &other_code);
        let parsed = ReceiptQr::parse(&forged).expect("still parses");
        assert!(
            matches!(parsed.verify(&public), Err(ReceiptQrError::Signature(_))),
            "{forged}"
        );
        let other_key = SigningKey::from_bytes(&[4; 32]).verifying_key();
        assert_eq!(qr.verify(&other_key), Err(ReceiptQrError::WrongDevice));
        let mut flipped = text.clone().into_bytes();
        let last = flipped.len() - 1;
        flipped[last] = if flipped[last] == b'A' { b'B' } else { b'A' };
        let flipped = String::from_utf8(flipped).expect("ascii");
        assert!(
            ReceiptQr::parse(&flipped)
                .expect("parses")
                .verify(&public)
                .is_err()
        );
    }

    #[test]
    fn malformed_texts_are_rejected() {
        for text in [
            "",
            "https://x/R/",
            "https://x/R/A/B",
            "/R/A/000100001B/S",
            "https://x/R/A/B/C/D",
        ] {
            assert_eq!(
                ReceiptQr::parse(text),
                Err(ReceiptQrError::Shape),
                "{text:?}"
            );
        }
        assert_eq!(
            ReceiptQr::parse("https://x/R/DEV/000100001C/SIG"),
            Err(ReceiptQrError::ReceiptCode)
        );
    }
}
