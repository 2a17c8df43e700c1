//! The update's state as the installer keeps it (`<system_dir>/status.json`, written by root,
//! read by everyone), and the state the terminal reports: the installer's, or the app's own
//! download.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use mahalla_protocol::software_update::{Source, UpdateState, Version};
use serde::{Deserialize, Serialize};

const STATUS_FILE: &str = "status.json";

/// What the installer keeps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallerStatus {
    pub state: UpdateState,
    /// Versions installed that did not start; never offered again.
    #[serde(default)]
    pub rolled_back: Vec<Version>,
}

impl InstallerStatus {
    /// The status in `system_dir`; the default when there is none yet (or off the device).
    pub fn read(system_dir: &Path) -> InstallerStatus {
        let path = system_dir.join(STATUS_FILE);
        match std::fs::read(&path) {
            Ok(bytes) => serde_json::from_slice(&bytes).unwrap_or_else(|error| {
                tracing::warn!(path = %path.display(), %error, "the update status is unreadable");
                InstallerStatus::default()
            }),
            Err(_) => InstallerStatus::default(),
        }
    }

    /// Replaces the status file whole, readable by the app (which runs as another user):
    /// the file and its directory are readable by all, the checked bundle beside it is not.
    pub fn write(&self, system_dir: &Path) -> std::io::Result<()> {
        let bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        super::replace_file(system_dir, STATUS_FILE, &bytes, 0o644)?;
        std::fs::set_permissions(system_dir, std::fs::Permissions::from_mode(0o755))
    }
}

/// A bundle the app downloaded and checked, waiting in its data dir.
pub fn downloaded(data_dir: &Path) -> Option<(Version, PathBuf)> {
    std::fs::read_dir(super::ready_dir(data_dir))
        .ok()?
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let version = entry.file_name().to_str()?.parse::<Version>().ok()?;
            Some((version, entry.path()))
        })
        .max_by_key(|(version, _)| *version)
}

/// Where the update stands, as staff and the portal are told. The installer's state while it
/// installs, or has something to say (an update from a stick, a refusal, a rollback, a
/// version installed and not yet running); else the app's own download: ready, under way, or
/// refused; else nothing.
pub fn current(data_dir: &Path, system_dir: &Path, running: Option<Version>) -> UpdateState {
    let installer = InstallerStatus::read(system_dir).state;
    let settled = match &installer {
        UpdateState::Idle => true,
        UpdateState::Installed { version } => Some(*version) == running,
        _ => false,
    };
    if !settled {
        return installer;
    }
    if let Some((version, _)) = downloaded(data_dir) {
        return UpdateState::Ready {
            version,
            source: Source::Portal,
        };
    }
    super::download::progress(data_dir)
        .or_else(|| super::download::refused(data_dir))
        .unwrap_or(installer)
}

/// A state in a line, for technicians.
pub fn describe(state: &UpdateState) -> String {
    let source = |source: &Source| match source {
        Source::Portal => "from the portal",
        Source::Usb => "from a USB stick",
    };
    match state {
        UpdateState::Idle => "none waiting".to_owned(),
        UpdateState::Downloading {
            version,
            bytes,
            total,
        } => format!("downloading {version}: {bytes} of {total} bytes"),
        UpdateState::Ready { version, source: s } => {
            format!("{version} ready to install ({})", source(s))
        }
        UpdateState::Installing { version, source: s } => {
            format!("{version} being installed ({})", source(s))
        }
        UpdateState::Installed { version } => format!("{version} installed"),
        UpdateState::Refused {
            version,
            source: s,
            reason,
            detail,
        } => format!(
            "{} refused ({}): {reason}: {detail}",
            version.map_or("an update".to_owned(), |version| version.to_string()),
            source(s)
        ),
        UpdateState::RolledBack { version } => {
            format!("{version} did not start; the terminal went back to the version before")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_reads_back_and_a_download_shows_as_ready() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        let system = dir.path().join("system");
        assert_eq!(current(&data, &system, None), UpdateState::Idle);

        std::fs::create_dir_all(super::super::ready_dir(&data).join("0.3.0")).expect("ready");
        assert_eq!(
            current(&data, &system, None),
            UpdateState::Ready {
                version: "0.3.0".parse().expect("version"),
                source: Source::Portal
            }
        );

        let status = InstallerStatus {
            state: UpdateState::RolledBack {
                version: "0.3.0".parse().expect("version"),
            },
            rolled_back: vec!["0.3.0".parse().expect("version")],
        };
        status.write(&system).expect("write");
        assert_eq!(InstallerStatus::read(&system), status);
        assert_eq!(current(&data, &system, None), status.state);
    }
}
