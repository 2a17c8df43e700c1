//! Software updates the portal publishes: a bundle checked against the project's update key
//! and against its own manifest file by file, its files kept in the data dir under
//! `software-updates/<version>/`, and the newest offered to every terminal in its feed.
//!
//! The files are copied into a directory of their own first and renamed into place only
//! when every one of them matched, so a half copy is never served; the publication is
//! recorded after that, so the feed never offers files that are not there yet.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use data_encoding::{BASE64, HEXLOWER};
use mahalla_host::clock;
use mahalla_portal_store::{Publication, PublishedUpdate, Store, StoreError};
use mahalla_protocol::software_update::{
    MANIFEST_FILE, MANIFEST_MAX_BYTES, Manifest, ManifestFile, SIGNATURE_FILE, UpdateError,
    UpdateKey, Version,
};
use mahalla_protocol::wire::SoftwareUpdateOffer;
use sha2::{Digest, Sha256};

/// The directory of the data dir that holds each published version's files.
pub const FILES_DIR: &str = "software-updates";

/// More than a signature's 64 bytes: a longer file is read whole and refused as a bad
/// signature.
const SIGNATURE_MAX_BYTES: u64 = 1024;

#[derive(Debug, thiserror::Error)]
pub enum PublishError {
    #[error(transparent)]
    Update(#[from] UpdateError),
    #[error(
        "version {0} is published already: give the bundle a newer version than the newest published"
    )]
    AlreadyPublished(Version),
    #[error(
        "version {version} is older than {newest}, the newest published: terminals never go back to an older version"
    )]
    Older { version: Version, newest: Version },
    #[error("{0} holds no {MANIFEST_FILE}: it is not an update bundle")]
    NoManifest(String),
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: io::Error },
    #[error("cannot write {path}: {source}")]
    Write { path: String, source: io::Error },
    #[error("the copy of the files stopped: {0}")]
    Copy(#[from] tokio::task::JoinError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A refusal of `version` when `newest` is published.
fn not_newer(version: Version, newest: Version) -> PublishError {
    if version == newest {
        PublishError::AlreadyPublished(version)
    } else {
        PublishError::Older { version, newest }
    }
}

/// Where the files of the published versions are kept.
pub fn files_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(FILES_DIR)
}

/// The update key in `path`, a PEM file as `openssl pkey -pubout` writes it.
pub fn read_key(path: &Path) -> Result<UpdateKey, PublishError> {
    let pem = std::fs::read_to_string(path).map_err(|source| PublishError::Read {
        path: path.display().to_string(),
        source,
    })?;
    Ok(UpdateKey::from_pem(&pem)?)
}

/// A published update as the feed offers it.
pub fn offer(update: &PublishedUpdate) -> SoftwareUpdateOffer {
    SoftwareUpdateOffer {
        manifest: update.manifest.clone(),
        signature: BASE64.encode(&update.signature),
    }
}

/// Publishes the bundle in `bundle` for terminals of `architecture`: its manifest signed with
/// `key`, every file as the manifest says, a version newer than every one published.
/// Returns the manifest.
pub async fn publish(
    store: &dyn Store,
    data_dir: &Path,
    bundle: &Path,
    key: &UpdateKey,
    architecture: &str,
) -> Result<Manifest, PublishError> {
    let manifest_path = bundle.join(MANIFEST_FILE);
    let text = read_at_most(&manifest_path, MANIFEST_MAX_BYTES)?
        .ok_or_else(|| PublishError::NoManifest(bundle.display().to_string()))?;
    let signature = read_at_most(&bundle.join(SIGNATURE_FILE), SIGNATURE_MAX_BYTES)?;
    let manifest = key.open(&text, signature.as_deref(), architecture)?;
    // A manifest that opened is JSON, and so UTF-8: kept as the very bytes signed.
    let text = String::from_utf8(text)
        .map_err(|error| UpdateError::Malformed(format!("{MANIFEST_FILE}: {error}")))?;
    if let Some(newest) = store.newest_software_update().await?
        && newest.version >= manifest.version
    {
        return Err(not_newer(manifest.version, newest.version));
    }

    let (from, to, checked) = (bundle.to_owned(), files_dir(data_dir), manifest.clone());
    tokio::task::spawn_blocking(move || keep_files(&from, &to, &checked)).await??;

    let update = PublishedUpdate {
        version: manifest.version,
        manifest: text,
        signature: signature.unwrap_or_default(),
        published_at: clock::now_ms(),
    };
    match store.publish_software_update(&update).await? {
        Publication::Published => Ok(manifest),
        // Another publication got in between.
        Publication::NotNewer { newest } => Err(not_newer(manifest.version, newest)),
    }
}

