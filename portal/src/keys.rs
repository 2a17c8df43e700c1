//! The portal's own key: an `age` X25519 identity that terminals encrypt payloads to. Created
//! on first start in the data dir, readable by the portal's user only.

use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;

pub const IDENTITY_FILE: &str = "age-identity.txt";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read or write the key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {0} does not hold an age X25519 identity")]
    Parse(PathBuf),
}

pub struct PortalKeys {
    pub identity: age::x25519::Identity,
    /// The public recipient, `age1…`.
    pub recipient: String,
}

impl PortalKeys {
    /// Reads the identity from the data dir, creating it (mode 0600) when absent.
    pub fn load_or_create(data_dir: &Path) -> Result<PortalKeys, KeyError> {
        let path = data_dir.join(IDENTITY_FILE);
        let io = |source| KeyError::Io {
            path: path.clone(),
            source,
        };
        let identity = match std::fs::read_to_string(&path) {
            Ok(text) => text
                .lines()
                .find(|line| !line.starts_with('#') && !line.trim().is_empty())
                .and_then(|line| line.trim().parse::<age::x25519::Identity>().ok())
                .ok_or_else(|| KeyError::Parse(path.clone()))?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                let identity = age::x25519::Identity::generate();
                let mut file = mahalla_host::private_file(&path).map_err(io)?;
                writeln!(
                    file,
                    "# mahalla portal payload key; public: {}\n{}",
                    identity.to_public(),
                    identity.to_string().expose_secret()
                )
                .and_then(|()| file.sync_all())
                .map_err(io)?;
                identity
            }
            Err(error) => return Err(io(error)),
        };
        Ok(PortalKeys {
            recipient: identity.to_public().to_string(),
            identity,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_identity_is_created_once_and_private() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = PortalKeys::load_or_create(dir.path()).expect("create");
        let again = PortalKeys::load_or_create(dir.path()).expect("load");
        assert_eq!(first.recipient, again.recipient);
        assert!(first.recipient.starts_with("age1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(IDENTITY_FILE))
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
