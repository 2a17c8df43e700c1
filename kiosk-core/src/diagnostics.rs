//! The diagnostics archive a technician sends in (`kioskctl diagnostics --out FILE.tar.gz`):
//! versions, the configuration without secrets, queue and sync figures, the printer's state,
//! disk space, the audit log and the kiosk's recent journal. Metadata only: never a payload,
//! a form value, the device key, a PIN hash or the database itself.

use std::io::Write;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::write::GzEncoder;
use serde::Serialize;
use serde_json::json;

use crate::config::Config;
use crate::printer::transport::SerialPrinter;
use crate::report::ConfigReport;
use crate::store::{DATABASE_FILE, Store, StoreError};
use mahalla_escpos::profile::Profile;

/// The systemd unit whose journal goes into `logs.txt`.
pub const SERVICE_UNIT: &str = "mahalla-kiosk";
/// Journal lines in `logs.txt`.
pub const JOURNAL_LINES: u32 = 2000;
/// Audit log lines in `audit.json`.
pub const AUDIT_LINES: u32 = 500;

/// The files in every archive, in this order.
pub const FILES: [&str; 8] = [
    "versions.txt",
    "config.json",
    "queue.json",
    "sync.json",
    "printer.json",
    "disk.json",
    "audit.json",
    "logs.txt",
];

#[derive(Debug, thiserror::Error)]
pub enum DiagnosticsError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot encode {file}: {message}")]
    Encode { file: &'static str, message: String },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// One file of the archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub name: &'static str,
    pub bytes: Vec<u8>,
}

fn json_entry(name: &'static str, value: &impl Serialize) -> Result<Entry, DiagnosticsError> {
    let mut bytes = serde_json::to_vec_pretty(value).map_err(|error| DiagnosticsError::Encode {
        file: name,
        message: error.to_string(),
    })?;
    bytes.push(b'\n');
    Ok(Entry { name, bytes })
}

/// Gathers every file of the archive. `config` is the configuration file's, with the data dir
/// in use; the stored settings are applied here.
pub fn collect(config: &Config, store: &Store) -> Result<Vec<Entry>, DiagnosticsError> {
    let summary = store.outbox_summary()?;
    let depths = &summary.depths;
    let queue = json!({
        "queued": depths.queued,
        "sending": depths.sending,
        "delivered": depths.delivered,
        "quarantined": depths.quarantined,
        "undelivered": depths.queued + depths.sending + depths.quarantined,
        "oldest_undelivered_at": summary.oldest_undelivered_at,
        "receipts_waiting_to_print": store.receipts_to_print()?.len(),
    });
    Ok(vec![
        Entry {
            name: "versions.txt",
            bytes: versions().into_bytes(),
        },
        json_entry("config.json", &ConfigReport::gather(config, store)?)?,
        json_entry("queue.json", &queue)?,
        json_entry("sync.json", &store.sync_state()?)?,
        json_entry("printer.json", &printer(config, store)?)?,
        json_entry("disk.json", &disk(&config.data_dir))?,
        json_entry("audit.json", &store.recent_audit(AUDIT_LINES)?)?,
        Entry {
            name: "logs.txt",
            bytes: journal(),
        },
    ])
}

/// Writes `entries` as a gzipped tar to `out`, whole or not at all: a temporary file beside
/// it is renamed into place once complete.
pub fn write_archive(out: &Path, entries: &[Entry]) -> Result<(), DiagnosticsError> {
    let write_error = |source| DiagnosticsError::Write {
        path: out.to_owned(),
        source,
    };
    let dir = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let temporary = tempfile::NamedTempFile::new_in(dir).map_err(write_error)?;
    let mtime = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let mut builder =
        tar::Builder::new(GzEncoder::new(temporary.as_file(), Compression::default()));
    for entry in entries {
        let mut header = tar::Header::new_gnu();
        header.set_size(entry.bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(mtime);
        builder
            .append_data(&mut header, entry.name, entry.bytes.as_slice())
            .map_err(write_error)?;
    }
    builder
        .into_inner()
        .and_then(GzEncoder::finish)
        .and_then(|mut file| file.flush())
        .and_then(|()| temporary.as_file().sync_all())
        .map_err(write_error)?;
    temporary
        .persist(out)
        .map_err(|error| write_error(error.error))?;
    Ok(())
}

/// Gathers and writes the archive; returns the names of the files in it.
pub fn create(
    out: &Path,
    config: &Config,
    store: &Store,
) -> Result<Vec<&'static str>, DiagnosticsError> {
    let entries = collect(config, store)?;
    write_archive(out, &entries)?;
    Ok(entries.iter().map(|entry| entry.name).collect())
}

