//! `kioskctl printer …`: finding the printer, test page, sample bytes, status, and the
//! virtual printer. The printer is the one stored on the terminal (`detect --save`, the
//! wizard), else the configuration file's; `--port`, `--baud` and `--profile` win over both.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;
use mahalla_escpos::profile::Profile;
use mahalla_escpos::{sample_bytes, test_page_bytes};
use mahalla_kiosk_core::config::{Config, PrinterConfig, PrinterSetup};
use mahalla_kiosk_core::printer::detect::{self, Detection, Outcome};
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::printer::transport::SerialPrinter;
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use serde::Serialize;

use crate::{Failure, parse_lang, print_json};

/// Who the audit log names for a saved printer.
const ACTOR: &str = "technician";

/// Where to reach the printer; each overrides the stored setup and the configuration file.
#[derive(clap::Args)]
pub struct PortArgs {
    /// The serial device, such as /dev/kiosk-printer.
    #[arg(long)]
    port: Option<PathBuf>,
    #[arg(long)]
    baud: Option<u32>,
    /// The printer profile: epson-tm-t20, xprinter-58 or generic-raster.
    #[arg(long)]
    profile: Option<String>,
}

#[derive(Subcommand)]
pub enum PrinterCommand {
    /// Look for the printer on each serial port (the configured one first): the baud rate it
    /// answers at, its status, its model and the profile that suits it.
    Detect {
        /// Try this port first instead of the configured one.
        #[arg(long)]
        port: Option<PathBuf>,
        /// Store the first printer found, so the kiosk uses it from its next start.
        #[arg(long)]
        save: bool,
        #[arg(long)]
        json: bool,
    },
    /// Print a test page: every language's letters, a big code and a QR.
    Test {
        #[command(flatten)]
        port: PortArgs,
    },
    /// Write the exact bytes of the sample receipt (doctor appointment) to a file. Its QR is
    /// signed with the fixed public sample key, so the bytes are the same on every machine.
    Sample {
        #[arg(long, value_parser = parse_lang)]
        lang: Lang,
        #[arg(long)]
        profile: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Ask the printer for its status, and list the receipts waiting to be printed.
    Status {
        #[command(flatten)]
        port: PortArgs,
    },
    /// Queue a receipt for printing again (staff); the terminal prints it when the printer
    /// is ready.
    Reprint {
        /// The receipt code, as printed.
        code: String,
    },
    /// Run a virtual printer on a pseudo-terminal. Prints its path, then one line per cut
    /// receipt with the PNG written. Reads control words on standard input: paper-out,
    /// paper-in, near-end, near-end-off, cover-open, cover-close, unplug, plug, quit.
    Emulate {
        /// The printer model to behave as; default: the configured profile.
        #[arg(long)]
        profile: Option<String>,
        /// Where the PNGs go; default: receipts/ under the data dir.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}

fn terminal<E: std::fmt::Display>(error: E) -> Failure {
    Failure::Terminal(error.to_string())
}

fn profile(name: &str) -> Result<Profile, Failure> {
    Profile::named(name).map_err(|error| Failure::Input(error.to_string()))
}

/// The configuration with the settings stored on the terminal applied.
fn effective(config: &Config) -> Result<Config, Failure> {
    Store::open(&config.data_dir)
        .and_then(|store| store.effective_config(config))
        .map_err(terminal)
}

/// The printer in use with the command line's overrides.
fn printer_config(config: &Config, args: PortArgs) -> Result<(PathBuf, PrinterConfig), Failure> {
    let mut printer = effective(config)?.printer;
    if let Some(baud) = args.baud {
        printer.baud = baud;
    }
    if let Some(name) = args.profile {
        printer.profile = name;
    }
    let port = args.port.or(printer.port.clone()).ok_or_else(|| {
        Failure::Input(
            "no printer port: give --port or set printer.port \
             (`kioskctl printer emulate` makes a virtual one)"
                .to_owned(),
        )
    })?;
    Ok((port, printer))
}

fn open(port: &Path, printer: &PrinterConfig) -> Result<SerialPrinter, Failure> {
    SerialPrinter::open(port, printer, &profile(&printer.profile)?).map_err(terminal)
}

pub fn run(command: PrinterCommand, config: &Config, catalogue: &Catalogue) -> Result<(), Failure> {
    let data_dir = config.data_dir.as_path();
    match command {
        PrinterCommand::Detect { port, save, json } => detect(config, port, save, json),
        PrinterCommand::Test { port } => {
            let (port, printer) = printer_config(config, port)?;
            let profile = profile(&printer.profile)?;
            let bytes = test_page_bytes(&profile).map_err(terminal)?;
            let status = open(&port, &printer)?.print(&bytes).map_err(terminal)?;
            println!("test page printed on {}", port.display());
            if status.paper_near_end {
                println!("warning: paper near end");
            }
            Ok(())
        }
        PrinterCommand::Sample {
            lang,
            profile: name,
            out,
        } => {
            let bytes = sample_bytes(catalogue, lang, &profile(&name)?).map_err(terminal)?;
            std::fs::write(&out, &bytes)
                .map_err(|error| Failure::Terminal(format!("{}: {error}", out.display())))?;
            println!("{} bytes written to {}", bytes.len(), out.display());
            Ok(())
        }
        PrinterCommand::Status { port } => {
            let waiting = Store::open(data_dir)
                .and_then(|store| store.receipts_to_print())
                .map_err(terminal)?;
            for receipt in &waiting {
                println!(
                    "waiting  {}  {}",
                    receipt.receipt_code,
                    receipt.last_error.as_deref().unwrap_or("not tried yet")
                );
            }
            let (port, printer) = printer_config(config, port)?;
            let status = open(&port, &printer)?.status().map_err(terminal)?;
            match status.fault() {
                Some(fault) => Err(Failure::Terminal(format!("printer: {fault}"))),
                None if status.paper_near_end => {
                    println!("printer ready; warning: paper near end");
                    Ok(())
                }
                None => {
                    println!("printer ready");
                    Ok(())
                }
            }
        }
        PrinterCommand::Reprint { code } => {
            let code = ReceiptCode::parse(&code)
                .map_err(|error| Failure::Input(format!("receipt code {code:?}: {error}")))?;
            let found = Store::open(data_dir)
                .and_then(|mut store| store.request_reprint(code, "staff"))
                .map_err(terminal)?;
            if found {
                println!("{code} queued for reprint");
                Ok(())
            } else {
                Err(Failure::Input(format!("no receipt {code}")))
            }
        }
        PrinterCommand::Emulate { profile: name, out } => {
            let out = out.unwrap_or_else(|| data_dir.join("receipts"));
            let name = match name {
                Some(name) => name,
                None => effective(config)?.printer.profile,
            };
            let printer = VirtualPrinter::start(profile(&name)?, Some(out)).map_err(terminal)?;
            emulate(&printer)
        }
    }
}

/// One port as `printer detect --json` lists it.
#[derive(Serialize)]
struct DetectedPort {
    port: String,
    /// `found`, `silent` or `unavailable`.
    outcome: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    baud: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    model: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    suggested_profile: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

impl DetectedPort {
    fn of(detection: &Detection) -> DetectedPort {
        let mut listed = DetectedPort {
            port: detection.port.display().to_string(),
            outcome: "silent",
            baud: None,
            status: None,
            model: None,
            suggested_profile: None,
            error: None,
        };
        match &detection.outcome {
            Outcome::Found {
                baud,
                status,
                model,
                suggested_profile,
            } => {
                listed.outcome = "found";
                listed.baud = Some(*baud);
                listed.status = Some(status.describe());
                listed.model = model.clone();
                listed.suggested_profile = Some(suggested_profile.clone());
            }
            Outcome::Silent => {}
            Outcome::Unavailable(error) => {
                listed.outcome = "unavailable";
                listed.error = Some(error.clone());
            }
        }
        listed
    }

    fn line(&self) -> String {
        match self.outcome {
            "found" => format!(
                "{}  found  {} baud  {}  model {}  profile {}",
                self.port,
                self.baud.unwrap_or_default(),
                self.status.as_deref().unwrap_or_default(),
                self.model.as_deref().unwrap_or("(not told)"),
                self.suggested_profile.as_deref().unwrap_or_default()
            ),
            "unavailable" => format!(
                "{}  unavailable: {}",
                self.port,
                self.error.as_deref().unwrap_or_default()
            ),
            _ => format!("{}  silent", self.port),
        }
    }
}

#[derive(Serialize)]
struct DetectReport {
    ports: Vec<DetectedPort>,
    saved: Option<PrinterSetup>,
}

fn detect(config: &Config, port: Option<PathBuf>, save: bool, json: bool) -> Result<(), Failure> {
    let store = Store::open(&config.data_dir).map_err(terminal)?;
    let printer = store.effective_config(config).map_err(terminal)?.printer;
    let profiles = Profile::bundled().map_err(terminal)?;
    let configured = port.or(printer.port);
    let detections = detect::detect(configured.as_deref(), &profiles, &printer.profile);
    let found = detections.iter().find_map(Detection::setup);
    let saved = match (save, &found) {
        (true, Some(setup)) => {
            store.save_printer_setup(setup, ACTOR).map_err(terminal)?;
            found
        }
        (true, None) | (false, _) => None,
    };
    let report = DetectReport {
        ports: detections.iter().map(DetectedPort::of).collect(),
        saved,
    };
    if json {
        print_json(&report)?;
    } else {
        if report.ports.is_empty() {
            println!("no serial ports found");
        }
        for port in &report.ports {
            println!("{}", port.line());
        }
        if let Some(setup) = &report.saved {
            println!(
                "saved: {} at {} baud, profile {}",
                setup.port.display(),
                setup.baud,
                setup.profile
            );
        }
    }
    if save && report.saved.is_none() {
        return Err(Failure::Terminal(
            "no printer answered on any port; nothing saved".to_owned(),
        ));
    }
    Ok(())
}

/// Reports printouts until `quit` arrives on standard input (end of input keeps it running).
fn emulate(printer: &VirtualPrinter) -> Result<(), Failure> {
    let say = |line: String| {
        let mut stdout = std::io::stdout().lock();
        writeln!(stdout, "{line}").and_then(|()| stdout.flush())
    };
    say(printer.path().to_owned()).map_err(terminal)?;
    let (quit_tx, quit_rx) = std::sync::mpsc::channel();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            for line in std::io::stdin().lock().lines() {
                let Ok(line) = line else { break };
                match line.trim() {
                    "" => {}
                    "quit" => {
                        let _ = quit_tx.send(());
                        break;
                    }
                    word if printer.faults().apply(word) => {
                        let _ = say(format!("fault: {word}"));
                    }
                    word => {
                        let _ = say(format!("unknown control word {word:?}"));
                    }
                }
            }
        });
        loop {
            if let Some(received) = printer.next_printout(Duration::from_millis(200)) {
                let png = received
                    .png
                    .map(|path| path.display().to_string())
                    .unwrap_or_else(|| "(no PNG)".to_owned());
                say(format!("printed {png}")).map_err(terminal)?;
            }
            if quit_rx.try_recv().is_ok() {
                return Ok(());
            }
        }
    })
}
