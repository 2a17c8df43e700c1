//! The printer as the terminal runs it: the configured serial printer, or, in the demo (no
//! port configured), the virtual printer writing `receipts/*.png` under the data dir.

use std::sync::Arc;
use std::sync::mpsc::Sender;

use mahalla_protocol::catalogue::Catalogue;

use super::emulator::{EmulatorError, VirtualPrinter};
use super::worker::{PrintSettings, PrintWorker, PrinterEvent, WorkerError};
use crate::config::{Config, PrinterSetup};
use mahalla_escpos::profile::{Profile, ProfileError};

/// The folder under the data dir where the demo's receipts are drawn.
pub const DEMO_RECEIPTS_DIR: &str = "receipts";

#[derive(Debug, thiserror::Error)]
pub enum ServiceError {
    #[error(transparent)]
    Profile(#[from] ProfileError),
    #[error(transparent)]
    Emulator(#[from] EmulatorError),
    #[error(transparent)]
    Worker(#[from] WorkerError),
}

/// The running printer worker, and the virtual printer it prints to in the demo.
pub struct PrinterService {
    pub worker: PrintWorker,
    /// Dropped after the worker, so the worker never loses its port mid-print.
    pub virtual_printer: Option<VirtualPrinter>,
}

impl PrinterService {
    pub fn start(
        config: &Config,
        catalogue: Arc<Catalogue>,
        events: Sender<PrinterEvent>,
    ) -> Result<PrinterService, ServiceError> {
        let profile = Profile::named(&config.printer.profile)?;
        let (port, virtual_printer) = match &config.printer.port {
            Some(port) => (port.clone(), None),
            None => {
                let receipts = config.data_dir.join(DEMO_RECEIPTS_DIR);
                let printer = VirtualPrinter::start(profile.clone(), Some(receipts))?;
                (printer.path().into(), Some(printer))
            }
        };
        let settings = PrintSettings::from_config(config, port, profile);
        let worker = PrintWorker::spawn(settings, catalogue, events)?;
        Ok(PrinterService {
            worker,
            virtual_printer,
        })
    }

    /// A print worker for the printer chosen on the terminal itself (the wizard's printer
    /// step), with the rest of the printer settings from `config`.
    pub fn start_chosen(
        config: &Config,
        chosen: &PrinterSetup,
        catalogue: Arc<Catalogue>,
        events: Sender<PrinterEvent>,
    ) -> Result<PrintWorker, ServiceError> {
        let config = config.with_printer_setup(Some(chosen));
        let profile = Profile::named(&chosen.profile)?;
        let settings = PrintSettings::from_config(&config, chosen.port.clone(), profile);
        Ok(PrintWorker::spawn(settings, catalogue, events)?)
    }
}
