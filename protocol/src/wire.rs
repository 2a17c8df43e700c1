//! The kiosk ⇄ portal API, version 1: paths, limits and the JSON bodies. Every path is under
//! [`API_PREFIX`]; a later incompatible version gets a new prefix and both are served side by
//! side while terminals update.
//!
//! Every response (success or error) carries [`SERVER_TIME_HEADER`], the portal's clock in
//! Unix milliseconds, so a terminal without a clock battery learns its offset from any answer;
//! responses to signed requests also carry [`CLOCK_SKEW_HEADER`], how far the request's
//! timestamp was from the portal's clock. Answers of the kiosk API are signed with the
//! portal's keys ([`crate::portal_keys`]).

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::form::Values;
use crate::lang::Lang;
use crate::portal_keys::{KeyRotation, PortalKeys};
use crate::receipt_code::ReceiptCode;
use crate::software_update::UpdateState;

pub const API_PREFIX: &str = "/api/v1";
pub const ENROL_PATH: &str = "/api/v1/enrol";
pub const ENROL_PREVIEW_PATH: &str = "/api/v1/enrol/preview";
pub const SUBMISSIONS_PATH: &str = "/api/v1/submissions";
pub const UPDATES_PATH: &str = "/api/v1/updates";
pub const HEARTBEAT_PATH: &str = "/api/v1/heartbeat";
pub const KEYS_PATH: &str = "/api/v1/keys";
/// `POST`: a terminal asks about a receipt for a resident standing at it ([`StatusRequest`]).
pub const STATUS_PATH: &str = "/api/v1/status";
/// `GET {SOFTWARE_UPDATES_PATH}/{version}/{file}`: a file of a published software update, with
/// HTTP range requests so an interrupted download resumes. Unsigned: the bundle's own
/// signature is what a terminal trusts.
pub const SOFTWARE_UPDATES_PATH: &str = "/api/v1/software-updates";
/// `GET {RECEIPT_PATH}/{device id}/{receipt code}/{signature}`: the URL in a receipt QR
/// (see [`crate::receipt_qr`]); answers the public status only for a genuine signature.
pub const RECEIPT_PATH: &str = "/R";

pub const SERVER_TIME_HEADER: &str = "x-server-time";
pub const CLOCK_SKEW_HEADER: &str = "x-clock-skew";

/// Most items in one upload batch.
pub const MAX_BATCH_ITEMS: usize = 200;
/// Most bytes in one request body.
pub const MAX_BODY_BYTES: usize = 2 * 1024 * 1024;
/// Most updates in one page of the feed.
pub const MAX_UPDATES_PAGE: usize = 500;

/// The plaintext of a submission: what the resident entered, normalised. On the terminal it
/// exists only until it is encrypted; the portal gets it back by decrypting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SubmissionPayload {
    pub target_id: String,
    pub catalogue_version: u32,
    pub lang: Lang,
    pub values: Values,
    /// Set when mahalla staff filled the form with the resident (staff-assisted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assistance: Option<Assistance>,
}

/// A staff-assisted submission: who helped, and whether they checked the resident's identity
/// document. A terminal cannot check One ID offline; this is what staff confirm instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Assistance {
    /// The staff member's number on this terminal.
    pub staff_id: u32,
    pub identity_document_checked: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PayloadFormat {
    /// Plain JSON; only a terminal that is not enrolled holds these, and never sends them.
    Json,
    /// An `age` file encrypted to the portal's X25519 recipient.
    Age,
}

impl PayloadFormat {
    pub fn as_str(self) -> &'static str {
        match self {
            PayloadFormat::Json => "json",
            PayloadFormat::Age => "age",
        }
    }

    pub fn from_name(text: &str) -> Option<PayloadFormat> {
        [PayloadFormat::Json, PayloadFormat::Age]
            .into_iter()
            .find(|format| format.as_str() == text)
    }
}

