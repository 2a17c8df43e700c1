//! Enrolling the terminal: its key (created on first use) and a one-time code go to the
//! portal; the answer is stored together with the device number, and every submission that
//! waited in demo mode is encrypted in the same transaction. The portal answers a repeated
//! request with the same code and key the same way, so a terminal that lost the answer
//! (power cut, timeout) simply enrols again.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::wire::{
    self, EnrolPreview, EnrolPreviewRequest, EnrolRequest, EnrolResponse, Mahalla,
};

use super::{PortalClient, SyncError};
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
}

pub fn enrol(data_dir: &Path, portal_url: &str, code: &str) -> Result<Enrolled, SyncError> {
    let mut store = Store::open(data_dir)?;
    if let Some(enrolment) = store.enrolment()? {
        return Err(EnrolError::AlreadyEnrolled(enrolment.device_id).into());
    }
    let key = Arc::new(DeviceKey::load_or_create(data_dir)?);
    let client = PortalClient::new(portal_url, key.clone(), 0, Duration::from_secs(30))?;
    let runtime = super::runtime()?;
    let request = EnrolRequest {
        code: code.to_owned(),
        public_key: key.public_key(),
    };
    let response: EnrolResponse = runtime.block_on(client.post(wire::ENROL_PATH, &request))?;
    let encrypted = store.enrol(portal_url, key.device_id(), &response)?;
    store.set_clock_offset(client.offset_ms())?;
    Ok(Enrolled {
        device_id: response.device_id,
        device_number: response.device_number,
        mahalla: format!("{} {}", response.mahalla.code, response.mahalla.name),
        encrypted,
        clock_offset_ms: client.offset_ms(),
    })
}

/// The mahalla the one-time `code` is for, asked before enrolling so the technician can check
/// it; the code stays unused.
pub fn preview(data_dir: &Path, portal_url: &str, code: &str) -> Result<Mahalla, SyncError> {
    let key = Arc::new(DeviceKey::load_or_create(data_dir)?);
    let client = PortalClient::new(portal_url, key, 0, Duration::from_secs(20))?;
    let request = EnrolPreviewRequest {
        code: code.to_owned(),
    };
    let answer: EnrolPreview =
        super::runtime()?.block_on(client.post(wire::ENROL_PREVIEW_PATH, &request))?;
    Ok(answer.mahalla)
}
