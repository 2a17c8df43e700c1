//! Software updates of a terminal: what one is, how a terminal knows it comes from the project,
//! and which one it may install.
//!
//! - **The bundle.** A directory with `manifest.json`, its Ed25519 signature `manifest.sig`
//!   (the 64 raw bytes, as `openssl pkeyutl -sign -rawin` writes them) and the files the
//!   manifest names: the root file system image, the kernel, the initramfs and the boot entry.
//!   The same bundle is published on the portal and carried on a USB stick.
//! - **The key.** The project's update key signs the manifest; terminals hold its public half
//!   (PEM, as `openssl pkey -pubout` writes it). The manifest names every file with its size
//!   and SHA-256, so one signature covers the whole bundle.
//! - **Versions** are `MAJOR.MINOR.PATCH`, numbers only, ordered as numbers: the order
//!   systemd-sysupdate uses for the same strings. A terminal installs only a version newer than
//!   the one it runs (no downgrades), never one it already rolled back from.

use std::fmt;
use std::str::FromStr;

use ed25519_dalek::pkcs8::DecodePublicKey;
use ed25519_dalek::{Signature, VerifyingKey};
use serde::{Deserialize, Serialize};

use crate::ErrorCode;

/// The product every bundle must name.
pub const PRODUCT: &str = "mahalla-kiosk";
/// The manifest's file name in a bundle.
pub const MANIFEST_FILE: &str = "manifest.json";
/// The signature's file name in a bundle.
pub const SIGNATURE_FILE: &str = "manifest.sig";
/// The largest manifest read (it names a handful of files).
pub const MANIFEST_MAX_BYTES: u64 = 64 * 1024;
/// The largest file a bundle may carry: a root slot is 1 GiB.
pub const FILE_MAX_BYTES: u64 = 1 << 30;

/// An image version: `MAJOR.MINOR.PATCH`, ordered as numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
}

impl FromStr for Version {
    type Err = UpdateError;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        let bad = || UpdateError::Version(text.chars().take(40).collect());
        let mut parts = text.split('.');
        let mut number = || -> Result<u32, UpdateError> {
            let part = parts.next().ok_or_else(bad)?;
            // Digits only, no sign and no leading zeros: one spelling per version.
            if part.is_empty()
                || !part.bytes().all(|b| b.is_ascii_digit())
                || (part.len() > 1 && part.starts_with('0'))
            {
                return Err(bad());
            }
            part.parse().map_err(|_| bad())
        };
        let version = Self {
            major: number()?,
            minor: number()?,
            patch: number()?,
        };
        match parts.next() {
            None => Ok(version),
            Some(_) => Err(bad()),
        }
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

impl Serialize for Version {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Version {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// One file of a bundle.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// A plain file name: `mahalla-kiosk_<version>.<kind>`.
    pub name: String,
    pub bytes: u64,
    /// Lower-case hex.
    pub sha256: String,
}

/// What a signed manifest says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub product: String,
    pub version: Version,
    /// The Debian architecture the image is for: `amd64`, `arm64`.
    pub architecture: String,
    pub files: Vec<ManifestFile>,
}

impl Manifest {
    /// The bytes every file of the bundle adds up to.
    pub fn total_bytes(&self) -> u64 {
        self.files.iter().map(|file| file.bytes).sum()
    }
}

/// Why an update is refused. Staff see it in their language (the code names the text) and
/// the heartbeat reports it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum UpdateError {
    #[error("{0:?} is not a version (MAJOR.MINOR.PATCH)")]
    Version(String),
    #[error("the update key is not an Ed25519 public key in PEM: {0}")]
    Key(String),
    #[error("the update is not signed (no {SIGNATURE_FILE})")]
    Unsigned,
    #[error("the update's signature is not the project's")]
    BadSignature,
    #[error("the update's manifest cannot be read: {0}")]
    Malformed(String),
    #[error("the update is for {0}, not for this terminal")]
    WrongDevice(String),
    #[error("{0} is missing or shorter than its manifest says")]
    Truncated(String),
    #[error("{0} does not match its manifest")]
    Corrupt(String),
    #[error("the update is version {offered}, older than {running} that runs")]
    Downgrade { offered: Version, running: Version },
    #[error("version {0} already runs")]
    Installed(Version),
    #[error("version {0} was installed before and did not start; it is not tried again")]
    RolledBack(Version),
}

impl ErrorCode for UpdateError {
    fn code(&self) -> &'static str {
        match self {
            Self::Version(_) => "update-version",
            Self::Key(_) => "update-key",
            Self::Unsigned => "update-unsigned",
            Self::BadSignature => "update-bad-signature",
            Self::Malformed(_) => "update-malformed",
            Self::WrongDevice(_) => "update-wrong-device",
            Self::Truncated(_) => "update-truncated",
            Self::Corrupt(_) => "update-corrupt",
            Self::Downgrade { .. } => "update-downgrade",
            Self::Installed(_) => "update-installed",
            Self::RolledBack(_) => "update-rolled-back",
        }
    }
}

/// The project's update key, as terminals hold it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateKey(VerifyingKey);

