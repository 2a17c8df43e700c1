//! `kioskctl printer …`: test page, sample bytes, status, and the virtual printer.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::Subcommand;
use mahalla_kiosk::config::{Config, PrinterConfig};
use mahalla_kiosk::printer::emulator::VirtualPrinter;
use mahalla_kiosk::printer::encoder::Encoder;
use mahalla_kiosk::printer::glyphs::Glyphs;
use mahalla_kiosk::printer::profile::Profile;
use mahalla_kiosk::printer::transport::SerialPrinter;
use mahalla_kiosk::printer::{command, receipt, sample_bytes};
use mahalla_kiosk::store::Store;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;

use crate::{Failure, parse_lang};

/// Where to reach the printer; each overrides the configuration file.
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

/// The configured printer with the command line's overrides.
fn printer_config(config: &Config, args: PortArgs) -> Result<(PathBuf, PrinterConfig), Failure> {
    let mut printer = config.printer.clone();
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

pub fn run(
    command: PrinterCommand,
    config: &Config,
    data_dir: &Path,
    catalogue: &Catalogue,
) -> Result<(), Failure> {
    match command {
        PrinterCommand::Test { port } => {
            let (port, printer) = printer_config(config, port)?;
            let profile = profile(&printer.profile)?;
            let glyphs = Glyphs::load().map_err(terminal)?;
            let blocks = receipt::test_page(&profile.description).map_err(terminal)?;
            let commands = Encoder::new(&profile, &glyphs)
                .commands(&blocks)
                .map_err(terminal)?;
            let status = open(&port, &printer)?
                .print(&command::encode(&commands))
                .map_err(terminal)?;
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
            let name = name.unwrap_or_else(|| config.printer.profile.clone());
            let printer = VirtualPrinter::start(profile(&name)?, Some(out)).map_err(terminal)?;
            emulate(&printer)
        }
    }
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
