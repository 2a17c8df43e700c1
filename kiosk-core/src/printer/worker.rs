//! The printer worker: a thread that prints every waiting receipt from the store, keeps the
//! ones that fail queued with the reason, and tries again whenever the printer reports
//! ready, when a new receipt is waiting, or when staff asks for a reprint. The UI hears
//! about each outcome through a channel and never waits for the printer.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::receipt_code::ReceiptCode;

use super::transport::{PrintError, SerialPrinter};
use crate::config::{Config, PrinterConfig};
use crate::device_key::{DeviceKey, DeviceKeyError};
use crate::store::{Store, StoreError, WaitingReceipt};
use mahalla_escpos::glyphs::Glyphs;
use mahalla_escpos::profile::Profile;
use mahalla_escpos::receipt::{DEFAULT_STATUS_URL, Receipt, ReceiptFacts};
use mahalla_escpos::status_slip::StatusSlip;
use mahalla_escpos::{PrintoutError, receipt_bytes, status_slip_bytes};

/// What the worker needs to know.
#[derive(Debug, Clone)]
pub struct PrintSettings {
    pub data_dir: PathBuf,
    pub port: PathBuf,
    pub printer: PrinterConfig,
    pub profile: Profile,
    /// The mahalla as the receipt names it.
    pub mahalla: String,
    /// Where status pages are until the terminal is enrolled: the configured portal URL.
    /// Once enrolled, receipts name the portal the terminal is enrolled with, as sync does.
    pub status_url: String,
    /// How often the printer is asked whether it is ready while receipts wait.
    pub poll: Duration,
}

impl PrintSettings {
    /// The settings for printing on `port` with the configuration's mahalla and portal.
    pub fn from_config(config: &Config, port: PathBuf, profile: Profile) -> PrintSettings {
        let status_url = config
            .portal_url
            .as_ref()
            .map_or(DEFAULT_STATUS_URL, url::Url::as_str)
            .trim_end_matches('/')
            .to_owned();
        PrintSettings {
            data_dir: config.data_dir.clone(),
            port,
            printer: config.printer.clone(),
            profile,
            mahalla: config.mahalla.clone().unwrap_or_else(|| "—".to_owned()),
            status_url,
            poll: Duration::from_secs(2),
        }
    }
}

/// What the UI is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrinterEvent {
    Printed {
        code: ReceiptCode,
        reprint: bool,
    },
    /// The receipt stays queued; told once per new reason.
    NotPrinted {
        code: ReceiptCode,
        error: PrintError,
    },
    /// Printed, but the roll is nearly used up.
    PaperNearEnd,
    /// The store failed; the receipts stay as they were.
    Store(String),
    /// A status slip came out.
    SlipPrinted {
        code: ReceiptCode,
    },
    /// A status slip could not be printed; it is not kept (the resident can ask again).
    SlipNotPrinted {
        code: ReceiptCode,
        error: PrintError,
    },
}

enum Request {
    PrintWaiting,
    /// A receipt asked for again, and who asked (for the audit log).
    Reprint(ReceiptCode, String),
    /// A status slip for the resident at the screen.
    Slip(Box<StatusSlip>),
}

