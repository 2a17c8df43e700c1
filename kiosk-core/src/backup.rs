//! A backup of what makes the terminal itself, taken together: the database (a consistent
//! copy without its free pages, so nothing deleted travels along) and the device key, in a
//! new directory readable by its owner only. Restoring puts both back into a data dir that
//! has no database (a replaced disk, a lost file): the queue goes on where it was, under the
//! same device, with the same receipt numbers.

use std::path::{Path, PathBuf};

use crate::device_key::{DeviceKey, DeviceKeyError, KEY_FILE};
use crate::store::{DATABASE_FILE, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum BackupError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("the backup's device key: {0}")]
    Key(#[from] DeviceKeyError),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0} already exists: a backup goes into a new directory")]
    Exists(PathBuf),
    #[error("{0} holds no terminal database: it is not a backup")]
    NotABackup(PathBuf),
    #[error(
        "{0} already has a database: a backup is restored only where there is none (move the data dir away first)"
    )]
    WouldReplace(PathBuf),
}

/// What a restore put back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Restored {
    /// The enrolled device, if the backup is of an enrolled terminal.
    pub device_id: Option<String>,
    /// Submissions not yet delivered to the portal.
    pub undelivered: u64,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BackupError + '_ {
    move |source| BackupError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Copies the terminal whose store is `store` and data dir `data_dir` into the new directory
/// `out` (mode 0700; the key file 0600).
pub fn backup(store: &Store, data_dir: &Path, out: &Path) -> Result<(), BackupError> {
    let mut builder = std::fs::DirBuilder::new();
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(out).map_err(|error| match error.kind() {
        std::io::ErrorKind::AlreadyExists => BackupError::Exists(out.to_owned()),
        _ => BackupError::Io {
            path: out.to_owned(),
            source: error,
        },
    })?;
    store.copy_to(&out.join(DATABASE_FILE))?;
    let key = data_dir.join(KEY_FILE);
    if key.exists() {
        copy_private(&key, &out.join(KEY_FILE))?;
    }
    sync_dir(out)
}

/// Puts the backup in `from` into `data_dir`, which must have no database. The backup's key
/// must be the key of the device its database is enrolled as.
pub fn restore(from: &Path, data_dir: &Path) -> Result<Restored, BackupError> {
    if !from.join(DATABASE_FILE).exists() {
        return Err(BackupError::NotABackup(from.to_owned()));
    }
    let backup = Store::open_read_only(from)?;
    let device_id = backup.enrolment()?.map(|enrolment| enrolment.device_id);
    if device_id.is_some() || from.join(KEY_FILE).exists() {
        DeviceKey::of_terminal(from, device_id.as_deref())?;
    }
    let undelivered = backup.undelivered_count()?;
    drop(backup);

    let database = data_dir.join(DATABASE_FILE);
    if std::fs::metadata(&database).is_ok_and(|file| file.len() > 0) {
        return Err(BackupError::WouldReplace(data_dir.to_owned()));
    }
    std::fs::create_dir_all(data_dir).map_err(io(data_dir))?;
    for stale in ["-wal", "-shm"] {
        let path = data_dir.join(format!("{DATABASE_FILE}{stale}"));
        match std::fs::remove_file(&path) {
            Err(error) if error.kind() != std::io::ErrorKind::NotFound => {
                return Err(io(&path)(error));
            }
            _ => {}
        }
    }
    // The database first: a key without it is refused, a database without its key says so.
    replace_with(&from.join(DATABASE_FILE), &database)?;
    if from.join(KEY_FILE).exists() {
        replace_with(&from.join(KEY_FILE), &data_dir.join(KEY_FILE))?;
    }
    sync_dir(data_dir)?;
    Ok(Restored {
        device_id,
        undelivered,
    })
}

/// Writes a private copy of `from` beside `to` and renames it into place.
fn replace_with(from: &Path, to: &Path) -> Result<(), BackupError> {
    let staged = to.with_extension("restoring");
    let _ = std::fs::remove_file(&staged);
    copy_private(from, &staged)?;
    std::fs::rename(&staged, to).map_err(io(to))
}

/// Copies `from` to the new file `to` (mode 0600) and syncs it, without holding the whole
/// database in memory.
fn copy_private(from: &Path, to: &Path) -> Result<(), BackupError> {
    let mut source = std::fs::File::open(from).map_err(io(from))?;
    let mut file = mahalla_host::private_file(to).map_err(io(to))?;
    std::io::copy(&mut source, &mut file)
        .and_then(|_| file.sync_all())
        .map_err(io(to))
}

fn sync_dir(dir: &Path) -> Result<(), BackupError> {
    std::fs::File::open(dir)
        .and_then(|dir| dir.sync_all())
        .map_err(io(dir))
}
