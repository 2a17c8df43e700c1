//! Enrolling the terminal: its key (created on first use) and a one-time code go to the
//! portal; the answer is stored together with the device number, and every submission that
//! waited in demo mode is encrypted in the same transaction. The portal answers a repeated
//! request with the same code and key the same way, so a terminal that lost the answer
//! (power cut, timeout) simply enrols again.
//!
//! The answer names the portal's keys and is signed with them. With the fingerprint from the
//! enrolment sheet, the terminal checks those keys before it stores anything, so nobody on
//! the way can swap the recipient its submissions are encrypted to. Without a fingerprint
//! (a code typed by hand without it) the terminal trusts the first answer it gets.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::portal_keys::{self, PortalKeys};
use mahalla_protocol::wire::{
    self, EnrolPreview, EnrolPreviewRequest, EnrolRequest, EnrolResponse, Mahalla,
};

use super::{ClientError, PortalClient, PortalTls, SyncError};
use crate::device_key::DeviceKey;
use crate::store::{EnrolError, Store};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Enrolled {
    pub device_id: String,
    pub device_number: u32,
    pub mahalla: String,
    /// Submissions from before enrolment, now encrypted and queued for the portal.
    pub encrypted: usize,
    pub clock_offset_ms: i64,
    /// The fingerprint of the portal keys now pinned.
    pub portal_keys: String,
    /// Whether they were checked against the enrolment sheet's fingerprint.
    pub keys_checked: bool,
}

/// The display form of a fingerprint typed in any form, if one was given.
fn expected_fingerprint(typed: Option<&str>) -> Result<Option<String>, SyncError> {
    typed
        .map(str::trim)
        .filter(|typed| !typed.is_empty())
        .map(portal_keys::parse_fingerprint)
        .transpose()
        .map_err(SyncError::Fingerprint)
}

/// Checks `keys` against the sheet's fingerprint, if there is one.
fn check_keys(keys: &PortalKeys, expected: Option<&str>) -> Result<KeysCheck, SyncError> {
    match expected {
        Some(expected) => {
            keys.check(expected)
                .map_err(|error| SyncError::Client(ClientError::PortalKeys(error)))?;
            Ok(KeysCheck::Matched(keys.fingerprint()))
        }
        None => Ok(KeysCheck::NotChecked(keys.fingerprint())),
    }
}

pub fn enrol(
    data_dir: &Path,
    portal_url: &str,
    tls: &PortalTls,
    code: &str,
    fingerprint: Option<&str>,
) -> Result<Enrolled, SyncError> {
    let expected = expected_fingerprint(fingerprint)?;
    let mut store = Store::open(data_dir)?;
    if let Some(enrolment) = store.enrolment()? {
        return Err(EnrolError::AlreadyEnrolled(enrolment.device_id).into());
    }
    let key = Arc::new(DeviceKey::load_or_create(data_dir)?);
    let client = PortalClient::new(portal_url, key.clone(), Duration::from_secs(30), tls)?;
    let runtime = super::runtime()?;
    let request = EnrolRequest {
        code: code.to_owned(),
        public_key: key.public_key(),
    };
    let response: EnrolResponse = runtime.block_on(client.post_signed_by_answer(
        wire::ENROL_PATH,
        &request,
        EnrolResponse::portal_keys,
    ))?;
    let keys = response.portal_keys();
    let checked = check_keys(&keys, expected.as_deref())?;
    let encrypted = store.enrol(portal_url, key.device_id(), &response)?;
    store.set_clock_offset(client.offset_ms())?;
    Ok(Enrolled {
        device_id: response.device_id,
        device_number: response.device_number,
        mahalla: format!("{} {}", response.mahalla.code, response.mahalla.name),
        encrypted,
        clock_offset_ms: client.offset_ms(),
        portal_keys: keys.fingerprint(),
        keys_checked: matches!(checked, KeysCheck::Matched(_)),
    })
}

/// How the portal's keys compare with the enrolment sheet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeysCheck {
    /// They match the sheet's fingerprint (shown).
    Matched(String),
    /// No fingerprint was given, so they could not be checked; theirs is shown.
    NotChecked(String),
    /// The portal did not say (an older portal); the enrolment checks them.
    Unknown,
}

/// What the portal says about a code before it is used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Previewed {
    pub mahalla: Mahalla,
    pub keys: KeysCheck,
}

/// The mahalla the one-time `code` is for, asked before enrolling so the technician can check
/// it, and the portal's keys compared with the sheet's fingerprint; the code stays unused.
pub fn preview(
    data_dir: &Path,
    portal_url: &str,
    tls: &PortalTls,
    code: &str,
    fingerprint: Option<&str>,
) -> Result<Previewed, SyncError> {
    let expected = expected_fingerprint(fingerprint)?;
    let key = Arc::new(DeviceKey::load_or_create(data_dir)?);
    let client = PortalClient::new(portal_url, key, Duration::from_secs(20), tls)?;
    let request = EnrolPreviewRequest {
        code: code.to_owned(),
    };
    let answer: EnrolPreview =
        super::runtime()?.block_on(client.post(wire::ENROL_PREVIEW_PATH, &request))?;
    let keys = match &answer.portal_keys {
        Some(keys) => check_keys(keys, expected.as_deref())?,
        None => KeysCheck::Unknown,
    };
    Ok(Previewed {
        mahalla: answer.mahalla,
        keys,
    })
}