#[derive(Debug, thiserror::Error)]
pub enum WorkerError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Printout(#[from] PrintoutError),
    #[error(transparent)]
    DeviceKey(#[from] DeviceKeyError),
    #[error("another print worker is printing from this data dir")]
    Busy,
    #[error("lock file {path}: {source}")]
    Lock {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
}

/// The lock file that makes one print worker at a time per data dir, so no receipt is
/// printed by two.
pub const PRINT_LOCK_FILE: &str = "print.lock";

/// The running worker; dropping it stops the thread (after the print pass under way) and
/// frees the data dir for the next worker.
pub struct PrintWorker {
    requests: Option<Sender<Request>>,
    thread: Option<JoinHandle<()>>,
    _lock: std::fs::File,
}

/// Takes the print lock of `data_dir`; [`WorkerError::Busy`] while another worker holds it.
fn take_print_lock(data_dir: &std::path::Path) -> Result<std::fs::File, WorkerError> {
    let path = data_dir.join(PRINT_LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|source| WorkerError::Lock {
            path: path.clone(),
            source,
        })?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(WorkerError::Busy),
        Err(std::fs::TryLockError::Error(source)) => Err(WorkerError::Lock { path, source }),
    }
}

struct Worker {
    settings: PrintSettings,
    /// Shared with the screen; replaced when a receipt needs a newer one.
    catalogue: Arc<Catalogue>,
    store: Store,
    glyphs: Glyphs,
    /// Signs the QR on every receipt.
    key: DeviceKey,
    events: Sender<PrinterEvent>,
}

impl PrintWorker {
    /// Opens the store, the font and the device key (creating it on first use, never for an
    /// enrolled terminal), then starts
    /// printing what waits.
    pub fn spawn(
        settings: PrintSettings,
        catalogue: Arc<Catalogue>,
        events: Sender<PrinterEvent>,
    ) -> Result<PrintWorker, WorkerError> {
        let store = Store::open(&settings.data_dir)?;
        let lock = take_print_lock(&settings.data_dir)?;
        let enrolled = store.enrolment()?.map(|enrolment| enrolment.device_id);
        let worker = Worker {
            key: DeviceKey::of_terminal(&settings.data_dir, enrolled.as_deref())?,
            store,
            glyphs: Glyphs::load().map_err(PrintoutError::from)?,
            settings,
            catalogue,
            events,
        };
        let (requests, incoming) = mpsc::channel();
        let thread = std::thread::spawn(move || worker.run(&incoming));
        Ok(PrintWorker {
            requests: Some(requests),
            thread: Some(thread),
            _lock: lock,
        })
    }

    fn send(&self, request: Request) {
        if let Some(requests) = &self.requests {
            // A stopped worker has nothing left to print.
            let _ = requests.send(request);
        }
    }

    /// A new receipt is waiting: print it now.
    pub fn print_waiting(&self) {
        self.send(Request::PrintWaiting);
    }

    /// Staff asks for the receipt `code` again.
    pub fn reprint(&self, code: ReceiptCode, actor: &str) {
        self.send(Request::Reprint(code, actor.to_owned()));
    }

    /// Prints a status slip now, ahead of waiting receipts.
    pub fn print_slip(&self, slip: StatusSlip) {
        self.send(Request::Slip(Box::new(slip)));
    }
}

impl Drop for PrintWorker {
    fn drop(&mut self) {
        self.requests = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Who a receipt says issued it.
struct Issuer {
    status_url: String,
    mahalla: String,
    /// Not enrolled: nothing this terminal takes reaches an agency yet.
    demo: bool,
}

impl Worker {
    fn run(mut self, requests: &Receiver<Request>) {
        loop {
            match requests.recv_timeout(self.settings.poll) {
                Ok(Request::Reprint(code, actor)) => {
                    if let Err(error) = self.store.request_reprint(code, &actor) {
                        self.tell(PrinterEvent::Store(error.to_string()));
                    }
                }
                Ok(Request::Slip(slip)) => self.print_slip(&slip),
                Ok(Request::PrintWaiting) | Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => return,
            }
            if let Err(error) = self.print_all_waiting() {
                self.tell(PrinterEvent::Store(error.to_string()));
            }
        }
    }

    fn tell(&self, event: PrinterEvent) {
        // The UI may have gone; the store still has the truth.
        let _ = self.events.send(event);
    }

    /// Prints waiting receipts in order, stopping at the first the printer fails.
    fn print_all_waiting(&mut self) -> Result<(), StoreError> {
        let waiting = self.store.receipts_to_print()?;
        let Some(first) = waiting.first() else {
            return Ok(());
        };
        // A receipt for a service only a newer catalogue has needs that catalogue: one the
        // portal sent since is taken before printing.
        if let Some(newer) = self.store.catalogue_newer_than(self.catalogue.version)? {
            self.catalogue = Arc::new(newer);
        }
        // Enrolled, a receipt names the mahalla the portal confirmed and points at the portal;
        // before that it is a demo receipt that reaches no agency, and says so.
        let issuer = match self.store.enrolment()? {
            Some(enrolment) => Issuer {
                status_url: enrolment.portal_url,
                mahalla: enrolment.mahalla_name,
                demo: false,
            },
            None => Issuer {
                status_url: self.settings.status_url.clone(),
                mahalla: self.settings.mahalla.clone(),
                demo: true,
            },
        };
        let mut printer = match SerialPrinter::open(
            &self.settings.port,
            &self.settings.printer,
            &self.settings.profile,
        ) {
            Ok(printer) => printer,
            Err(error) => return self.not_printed(first, error),
        };
        for receipt in &waiting {
            let result = self
                .bytes(receipt, &issuer)
                .map_err(|error| PrintError::Printout(error.to_string()))
                .and_then(|bytes| printer.print(&bytes));
            match result {
                Ok(status) => {
                    self.store.receipt_printed(&receipt.submission_id)?;
                    self.tell(PrinterEvent::Printed {
                        code: receipt.receipt_code,
                        reprint: receipt.reprint,
                    });
                    if status.paper_near_end {
                        self.tell(PrinterEvent::PaperNearEnd);
                    }
                }
                // This receipt cannot be made (say, its service left the catalogue): the
                // printer is fine, so the ones behind it still print.
                Err(error @ PrintError::Printout(_)) => self.not_printed(receipt, error)?,
                Err(error) => return self.not_printed(receipt, error),
            }
        }
        Ok(())
    }

    fn print_slip(&self, slip: &StatusSlip) {
        let result = status_slip_bytes(slip, &self.settings.profile, &self.glyphs)
            .map_err(|error| PrintError::Printout(error.to_string()))
            .and_then(|bytes| {
                SerialPrinter::open(
                    &self.settings.port,
                    &self.settings.printer,
                    &self.settings.profile,
                )?
                .print(&bytes)
            });
        self.tell(match result {
            Ok(_) => PrinterEvent::SlipPrinted { code: slip.code },
            Err(error) => PrinterEvent::SlipNotPrinted {
                code: slip.code,
                error,
            },
        });
    }

    /// Keeps `receipt` queued with the reason, telling the UI when the reason is new.
    fn not_printed(
        &mut self,
        receipt: &WaitingReceipt,
        error: PrintError,
    ) -> Result<(), StoreError> {
        if receipt.last_error.as_deref() == Some(error.code()) {
            return Ok(());
        }
        self.store
            .receipt_not_printed(&receipt.submission_id, error.code())?;
        self.tell(PrinterEvent::NotPrinted {
            code: receipt.receipt_code,
            error,
        });
        Ok(())
    }

    fn bytes(&self, waiting: &WaitingReceipt, issuer: &Issuer) -> Result<Vec<u8>, PrintoutError> {
        let qr = self
            .key
            .receipt_qr(&issuer.status_url, waiting.receipt_code);
        let terminal = format!("{:04}", waiting.receipt_code.device());
        let receipt = Receipt::from_catalogue(
            &self.catalogue,
            ReceiptFacts {
                lang: waiting.lang,
                mahalla: &issuer.mahalla,
                terminal: &terminal,
                demo: issuer.demo,
                target_id: &waiting.target_id,
                details: &waiting.details,
                code: waiting.receipt_code,
                issued_at: waiting.issued_at,
                qr,
            },
        )?;
        receipt_bytes(&receipt, &self.settings.profile, &self.glyphs)
    }
}
