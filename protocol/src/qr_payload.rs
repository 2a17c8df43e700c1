//! What the QR on a printed receipt says: where to check the status, which receipt it is, and
//! the issuing terminal's signature, so a genuine receipt can be told from a forged one offline.
//!
//! The text is a URL, so any phone camera opens the status page:
//!
//! ```text
//! https://portal.example.uz/r/000100001B?s=<86 symbols of base64url, no padding>
//! └──────── status base ───┘  └─ code ─┘   └─ Ed25519 signature (64 bytes) ─┘
//! ```
//!
//! * the status base is an `http(s)` URL ending in `/`, without query or fragment;
//! * the code is the receipt code in its compact form (10 symbols, no dashes);
//! * `?s=` carries the signature over [`QrPayload::signing_bytes`]; a terminal that has no
//!   device key yet prints the URL without it, and verifiers treat such a receipt as unsigned.
//!
//! The format is final. Who signs and who verifies is the sync layer's business; this module
//! only fixes the bytes that are signed and how the signature is written.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

use crate::ErrorCode;
use crate::receipt_code::{ReceiptCode, ReceiptCodeError};

/// The path segment, below the status base, of a receipt's status page.
pub const STATUS_PATH: &str = "r/";

/// The query key of the signature.
const SIGNATURE_KEY: &str = "?s=";

/// What the signed bytes start with, so a receipt signature can never be mistaken for a
/// signature over anything else the device key signs.
pub const SIGNING_DOMAIN: &[u8] = b"mahalla-kiosk receipt v1\n";

/// An Ed25519 signature: 64 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature(pub [u8; 64]);

/// The content of a receipt's QR.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrPayload {
    status_base: String,
    receipt_code: ReceiptCode,
    signature: Option<Signature>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QrPayloadError {
    #[error("the status base must be an http(s) URL ending in `/` without query or fragment")]
    StatusBase,
    #[error("the text is not a receipt status URL")]
    NotAReceipt,
    #[error("the receipt code in the QR is not valid: {0}")]
    ReceiptCode(ReceiptCodeError),
    #[error("the signature is not 64 bytes of base64url")]
    Signature,
}

impl ErrorCode for QrPayloadError {
    fn code(&self) -> &'static str {
        match self {
            Self::StatusBase => "qr-status-base",
            Self::NotAReceipt => "qr-not-a-receipt",
            Self::ReceiptCode(_) => "qr-receipt-code",
            Self::Signature => "qr-signature",
        }
    }
}

fn check_status_base(base: &str) -> Result<(), QrPayloadError> {
    let rest = base
        .strip_prefix("https://")
        .or_else(|| base.strip_prefix("http://"))
        .ok_or(QrPayloadError::StatusBase)?;
    let host_given = rest.split('/').next().is_some_and(|host| !host.is_empty());
    let clean = !rest.contains(['?', '#']) && !rest.chars().any(char::is_whitespace);
    if host_given && clean && rest.ends_with('/') {
        Ok(())
    } else {
        Err(QrPayloadError::StatusBase)
    }
}

impl QrPayload {
    /// An unsigned payload for `receipt_code` under `status_base` (e.g. the portal URL).
    pub fn new(status_base: &str, receipt_code: ReceiptCode) -> Result<Self, QrPayloadError> {
        check_status_base(status_base)?;
        Ok(Self {
            status_base: status_base.to_owned(),
            receipt_code,
            signature: None,
        })
    }

    /// The same payload carrying `signature` over [`Self::signing_bytes`].
    pub fn with_signature(self, signature: Signature) -> Self {
        Self {
            signature: Some(signature),
            ..self
        }
    }

    pub fn status_base(&self) -> &str {
        &self.status_base
    }

    pub fn receipt_code(&self) -> ReceiptCode {
        self.receipt_code
    }

    pub fn signature(&self) -> Option<&Signature> {
        self.signature.as_ref()
    }

