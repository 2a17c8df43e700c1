//! The receipt printer as the screens see it: the print worker in use (replaced when the
//! wizard sets up another printer) and the last thing it reported, as a message id.

use std::cell::RefCell;

use mahalla_escpos::status_slip::StatusSlip;
use mahalla_kiosk_core::printer::worker::{PrintWorker, PrinterEvent};

use super::present;

pub struct ReceiptPrinter {
    worker: RefCell<Option<PrintWorker>>,
    /// The last thing the printer reported, as a message id, for the staff's printer page.
    state: RefCell<String>,
}

impl ReceiptPrinter {
    pub fn new(worker: Option<PrintWorker>) -> ReceiptPrinter {
        let state = if worker.is_some() {
            "staff-printer-ready"
        } else {
            "printer-offline"
        };
        ReceiptPrinter {
            worker: RefCell::new(worker),
            state: RefCell::new(state.to_owned()),
        }
    }

    /// Whether a print worker runs at all.
    pub fn is_present(&self) -> bool {
        self.worker.borrow().is_some()
    }

    /// Asks the worker to print every receipt that waits (it reads them from the store).
    pub fn print_waiting(&self) {
        if let Some(worker) = self.worker.borrow().as_ref() {
            worker.print_waiting();
        }
    }

    /// Asks the worker to print a status slip now; false when there is no printer.
    pub fn print_slip(&self, slip: StatusSlip) -> bool {
        match self.worker.borrow().as_ref() {
            Some(worker) => {
                worker.print_slip(slip);
                true
            }
            None => false,
        }
    }

    /// Takes the worker out of use, to be stopped away from the UI thread (stopping waits for
    /// the print pass under way) before another starts: one worker at a time prints.
    pub fn take(&self) -> Option<PrintWorker> {
        self.worker.borrow_mut().take()
    }

    /// Puts `worker` in use and has it print what waits.
    pub fn put(&self, worker: PrintWorker) {
        worker.print_waiting();
        *self.worker.borrow_mut() = Some(worker);
        *self.state.borrow_mut() = "staff-printer-ready".to_owned();
    }

    /// Keeps what `event` says about the printer.
    pub fn record(&self, event: &PrinterEvent) {
        *self.state.borrow_mut() = match event {
            PrinterEvent::Printed { .. } | PrinterEvent::SlipPrinted { .. } => {
                "staff-printer-ready".to_owned()
            }
            PrinterEvent::NotPrinted { error, .. } | PrinterEvent::SlipNotPrinted { error, .. } => {
                present::print_problem(error.code()).to_owned()
            }
            PrinterEvent::PaperNearEnd => "staff-paper-low".to_owned(),
            PrinterEvent::Store(_) => "staff-records-failed".to_owned(),
        };
    }

    /// The message id of the printer's state.
    pub fn state_id(&self) -> String {
        self.state.borrow().clone()
    }
}
