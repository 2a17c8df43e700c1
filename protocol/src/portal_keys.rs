//! The portal's own keys as a terminal pins them: the `age` recipient payloads are encrypted
//! to, and the Ed25519 key the portal signs its answers and key rotations with.
//!
//! - **Fingerprint.** 80 bits of SHA-256 over both keys, 16 Crockford base32 symbols shown
//!   `XXXX-XXXX-XXXX-XXXX`: printed on the enrolment sheet and carried in its QR, so the
//!   terminal can tell the real portal's answer from one relayed by someone who swapped the
//!   recipient. Typed forms read as enrolment codes do (any case, `O` for `0`, `I`/`L` for `1`).
//! - **Signed answers.** Every answer of the kiosk API carries [`SIGNATURE_HEADER`] values
//!   `<fingerprint> <signature>`, one per key set the portal holds, the signature over the
//!   bytes of [`answer_input`]: the status, the request's nonce (so an answer cannot be
//!   replayed to another request) and the body's hash. An enrolled terminal accepts only an
//!   answer signed with the keys it pinned.
//! - **Rotation.** New keys are announced in the updates feed as a [`KeyRotation`] signed with
//!   the old signing key; a terminal that verifies it pins the new keys.

use data_encoding::{BASE64URL_NOPAD, Encoding, Specification};
use ed25519_dalek::{Signer, SigningKey};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::ErrorCode;
use crate::enrol_code;
use crate::signing::{self, SigningError};

/// The header of a signed answer; one value per key set the portal answers with.
pub const SIGNATURE_HEADER: &str = "x-portal-signature";

/// Symbols in a fingerprint (80 bits).
pub const FINGERPRINT_SYMBOLS: usize = 16;

const FINGERPRINT_BYTES: usize = 10;
const KEYS_DOMAIN: &str = "mahalla-portal/v1 keys";
const ANSWER_DOMAIN: &str = "mahalla-portal/v1 answer";
const ROTATION_DOMAIN: &str = "mahalla-portal/v1 rotation";

/// The portal's public keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PortalKeys {
    /// The `age` X25519 recipient (`age1…`).
    pub age_recipient: String,
    /// The Ed25519 signing key, unpadded base64url.
    pub signing_key: String,
}

/// A change of the portal's keys, signed with the signing key of the keys it replaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyRotation {
    /// The fingerprint of the keys replaced.
    pub from: String,
    pub to: PortalKeys,
    /// Over [`rotation_input`], unpadded base64url.
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PortalKeysError {
    #[error("a key fingerprint has {FINGERPRINT_SYMBOLS} symbols, this one {0}")]
    FingerprintLength(usize),
    #[error("{0:?} is not a symbol of a key fingerprint")]
    FingerprintSymbol(char),
    #[error("the portal's keys are {found}, not {expected} as on the enrolment sheet")]
    Mismatch { expected: String, found: String },
    #[error("the answer is not signed with the portal keys {0}")]
    Unsigned(String),
    #[error("the answer's signature does not match the portal keys {0}")]
    BadSignature(String),
    #[error("the portal's signing key is not valid: {0}")]
    SigningKey(SigningError),
    #[error("the key rotation is not for the keys {0}")]
    RotationFrom(String),
    #[error("the key rotation is not signed with the keys it replaces")]
    RotationSignature,
}

impl ErrorCode for PortalKeysError {
    fn code(&self) -> &'static str {
        match self {
            Self::FingerprintLength(_) => "portal-keys-fingerprint-length",
            Self::FingerprintSymbol(_) => "portal-keys-fingerprint-symbol",
            Self::Mismatch { .. } => "portal-keys-mismatch",
            Self::Unsigned(_) => "portal-keys-unsigned",
            Self::BadSignature(_) => "portal-keys-bad-signature",
            Self::SigningKey(_) => "portal-keys-signing-key",
            Self::RotationFrom(_) => "portal-keys-rotation-from",
            Self::RotationSignature => "portal-keys-rotation-signature",
        }
    }
}

fn crockford() -> Encoding {
    let mut spec = Specification::new();
    spec.symbols
        .push_str(&String::from_utf8_lossy(enrol_code::ALPHABET));
    // The alphabet is 32 distinct ASCII symbols: the specification is valid.
    spec.encoding().unwrap_or(data_encoding::BASE32_NOPAD)
}

impl PortalKeys {
    /// The fingerprint in its display form `XXXX-XXXX-XXXX-XXXX`.
    pub fn fingerprint(&self) -> String {
        let digest = Sha256::digest(
            format!(
                "{KEYS_DOMAIN}\n{}\n{}",
                self.age_recipient, self.signing_key
            )
            .as_bytes(),
        );
        enrol_code::display(&crockford().encode(&digest[..FINGERPRINT_BYTES]))
    }