/// `POST /api/v1/enrol`, signed with the new device key (proof of possession).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrolRequest {
    pub code: String,
    /// Ed25519, unpadded base64url.
    pub public_key: String,
}

/// `POST /api/v1/enrol/preview`: which mahalla a code is for, without using it, so the
/// technician confirms the mahalla before the terminal enrols. Not signed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EnrolPreviewRequest {
    pub code: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolPreview {
    pub mahalla: Mahalla,
    /// The portal's keys, so the technician sees at once whether they match the sheet's
    /// fingerprint; the enrolment answer is checked again.
    #[serde(default)]
    pub portal_keys: Option<PortalKeys>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mahalla {
    pub code: String,
    pub name: String,
    pub district: String,
    pub region: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceKey {
    pub device_id: String,
    pub public_key: String,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrolResponse {
    pub device_id: String,
    /// The device number that receipt codes issued from now on carry (1 or more).
    pub device_number: u32,
    pub mahalla: Mahalla,
    /// The portal's `age` X25519 recipient (`age1…`); payloads are encrypted to it.
    pub age_recipient: String,
    /// The portal's Ed25519 key that signs its answers and key rotations, unpadded base64url.
    #[serde(default)]
    pub portal_signing_key: String,
    /// Every device key the portal knows, for checking receipt QRs offline.
    pub device_keys: Vec<DeviceKey>,
}

impl EnrolResponse {
    /// The portal keys the terminal pins.
    pub fn portal_keys(&self) -> PortalKeys {
        PortalKeys {
            age_recipient: self.age_recipient.clone(),
            signing_key: self.portal_signing_key.clone(),
        }
    }
}

/// `GET /api/v1/keys`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyList {
    pub device_keys: Vec<DeviceKey>,
}

/// `POST /api/v1/submissions`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadBatch {
    pub items: Vec<UploadItem>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadItem {
    /// The terminal's UUIDv7: the idempotency key.
    pub id: Uuid,
    pub receipt_code: ReceiptCode,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub payload_format: PayloadFormat,
    /// The stored payload bytes, unpadded base64url.
    pub payload: String,
    /// Hex SHA-256 of the payload bytes; with the id it decides duplicate vs conflict.
    pub payload_sha256: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UploadResponse {
    pub results: Vec<ItemResult>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemResult {
    pub id: Uuid,
    #[serde(flatten)]
    pub outcome: ItemOutcome,
}

/// What the portal did with one item. Accepted and duplicate both mean "durably stored".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "outcome", rename_all = "kebab-case")]
pub enum ItemOutcome {
    Accepted,
    /// Same id and same payload hash as a stored submission.
    Duplicate,
    /// Same id, different payload hash: the stored one wins.
    Conflict,
    Rejected {
        reason: RejectReason,
    },
}

impl ItemOutcome {
    /// Whether the portal holds this submission durably.
    pub fn is_stored(&self) -> bool {
        matches!(self, ItemOutcome::Accepted | ItemOutcome::Duplicate)
    }
}

/// Why an item was permanently rejected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RejectReason {
    /// Plain JSON payloads are never accepted over the wire.
    UnencryptedPayload,
    PayloadHashMismatch,
    /// Not an `age` file for the portal's identity.
    Undecryptable,
    MalformedPayload,
    /// The payload's target or catalogue version differs from the item's.
    MetadataMismatch,
    UnknownTarget,
    InvalidForm,
    /// The receipt code carries another device number than this terminal's (or 0).
    ReceiptDeviceMismatch,
    /// Another submission from this terminal already has this receipt code.
    ReceiptCodeTaken,
}

impl RejectReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::UnencryptedPayload => "unencrypted-payload",
            RejectReason::PayloadHashMismatch => "payload-hash-mismatch",
            RejectReason::Undecryptable => "undecryptable",
            RejectReason::MalformedPayload => "malformed-payload",
            RejectReason::MetadataMismatch => "metadata-mismatch",
            RejectReason::UnknownTarget => "unknown-target",
            RejectReason::InvalidForm => "invalid-form",
            RejectReason::ReceiptDeviceMismatch => "receipt-device-mismatch",
            RejectReason::ReceiptCodeTaken => "receipt-code-taken",
        }
    }
}

