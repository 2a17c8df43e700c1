//! The terminal's own Ed25519 key: generated on first use, kept in the data dir readable by
//! the kiosk user only (mode 0600). It signs every request to the portal and the QR on every
//! receipt; its fingerprint is the device id.

use std::io::Write;
use std::path::{Path, PathBuf};

use data_encoding::BASE64URL_NOPAD;
use ed25519_dalek::SigningKey;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::signing;
use rand::RngCore;

pub const KEY_FILE: &str = "device-key";

#[derive(Debug, thiserror::Error)]
pub enum DeviceKeyError {
    #[error("device key {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("device key {0} is not 32 bytes of base64url")]
    Malformed(PathBuf),
    #[error(
        "this terminal is enrolled as {enrolled}, but its device key {path} is missing: put back the key from the backup of this data dir; a new key would not be the enrolled terminal, so none is made"
    )]
    MissingForEnrolment { path: PathBuf, enrolled: String },
    #[error(
        "the device key {path} is device {found}'s, but this terminal is enrolled as {enrolled}: put back the enrolled terminal's key from the backup of this data dir"
    )]
    NotTheEnrolledKey {
        path: PathBuf,
        enrolled: String,
        found: String,
    },
}

pub struct DeviceKey {
    signing: SigningKey,
    device_id: String,
}

impl DeviceKey {
    /// Reads the key from `data_dir`, creating it first if there is none. Creation writes a
    /// temporary file with mode 0600, syncs it and renames it into place, so a power cut
    /// leaves either no key or a whole one.
    pub fn load_or_create(data_dir: &Path) -> Result<DeviceKey, DeviceKeyError> {
        let path = data_dir.join(KEY_FILE);
        let io = |source| DeviceKeyError::Io {
            path: path.clone(),
            source,
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let bytes: [u8; 32] = BASE64URL_NOPAD
                    .decode(text.trim().as_bytes())
                    .ok()
                    .and_then(|bytes| bytes.try_into().ok())
                    .ok_or_else(|| DeviceKeyError::Malformed(path.clone()))?;
                Ok(DeviceKey::from_signing(SigningKey::from_bytes(&bytes)))
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                std::fs::create_dir_all(data_dir).map_err(io)?;
                let mut seed = [0u8; 32];
                rand::rng().fill_bytes(&mut seed);
                let signing = SigningKey::from_bytes(&seed);
                let temporary = data_dir.join(format!("{KEY_FILE}.new"));
                let _ = std::fs::remove_file(&temporary);
                let mut file = mahalla_host::private_file(&temporary).map_err(io)?;
                file.write_all(BASE64URL_NOPAD.encode(&seed).as_bytes())
                    .and_then(|()| file.sync_all())
                    .map_err(io)?;
                std::fs::rename(&temporary, &path).map_err(io)?;
                std::fs::File::open(data_dir)
                    .and_then(|dir| dir.sync_all())
                    .map_err(io)?;
                Ok(DeviceKey::from_signing(signing))
            }
            Err(error) => Err(io(error)),
        }
    }

    /// The key of a terminal enrolled as `enrolled` (`None`: not enrolled, and the key is made
    /// on first use). An enrolled terminal's key is never made again: a missing one, or one of
    /// another device, is an error that says what to do.
    pub fn of_terminal(
        data_dir: &Path,
        enrolled: Option<&str>,
    ) -> Result<DeviceKey, DeviceKeyError> {
        let Some(enrolled) = enrolled else {
            return DeviceKey::load_or_create(data_dir);
        };
        let path = data_dir.join(KEY_FILE);
        if !path.exists() {
            return Err(DeviceKeyError::MissingForEnrolment {
                path,
                enrolled: enrolled.to_owned(),
            });
        }
        let key = DeviceKey::load_or_create(data_dir)?;
        if key.device_id() != enrolled {
            return Err(DeviceKeyError::NotTheEnrolledKey {
                path,
                enrolled: enrolled.to_owned(),
                found: key.device_id().to_owned(),
            });
        }
        Ok(key)
    }

    fn from_signing(signing: SigningKey) -> DeviceKey {
        DeviceKey {
            device_id: signing::device_id(&signing.verifying_key()),
            signing,
        }
    }

    pub fn device_id(&self) -> &str {
        &self.device_id
    }

    pub fn signing_key(&self) -> &SigningKey {
        &self.signing
    }

    pub fn public_key(&self) -> String {
        signing::encode_public_key(&self.signing.verifying_key())
    }

    /// The signed QR text for a receipt.
    pub fn receipt_qr(&self, status_url: &str, receipt_code: ReceiptCode) -> ReceiptQr {
        ReceiptQr::sign(&self.signing, status_url, receipt_code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_is_created_once_private_and_signs_receipts() {
        let dir = tempfile::tempdir().expect("temp dir");
        let key = DeviceKey::load_or_create(dir.path()).expect("create");
        let again = DeviceKey::load_or_create(dir.path()).expect("load");
        assert_eq!(key.device_id(), again.device_id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(KEY_FILE))
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let code = ReceiptCode::new(0, 5).expect("code");
        let qr = key.receipt_qr("https://portal.example.uz/", code);
        let parsed = ReceiptQr::parse(&qr.text()).expect("parse");
        assert_eq!(parsed.verify(&again.signing_key().verifying_key()), Ok(()));
    }
}
