//! Checking a bundle: its manifest signed with the project's key, for this terminal, newer
//! than what runs, and every file the manifest names present with its size and SHA-256.
//! [`copy_checked`] checks the bytes as it copies them, so the copy holds exactly what was
//! checked whatever happens to the source afterwards.

use std::fs::{File, OpenOptions};
use std::io::{Read, Write};
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use mahalla_protocol::ErrorCode;
use mahalla_protocol::software_update::{
    MANIFEST_FILE, MANIFEST_MAX_BYTES, Manifest, ManifestFile, SIGNATURE_FILE, UpdateError,
    UpdateKey, Version,
};
use sha2::{Digest, Sha256};

use super::ARCHITECTURE;

/// Why a bundle was not taken.
#[derive(Debug, thiserror::Error)]
pub enum BundleError {
    /// Something about the bundle itself.
    #[error(transparent)]
    Refused(#[from] UpdateError),
    /// The terminal could not keep its copy (disk full, read-only).
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

impl ErrorCode for BundleError {
    fn code(&self) -> &'static str {
        match self {
            Self::Refused(error) => error.code(),
            Self::Write { .. } => "update-disk",
        }
    }
}

/// What a terminal may install: the version it runs and those it rolled back from.
#[derive(Debug, Clone, Copy)]
pub struct Installable<'a> {
    pub running: Option<Version>,
    pub rolled_back: &'a [Version],
}

/// Reads the project's update key from `path`.
pub fn read_key(path: &Path) -> Result<UpdateKey, UpdateError> {
    let pem = std::fs::read_to_string(path)
        .map_err(|error| UpdateError::Key(format!("{}: {error}", path.display())))?;
    UpdateKey::from_pem(&pem)
}

/// Opens a file without following a symbolic link at its end.
fn open_plain(path: &Path) -> std::io::Result<File> {
    OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(path)
}

fn read_small(path: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    open_plain(path)?.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(std::io::Error::other("too large"));
    }
    Ok(bytes)
}

/// The signed manifest of the bundle in `dir` and its raw text and signature, if it may be
/// installed; no file is read beyond the manifest.
pub fn open(
    dir: &Path,
    key: &UpdateKey,
    installable: Installable<'_>,
) -> Result<(Manifest, Vec<u8>, Vec<u8>), UpdateError> {
    let text = read_small(&dir.join(MANIFEST_FILE), MANIFEST_MAX_BYTES)
        .map_err(|error| UpdateError::Malformed(format!("{MANIFEST_FILE}: {error}")))?;
    let signature = match read_small(&dir.join(SIGNATURE_FILE), 1024) {
        Ok(signature) => Some(signature),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(_) => return Err(UpdateError::BadSignature),
    };
    let manifest = key.open(&text, signature.as_deref(), ARCHITECTURE)?;
    manifest.installable(installable.running, installable.rolled_back)?;
    Ok((manifest, text, signature.unwrap_or_default()))
}

/// Reads `file` from `dir`, checking its size and hash, writing what it read to `copy`.
fn read_checked(
    dir: &Path,
    file: &ManifestFile,
    mut copy: Option<(&Path, &mut File)>,
) -> Result<(), BundleError> {
    let truncated = || UpdateError::Truncated(file.name.clone());
    let mut source = open_plain(&dir.join(&file.name)).map_err(|_| truncated())?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0; 256 * 1024];
    let mut read = 0u64;
    loop {
        let n = source.read(&mut buffer).map_err(|_| truncated())?;
        if n == 0 {
            break;
        }
        read += n as u64;
        if read > file.bytes {
            return Err(UpdateError::Corrupt(file.name.clone()).into());
        }
        hasher.update(&buffer[..n]);
        if let Some((path, out)) = copy.as_mut() {
            out.write_all(&buffer[..n])
                .map_err(|source| BundleError::Write {
                    path: path.to_path_buf(),
                    source,
                })?;
        }
    }
    if read < file.bytes {
        return Err(truncated().into());
    }
    if data_encoding::HEXLOWER.encode(&hasher.finalize()) != file.sha256 {
        return Err(UpdateError::Corrupt(file.name.clone()).into());
    }
    Ok(())
}

