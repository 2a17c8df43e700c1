//! What the terminal and the portal both ask of the machine they run on, written once: the
//! wall clock ([`clock`]), files only their owner can read ([`private_file`]) and SQLite
//! connections with the pragmas that make a commit durable ([`sqlite`]).
//!
//! Small on purpose: anything only one side needs stays on that side.

pub mod clock;
pub mod sqlite;

use std::fs::File;
use std::path::Path;

/// Creates a new file at `path` that only its owner can read and write (mode 0600); fails if
/// the file exists, so a secret is never written over another.
pub fn private_file(path: &Path) -> std::io::Result<File> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_private_file_is_the_owners_alone_and_never_overwritten() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("secret");
        drop(private_file(&path).expect("created"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path)
                .expect("metadata")
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let again = private_file(&path).expect_err("exists already");
        assert_eq!(again.kind(), std::io::ErrorKind::AlreadyExists);
    }
}
