//! `kioskctl config show` and `kioskctl diagnostics`: what the terminal says about itself,
//! without secrets or personal data.

use std::path::{Path, PathBuf};

use clap::Subcommand;
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::diagnostics;
use mahalla_kiosk_core::report::ConfigReport;
use mahalla_kiosk_core::store::Store;

use crate::{Failure, print_json};

#[derive(Subcommand)]
pub enum ConfigCommand {
    /// The configuration in use (file and settings stored on the terminal), the enrolment and
    /// the number of staff. No PIN hashes, no keys.
    Show {
        #[arg(long)]
        json: bool,
    },
}

fn terminal(error: impl std::fmt::Display) -> Failure {
    Failure::Terminal(error.to_string())
}

pub fn config(config: &Config, command: ConfigCommand) -> Result<(), Failure> {
    let ConfigCommand::Show { json } = command;
    let store = Store::open_to_look(&config.data_dir).map_err(terminal)?;
    let report = ConfigReport::gather(config, &store).map_err(terminal)?;
    if json {
        return print_json(&report);
    }
    for line in report.lines() {
        println!("{line}");
    }
    Ok(())
}

pub fn diagnostics(config: &Config, out: &Path) -> Result<(), Failure> {
    let store = Store::open_to_look(&config.data_dir).map_err(terminal)?;
    let files = diagnostics::create(out, config, &store).map_err(terminal)?;
    println!("{} written: {}", out.display(), files.join(", "));
    Ok(())
}

/// Where `kioskctl diagnostics` writes.
#[derive(clap::Args)]
pub struct DiagnosticsArgs {
    /// The archive to write, e.g. diagnostics.tar.gz.
    #[arg(long)]
    pub out: PathBuf,
}
