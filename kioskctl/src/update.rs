//! `kioskctl update …` and `kioskctl health`: software updates as technicians, the installer
//! services and the boot check use them. The installer's commands (`take-stick`, `install`,
//! `settle`) run as root from systemd units; the others as anyone.

use std::path::{Path, PathBuf};
use std::process::Command;

use clap::Subcommand;
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::software_update::Versions;
use mahalla_kiosk_core::software_update::bundle::{self, Installable};
use mahalla_kiosk_core::software_update::download::Fetched;
use mahalla_kiosk_core::software_update::installer::Installer;
use mahalla_kiosk_core::software_update::request::{self, InstallRequest};
use mahalla_kiosk_core::software_update::status::{self, InstallerStatus};
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::sync::{self, SyncOptions};
use mahalla_protocol::software_update::UpdateState;
use serde::Serialize;

use crate::{Failure, print_json};

/// What writes a slot: systemd-sysupdate with the transfers in `/usr/lib/sysupdate.d/`.
const SYSUPDATE: &str = "/usr/lib/systemd/systemd-sysupdate";

#[derive(Subcommand)]
pub enum UpdateCommand {
    /// The versions running and where an update stands.
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Check a bundle directory: signed with the update key, for this terminal, newer than
    /// what runs, every file whole.
    Check { dir: PathBuf },
    /// Download the software update the portal announces now (what the kiosk does in the
    /// background), resuming a download cut short. Stop the kiosk first.
    Fetch,
    /// Ask for the waiting update to be installed (what staff's "update now" does); the
    /// installer service takes it.
    Request,
    /// (installer, root) Keep the update a USB stick mounted at STICK carries, checked.
    TakeStick { stick: PathBuf },
    /// (installer, root) Install the update asked for into the other slot, then restart.
    Install {
        /// Do not restart after installing.
        #[arg(long)]
        no_reboot: bool,
    },
    /// (installer, root) After a boot: note a rolled-back version, or an install cut short.
    Settle,
}

#[derive(Serialize)]
struct StatusReport {
    app_version: &'static str,
    image_version: Option<String>,
    update: UpdateState,
    rolled_back: Vec<String>,
    install_asked: bool,
}

fn terminal(error: impl std::fmt::Display) -> Failure {
    Failure::Terminal(error.to_string())
}

