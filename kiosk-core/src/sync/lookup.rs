//! Asking the portal about a receipt for a resident at this terminal (`POST /api/v1/status`):
//! receipts of any terminal, the answers with the QR's signature or the form's PINFL. Used
//! by the touchscreen's status check (through [`super::SyncHandle::ask_portal`]) and by
//! `kioskctl status`; it does not take the sender lock, so it runs beside the sync worker.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::wire::{self, ErrorReason, QrProof, StatusReply, StatusRequest};

use super::{ClientError, PortalClient, PortalTls, SyncError};
use crate::device_key::DeviceKey;
use crate::store::Store;

/// How long a resident waits for the portal before the terminal shows what it holds.
pub const LOOKUP_TIMEOUT: Duration = Duration::from_secs(8);

/// What the portal said about a receipt, or why it could not be asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PortalAnswer {
    Found(StatusReply),
    /// The portal knows no receipt with this code (or the QR's signature is not genuine).
    Unknown,
    /// The portal could not be reached; `last_reached` is when it last answered this terminal.
    Unreachable {
        last_reached: Option<String>,
    },
    /// This terminal is not enrolled, so it has no portal to ask.
    NotEnrolled,
}

/// Asks the portal of the terminal whose data dir is `data_dir`.
pub async fn ask_portal(
    data_dir: &Path,
    tls: &PortalTls,
    query: &StatusQuery,
    pinfl: Option<&str>,
    timeout: Duration,
) -> PortalAnswer {
    let (client, last_reached) = match client_for(data_dir, tls, timeout) {
        Ok(Some(ready)) => ready,
        Ok(None) => return PortalAnswer::NotEnrolled,
        Err(error) => {
            tracing::warn!(%error, "status lookup: no client for the portal");
            return PortalAnswer::Unreachable { last_reached: None };
        }
    };
    let request = StatusRequest {
        receipt_code: query.code(),
        qr: match query {
            StatusQuery::Scanned(qr) => Some(QrProof {
                device_id: qr.device_id.clone(),
                signature: qr.signature().to_owned(),
            }),
            StatusQuery::Typed(_) => None,
        },
        pinfl: pinfl.map(str::to_owned),
    };
    match client
        .post::<_, StatusReply>(wire::STATUS_PATH, &request)
        .await
    {
        Ok(reply) => PortalAnswer::Found(reply),
        Err(ClientError::Refused {
            reason: ErrorReason::NotFound,
            ..
        }) => PortalAnswer::Unknown,
        Err(error) => {
            tracing::warn!(%error, "status lookup at the portal");
            PortalAnswer::Unreachable { last_reached }
        }
    }
}

/// A client for the portal this terminal is enrolled with, and when that portal last
/// answered; `None` before enrolment.
fn client_for(
    data_dir: &Path,
    tls: &PortalTls,
    timeout: Duration,
) -> Result<Option<(PortalClient, Option<String>)>, SyncError> {
    let store = Store::open(data_dir)?;
    let state = store.sync_state()?;
    let Some(enrolment) = store.enrolment()? else {
        return Ok(None);
    };
    let key = Arc::new(DeviceKey::of_terminal(
        data_dir,
        Some(&enrolment.device_id),
    )?);
    let client = PortalClient::new(&enrolment.portal_url, key, timeout, tls)?
        .with_clock_offset(state.clock_offset_ms);
    client.pin(enrolment.portal_keys());
    Ok(Some((client, state.last_success_at)))
}

/// [`ask_portal`] on the calling thread: `kioskctl status`.
pub fn ask_portal_now(
    data_dir: &Path,
    tls: &PortalTls,
    query: &StatusQuery,
    pinfl: Option<&str>,
    timeout: Duration,
) -> PortalAnswer {
    match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime.block_on(ask_portal(data_dir, tls, query, pinfl, timeout)),
        Err(error) => {
            tracing::warn!(%error, "no runtime for the status lookup");
            PortalAnswer::Unreachable { last_reached: None }
        }
    }
}
