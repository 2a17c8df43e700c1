//! What a person gives a terminal to look an application up: the receipt code as they type
//! it (any case, with or without dashes or spaces), or the whole text of the receipt's QR as a
//! barcode scanner types it. A scanned QR carries the terminal's signature, which is what
//! shows the person holds the receipt; a typed code, which anyone can guess, does not.

use crate::ErrorCode;
use crate::receipt_code::{ReceiptCode, ReceiptCodeError};
use crate::receipt_qr::{self, ReceiptQr, ReceiptQrError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusQuery {
    Typed(ReceiptCode),
    Scanned(ReceiptQr),
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StatusQueryError {
    #[error(transparent)]
    Code(#[from] ReceiptCodeError),
    #[error(transparent)]
    Qr(#[from] ReceiptQrError),
}

impl ErrorCode for StatusQueryError {
    fn code(&self) -> &'static str {
        match self {
            Self::Code(error) => error.code(),
            Self::Qr(error) => error.code(),
        }
    }
}

impl StatusQuery {
    /// Reads what was typed or scanned; surrounding spaces and line ends are dropped.
    pub fn parse(text: &str) -> Result<StatusQuery, StatusQueryError> {
        let text = text.trim();
        if text.contains(receipt_qr::MARKER) {
            return Ok(StatusQuery::Scanned(ReceiptQr::parse(text)?));
        }
        Ok(StatusQuery::Typed(ReceiptCode::parse(text)?))
    }

    pub fn code(&self) -> ReceiptCode {
        match self {
            StatusQuery::Typed(code) => *code,
            StatusQuery::Scanned(qr) => qr.receipt_code,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::SigningKey;

    #[test]
    fn a_code_reads_in_every_form_people_type_it() {
        let code = ReceiptCode::new(1, 27).expect("code");
        for typed in [
            code.to_string(),
            code.to_string().to_lowercase(),
            code.compact(),
            format!("  {}\n", code.to_string().replace('-', " ")),
        ] {
            assert_eq!(
                StatusQuery::parse(&typed),
                Ok(StatusQuery::Typed(code)),
                "{typed:?}"
            );
        }
    }

    #[test]
    fn a_scanned_qr_is_read_whole_with_its_signature() {
        let code = ReceiptCode::new(12, 345).expect("code");
        let qr = ReceiptQr::sign(&SigningKey::from_bytes(&[3; 32]), "https://portal.uz", code);
        let scanned = format!("{}\r\n", qr.text());
        let StatusQuery::Scanned(read) = StatusQuery::parse(&scanned).expect("QR") else {
            panic!("a scanned QR is not a typed code");
        };
        assert_eq!(read, qr);
        assert_eq!(StatusQuery::parse(&scanned).expect("QR").code(), code);
    }

    #[test]
    fn what_is_neither_says_why() {
        let broken = StatusQuery::parse("https://portal.uz/R/ONLY-TWO/PARTS");
        assert_eq!(broken.map_err(|e| e.code()), Err("receipt-qr-shape"));
        let typo = StatusQuery::parse("000-100-001C");
        assert_eq!(
            typo.map_err(|e| e.code()),
            Err("receipt-code-check-character")
        );
    }
}
