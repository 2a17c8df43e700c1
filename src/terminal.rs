//! The terminal put together: the store and its thread, the receipt printer (the virtual
//! printer in the demo), the sync worker and the shell on a window of the current Slint
//! platform. `mahalla-kiosk` runs it on the display; the memory benchmark runs the same
//! assembly headless.

use std::rc::Rc;
use std::sync::Arc;

use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::printer::service::PrinterService;
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_kiosk_core::sync::{self, SyncOptions};
use mahalla_protocol::catalogue::Catalogue;

use crate::ui::{AppWindow, Dependencies, PrinterLink, Setup, Shell, UpdateSetup};

/// The running terminal. Its fields drop in order: the window, the shell with its workers,
/// then the virtual printer, so the print worker never loses its port mid-print.
pub struct Terminal {
    pub app: AppWindow,
    pub shell: Rc<Shell>,
    /// The demo's printer, when no port is configured.
    pub virtual_printer: Option<VirtualPrinter>,
}

impl Terminal {
    /// Opens the store in `config`'s data dir, starts the printer and sync workers and
    /// attaches the shell to a new window. A printer or a sync that cannot start is logged
    /// and left out, as the terminal works on without them; the window is not shown yet.
    pub fn start(config: &Config, catalogue: Catalogue) -> Result<Terminal, String> {
        // One copy, shared by the screen and the print worker.
        let catalogue = Arc::new(catalogue);
        let store = Store::open(&config.data_dir).map_err(|e| e.to_string())?;
        // A printer set up on the terminal itself wins over the file.
        let config = &store.effective_config(config).unwrap_or_else(|error| {
            tracing::error!(%error, "the stored printer setting is unreadable");
            config.clone()
        });
        // With no port configured, receipts go to the virtual printer under the data dir.
        let (events_tx, events) = std::sync::mpsc::channel();
        let setup = config.first_boot_wizard.then(|| Setup {
            config: config.clone(),
            printer_events: events_tx.clone(),
        });
        let (worker, virtual_printer) = match PrinterService::start(
            config,
            Arc::clone(&catalogue),
            events_tx,
        ) {
            Ok(service) => (Some(service.worker), service.virtual_printer),
            Err(error) => {
                tracing::error!(%error, "no receipt printer: receipts wait in the reprint queue");
                (None, None)
            }
        };
        // The sync worker waits quietly until the terminal is enrolled.
        let options = SyncOptions {
            tls: config.tls.clone(),
            update: config.update.clone(),
            ..SyncOptions::default()
        };
        let sync = match sync::spawn(config.data_dir.clone(), options) {
            Ok(handle) => Some(handle),
            Err(error) => {
                tracing::error!(%error, "no sync with the portal: submissions stay queued");
                None
            }
        };
        let store =
            StoreWorker::start(store).map_err(|e| format!("cannot start the store thread: {e}"))?;
        let app = crate::ui::open_window().map_err(|e| format!("cannot open the display: {e}"))?;
        let shell = Shell::attach(
            &app,
            Dependencies {
                catalogue,
                translations: Translations::load().map_err(|e| e.to_string())?,
                store,
                default_lang: config.language,
                idle_timeout: config.idle_timeout,
                printer: Some(PrinterLink { worker, events }),
                sync,
                setup,
                software_update: Some(UpdateSetup {
                    data_dir: config.data_dir.clone(),
                    config: config.update.clone(),
                }),
            },
        );
        Ok(Terminal {
            app,
            shell,
            virtual_printer,
        })
    }
}
