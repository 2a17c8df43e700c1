//! The reprint queue against the virtual printer on a real pty: paper running out in the
//! middle of a queue, the cable pulled during a print, and the signed QR on what is printed.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use mahalla_escpos::emulator::parser::{Cell, Element, Printout};
use mahalla_escpos::profile::Profile;
use mahalla_escpos::receipt::DEFAULT_STATUS_URL;
use mahalla_escpos::status::Fault;
use mahalla_kiosk_core::config::{Config, FlowControl};
use mahalla_kiosk_core::device_key::{DeviceKey, DeviceKeyError};
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::printer::transport::PrintError;
use mahalla_kiosk_core::printer::worker::{PrintSettings, PrintWorker, PrinterEvent, WorkerError};
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_test_support::offline::enrol_without_a_portal;
use mahalla_test_support::qr::qr_texts;

const WAIT: Duration = Duration::from_secs(20);

struct Rig {
    _dir: tempfile::TempDir,
    data_dir: std::path::PathBuf,
    printer: VirtualPrinter,
    worker: PrintWorker,
    events: Receiver<PrinterEvent>,
}

/// A virtual printer drawing each printout to a PNG, and a worker printing to it, started
/// after `before` has filled the data dir.
fn rig(
    profile_name: &str,
    before: impl FnOnce(&Path) -> Vec<ReceiptCode>,
) -> (Rig, Vec<ReceiptCode>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("data");
    let profile = Profile::named(profile_name).expect("profile");
    let printer = VirtualPrinter::start(profile.clone(), Some(dir.path().join("receipts")))
        .expect("virtual printer");
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let codes = before(&data_dir);
    let mut config = Config {
        data_dir: data_dir.clone(),
        ..Config::default()
    };
    config.printer.flow_control = FlowControl::None;
    config.printer.baud = 115200;
    let mut settings = PrintSettings::from_config(&config, printer.path().into(), profile);
    settings.poll = Duration::from_millis(100);
    let (events_tx, events) = mpsc::channel();
    let worker = PrintWorker::spawn(settings, Arc::new(catalogue), events_tx).expect("worker");
    let rig = Rig {
        _dir: dir,
        data_dir,
        printer,
        worker,
        events,
    };
    (rig, codes)
}