/// Checks the bundle in `dir` in place.
pub fn check(
    dir: &Path,
    key: &UpdateKey,
    installable: Installable<'_>,
) -> Result<Manifest, BundleError> {
    let (manifest, _, _) = open(dir, key, installable)?;
    for file in &manifest.files {
        read_checked(dir, file, None)?;
    }
    Ok(manifest)
}

fn create_file(path: &Path) -> Result<File, BundleError> {
    OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|source| BundleError::Write {
            path: path.to_owned(),
            source,
        })
}

fn sync(path: &Path, file: &File) -> Result<(), BundleError> {
    file.sync_all().map_err(|source| BundleError::Write {
        path: path.to_owned(),
        source,
    })
}

/// Copies the bundle in `from` to a new directory `to` (replacing what was there), checking
/// every byte as it is copied. On any refusal `to` is gone.
pub fn copy_checked(
    from: &Path,
    to: &Path,
    key: &UpdateKey,
    installable: Installable<'_>,
) -> Result<Manifest, BundleError> {
    let (manifest, text, signature) = open(from, key, installable)?;
    remove(to);
    let copied = (|| {
        // The copy is for its owner alone; the directories above it keep their own modes.
        let write = |source| BundleError::Write {
            path: to.to_owned(),
            source,
        };
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(write)?;
        }
        std::fs::DirBuilder::new()
            .mode(0o700)
            .create(to)
            .map_err(write)?;
        for (name, bytes) in [(MANIFEST_FILE, &text), (SIGNATURE_FILE, &signature)] {
            let path = to.join(name);
            let mut out = create_file(&path)?;
            out.write_all(bytes).map_err(|source| BundleError::Write {
                path: path.clone(),
                source,
            })?;
            sync(&path, &out)?;
        }
        for file in &manifest.files {
            let path = to.join(&file.name);
            let mut out = create_file(&path)?;
            read_checked(from, file, Some((&path, &mut out)))?;
            sync(&path, &out)?;
        }
        let dir = File::open(to).map_err(|source| BundleError::Write {
            path: to.to_owned(),
            source,
        })?;
        sync(to, &dir)
    })();
    match copied {
        Ok(()) => Ok(manifest),
        Err(error) => {
            remove(to);
            Err(error)
        }
    }
}

