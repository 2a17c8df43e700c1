//! The app asks the installer to install a checked update: `<data_dir>/update/request.json`,
//! which a systemd path unit watches to start the installer as root. The installer takes
//! (reads and removes) it; it never trusts more of it than a version and a source.

use std::io::Read;
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use mahalla_protocol::software_update::{Source, Version};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstallRequest {
    pub version: Version,
    pub source: Source,
}

const REQUEST_FILE: &str = "request.json";

fn path(data_dir: &Path) -> PathBuf {
    super::app_dir(data_dir).join(REQUEST_FILE)
}

/// Asks for an install (the app's side): written whole, then renamed into place, so the
/// installer never reads half a request.
pub fn ask(data_dir: &Path, request: InstallRequest) -> std::io::Result<()> {
    let bytes = serde_json::to_vec(&request).map_err(std::io::Error::other)?;
    super::replace_file(&super::app_dir(data_dir), REQUEST_FILE, &bytes, 0o600)
}

/// Whether an install was asked for and not yet taken.
pub fn pending(data_dir: &Path) -> bool {
    path(data_dir).exists()
}

/// Takes the request (the installer's side): read without following a link, at most a
/// kilobyte, then removed whether it reads or not, and the removal made durable, so a request
/// taken is not taken again after a power cut.
pub fn take(data_dir: &Path) -> std::io::Result<Option<InstallRequest>> {
    let path = path(data_dir);
    let file = std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(rustix::fs::OFlags::NOFOLLOW.bits() as i32)
        .open(&path);
    let mut file = match file {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(error) => {
            let _ = std::fs::remove_file(&path);
            return Err(error);
        }
    };
    let mut bytes = Vec::new();
    let read = Read::by_ref(&mut file).take(1024).read_to_end(&mut bytes);
    std::fs::remove_file(&path)?;
    std::fs::File::open(super::app_dir(data_dir))?.sync_all()?;
    read?;
    serde_json::from_slice(&bytes)
        .map(Some)
        .map_err(std::io::Error::other)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_taken_once() {
        let dir = tempfile::tempdir().expect("dir");
        let request = InstallRequest {
            version: "0.2.0".parse().expect("version"),
            source: Source::Usb,
        };
        assert_eq!(take(dir.path()).expect("none"), None);
        ask(dir.path(), request).expect("ask");
        assert!(pending(dir.path()));
        assert_eq!(take(dir.path()).expect("take"), Some(request));
        assert!(!pending(dir.path()));
        assert_eq!(take(dir.path()).expect("gone"), None);

        std::fs::write(path(dir.path()), b"{not json").expect("garbage");
        assert!(take(dir.path()).is_err());
        assert!(!pending(dir.path()), "a bad request is removed too");
    }
}