impl UpdateKey {
    /// Reads the public key as `openssl pkey -pubout` writes it.
    pub fn from_pem(pem: &str) -> Result<Self, UpdateError> {
        VerifyingKey::from_public_key_pem(pem.trim())
            .map(Self)
            .map_err(|error| UpdateError::Key(error.to_string()))
    }

    /// The manifest, if `signature` is the project's over exactly `manifest` and the
    /// manifest is well formed for `architecture`.
    pub fn open(
        &self,
        manifest: &[u8],
        signature: Option<&[u8]>,
        architecture: &str,
    ) -> Result<Manifest, UpdateError> {
        let signature = signature.ok_or(UpdateError::Unsigned)?;
        let signature = Signature::from_slice(signature).map_err(|_| UpdateError::BadSignature)?;
        self.0
            .verify_strict(manifest, &signature)
            .map_err(|_| UpdateError::BadSignature)?;
        let manifest: Manifest = serde_json::from_slice(manifest)
            .map_err(|error| UpdateError::Malformed(error.to_string()))?;
        manifest.check(architecture)?;
        Ok(manifest)
    }
}

impl Manifest {
    /// The rules a signed manifest must still keep: this product and architecture, at least
    /// one file, plain file names of this version, sizes within a slot, hashes as hex.
    fn check(&self, architecture: &str) -> Result<(), UpdateError> {
        if self.product != PRODUCT || self.architecture != architecture {
            return Err(UpdateError::WrongDevice(format!(
                "{} {}",
                self.product, self.architecture
            )));
        }
        if self.files.is_empty() {
            return Err(UpdateError::Malformed("no files".into()));
        }
        let prefix = format!("{PRODUCT}_{}.", self.version);
        for file in &self.files {
            let plain = file
                .name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"._+-".contains(&b));
            if !plain || !file.name.starts_with(&prefix) || file.name.len() > 128 {
                return Err(UpdateError::Malformed(format!("file name {:?}", file.name)));
            }
            if file.bytes > FILE_MAX_BYTES {
                return Err(UpdateError::Malformed(format!(
                    "{} is too large",
                    file.name
                )));
            }
            if file.sha256.len() != 64
                || !file
                    .sha256
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            {
                return Err(UpdateError::Malformed(format!("hash of {}", file.name)));
            }
        }
        let mut names: Vec<&str> = self.files.iter().map(|file| file.name.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        if names.len() != self.files.len() {
            return Err(UpdateError::Malformed("a file is named twice".into()));
        }
        Ok(())
    }

    /// Whether a terminal running `running` may install this update, given the versions it
    /// rolled back from.
    pub fn installable(
        &self,
        running: Option<Version>,
        rolled_back: &[Version],
    ) -> Result<(), UpdateError> {
        if rolled_back.contains(&self.version) {
            return Err(UpdateError::RolledBack(self.version));
        }
        match running {
            Some(running) if self.version == running => Err(UpdateError::Installed(running)),
            Some(running) if self.version < running => Err(UpdateError::Downgrade {
                offered: self.version,
                running,
            }),
            _ => Ok(()),
        }
    }
}

/// Where a bundle came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Source {
    /// Published on the portal and downloaded by the terminal.
    Portal,
    /// Carried on a USB stick by staff.
    Usb,
}

/// Where a terminal's update stands: shown to staff, reported in the heartbeat, shown on the
/// dashboard.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "kebab-case")]
pub enum UpdateState {
    /// No update waiting.
    #[default]
    Idle,
    /// Coming from the portal, `bytes` of `total` so far.
    Downloading {
        version: Version,
        bytes: u64,
        total: u64,
    },
    /// Checked and waiting to be installed: by staff ("update now") or at the quiet hour.
    Ready { version: Version, source: Source },
    /// Being written into the other slot.
    Installing { version: Version, source: Source },
    /// Written; the terminal restarts into it and keeps it once it has started well.
    Installed { version: Version },
    /// Not installed, and why: the code of an [`UpdateError`], and its text.
    Refused {
        version: Option<Version>,
        source: Source,
        reason: String,
        detail: String,
    },
    /// Installed, but it did not start three times: the terminal went back to the version
    /// before by itself.
    RolledBack { version: Version },
}

impl UpdateState {
    /// A refusal of `error`.
    pub fn refused(version: Option<Version>, source: Source, error: &UpdateError) -> Self {
        Self::Refused {
            version,
            source,
            reason: error.code().to_owned(),
            detail: error.to_string(),
        }
    }

