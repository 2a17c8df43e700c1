//! Downloading a software update the portal's feed announces, in the background: only one the
//! terminal may install (signed with the project's key, newer than what runs, not rolled back
//! from), file by file into `<data_dir>/update/download/<version>/`, resuming where an
//! interrupted download stopped (HTTP range requests), never faster than the configured rate,
//! and checked whole before it moves to `<data_dir>/update/ready/<version>/`. A refusal is kept
//! (`<data_dir>/update/refused.json`) for staff and the heartbeat.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use mahalla_protocol::ErrorCode;
use mahalla_protocol::software_update::{
    MANIFEST_FILE, Manifest, ManifestFile, SIGNATURE_FILE, Source, UpdateError, UpdateState,
};
use mahalla_protocol::wire::{self, SoftwareUpdateOffer};

use super::bundle::{self, Installable};
use super::status::InstallerStatus;
use super::{ARCHITECTURE, Versions, download_dir, ready_dir};
use crate::config::UpdateConfig;

/// How long a download may stall (no byte arriving) before it is given up for this round.
const STALL: Duration = Duration::from_secs(60);

/// Why a download stopped before the bundle was whole; it resumes on a later round.
#[derive(Debug, thiserror::Error)]
pub enum DownloadError {
    #[error("the portal could not be reached for {file}: {message}")]
    Network { file: String, message: String },
    #[error("the portal answered {status} for {file}")]
    Status { file: String, status: u16 },
    #[error("no byte of {0} arrived for a minute")]
    Stalled(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What fetching an offer came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Fetched {
    /// Whole and checked: ready to install.
    Ready(mahalla_protocol::software_update::Version),
    /// Nothing to do: it runs already, is ready already, or is being installed.
    Nothing,
    /// Refused, and why (kept for staff and the heartbeat).
    Refused(String),
}

/// Where files come from: the portal's base address and a client without the API's answer
/// timeout (a file takes as long as the line and the rate cap allow).
#[derive(Clone)]
pub struct Portal {
    pub http: reqwest::Client,
    pub base: String,
}

/// Everything a download needs to know about the terminal.
pub struct Terminal<'a> {
    pub data_dir: &'a Path,
    pub config: &'a UpdateConfig,
    pub versions: Versions,
}

fn refused_path(data_dir: &Path) -> PathBuf {
    super::app_dir(data_dir).join("refused.json")
}

/// The refusal of the portal's offer kept by the app, if any.
pub fn refused(data_dir: &Path) -> Option<UpdateState> {
    let bytes = std::fs::read(refused_path(data_dir)).ok()?;
    serde_json::from_slice(&bytes).ok()
}

fn keep_refusal(data_dir: &Path, state: &UpdateState) {
    let kept = serde_json::to_vec(state)
        .map_err(std::io::Error::other)
        .and_then(|bytes| {
            super::replace_file(&super::app_dir(data_dir), "refused.json", &bytes, 0o600)
        });
    if let Err(error) = kept {
        tracing::error!(%error, "the update's refusal cannot be kept");
    }
}

/// Fetches the offered update if the terminal may install it.
pub async fn fetch(
    portal: &Portal,
    offer: &SoftwareUpdateOffer,
    terminal: &Terminal<'_>,
) -> Result<Fetched, DownloadError> {
    let installer = InstallerStatus::read(&terminal.config.system_dir);
    let signature = data_encoding::BASE64
        .decode(offer.signature.as_bytes())
        .ok();
    let key = match bundle::read_key(&terminal.config.key) {
        Ok(key) => key,
        Err(error) => return Ok(refuse(terminal.data_dir, None, &error)),
    };
    let opened = key.open(
        offer.manifest.as_bytes(),
        signature.as_deref(),
        ARCHITECTURE,
    );
    let manifest = match opened.and_then(|manifest| {
        manifest.installable(terminal.versions.image, &installer.rolled_back)?;
        Ok(manifest)
    }) {
        Ok(manifest) => manifest,
        // The version that runs is offered until a newer one is published.
        Err(UpdateError::Installed(_)) => return Ok(Fetched::Nothing),
        Err(error) => return Ok(refuse(terminal.data_dir, None, &error)),
    };
    let version = manifest.version;
    let busy = matches!(installer.state, UpdateState::Installing { version: v, .. } | UpdateState::Installed { version: v } if v == version);
    if busy
        || ready_dir(terminal.data_dir)
            .join(version.to_string())
            .exists()
    {
        return Ok(Fetched::Nothing);
    }
    let dir = download_dir(terminal.data_dir).join(version.to_string());
    forget_others(&download_dir(terminal.data_dir), &dir);
    let write = |path: &Path, bytes: &[u8]| {
        std::fs::create_dir_all(&dir)
            .and_then(|()| std::fs::write(path, bytes))
            .map_err(|source| DownloadError::Write {
                path: path.to_owned(),
                source,
            })
    };
    write(&dir.join(MANIFEST_FILE), offer.manifest.as_bytes())?;
    write(
        &dir.join(SIGNATURE_FILE),
        signature.as_deref().unwrap_or_default(),
    )?;

    let mut pace = Pace::new(terminal.config.max_bytes_per_second);
    for file in &manifest.files {
        download_file(portal, &manifest, file, &dir, &mut pace).await?;
    }
    // Hashing the whole bundle takes seconds on a terminal: off the sync rounds' thread.
    let (check_dir, running, rolled_back) = (
        dir.clone(),
        terminal.versions.image,
        installer.rolled_back.clone(),
    );
    let checked = tokio::task::spawn_blocking(move || {
        bundle::check(
            &check_dir,
            &key,
            Installable {
                running,
                rolled_back: &rolled_back,
            },
        )
    })
    .await
    .map_err(|error| DownloadError::Write {
        path: dir.clone(),
        source: std::io::Error::other(error),
    })?;
    match checked {
        Ok(_) => {
            let ready = ready_dir(terminal.data_dir);
            bundle::remove(&ready);
            std::fs::create_dir_all(&ready)
                .and_then(|()| std::fs::rename(&dir, ready.join(version.to_string())))
                .map_err(|source| DownloadError::Write {
                    path: ready.clone(),
                    source,
                })?;
            let _ = std::fs::remove_file(refused_path(terminal.data_dir));
            tracing::info!(%version, bytes = manifest.total_bytes(), "software update downloaded and checked");
            Ok(Fetched::Ready(version))
        }
        Err(error) => {
            // A damaged file is fetched again from the start on the next round.
            bundle::remove(&dir);
            Ok(refuse(terminal.data_dir, Some(version), &error))
        }
    }
}

fn refuse(
    data_dir: &Path,
    version: Option<mahalla_protocol::software_update::Version>,
    error: &(impl ErrorCode + std::fmt::Display),
) -> Fetched {
    let state = UpdateState::Refused {
        version,
        source: Source::Portal,
        reason: error.code().to_owned(),
        detail: error.to_string(),
    };
    if refused(data_dir).as_ref() != Some(&state) {
        tracing::warn!(%error, "the portal's software update is refused");
        keep_refusal(data_dir, &state);
    }
    Fetched::Refused(error.code().to_owned())
}

/// Removes downloads of other versions.
fn forget_others(downloads: &Path, keep: &Path) {
    let Ok(entries) = std::fs::read_dir(downloads) else {
        return;
    };
    for entry in entries.flatten() {
        if entry.path() != keep {
            bundle::remove(&entry.path());
        }
    }
}

/// Keeps a download under its rate: after each piece, waits as long as the bytes so far
/// should have taken.
struct Pace {
    rate: u64,
    started: Instant,
    bytes: u64,
}

impl Pace {
    fn new(rate: u64) -> Pace {
        Pace {
            rate: rate.max(1),
            started: Instant::now(),
            bytes: 0,
        }
    }