pub fn run(config: &Config, command: UpdateCommand) -> Result<(), Failure> {
    let versions = Versions::running();
    let update = &config.update;
    let installer = Installer {
        data_dir: &config.data_dir,
        config: update,
        versions,
    };
    match command {
        UpdateCommand::Status { json } => {
            let report = StatusReport {
                app_version: versions.app,
                image_version: versions.image.map(|version| version.to_string()),
                update: status::current(&config.data_dir, &update.system_dir, versions.image),
                rolled_back: InstallerStatus::read(&update.system_dir)
                    .rolled_back
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
                install_asked: request::pending(&config.data_dir),
            };
            if json {
                return print_json(&report);
            }
            println!("version       {}", versions.describe());
            println!("update        {}", status::describe(&report.update));
            if !report.rolled_back.is_empty() {
                println!("rolled back   {}", report.rolled_back.join(", "));
            }
            if report.install_asked {
                println!("install       asked for, waiting for the installer");
            }
            Ok(())
        }
        UpdateCommand::Check { dir } => {
            let key = bundle::read_key(&update.key).map_err(terminal)?;
            let rolled_back = InstallerStatus::read(&update.system_dir).rolled_back;
            let manifest = bundle::check(
                &dir,
                &key,
                Installable {
                    running: versions.image,
                    rolled_back: &rolled_back,
                },
            )
            .map_err(|error| Failure::Input(format!("refused: {error}")))?;
            println!(
                "{} {} for {}: signed, {} files, {} bytes, all whole",
                manifest.product,
                manifest.version,
                manifest.architecture,
                manifest.files.len(),
                manifest.total_bytes()
            );
            Ok(())
        }
        UpdateCommand::Fetch => {
            let options = SyncOptions {
                tls: config.tls.clone(),
                update: update.clone(),
                ..SyncOptions::default()
            };
            let started = std::time::Instant::now();
            match sync::fetch_software_update(&config.data_dir, options).map_err(terminal)? {
                None => println!("the portal offers no software update"),
                Some(Ok(Fetched::Ready(version))) => println!(
                    "{version} downloaded and checked in {:.1} s; ready to install",
                    started.elapsed().as_secs_f64()
                ),
                Some(Ok(Fetched::Nothing)) => println!(
                    "nothing to download: {}",
                    status::describe(&status::current(
                        &config.data_dir,
                        &update.system_dir,
                        versions.image
                    ))
                ),
                Some(Ok(Fetched::Refused(reason))) => {
                    return Err(Failure::Input(format!("refused: {reason}")));
                }
                Some(Err(error)) => {
                    return Err(Failure::Terminal(format!(
                        "{error}; run it again to resume"
                    )));
                }
            }
            Ok(())
        }
        UpdateCommand::Request => {
            let state = status::current(&config.data_dir, &update.system_dir, versions.image);
            let UpdateState::Ready { version, source } = state else {
                return Err(Failure::Input(format!(
                    "no update is ready to install ({})",
                    status::describe(&state)
                )));
            };
            request::ask(&config.data_dir, InstallRequest { version, source }).map_err(terminal)?;
            println!("asked to install {version}; the terminal restarts once it is written");
            Ok(())
        }
        UpdateCommand::TakeStick { stick } => {
            let state = installer.take_stick(&stick).map_err(terminal)?;
            println!("{}", status::describe(&state));
            match state {
                UpdateState::Refused { .. } => Err(Failure::Input(status::describe(&state))),
                _ => Ok(()),
            }
        }
        UpdateCommand::Install { no_reboot } => {
            let started = std::time::Instant::now();
            let installed = installer
                .install(|version| write_slot(&version.to_string()))
                .map_err(terminal)?;
            let Some(version) = installed else {
                println!("no install was asked for");
                return Ok(());
            };
            println!(
                "{version} written into the other slot in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            if !no_reboot {
                reboot()?;
            }
            Ok(())
        }
        UpdateCommand::Settle => {
            let state = installer.settle().map_err(terminal)?;
            println!("{}", status::describe(&state));
            Ok(())
        }
    }
}

/// systemd-sysupdate installs `version` from the installer's checked bundle.
fn write_slot(version: &str) -> Result<(), String> {
    let output = Command::new(SYSUPDATE)
        .args(["--no-pager", "update", version])
        .output()
        .map_err(|error| format!("{SYSUPDATE}: {error}"))?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let last: Vec<&str> = said.lines().rev().take(3).collect();
    Err(format!(
        "{SYSUPDATE} {}: {}",
        output.status,
        last.into_iter().rev().collect::<Vec<_>>().join(" / ")
    ))
}

fn reboot() -> Result<(), Failure> {
    let status = Command::new("systemctl")
        .arg("reboot")
        .status()
        .map_err(terminal)?;
    if status.success() {
        Ok(())
    } else {
        Err(Failure::Terminal(format!("systemctl reboot: {status}")))
    }
}

/// The boot check: the database opens and passes SQLite's integrity check.
pub fn health(data_dir: &Path) -> Result<(), Failure> {
    let store = Store::open_to_look(data_dir).map_err(terminal)?;
    let problems = store.integrity_check().map_err(terminal)?;
    if problems != ["ok"] {
        return Err(Failure::Terminal(format!(
            "the database fails its integrity check: {}",
            problems.join("; ")
        )));
    }
    println!(
        "healthy: {}, the database opens and checks",
        Versions::running().describe()
    );
    Ok(())
}