    /// Checks the keys against a fingerprint from the enrolment sheet.
    pub fn check(&self, expected: &str) -> Result<(), PortalKeysError> {
        let found = self.fingerprint();
        if found == expected {
            Ok(())
        } else {
            Err(PortalKeysError::Mismatch {
                expected: expected.to_owned(),
                found,
            })
        }
    }

    /// Checks an answer's [`SIGNATURE_HEADER`] values: one must name these keys and carry a
    /// valid signature by their signing key.
    pub fn verify_answer<'a>(
        &self,
        answer: &AnswerParts<'_>,
        header_values: impl IntoIterator<Item = &'a str>,
    ) -> Result<(), PortalKeysError> {
        let fingerprint = self.fingerprint();
        let signature = header_values
            .into_iter()
            .filter_map(|value| value.trim().split_once(' '))
            .find(|(named, _)| *named == fingerprint)
            .map(|(_, signature)| signature.trim())
            .ok_or_else(|| PortalKeysError::Unsigned(fingerprint.clone()))?;
        let key =
            signing::parse_public_key(&self.signing_key).map_err(PortalKeysError::SigningKey)?;
        signing::verify(&key, &answer_input(answer), signature, &BASE64URL_NOPAD)
            .map_err(|_| PortalKeysError::BadSignature(fingerprint))
    }

    /// Applies a rotation announced in the feed: the new keys if `rotation` replaces these
    /// keys and is signed with their signing key.
    pub fn rotate(&self, rotation: &KeyRotation) -> Result<PortalKeys, PortalKeysError> {
        let fingerprint = self.fingerprint();
        if rotation.from != fingerprint {
            return Err(PortalKeysError::RotationFrom(fingerprint));
        }
        let key =
            signing::parse_public_key(&self.signing_key).map_err(PortalKeysError::SigningKey)?;
        signing::verify(
            &key,
            &rotation_input(&fingerprint, &rotation.to),
            &rotation.signature,
            &BASE64URL_NOPAD,
        )
        .map_err(|_| PortalKeysError::RotationSignature)?;
        Ok(rotation.to.clone())
    }
}

/// The display form of a fingerprint typed in any form people type it.
pub fn parse_fingerprint(typed: &str) -> Result<String, PortalKeysError> {
    let symbols = enrol_code::normalise(typed);
    if let Some(wrong) = symbols
        .chars()
        .find(|c| !u8::try_from(*c).is_ok_and(|byte| enrol_code::ALPHABET.contains(&byte)))
    {
        return Err(PortalKeysError::FingerprintSymbol(wrong));
    }
    if symbols.len() != FINGERPRINT_SYMBOLS {
        return Err(PortalKeysError::FingerprintLength(symbols.len()));
    }
    Ok(enrol_code::display(&symbols))
}

/// What an answer's signature covers.
#[derive(Debug, Clone, Copy)]
pub struct AnswerParts<'a> {
    pub status: u16,
    /// The nonce of the request answered.
    pub nonce: &'a str,
    pub body: &'a [u8],
}

/// The exact bytes an answer's signature is over.
pub fn answer_input(answer: &AnswerParts<'_>) -> Vec<u8> {
    format!(
        "{ANSWER_DOMAIN}\n{}\n{}\n{}",
        answer.status,
        answer.nonce,
        signing::sha256_hex(answer.body)
    )
    .into_bytes()
}

/// One [`SIGNATURE_HEADER`] value: the fingerprint of `keys` and the signature by `key`, its
/// private half.
pub fn sign_answer(keys: &PortalKeys, key: &SigningKey, answer: &AnswerParts<'_>) -> String {
    format!(
        "{} {}",
        keys.fingerprint(),
        signing::encode_signature(&key.sign(&answer_input(answer)))
    )
}

fn rotation_input(from: &str, to: &PortalKeys) -> Vec<u8> {
    format!(
        "{ROTATION_DOMAIN}\n{from}\n{}\n{}",
        to.age_recipient, to.signing_key
    )
    .into_bytes()
}

/// The rotation from `from` (whose private signing key is `key`) to `to`.
pub fn sign_rotation(from: &PortalKeys, key: &SigningKey, to: &PortalKeys) -> KeyRotation {
    let fingerprint = from.fingerprint();
    KeyRotation {
        signature: signing::encode_signature(&key.sign(&rotation_input(&fingerprint, to))),
        from: fingerprint,
        to: to.clone(),
    }
}