/// Where an application is, as agencies report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Received,
    InReview,
    NeedsInformation,
    Approved,
    Rejected,
    Completed,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Received,
        Status::InReview,
        Status::NeedsInformation,
        Status::Approved,
        Status::Rejected,
        Status::Completed,
    ];

    /// Whether the agency has given its decision; until then the answer is due.
    pub fn is_decided(self) -> bool {
        matches!(
            self,
            Status::Approved | Status::Rejected | Status::Completed
        )
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::InReview => "in-review",
            Status::NeedsInformation => "needs-information",
            Status::Approved => "approved",
            Status::Rejected => "rejected",
            Status::Completed => "completed",
        }
    }

    pub fn from_name(text: &str) -> Option<Status> {
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == text)
    }
}

/// `GET /api/v1/updates?cursor=N`: what changed after `N`, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpdatesPage {
    pub updates: Vec<Update>,
    /// The cursor to ask with next time.
    pub cursor: u64,
    /// Whether more updates wait after this page.
    pub more: bool,
    /// New portal keys, announced while the portal still answers with the old ones too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rotation: Option<KeyRotation>,
    /// The newest software update the portal publishes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_update: Option<SoftwareUpdateOffer>,
}

/// A published software update as the feed announces it: the signed manifest, so a terminal
/// checks it before it downloads a byte of the files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftwareUpdateOffer {
    /// The manifest's exact text, as signed.
    pub manifest: String,
    /// The 64-byte Ed25519 signature over it, standard base64.
    pub signature: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub seq: u64,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Change {
    /// A status change of one of this terminal's submissions, with the agency's answer.
    Status {
        submission_id: Uuid,
        status: Status,
        answer: Option<String>,
        changed_at: String,
    },
    /// A new catalogue version (the catalogue JSON).
    Catalogue { version: u32, body: String },
}

/// `POST /api/v1/heartbeat`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heartbeat {
    pub app_version: String,
    pub queue: QueueDepths,
    /// Age in seconds of the oldest submission not yet delivered.
    pub oldest_undelivered_secs: Option<u64>,
    /// `ok`, `paper-out`, `cover-open`, `offline`, `virtual`, …
    pub printer: String,
    pub last_sync_at: Option<String>,
    pub free_disk_bytes: Option<u64>,
    /// The offset the terminal adds to its clock, as learned from the portal.
    pub clock_offset_ms: i64,
    /// The newest catalogue the terminal refused (it keeps using the one before).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refused_catalogue: Option<RefusedCatalogue>,
    /// The fingerprint of the portal keys the terminal pinned, so the portal's admin sees
    /// when every terminal has followed a key rotation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub portal_keys: Option<String>,
    /// The version of the terminal's system image, where it runs from one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_version: Option<String>,
    /// Where its software update stands.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub software_update: Option<UpdateState>,
}

/// A catalogue version that did not pass a terminal's checks, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusedCatalogue {
    pub version: u32,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueDepths {
    pub queued: u64,
    pub sending: u64,
    pub delivered: u64,
    pub quarantined: u64,
}

/// The answer at [`RECEIPT_PATH`]: no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicStatus {
    pub receipt_code: ReceiptCode,
    pub status: Status,
    pub answer: Option<String>,
    pub changed_at: String,
}

/// `POST /api/v1/status`: a resident at a terminal asks about a receipt, from any terminal.
/// A receipt code alone is easy to guess, so the answer's texts come back only with a proof
/// that the person holds the receipt: its QR's signature, or the PINFL given in the form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusRequest {
    pub receipt_code: ReceiptCode,
    /// The scanned QR: the issuing terminal's device id and signature.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qr: Option<QrProof>,
    /// The PINFL the person typed, to be compared with the one in the submission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pinfl: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QrProof {
    pub device_id: String,
    pub signature: String,
}