    async fn took(&mut self, bytes: usize) {
        self.bytes += bytes as u64;
        let due = Duration::from_secs_f64(self.bytes as f64 / self.rate as f64);
        let elapsed = self.started.elapsed();
        if due > elapsed {
            tokio::time::sleep(due - elapsed).await;
        }
    }
}

/// Downloads `file` into `dir`, from where an earlier attempt stopped.
async fn download_file(
    portal: &Portal,
    manifest: &Manifest,
    file: &ManifestFile,
    dir: &Path,
    pace: &mut Pace,
) -> Result<(), DownloadError> {
    let path = dir.join(&file.name);
    let mut have = std::fs::metadata(&path).map_or(0, |meta| meta.len());
    if have == file.bytes {
        return Ok(());
    }
    if have > file.bytes {
        let _ = std::fs::remove_file(&path);
        have = 0;
    }
    let url = format!(
        "{}{}/{}/{}",
        portal.base,
        wire::SOFTWARE_UPDATES_PATH,
        manifest.version,
        file.name
    );
    let network = |error: reqwest::Error| DownloadError::Network {
        file: file.name.clone(),
        message: error.to_string(),
    };
    let mut response = portal
        .http
        .get(&url)
        .header(reqwest::header::RANGE, format!("bytes={have}-"))
        // The client's answer timeout is for API answers; a file takes as long as the line
        // and the rate cap allow, and a stall is caught below.
        .timeout(Duration::from_secs(24 * 3600))
        .send()
        .await
        .map_err(network)?;
    let status = response.status().as_u16();
    // 206: the rest; 200: the whole file again (a portal or proxy without ranges).
    let from = match status {
        206 => have,
        200 => 0,
        _ => {
            return Err(DownloadError::Status {
                file: file.name.clone(),
                status,
            });
        }
    };
    tracing::info!(file = %file.name, from, of = file.bytes, "downloading");
    let write_error = |source| DownloadError::Write {
        path: path.clone(),
        source,
    };
    let mut out = std::fs::OpenOptions::new()
        .create(true)
        .append(from > 0)
        .write(true)
        .truncate(from == 0)
        .open(&path)
        .map_err(write_error)?;
    let mut written = from;
    loop {
        let chunk = tokio::time::timeout(STALL, response.chunk())
            .await
            .map_err(|_| DownloadError::Stalled(file.name.clone()))?
            .map_err(network)?;
        let Some(chunk) = chunk else {
            break;
        };
        // Never more than the manifest says: a longer file is damaged anyway.
        let room = usize::try_from(file.bytes.saturating_sub(written)).unwrap_or(usize::MAX);
        let piece = &chunk[..chunk.len().min(room)];
        out.write_all(piece).map_err(write_error)?;
        written += piece.len() as u64;
        pace.took(piece.len()).await;
        if piece.len() < chunk.len() {
            break;
        }
    }
    out.sync_all().map_err(write_error)?;
    Ok(())
}

/// The bytes of the download under way, for [`super::status::current`].
pub(super) fn progress(data_dir: &Path) -> Option<UpdateState> {
    let entries = std::fs::read_dir(download_dir(data_dir)).ok()?;
    entries.flatten().find_map(|entry| {
        let manifest: Manifest =
            serde_json::from_slice(&std::fs::read(entry.path().join(MANIFEST_FILE)).ok()?).ok()?;
        let bytes = manifest
            .files
            .iter()
            .map(|file| {
                std::fs::metadata(entry.path().join(&file.name))
                    .map_or(0, |meta| meta.len().min(file.bytes))
            })
            .sum();
        Some(UpdateState::Downloading {
            version: manifest.version,
            bytes,
            total: manifest.total_bytes(),
        })
    })
}