/// Removes a bundle directory, if there is one.
pub fn remove(dir: &Path) {
    if let Err(error) = std::fs::remove_dir_all(dir)
        && error.kind() != std::io::ErrorKind::NotFound
    {
        tracing::warn!(dir = %dir.display(), %error, "an old bundle could not be removed");
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use ed25519_dalek::pkcs8::EncodePublicKey;
    use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
    use ed25519_dalek::{Signer, SigningKey};

    /// A bundle of `version` in `dir` signed with `signing`: a root image of `bytes` bytes and
    /// a boot entry.
    pub(crate) fn write_bundle(dir: &Path, signing: &SigningKey, version: &str, bytes: usize) {
        std::fs::create_dir_all(dir).expect("dir");
        let files: Vec<(String, Vec<u8>)> = vec![
            (
                format!("mahalla-kiosk_{version}.root.erofs"),
                (0..bytes).map(|i| (i * 7 % 251) as u8).collect(),
            ),
            (
                format!("mahalla-kiosk_{version}.conf"),
                format!("title Mahalla kiosk\nversion {version}\n").into_bytes(),
            ),
        ];
        let manifest = serde_json::json!({
            "product": "mahalla-kiosk",
            "version": version,
            "architecture": ARCHITECTURE,
            "files": files.iter().map(|(name, body)| serde_json::json!({
                "name": name,
                "bytes": body.len(),
                "sha256": data_encoding::HEXLOWER.encode(&Sha256::digest(body)),
            })).collect::<Vec<_>>(),
        });
        let text = serde_json::to_vec_pretty(&manifest).expect("json");
        std::fs::write(dir.join(MANIFEST_FILE), &text).expect("manifest");
        std::fs::write(dir.join(SIGNATURE_FILE), signing.sign(&text).to_bytes()).expect("sig");
        for (name, body) in files {
            std::fs::write(dir.join(name), body).expect("file");
        }
    }

    pub(crate) fn project_key() -> (SigningKey, UpdateKey) {
        let signing = SigningKey::from_bytes(&[42; 32]);
        let pem = signing
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        (signing, UpdateKey::from_pem(&pem).expect("key"))
    }

    const ANY: Installable<'static> = Installable {
        running: None,
        rolled_back: &[],
    };

    fn refusal(result: Result<Manifest, BundleError>) -> &'static str {
        match result {
            Ok(manifest) => panic!("{} was taken", manifest.version),
            Err(error) => error.code(),
        }
    }

    #[test]
    fn a_good_bundle_is_copied_byte_for_byte() {
        let dir = tempfile::tempdir().expect("dir");
        let (signing, key) = project_key();
        let from = dir.path().join("stick");
        write_bundle(&from, &signing, "0.2.0", 700_000);
        let to = dir.path().join("bundle");
        let manifest = copy_checked(&from, &to, &key, ANY).expect("copied");
        assert_eq!(manifest.version.to_string(), "0.2.0");
        for name in [
            MANIFEST_FILE,
            SIGNATURE_FILE,
            "mahalla-kiosk_0.2.0.root.erofs",
            "mahalla-kiosk_0.2.0.conf",
        ] {
            assert_eq!(
                std::fs::read(from.join(name)).expect("from"),
                std::fs::read(to.join(name)).expect("to"),
                "{name}"
            );
        }
        check(&to, &key, ANY).expect("the copy checks");
    }

    #[test]
    fn unsigned_wrongly_signed_truncated_corrupt_and_older_bundles_are_refused() {
        let dir = tempfile::tempdir().expect("dir");
        let (signing, key) = project_key();
        let to = dir.path().join("bundle");
        let bundle = |name: &str, signer: &SigningKey, version: &str| {
            let path = dir.path().join(name);
            write_bundle(&path, signer, version, 300_000);
            path
        };

        let unsigned = bundle("unsigned", &signing, "0.2.0");
        std::fs::remove_file(unsigned.join(SIGNATURE_FILE)).expect("rm");
        assert_eq!(
            refusal(copy_checked(&unsigned, &to, &key, ANY)),
            "update-unsigned"
        );

        let stranger = SigningKey::from_bytes(&[9; 32]);
        let wrong = bundle("wrong", &stranger, "0.2.0");
        assert_eq!(
            refusal(copy_checked(&wrong, &to, &key, ANY)),
            "update-bad-signature"
        );

        let truncated = bundle("truncated", &signing, "0.2.0");
        let image = truncated.join("mahalla-kiosk_0.2.0.root.erofs");
        let bytes = std::fs::read(&image).expect("read");
        std::fs::write(&image, &bytes[..bytes.len() / 2]).expect("cut");
        assert_eq!(
            refusal(copy_checked(&truncated, &to, &key, ANY)),
            "update-truncated"
        );
        assert!(!to.exists(), "a refused copy is removed");

        let corrupt = bundle("corrupt", &signing, "0.2.0");
        let image = corrupt.join("mahalla-kiosk_0.2.0.root.erofs");
        let mut bytes = std::fs::read(&image).expect("read");
        bytes[1000] ^= 0x40;
        std::fs::write(&image, &bytes).expect("flip");
        assert_eq!(refusal(check(&corrupt, &key, ANY)), "update-corrupt");

        let older = bundle("older", &signing, "0.2.0");
        let running = Installable {
            running: Some("0.3.0".parse().expect("version")),
            rolled_back: &[],
        };
        assert_eq!(
            refusal(copy_checked(&older, &to, &key, running)),
            "update-downgrade"
        );
        let failed = ["0.2.0".parse().expect("version")];
        let rolled_back = Installable {
            running: Some("0.1.0".parse().expect("version")),
            rolled_back: &failed,
        };
        assert_eq!(
            refusal(copy_checked(&older, &to, &key, rolled_back)),
            "update-rolled-back"
        );
    }
}
