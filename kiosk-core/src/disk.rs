//! Room on the filesystem that holds the data dir, for the heartbeat and the diagnostics.

use std::path::Path;

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct DiskSpace {
    /// What an unprivileged process may still write.
    pub free_bytes: u64,
    pub total_bytes: u64,
}

/// The space on the filesystem holding `path`, or why it cannot be read.
pub fn space(path: &Path) -> std::io::Result<DiskSpace> {
    let stats = rustix::fs::statvfs(path)?;
    Ok(DiskSpace {
        free_bytes: stats.f_bavail.saturating_mul(stats.f_frsize),
        total_bytes: stats.f_blocks.saturating_mul(stats.f_frsize),
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_temp_dir_has_room() {
        let dir = tempfile::tempdir().expect("temp dir");
        let space = super::space(dir.path()).expect("statvfs");
        assert!(space.total_bytes > 0 && space.free_bytes <= space.total_bytes);
        assert!(super::space(&dir.path().join("missing")).is_err());
    }
}
