//! Receipts through a real pseudo-terminal pair: the kiosk's serial transport on one side,
//! the virtual printer on the other. The PNG it renders is read back and its QR decoded.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::path::Path;
use std::time::Duration;

use mahalla_escpos::emulator::parser::Element;
use mahalla_escpos::profile::Profile;
use mahalla_escpos::receipt::Receipt;
use mahalla_escpos::sample_bytes;
use mahalla_escpos::status::Fault;
use mahalla_kiosk_core::config::{Config, FlowControl, PrinterConfig};
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::printer::transport::{PrintError, SerialPrinter};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_test_support::qr::qr_texts;

fn port_config(baud: u32) -> PrinterConfig {
    PrinterConfig {
        baud,
        flow_control: FlowControl::None,
        ..Config::default().printer
    }
}

fn print_sample(profile_name: &str, lang: Lang) {
    let dir = tempfile::tempdir().expect("temp dir");
    let profile = Profile::named(profile_name).expect("profile");
    let printer = VirtualPrinter::start(profile.clone(), Some(dir.path().to_owned()))
        .expect("virtual printer");
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let bytes = sample_bytes(&catalogue, lang, &profile).expect("sample bytes");

    let mut port = SerialPrinter::open(Path::new(printer.path()), &port_config(115200), &profile)
        .expect("open pty");
    let status = port.print(&bytes).expect("printed");
    assert!(!status.paper_near_end);

    let received = printer
        .next_printout(Duration::from_secs(10))
        .expect("a cut printout");
    assert!(
        received.unknown.is_empty(),
        "unknown bytes {:x?}",
        received.unknown
    );
    let has_native_qr = received
        .printout
        .elements
        .iter()
        .any(|element| matches!(element, Element::Qr { .. }));
    assert_eq!(has_native_qr, profile.native_qr, "{profile_name}");

    let expected = Receipt::sample(&catalogue, lang).expect("sample").qr.text();
    let png = received.png.expect("rendered to PNG");
    assert_eq!(
        qr_texts(&png),
        std::slice::from_ref(&expected),
        "{profile_name} {lang}"
    );
    let scanned = ReceiptQr::parse(&expected).expect("receipt QR parses");
    assert_eq!(
        scanned.receipt_code,
        ReceiptCode::new(1, 42).expect("sample code")
    );
    assert_eq!(
        scanned.verify(&Receipt::sample_key().verifying_key()),
        Ok(())
    );
}

#[test]
fn native_qr_receipt_round_trips_through_a_pty() {
    print_sample("epson-tm-t20", Lang::UzCyrl);
}

#[test]
fn raster_qr_receipt_round_trips_through_a_pty() {
    print_sample("generic-raster", Lang::Kaa);
}

#[test]
fn a_58_mm_clone_receipt_round_trips_through_a_pty() {
    print_sample("xprinter-58", Lang::UzLatn);
}

#[test]
fn faults_are_typed_and_a_silent_port_times_out() {
    let profile = Profile::named("xprinter-58").expect("profile");
    let printer = VirtualPrinter::start(profile.clone(), None).expect("virtual printer");
    let mut port = SerialPrinter::open(Path::new(printer.path()), &port_config(9600), &profile)
        .expect("open pty");
    assert_eq!(port.status().expect("status").fault(), None);
    let too_fast = SerialPrinter::open(Path::new(printer.path()), &port_config(230400), &profile);
    assert_eq!(too_fast.err(), Some(PrintError::UnsupportedBaud(230400)));

    printer.faults().apply("near-end");
    assert!(port.status().expect("status").paper_near_end);
    printer.faults().apply("cover-open");
    assert_eq!(port.print(b"x"), Err(PrintError::Fault(Fault::CoverOpen)));
    printer.faults().apply("cover-close");
    printer.faults().apply("paper-out");
    assert_eq!(port.print(b"x"), Err(PrintError::Fault(Fault::PaperEnd)));
    printer.faults().apply("paper-in");

    printer.faults().apply("unplug");
    let started = std::time::Instant::now();
    assert_eq!(port.status(), Err(PrintError::Timeout));
    assert!(started.elapsed() < Duration::from_secs(3));
    printer.faults().apply("plug");
    assert_eq!(port.status().expect("status").fault(), None);
}

#[test]
fn without_flow_control_writes_are_paced_to_the_print_rate() {
    let profile = Profile::named("generic-raster").expect("profile");
    let printer = VirtualPrinter::start(profile.clone(), None).expect("virtual printer");
    let mut port = SerialPrinter::open(Path::new(printer.path()), &port_config(115200), &profile)
        .expect("open pty");
    let mut bytes = vec![0x1B, 0x40];
    bytes.extend(std::iter::repeat_n(b'a', 8 * 1024));
    bytes.extend_from_slice(&[0x1D, 0x56, 0x42, 0x00]);

    let started = std::time::Instant::now();
    port.send(&bytes).expect("sent");
    let elapsed = started.elapsed().as_secs_f64();
    // No more than half the 4 KB buffer may be ahead of a printer that takes 4000 bytes/s.
    let least =
        (bytes.len() - profile.buffer_bytes / 2) as f64 / f64::from(profile.print_bytes_per_second);
    assert!(elapsed >= least, "{elapsed:.2} s < {least:.2} s");

    let received = printer
        .next_printout(Duration::from_secs(10))
        .expect("a printout");
    let cells: usize = received
        .printout
        .elements
        .iter()
        .map(|element| match element {
            Element::Text { cells, .. } => cells.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(cells, 8 * 1024, "nothing lost");
}