    /// The canonical bytes the terminal's device key signs: the domain line, then the
    /// compact receipt code. The status base is not signed: it says where to look, not what
    /// the receipt is, and the portal may move.
    pub fn signing_bytes(&self) -> Vec<u8> {
        let mut bytes = SIGNING_DOMAIN.to_vec();
        bytes.extend_from_slice(self.receipt_code.compact().as_bytes());
        bytes
    }

    /// The status page URL without the signature.
    pub fn status_url(&self) -> String {
        format!(
            "{}{STATUS_PATH}{}",
            self.status_base,
            self.receipt_code.compact()
        )
    }

    /// The text the QR encodes.
    pub fn encode(&self) -> String {
        match &self.signature {
            None => self.status_url(),
            Some(signature) => format!(
                "{}{SIGNATURE_KEY}{}",
                self.status_url(),
                URL_SAFE_NO_PAD.encode(signature.0)
            ),
        }
    }

    /// Reads the text of a scanned QR.
    pub fn parse(text: &str) -> Result<Self, QrPayloadError> {
        let (url, signature) = match text.split_once(SIGNATURE_KEY) {
            None => (text, None),
            Some((url, encoded)) => {
                let bytes = URL_SAFE_NO_PAD
                    .decode(encoded)
                    .map_err(|_| QrPayloadError::Signature)?;
                let bytes: [u8; 64] = bytes.try_into().map_err(|_| QrPayloadError::Signature)?;
                (url, Some(Signature(bytes)))
            }
        };
        let split = url.rfind(STATUS_PATH).ok_or(QrPayloadError::NotAReceipt)?;
        let (base, code) = (&url[..split], &url[split + STATUS_PATH.len()..]);
        check_status_base(base).map_err(|_| QrPayloadError::NotAReceipt)?;
        let receipt_code = ReceiptCode::parse(code).map_err(QrPayloadError::ReceiptCode)?;
        Ok(Self {
            status_base: base.to_owned(),
            receipt_code,
            signature,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code() -> ReceiptCode {
        ReceiptCode::new(1, 43).expect("in range")
    }

    #[test]
    fn unsigned_and_signed_payloads_round_trip() {
        let unsigned = QrPayload::new("https://portal.example.uz/", code()).expect("valid base");
        assert_eq!(
            unsigned.encode(),
            format!("https://portal.example.uz/r/{}", code().compact())
        );
        assert_eq!(QrPayload::parse(&unsigned.encode()), Ok(unsigned.clone()));

        let signed = unsigned.with_signature(Signature([0xA5; 64]));
        assert_eq!(signed.status_base(), "https://portal.example.uz/");
        assert_eq!(signed.signature(), Some(&Signature([0xA5; 64])));
        let text = signed.encode();
        assert_eq!(
            text.len(),
            "https://portal.example.uz/r/".len() + 10 + 3 + 86
        );
        assert_eq!(QrPayload::parse(&text), Ok(signed));
    }

    #[test]
    fn the_signed_bytes_bind_the_code_and_not_the_base() {
        let a = QrPayload::new("https://a.example/", code()).expect("valid");
        let b = QrPayload::new("http://b.example/kiosk/", code()).expect("valid");
        assert_eq!(a.signing_bytes(), b.signing_bytes());
        assert!(a.signing_bytes().starts_with(SIGNING_DOMAIN));
        assert!(a.signing_bytes().ends_with(code().compact().as_bytes()));
    }

    #[test]
    fn bad_bases_and_texts_are_refused() {
        for base in [
            "ftp://x/",
            "https://x",
            "https:///",
            "https://x/?a=1/",
            "x/",
        ] {
            assert_eq!(
                QrPayload::new(base, code()),
                Err(QrPayloadError::StatusBase),
                "{base}"
            );
        }
        assert_eq!(
            QrPayload::parse("https://x.example/status"),
            Err(QrPayloadError::NotAReceipt)
        );
        assert!(matches!(
            QrPayload::parse("https://x.example/r/000100001A"),
            Err(QrPayloadError::ReceiptCode(_))
        ));
        let short = format!("https://x.example/r/{}?s=AAAA", code().compact());
        assert_eq!(QrPayload::parse(&short), Err(QrPayloadError::Signature));
    }
}