    /// The state's name as the dashboard and the heartbeat spell it.
    pub fn name(&self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::Downloading { .. } => "downloading",
            Self::Ready { .. } => "ready",
            Self::Installing { .. } => "installing",
            Self::Installed { .. } => "installed",
            Self::Refused { .. } => "refused",
            Self::RolledBack { .. } => "rolled-back",
        }
    }

    /// The version it is about, if any.
    pub fn version(&self) -> Option<Version> {
        match self {
            Self::Idle => None,
            Self::Downloading { version, .. }
            | Self::Ready { version, .. }
            | Self::Installing { version, .. }
            | Self::Installed { version }
            | Self::RolledBack { version } => Some(*version),
            Self::Refused { version, .. } => *version,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ed25519_dalek::pkcs8::EncodePublicKey;
    use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
    use ed25519_dalek::{Signer, SigningKey};

    fn keys(seed: u8) -> (SigningKey, UpdateKey) {
        let signing = SigningKey::from_bytes(&[seed; 32]);
        let pem = signing
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        (signing, UpdateKey::from_pem(&pem).expect("key"))
    }

    fn manifest(version: &str) -> Vec<u8> {
        serde_json::to_vec(&serde_json::json!({
            "product": PRODUCT,
            "version": version,
            "architecture": "amd64",
            "files": [{
                "name": format!("mahalla-kiosk_{version}.root.erofs"),
                "bytes": 4096,
                "sha256": "ab".repeat(32),
            }],
        }))
        .expect("json")
    }

    #[test]
    fn states_read_back_as_written() {
        let state = UpdateState::refused(
            Some("0.2.0".parse().expect("version")),
            Source::Usb,
            &UpdateError::BadSignature,
        );
        let json = serde_json::to_string(&state).expect("json");
        assert!(json.contains(r#""state":"refused""#), "{json}");
        assert!(
            json.contains(r#""reason":"update-bad-signature""#),
            "{json}"
        );
        assert_eq!(
            serde_json::from_str::<UpdateState>(&json).expect("back"),
            state
        );
        assert_eq!(state.name(), "refused");
    }

    #[test]
    fn versions_order_as_numbers() {
        let v = |text: &str| text.parse::<Version>().expect(text);
        assert!(v("0.1.10") > v("0.1.9"));
        assert!(v("1.0.0") > v("0.99.99"));
        assert_eq!(v("2.3.4").to_string(), "2.3.4");
        for bad in [
            "",
            "1",
            "1.2",
            "1.2.3.4",
            "1.02.3",
            "1.2.x",
            "-1.2.3",
            "1.2.3~rc1",
        ] {
            assert!(bad.parse::<Version>().is_err(), "{bad:?} passed");
        }
    }

    #[test]
    fn a_signed_manifest_opens_with_the_project_key_only() {
        let (signing, key) = keys(7);
        let (_, other) = keys(8);
        let bytes = manifest("0.2.0");
        let signature = signing.sign(&bytes).to_bytes();
        let opened = key
            .open(&bytes, Some(&signature), "amd64")
            .expect("signed by the project");
        assert_eq!(opened.version, "0.2.0".parse().expect("version"));
        assert_eq!(opened.total_bytes(), 4096);
        assert_eq!(
            other.open(&bytes, Some(&signature), "amd64"),
            Err(UpdateError::BadSignature)
        );
        assert_eq!(key.open(&bytes, None, "amd64"), Err(UpdateError::Unsigned));
        assert_eq!(
            key.open(&bytes, Some(&signature[..63]), "amd64"),
            Err(UpdateError::BadSignature)
        );
        let mut changed = bytes.clone();
        changed[10] ^= 1;
        assert_eq!(
            key.open(&changed, Some(&signature), "amd64"),
            Err(UpdateError::BadSignature)
        );
        assert!(matches!(
            key.open(&bytes, Some(&signature), "arm64"),
            Err(UpdateError::WrongDevice(_))
        ));
    }

    #[test]
    fn a_signed_manifest_still_names_plain_files_of_its_version() {
        let (signing, key) = keys(7);
        for name in [
            "../etc/passwd",
            "mahalla-kiosk_0.3.0.root.erofs",
            "mahalla-kiosk_0.2.0/x",
            "other_0.2.0.efi",
        ] {
            let bytes = serde_json::to_vec(&serde_json::json!({
                "product": PRODUCT, "version": "0.2.0", "architecture": "amd64",
                "files": [{ "name": name, "bytes": 1, "sha256": "ab".repeat(32) }],
            }))
            .expect("json");
            let signature = signing.sign(&bytes).to_bytes();
            assert!(
                matches!(
                    key.open(&bytes, Some(&signature), "amd64"),
                    Err(UpdateError::Malformed(_))
                ),
                "{name} passed"
            );
        }
    }

    #[test]
    fn only_newer_versions_not_rolled_back_are_installable() {
        let (signing, key) = keys(7);
        let bytes = manifest("0.2.0");
        let opened = key
            .open(&bytes, Some(&signing.sign(&bytes).to_bytes()), "amd64")
            .expect("opens");
        let v = |text: &str| text.parse::<Version>().expect(text);
        assert_eq!(opened.installable(Some(v("0.1.9")), &[]), Ok(()));
        assert_eq!(opened.installable(None, &[]), Ok(()));
        assert_eq!(
            opened.installable(Some(v("0.2.0")), &[]),
            Err(UpdateError::Installed(v("0.2.0")))
        );
        assert_eq!(
            opened.installable(Some(v("0.10.0")), &[]),
            Err(UpdateError::Downgrade {
                offered: v("0.2.0"),
                running: v("0.10.0")
            })
        );
        assert_eq!(
            opened.installable(Some(v("0.1.0")), &[v("0.2.0")]),
            Err(UpdateError::RolledBack(v("0.2.0")))
        );
    }
}