/// The public half of `key` in the form [`PortalKeys::signing_key`] holds it.
pub fn public_signing_key(key: &SigningKey) -> String {
    signing::encode_public_key(&key.verifying_key())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(seed: u8) -> (PortalKeys, SigningKey) {
        let key = SigningKey::from_bytes(&[seed; 32]);
        (
            PortalKeys {
                age_recipient: format!("age1recipient{seed}"),
                signing_key: public_signing_key(&key),
            },
            key,
        )
    }

    const ANSWER: AnswerParts<'static> = AnswerParts {
        status: 200,
        nonce: "AAAAAAAAAAAAAAAAAAAAAA",
        body: b"{\"ok\":true}",
    };

    #[test]
    fn the_fingerprint_covers_both_keys_and_reads_back_typed() {
        let (portal, _) = keys(1);
        let fingerprint = portal.fingerprint();
        assert_eq!(fingerprint.len(), 19);
        assert_eq!(parse_fingerprint(&fingerprint), Ok(fingerprint.clone()));
        assert_eq!(
            parse_fingerprint(&fingerprint.to_lowercase().replace('-', " ")),
            Ok(fingerprint.clone())
        );
        let other_recipient = PortalKeys {
            age_recipient: "age1someoneelse".into(),
            ..portal.clone()
        };
        let other_signer = PortalKeys {
            signing_key: keys(2).0.signing_key,
            ..portal.clone()
        };
        assert_ne!(other_recipient.fingerprint(), fingerprint);
        assert_ne!(other_signer.fingerprint(), fingerprint);
        assert_eq!(portal.check(&fingerprint), Ok(()));
        assert_eq!(
            other_recipient.check(&fingerprint).map_err(|e| e.code()),
            Err("portal-keys-mismatch")
        );
        assert_eq!(
            parse_fingerprint("ABCD-EFGH").map_err(|e| e.code()),
            Err("portal-keys-fingerprint-length")
        );
        assert_eq!(
            parse_fingerprint("ABCD-EFGH-JKMN-PQRU"),
            Err(PortalKeysError::FingerprintSymbol('U'))
        );
    }

    #[test]
    fn an_answer_is_accepted_only_signed_with_the_pinned_keys() {
        let (portal, key) = keys(1);
        let (impostor, impostor_key) = keys(2);
        let signed = sign_answer(&portal, &key, &ANSWER);
        assert_eq!(portal.verify_answer(&ANSWER, [signed.as_str()]), Ok(()));
        // During a rotation the portal signs with both key sets.
        let both = [
            sign_answer(&impostor, &impostor_key, &ANSWER),
            signed.clone(),
        ];
        assert_eq!(
            portal.verify_answer(&ANSWER, both.iter().map(String::as_str)),
            Ok(())
        );
        let refused = |values: &[&str], answer: &AnswerParts<'_>| {
            portal
                .verify_answer(answer, values.iter().copied())
                .map_err(|e| e.code())
        };
        let other = sign_answer(&impostor, &impostor_key, &ANSWER);
        assert_eq!(refused(&[&other], &ANSWER), Err("portal-keys-unsigned"));
        assert_eq!(refused(&[], &ANSWER), Err("portal-keys-unsigned"));
        // The impostor names the pinned keys but cannot sign for them.
        let forged = format!(
            "{} {}",
            portal.fingerprint(),
            other.split_once(' ').expect("two parts").1
        );
        assert_eq!(
            refused(&[&forged], &ANSWER),
            Err("portal-keys-bad-signature")
        );
        for changed in [
            AnswerParts {
                status: 201,
                ..ANSWER
            },
            AnswerParts {
                nonce: "BAAAAAAAAAAAAAAAAAAAAA",
                ..ANSWER
            },
            AnswerParts {
                body: b"{\"ok\":false}",
                ..ANSWER
            },
        ] {
            assert_eq!(
                refused(&[&signed], &changed),
                Err("portal-keys-bad-signature")
            );
        }
    }

    #[test]
    fn a_rotation_is_applied_only_from_the_pinned_keys_and_signed_by_them() {
        let (old, old_key) = keys(1);
        let (new, new_key) = keys(2);
        let rotation = sign_rotation(&old, &old_key, &new);
        assert_eq!(old.rotate(&rotation), Ok(new.clone()));
        assert_eq!(
            new.rotate(&rotation).map_err(|e| e.code()),
            Err("portal-keys-rotation-from")
        );
        let self_signed = sign_rotation(&old, &new_key, &new);
        assert_eq!(
            old.rotate(&self_signed),
            Err(PortalKeysError::RotationSignature)
        );
        let swapped = KeyRotation {
            to: keys(3).0,
            ..rotation
        };
        assert_eq!(
            old.rotate(&swapped),
            Err(PortalKeysError::RotationSignature)
        );
    }
}