fn submit(data_dir: &Path, lang: Lang, count: usize) -> Vec<ReceiptCode> {
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let mut store = Store::open(data_dir).expect("store");
    let values: Values = [
        ("full_name", "Oʻrinboy Qodirov"),
        ("subject", "Koʻcha chiroqlari"),
        ("message", "Mahalla koʻchasida kechasi chiroq yonmaydi."),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    (0..count)
        .map(|_| {
            store
                .submit(&catalogue, "taklif", &values, lang)
                .expect("submitted")
                .receipt_code
        })
        .collect()
}

impl Rig {
    fn event(&self) -> PrinterEvent {
        self.events
            .recv_timeout(WAIT)
            .expect("a printer event in time")
    }

    fn waiting(&self) -> Vec<(ReceiptCode, Option<String>)> {
        Store::open(&self.data_dir)
            .expect("store")
            .receipts_to_print()
            .expect("queue")
            .into_iter()
            .map(|receipt| (receipt.receipt_code, receipt.last_error))
            .collect()
    }

    /// The code in the QR of each complete printout that arrives within `within`.
    fn printed_codes(&self, within: Duration) -> Vec<ReceiptCode> {
        let deadline = Instant::now() + within;
        let mut codes = Vec::new();
        while let Some(received) = self
            .printer
            .next_printout(deadline.saturating_duration_since(Instant::now()))
        {
            if received.printout.cut {
                codes.push(qr_code_of(&received.printout));
            }
        }
        codes
    }
}

fn qr_code_of(printout: &Printout) -> ReceiptCode {
    let data = printout
        .elements
        .iter()
        .find_map(|element| match element {
            Element::Qr { data, .. } => Some(data.clone()),
            _ => None,
        })
        .expect("a native QR");
    let text = String::from_utf8(data).expect("UTF-8 payload");
    ReceiptQr::parse(&text).expect("receipt QR").receipt_code
}

#[test]
fn the_printed_qr_is_the_receipt_signed_with_the_terminal_key() {
    let (rig, codes) = rig("epson-tm-t20", |dir| submit(dir, Lang::UzCyrl, 1));
    assert!(
        matches!(rig.event(), PrinterEvent::Printed { code, reprint: false } if code == codes[0])
    );
    let received = rig.printer.next_printout(WAIT).expect("a printout");
    assert!(received.printout.cut);
    let texts = qr_texts(&received.png.expect("rendered to PNG"));

    // The worker created the key file; the same key signed the QR, with the status URL of
    // an unenrolled terminal.
    let key = DeviceKey::load_or_create(&rig.data_dir).expect("device key");
    let expected = key.receipt_qr(DEFAULT_STATUS_URL, codes[0]).text();
    assert_eq!(texts, [expected]);
    let scanned = ReceiptQr::parse(&texts[0]).expect("receipt QR");
    assert_eq!(scanned.device_id, key.device_id());
    assert_eq!(scanned.verify(&key.signing_key().verifying_key()), Ok(()));
}

/// The printout's text lines as printed from the code page (downloaded glyphs left out).
fn text_lines(printout: &Printout) -> Vec<String> {
    printout
        .elements
        .iter()
        .filter_map(|element| match element {
            Element::Text { cells, .. } => Some(
                cells
                    .iter()
                    .filter_map(|cell| match cell {
                        Cell::Resident(c) => Some(*c),
                        Cell::User { .. } => None,
                    })
                    .collect(),
            ),
            _ => None,
        })
        .collect()
}

#[test]
fn a_receipt_of_a_terminal_not_enrolled_says_it_reaches_no_agency() {
    let (rig, _) = rig("epson-tm-t20", |dir| submit(dir, Lang::En, 1));
    let received = rig.printer.next_printout(WAIT).expect("a printout");
    let lines = text_lines(&received.printout);
    assert!(
        lines
            .iter()
            .any(|line| line.contains("DEMO RECEIPT: not sent to any agency.")),
        "{lines:#?}"
    );
}

#[test]
fn an_enrolled_terminals_receipt_names_its_mahalla_and_is_no_demo() {
    let (rig, codes) = rig("epson-tm-t20", |dir| {
        enrol_without_a_portal(dir, "Chilonzor");
        submit(dir, Lang::En, 1)
    });
    let received = rig.printer.next_printout(WAIT).expect("a printout");
    let lines = text_lines(&received.printout);
    assert!(
        lines.iter().any(|line| line == "Mahalla: Chilonzor"),
        "{lines:#?}"
    );
    assert!(
        lines.iter().all(|line| !line.contains("DEMO")),
        "{lines:#?}"
    );
    assert_eq!(qr_code_of(&received.printout), codes[0]);
}

/// Starts a print worker on the data dir `dir` with no printer behind it, for what it checks
/// before printing.
fn spawn_without_printer(dir: &Path) -> Result<PrintWorker, WorkerError> {
    let config = Config {
        data_dir: dir.to_owned(),
        ..Config::default()
    };
    let profile = Profile::named("epson-tm-t20").expect("profile");
    let settings = PrintSettings::from_config(&config, "/dev/null".into(), profile);
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let (events, _) = mpsc::channel();
    PrintWorker::spawn(settings, Arc::new(catalogue), events)
}

#[test]
fn an_unreadable_device_key_stops_the_worker_with_a_typed_error() {
    let dir = tempfile::tempdir().expect("temp dir");
    drop(Store::open(dir.path()).expect("the terminal's database"));
    std::fs::write(
        dir.path().join(mahalla_kiosk_core::device_key::KEY_FILE),
        "not a key",
    )
    .expect("key file");
    assert!(matches!(
        spawn_without_printer(dir.path()),
        Err(WorkerError::DeviceKey(DeviceKeyError::Malformed(_)))
    ));
}

#[test]
fn paper_out_mid_queue_keeps_the_rest_queued_and_prints_each_once_when_loaded() {
    let (rig, first) = rig("epson-tm-t20", |dir| submit(dir, Lang::UzCyrl, 1));
    assert!(
        matches!(rig.event(), PrinterEvent::Printed { code, reprint: false } if code == first[0])
    );
    assert_eq!(rig.printed_codes(Duration::from_secs(2)), first);

    rig.printer.faults().apply("paper-out");
    let rest = submit(&rig.data_dir, Lang::Ru, 2);
    rig.worker.print_waiting();
    assert_eq!(
        rig.event(),
        PrinterEvent::NotPrinted {
            code: rest[0],
            error: PrintError::Fault(Fault::PaperEnd)
        }
    );
    // Polling goes on while the paper is out, but the reason is told once and nothing prints.
    std::thread::sleep(Duration::from_millis(500));
    assert!(rig.events.try_recv().is_err());
    assert_eq!(
        rig.waiting(),
        [
            (rest[0], Some("printer-paper-end".to_owned())),
            (rest[1], None)
        ]
    );

    rig.printer.faults().apply("paper-in");
    for code in &rest {
        assert_eq!(
            rig.event(),
            PrinterEvent::Printed {
                code: *code,
                reprint: false
            }
        );
    }
    assert_eq!(rig.printed_codes(Duration::from_secs(2)), rest);
    assert!(rig.waiting().is_empty());

    rig.worker.reprint(rest[0], "staff:1");
    assert_eq!(
        rig.event(),
        PrinterEvent::Printed {
            code: rest[0],
            reprint: true
        }
    );
    assert_eq!(rig.printed_codes(Duration::from_secs(2)), [rest[0]]);
    let store = Store::open(&rig.data_dir).expect("store");
    assert_eq!(store.reprint_count(rest[0]).expect("count"), Some(1));
    assert_eq!(store.reprint_count(rest[1]).expect("count"), Some(0));
}

#[test]
fn a_cable_pulled_during_a_print_times_out_and_the_receipt_is_reprinted() {
    let (rig, _) = rig("xprinter-58", |_| Vec::new());
    rig.printer.faults().apply("near-end");
    // Status requests take 9 bytes; the cable comes out 300 bytes into the receipt.
    assert!(rig.printer.faults().apply("unplug-after 309"));
    let codes = submit(&rig.data_dir, Lang::Kaa, 1);
    rig.worker.print_waiting();
    let started = Instant::now();
    assert_eq!(
        rig.event(),
        PrinterEvent::NotPrinted {
            code: codes[0],
            error: PrintError::Timeout
        }
    );
    assert!(started.elapsed() < Duration::from_secs(5), "no hang");
    assert_eq!(
        rig.waiting(),
        [(codes[0], Some("printer-timeout".to_owned()))]
    );

    rig.printer.faults().apply("plug");
    assert_eq!(
        rig.event(),
        PrinterEvent::Printed {
            code: codes[0],
            reprint: false
        }
    );
    assert_eq!(rig.event(), PrinterEvent::PaperNearEnd);
    // The first 300 bytes came out torn off by the reprint's init; the reprint is whole.
    assert_eq!(rig.printed_codes(Duration::from_secs(2)), [codes[0]]);
    assert!(rig.waiting().is_empty());
}

#[test]
fn a_receipt_that_cannot_be_made_does_not_hold_up_the_rest() {
    let (rig, codes) = rig("epson-tm-t20", |dir| {
        let codes = submit(dir, Lang::En, 2);
        let connection =
            rusqlite::Connection::open(dir.join(mahalla_kiosk_core::store::DATABASE_FILE))
                .expect("database");
        connection
            .execute(
                "UPDATE submissions SET target_id = 'withdrawn-service' WHERE receipt_code = ?1",
                [codes[0].to_string()],
            )
            .expect("service withdrawn");
        codes
    });
    assert!(matches!(
        rig.event(),
        PrinterEvent::NotPrinted { code, error: PrintError::Printout(_) } if code == codes[0]
    ));
    assert_eq!(
        rig.event(),
        PrinterEvent::Printed {
            code: codes[1],
            reprint: false
        }
    );
    assert_eq!(rig.printed_codes(Duration::from_secs(2)), [codes[1]]);
    assert_eq!(
        rig.waiting(),
        [(codes[0], Some("printer-printout".to_owned()))]
    );
}

#[test]
fn one_worker_prints_at_a_time_and_a_swap_prints_each_receipt_once() {
    let (rig, codes) = rig("epson-tm-t20", |dir| submit(dir, Lang::UzLatn, 3));
    let profile = Profile::named("epson-tm-t20").expect("profile");
    let second = VirtualPrinter::start(profile.clone(), None).expect("a second printer");
    let config = Config {
        data_dir: rig.data_dir.clone(),
        ..Config::default()
    };
    let settings = || {
        let mut settings =
            PrintSettings::from_config(&config, second.path().into(), profile.clone());
        settings.poll = Duration::from_millis(100);
        settings
    };
    let catalogue = Arc::new(mahalla_protocol::bundled::catalogue().expect("catalogue"));
    let (events_tx, _events) = mpsc::channel();
    assert!(
        matches!(
            PrintWorker::spawn(settings(), catalogue.clone(), events_tx.clone()),
            Err(WorkerError::Busy)
        ),
        "a second worker started beside the first"
    );

    // The wizard's swap: the old worker stops first, then the new one starts.
    let Rig {
        printer: first,
        worker,
        _dir,
        ..
    } = rig;
    drop(worker);
    let _new = PrintWorker::spawn(settings(), catalogue, events_tx).expect("the new worker");
    let mut printed = Vec::new();
    for printer in [&first, &second] {
        while let Some(received) = printer.next_printout(Duration::from_secs(3)) {
            if received.printout.cut {
                printed.push(qr_code_of(&received.printout));
            }
        }
    }
    printed.sort_by_key(ToString::to_string);
    let mut expected = codes;
    expected.sort_by_key(ToString::to_string);
    assert_eq!(printed, expected, "each receipt printed once");
}

#[test]
fn an_enrolled_terminal_without_its_key_does_not_print_under_a_new_one() {
    let dir = tempfile::tempdir().expect("temp dir");
    mahalla_test_support::offline::enrol_without_a_portal(dir.path(), "Navroʻz");
    let key = dir.path().join(mahalla_kiosk_core::device_key::KEY_FILE);
    std::fs::remove_file(&key).expect("lose the key");
    assert!(matches!(
        spawn_without_printer(dir.path()),
        Err(WorkerError::DeviceKey(
            DeviceKeyError::MissingForEnrolment { .. }
        ))
    ));
    assert!(!key.exists(), "a new key was made");
}
