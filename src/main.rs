//! `mahalla-kiosk`: the touchscreen terminal.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::Duration;

use clap::Parser;
use mahalla_kiosk::config::Config;
use mahalla_kiosk::printer::service::PrinterService;
use mahalla_kiosk::store::Store;
use mahalla_kiosk::{catalogue, logging};
use mahalla_protocol::catalogue::Catalogue;

#[derive(Parser)]
#[command(version, about = "The mahalla kiosk touchscreen terminal")]
struct Cli {
    /// The configuration file (defaults apply when the default one is absent).
    #[arg(long, env = "KIOSK_CONFIG")]
    config: Option<PathBuf>,
    /// Where the database lives; overrides the configuration file.
    #[arg(long, env = "KIOSK_DATA_DIR")]
    data_dir: Option<PathBuf>,
}

fn main() -> ExitCode {
    logging::init();
    let cli = Cli::parse();
    let mut config = match Config::load(cli.config.as_deref()) {
        Ok(config) => config,
        Err(error) => {
            tracing::error!("{error}");
            return ExitCode::from(2);
        }
    };
    if let Some(data_dir) = cli.data_dir {
        config.data_dir = data_dir;
    }
    let catalogue = match catalogue::bundled() {
        Ok(catalogue) => catalogue,
        Err(error) => {
            tracing::error!("bundled catalogue: {error}");
            return ExitCode::FAILURE;
        }
    };
    let store = match Store::open(&config.data_dir) {
        Ok(store) => store,
        Err(error) => {
            tracing::error!("{error}");
            return ExitCode::FAILURE;
        }
    };
    let waiting = store.queue().map(|queue| queue.len()).unwrap_or_default();
    tracing::info!(
        data_dir = %config.data_dir.display(),
        catalogue_version = catalogue.version,
        services = catalogue.services.len(),
        submissions = waiting,
        "store and catalogue ready"
    );
    print_waiting_receipts(&config, catalogue)
}

/// Prints the receipts that wait (in the demo, to the virtual printer's `receipts/*.png`),
/// reporting each outcome, until the printer has been quiet for a few seconds.
fn print_waiting_receipts(config: &Config, catalogue: Catalogue) -> ExitCode {
    let (events_tx, events) = mpsc::channel();
    let _printer = match PrinterService::start(config, catalogue, events_tx) {
        Ok(service) => service,
        Err(error) => {
            tracing::error!("printer: {error}");
            return ExitCode::FAILURE;
        }
    };
    while let Ok(event) = events.recv_timeout(Duration::from_secs(3)) {
        tracing::info!(?event, "printer");
    }
    ExitCode::SUCCESS
}
