//! The technician's network check before enrolment: does the portal's name resolve, does the
//! portal answer, and how far is this terminal's clock from the portal's.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::{PortalClient, PortalTls, SyncError};
use crate::device_key::DeviceKey;

/// How long each part of the check may take.
const CHECK_TIMEOUT: Duration = Duration::from_secs(8);

/// What the check found; each part on its own, so one failure does not hide the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NetworkCheck {
    /// The addresses the portal's host name resolved to.
    pub dns: Result<Vec<std::net::IpAddr>, String>,
    /// The portal's version, from `/healthz`.
    pub portal: Result<String, String>,
    /// Portal clock minus this terminal's clock, once the portal answered.
    pub clock_offset_ms: Option<i64>,
}

impl NetworkCheck {
    pub fn passed(&self) -> bool {
        self.dns.is_ok() && self.portal.is_ok()
    }
}

#[derive(serde::Deserialize)]
struct Health {
    version: String,
}

/// Checks the way to `portal_url`. Fails as a whole only when the URL or the device key is
/// unusable.
pub fn check_network(
    data_dir: &Path,
    portal_url: &str,
    tls: &PortalTls,
) -> Result<NetworkCheck, SyncError> {
    let url = url::Url::parse(portal_url)
        .map_err(|error| SyncError::BadUrl(format!("{portal_url:?}: {error}")))?;
    let host = url
        .host_str()
        .ok_or_else(|| SyncError::BadUrl(format!("{portal_url:?} names no host")))?
        .trim_matches(['[', ']'])
        .to_owned();
    let port = url.port_or_known_default().unwrap_or(443);
    let key = Arc::new(DeviceKey::load_or_create(data_dir)?);
    let client = PortalClient::new(portal_url, key, CHECK_TIMEOUT, tls)?;
    super::runtime()?.block_on(async {
        let dns = match tokio::time::timeout(
            CHECK_TIMEOUT,
            tokio::net::lookup_host((host.as_str(), port)),
        )
        .await
        {
            Ok(Ok(addresses)) => Ok(addresses.map(|address| address.ip()).collect()),
            Ok(Err(error)) => Err(error.to_string()),
            Err(_) => Err("no answer in time".to_owned()),
        };
        let portal = client
            .get::<Health>("/healthz")
            .await
            .map(|health| health.version)
            .map_err(|error| error.to_string());
        let clock_offset_ms = portal.is_ok().then(|| client.offset_ms());
        Ok(NetworkCheck {
            dns,
            portal,
            clock_offset_ms,
        })
    })
}
