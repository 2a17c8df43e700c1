//! Software updates on the terminal: which version runs, checking a bundle, and the two sides
//! of installing one.
//!
//! - **Two users.** The app (user `kiosk`) downloads a bundle from the portal into its data
//!   dir, shows staff where an update stands and asks for an install ([`request`]). The
//!   installer runs as root, in its own directory outside the data dir
//!   ([`crate::config::UpdateConfig::system_dir`]): it copies a bundle from a USB stick or
//!   from the app's download while checking it, so what it installs is bytes only root
//!   could write, has systemd-sysupdate write them into the other slot, and keeps the state
//!   everyone reads ([`status`]).
//! - **Layout.** App: `<data_dir>/update/download/<version>/` while downloading,
//!   `<data_dir>/update/ready/<version>/` once checked, `<data_dir>/update/request.json` to ask
//!   for an install. Installer: `<system_dir>/bundle/` (the checked bundle systemd-sysupdate
//!   reads), `<system_dir>/status.json`.

pub mod bundle;
pub mod download;
pub mod installer;
pub mod request;
pub mod status;
mod versions;

pub use versions::{ARCHITECTURE, Versions};

use std::path::{Path, PathBuf};

/// The app's update directory inside its data dir.
pub fn app_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("update")
}

/// Where the app keeps a bundle it downloaded and checked.
pub fn ready_dir(data_dir: &Path) -> PathBuf {
    app_dir(data_dir).join("ready")
}

/// Where the app downloads a bundle to.
pub fn download_dir(data_dir: &Path) -> PathBuf {
    app_dir(data_dir).join("download")
}

/// The checked bundle the installer hands to systemd-sysupdate.
pub fn bundle_dir(system_dir: &Path) -> PathBuf {
    system_dir.join("bundle")
}

/// Replaces `dir/name` whole with `bytes` (a new file of `mode`, synced, renamed over the
/// old one), so a reader never sees half of it, even after a power cut.
fn replace_file(dir: &Path, name: &str, bytes: &[u8], mode: u32) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(".{name}.new"));
    let _ = std::fs::remove_file(&temporary);
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(mode)
        .open(&temporary)?;
    file.write_all(bytes)?;
    file.sync_all()?;
    std::fs::rename(&temporary, dir.join(name))?;
    std::fs::File::open(dir)?.sync_all()
}

/// The directory a USB stick carries its bundle in.
pub const STICK_DIR: &str = "mahalla-kiosk-update";