fn first_line(path: &str) -> String {
    std::fs::read_to_string(path)
        .map(|text| text.lines().next().unwrap_or_default().trim().to_owned())
        .unwrap_or_else(|error| format!("unknown ({path}: {error})"))
}

fn versions() -> String {
    let os = std::fs::read_to_string("/etc/os-release")
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|line| line.strip_prefix("PRETTY_NAME="))
                .map(|name| name.trim_matches('"').to_owned())
        })
        .unwrap_or_else(|| "unknown".to_owned());
    format!(
        "kioskctl {}\nversion {}\nos {os}\nkernel {} {}\n",
        env!("CARGO_PKG_VERSION"),
        crate::software_update::Versions::running().describe(),
        first_line("/proc/sys/kernel/osrelease"),
        first_line("/proc/sys/kernel/version"),
    )
}

/// The stored printer, the one in use, and what it says now (or why it does not).
fn printer(config: &Config, store: &Store) -> Result<serde_json::Value, StoreError> {
    let stored = store.printer_setup()?;
    let effective = config.with_printer_setup(stored.as_ref()).printer;
    let live = match &effective.port {
        None => json!({ "state": "no port: the virtual printer" }),
        Some(port) => {
            let status = Profile::named(&effective.profile)
                .map_err(|error| error.to_string())
                .and_then(|profile| {
                    SerialPrinter::open(port, &effective, &profile)
                        .and_then(|mut printer| printer.status())
                        .map_err(|error| error.to_string())
                });
            match status {
                Ok(status) => json!({ "state": status.describe() }),
                Err(error) => json!({ "error": error }),
            }
        }
    };
    Ok(json!({
        "stored_setup": stored,
        "port": effective.port.map(|port| port.display().to_string()),
        "baud": effective.baud,
        "profile": effective.profile,
        "flow_control": effective.flow_control,
        "live": live,
    }))
}

fn disk(data_dir: &Path) -> serde_json::Value {
    let database_bytes: u64 = std::fs::read_dir(data_dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter(|entry| {
                    entry
                        .file_name()
                        .to_string_lossy()
                        .starts_with(DATABASE_FILE)
                })
                .filter_map(|entry| entry.metadata().ok())
                .map(|metadata| metadata.len())
                .sum()
        })
        .unwrap_or_default();
    match crate::disk::space(data_dir) {
        Ok(space) => json!({
            "data_dir": data_dir.display().to_string(),
            "free_bytes": space.free_bytes,
            "total_bytes": space.total_bytes,
            "database_bytes": database_bytes,
        }),
        Err(error) => json!({
            "data_dir": data_dir.display().to_string(),
            "error": error.to_string(),
            "database_bytes": database_bytes,
        }),
    }
}

/// The kiosk service's recent journal, or a line saying why there is none.
fn journal() -> Vec<u8> {
    let lines = JOURNAL_LINES.to_string();
    let output = std::process::Command::new("journalctl")
        .args(["-u", SERVICE_UNIT, "-n", &lines, "--no-pager"])
        .stdin(std::process::Stdio::null())
        .output();
    match output {
        Ok(output) => {
            let mut bytes = output.stdout;
            if !output.stderr.is_empty() {
                bytes.extend_from_slice(b"\n-- journalctl said --\n");
                bytes.extend_from_slice(&output.stderr);
            }
            if bytes.is_empty() {
                bytes.extend_from_slice(b"-- no journal entries --\n");
            }
            bytes
        }
        Err(error) => format!("no journal: cannot run journalctl: {error}\n").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fresh_terminal_gives_every_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        let config = Config {
            data_dir: dir.path().to_owned(),
            ..Config::default()
        };
        let entries = collect(&config, &store).expect("collect");
        let names: Vec<_> = entries.iter().map(|entry| entry.name).collect();
        assert_eq!(names, FILES);
        let out = dir.path().join("diagnostics.tar.gz");
        write_archive(&out, &entries).expect("write");
        let mut archive = tar::Archive::new(flate2::read::GzDecoder::new(
            std::fs::File::open(&out).expect("archive"),
        ));
        let listed: Vec<String> = archive
            .entries()
            .expect("entries")
            .map(|entry| {
                entry
                    .expect("entry")
                    .path()
                    .expect("path")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(listed, FILES);
    }
}