/// The file at `path` when it holds at most `limit` bytes; `None` when there is no such
/// file. A larger file is refused as a malformed bundle.
fn read_at_most(path: &Path, limit: u64) -> Result<Option<Vec<u8>>, PublishError> {
    let read_error = |source| PublishError::Read {
        path: path.display().to_string(),
        source,
    };
    let file = match File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => return Ok(None),
        Err(error) => return Err(read_error(error)),
    };
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut io::Read::take(file, limit + 1), &mut bytes).map_err(read_error)?;
    if bytes.len() as u64 > limit {
        return Err(
            UpdateError::Malformed(format!("{} is over {limit} bytes", path.display())).into(),
        );
    }
    Ok(Some(bytes))
}

/// Copies every file `manifest` names from `bundle` into `files/<version>/`, each checked
/// against its size and SHA-256 as it is copied; into place only once all of them match.
fn keep_files(bundle: &Path, files: &Path, manifest: &Manifest) -> Result<(), PublishError> {
    let write_error = |path: &Path| {
        let path = path.display().to_string();
        move |source| PublishError::Write { path, source }
    };
    std::fs::create_dir_all(files).map_err(write_error(files))?;
    // Removed with everything in it unless it is renamed into place.
    let incoming = tempfile::Builder::new()
        .prefix(".incoming-")
        .tempdir_in(files)
        .map_err(write_error(files))?;
    for file in &manifest.files {
        copy_checked(
            &bundle.join(&file.name),
            &incoming.path().join(&file.name),
            file,
        )?;
    }
    sync_dir(incoming.path()).map_err(write_error(incoming.path()))?;
    let target = files.join(manifest.version.to_string());
    // Left by a publication of this version that stopped before it was recorded: this
    // version is not published, so nothing serves these files.
    if target.exists() {
        std::fs::remove_dir_all(&target).map_err(write_error(&target))?;
    }
    std::fs::rename(incoming.path(), &target).map_err(write_error(&target))?;
    // Moved into place: nothing is left to remove.
    let _ = incoming.keep();
    sync_dir(files).map_err(write_error(files))
}

/// Copies `from` to the new file `to`, reading at most one byte more than `expected` says,
/// hashing as it goes; refuses a file shorter, longer or other than its manifest says.
fn copy_checked(from: &Path, to: &Path, expected: &ManifestFile) -> Result<(), PublishError> {
    let source = match File::open(from) {
        Ok(file) => file,
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return Err(UpdateError::Truncated(expected.name.clone()).into());
        }
        Err(source) => {
            return Err(PublishError::Read {
                path: from.display().to_string(),
                source,
            });
        }
    };
    let target = File::create_new(to).map_err(|source| PublishError::Write {
        path: to.display().to_string(),
        source,
    })?;
    let mut hashing = Hashing {
        file: target,
        hash: Sha256::new(),
    };
    let copied = io::copy(
        &mut io::Read::take(source, expected.bytes.saturating_add(1)),
        &mut hashing,
    )
    .map_err(|source| PublishError::Read {
        path: format!("{} (copying to {})", from.display(), to.display()),
        source,
    })?;
    if copied < expected.bytes {
        return Err(UpdateError::Truncated(expected.name.clone()).into());
    }
    if copied > expected.bytes || HEXLOWER.encode(&hashing.hash.finalize()) != expected.sha256 {
        return Err(UpdateError::Corrupt(expected.name.clone()).into());
    }
    hashing
        .file
        .sync_all()
        .map_err(|source| PublishError::Write {
            path: to.display().to_string(),
            source,
        })
}

/// A file written through, and the SHA-256 of what was written.
struct Hashing {
    file: File,
    hash: Sha256,
}

impl Write for Hashing {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let written = self.file.write(bytes)?;
        self.hash.update(&bytes[..written]);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Makes a directory's entries durable.
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}