/// The answer to [`StatusRequest`]. No personal data; answers only when [`Self::access`] is
/// [`AnswerAccess::Shown`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusReply {
    pub receipt_code: ReceiptCode,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    /// When the portal stored it.
    pub received_at: String,
    /// Oldest first; the last one is the current status.
    pub history: Vec<StatusEntry>,
    pub access: AnswerAccess,
    /// The agency answered, and the answer was left out for want of a proof.
    pub answers_withheld: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusEntry {
    pub status: Status,
    pub changed_at: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<String>,
}

/// Whether the agency's answers are in a [`StatusReply`], and if not, why.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AnswerAccess {
    /// The QR's signature or the PINFL showed the person holds the receipt.
    Shown,
    /// No proof was given.
    NoProof,
    /// The PINFL given is not the one in the submission.
    PinflMismatch,
    /// Too many wrong PINFLs for this receipt or from this terminal: no PINFL is checked
    /// until the limit's window has passed.
    TooManyTries,
}

/// The body of every error answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub reason: ErrorReason,
    pub message: String,
}

/// Why a whole request was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ErrorReason {
    MissingSignature,
    UnknownDevice,
    BadSignature,
    Replayed,
    /// The timestamp is outside the window; the terminal corrects its offset from
    /// [`SERVER_TIME_HEADER`] and signs again.
    ClockSkew,
    DeviceRevoked,
    EnrolCodeInvalid,
    EnrolCodeUsed,
    EnrolCodeExpired,
    AlreadyEnrolled,
    BatchTooLarge,
    BadRequest,
    NotFound,
    /// Too many requests; honour `Retry-After`.
    Busy,
    Internal,
}

impl ErrorReason {
    /// Whether sending the same thing later can succeed.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorReason::Busy
                | ErrorReason::Internal
                | ErrorReason::ClockSkew
                | ErrorReason::Replayed
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_are_tagged_kebab_case() {
        let id = Uuid::nil();
        let rejected = ItemResult {
            id,
            outcome: ItemOutcome::Rejected {
                reason: RejectReason::InvalidForm,
            },
        };
        let json = serde_json::to_value(&rejected).expect("encode");
        assert_eq!(json["outcome"], "rejected");
        assert_eq!(json["reason"], "invalid-form");
        assert_eq!(
            serde_json::from_value::<ItemResult>(json).expect("decode"),
            rejected
        );
        let duplicate = serde_json::to_value(ItemResult {
            id,
            outcome: ItemOutcome::Duplicate,
        })
        .expect("encode");
        assert_eq!(duplicate["outcome"], "duplicate");
        assert!(ItemOutcome::Duplicate.is_stored() && !ItemOutcome::Conflict.is_stored());
    }

    #[test]
    fn names_match_serde() {
        for status in Status::ALL {
            let json = serde_json::to_string(&status).expect("encode");
            assert_eq!(json, format!("\"{}\"", status.as_str()));
            assert_eq!(Status::from_name(status.as_str()), Some(status));
        }
        for format in [PayloadFormat::Json, PayloadFormat::Age] {
            let json = serde_json::to_string(&format).expect("encode");
            assert_eq!(json, format!("\"{}\"", format.as_str()));
        }
        let reason = serde_json::to_string(&RejectReason::ReceiptCodeTaken).expect("encode");
        assert_eq!(
            reason,
            format!("\"{}\"", RejectReason::ReceiptCodeTaken.as_str())
        );
        let change = serde_json::to_value(Change::Catalogue {
            version: 2,
            body: "{}".into(),
        })
        .expect("encode");
        assert_eq!(change["kind"], "catalogue");
    }
}
