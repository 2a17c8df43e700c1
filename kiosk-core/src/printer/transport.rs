//! The serial line to the printer: paced, chunked writes and `DLE EOT` status, with every
//! wait bounded so a silent or unplugged port is a timeout, never a hang.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serialport::{ClearBuffer, SerialPort, TTYPort};

use crate::config::{FlowControl, PrinterConfig};
use mahalla_escpos::command::{self, Command, StatusKind};
use mahalla_escpos::profile::Profile;
use mahalla_escpos::status::{Fault, PrinterStatus, is_valid_reply};

/// How long a status reply may take.
pub const REPLY_TIMEOUT: Duration = Duration::from_millis(500);
/// How long detection waits for an answer at each baud rate.
pub const PROBE_TIMEOUT: Duration = Duration::from_millis(300);

/// Why a printout did not (certainly) reach the paper.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintError {
    #[error("cannot open the printer port {path}: {message}")]
    Open { path: PathBuf, message: String },
    #[error("the printer profile does not offer {0} baud")]
    UnsupportedBaud(u32),
    #[error("the printer did not answer in time")]
    Timeout,
    #[error("the printer answered {0:#04x}, which is no status")]
    BadReply(u8),
    #[error("{0}")]
    Fault(#[from] Fault),
    #[error("the printer port failed: {0}")]
    Port(String),
    #[error("the receipt cannot be made: {0}")]
    Printout(String),
}

impl PrintError {
    /// A stable name for the store and the UI.
    /// Every code [`PrintError::code`] gives: each has a message in every language.
    pub const CODES: [&'static str; 9] = [
        "printer-port-open",
        "printer-unsupported-baud",
        "printer-timeout",
        "printer-bad-reply",
        "printer-paper-end",
        "printer-cover-open",
        "printer-offline",
        "printer-port",
        "printer-printout",
    ];

    pub fn code(&self) -> &'static str {
        match self {
            PrintError::Open { .. } => "printer-port-open",
            PrintError::UnsupportedBaud(_) => "printer-unsupported-baud",
            PrintError::Timeout => "printer-timeout",
            PrintError::BadReply(_) => "printer-bad-reply",
            PrintError::Fault(Fault::PaperEnd) => "printer-paper-end",
            PrintError::Fault(Fault::CoverOpen) => "printer-cover-open",
            PrintError::Fault(Fault::Offline) => "printer-offline",
            PrintError::Port(_) => "printer-port",
            PrintError::Printout(_) => "printer-printout",
        }
    }
}

fn port_error(error: std::io::Error) -> PrintError {
    if error.kind() == std::io::ErrorKind::TimedOut {
        PrintError::Timeout
    } else {
        PrintError::Port(error.to_string())
    }
}

fn open_port(
    path: &Path,
    baud: u32,
    flow: serialport::FlowControl,
    timeout: Duration,
) -> Result<TTYPort, PrintError> {
    serialport::new(path.to_string_lossy(), baud)
        .flow_control(flow)
        .timeout(timeout)
        .open_native()
        .map_err(|error| PrintError::Open {
            path: path.to_owned(),
            message: error.to_string(),
        })
}

/// An open serial printer.
pub struct SerialPrinter {
    port: TTYPort,
    baud: u32,
    /// Without flow control, how fast the printer empties its buffer; `None` when the line
    /// itself holds the sender back.
    print_rate: Option<u32>,
    buffer_bytes: usize,
    /// How long a reply may take on this port.
    reply_timeout: Duration,
}

impl SerialPrinter {
    /// Opens `path` with the configured baud rate and flow control.
    pub fn open(
        path: &Path,
        config: &PrinterConfig,
        profile: &Profile,
    ) -> Result<Self, PrintError> {
        if !profile.baud_rates.contains(&config.baud) {
            return Err(PrintError::UnsupportedBaud(config.baud));
        }
        let flow = match config.flow_control {
            FlowControl::None => serialport::FlowControl::None,
            FlowControl::Hardware => serialport::FlowControl::Hardware,
            FlowControl::Software => serialport::FlowControl::Software,
        };
        Ok(SerialPrinter {
            port: open_port(path, config.baud, flow, REPLY_TIMEOUT)?,
            baud: config.baud,
            print_rate: (config.flow_control == FlowControl::None)
                .then_some(profile.print_bytes_per_second),
            buffer_bytes: profile.buffer_bytes,
            reply_timeout: REPLY_TIMEOUT,
        })
    }

    /// Opens `path` at `baud` without flow control, to find out whether a printer answers
    /// there: a port with nothing on it must not hold the writes back.
    pub fn open_for_probe(path: &Path, baud: u32) -> Result<Self, PrintError> {
        Ok(SerialPrinter {
            port: open_port(path, baud, serialport::FlowControl::None, PROBE_TIMEOUT)?,
            baud,
            print_rate: None,
            buffer_bytes: 1024,
            reply_timeout: PROBE_TIMEOUT,
        })
    }

    /// Asks `GS I 67` for the model name. `None` when the printer does not answer it, as
    /// many clones do not.
    pub fn model_name(&mut self) -> Result<Option<String>, PrintError> {
        self.port
            .clear(ClearBuffer::Input)
            .map_err(|error| PrintError::Port(error.to_string()))?;
        self.write_bounded(&command::encode(&[Command::ModelName]))?;
        let mut reply = Vec::new();
        let mut byte = [0u8; 1];
        while reply.len() < 64 {
            match self.port.read_exact(&mut byte) {
                Ok(()) if byte[0] == 0 => break,
                Ok(()) => reply.push(byte[0]),
                Err(error) if error.kind() == std::io::ErrorKind::TimedOut => break,
                Err(error) => return Err(PrintError::Port(error.to_string())),
            }
        }
        Ok(match reply.split_first() {
            Some((0x5F, name)) if !name.is_empty() => {
                Some(String::from_utf8_lossy(name).trim().to_owned())
            }
            _ => None,
        })
    }

    /// Asks `DLE EOT 1`, `2` and `4`, after dropping whatever was waiting in the input.
    pub fn status(&mut self) -> Result<PrinterStatus, PrintError> {
        self.port
            .clear(ClearBuffer::Input)
            .map_err(|error| PrintError::Port(error.to_string()))?;
        let mut status = PrinterStatus::default();
        for kind in StatusKind::ALL {
            self.write_bounded(&command::encode(&[Command::Status(kind)]))?;
            let mut reply = [0u8; 1];
            self.port.read_exact(&mut reply).map_err(port_error)?;
            if !is_valid_reply(reply[0]) {
                return Err(PrintError::BadReply(reply[0]));
            }
            status = status.with_reply(kind, reply[0]);
        }
        Ok(status)
    }

    /// Writes `bytes` in chunks of a quarter of the printer's buffer. Without flow control
    /// each chunk waits until the printer can have emptied enough of its buffer at its print
    /// rate, so no more than half the buffer is ever outstanding.
    pub fn send(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let chunk_size = (self.buffer_bytes / 4).max(64);
        let window = self.buffer_bytes / 2;
        let started = Instant::now();
        let mut sent = 0usize;
        for chunk in bytes.chunks(chunk_size) {
            if let Some(rate) = self.print_rate {
                let ahead = (sent + chunk.len()).saturating_sub(window);
                let due = Duration::from_secs_f64(ahead as f64 / f64::from(rate.max(1)));
                if let Some(wait) = due.checked_sub(started.elapsed()) {
                    std::thread::sleep(wait);
                }
            }
            self.write_bounded(chunk)?;
            sent += chunk.len();
        }
        Ok(())
    }

    /// Writes with a deadline of twice the line time plus a second.
    fn write_bounded(&mut self, bytes: &[u8]) -> Result<(), PrintError> {
        let line_time = bytes.len() as f64 * 10.0 / f64::from(self.baud.max(1));
        let timeout = Duration::from_secs_f64(2.0 * line_time + 1.0);
        self.port
            .set_timeout(timeout)
            .map_err(|error| PrintError::Port(error.to_string()))?;
        let written = self.port.write_all(bytes).map_err(port_error);
        self.port
            .set_timeout(self.reply_timeout)
            .map_err(|error| PrintError::Port(error.to_string()))?;
        written
    }

    /// Status, the printout, status again. Succeeds with the status after printing (which
    /// may carry the paper-near-end warning) only when neither check found a fault.
    pub fn print(&mut self, bytes: &[u8]) -> Result<PrinterStatus, PrintError> {
        if let Some(fault) = self.status()?.fault() {
            return Err(fault.into());
        }
        self.send(bytes)?;
        let after = self.status()?;
        match after.fault() {
            Some(fault) => Err(fault.into()),
            None => Ok(after),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_names_a_listed_code() {
        let every = [
            PrintError::Open {
                path: PathBuf::from("/dev/ttyUSB0"),
                message: String::new(),
            },
            PrintError::UnsupportedBaud(300),
            PrintError::Timeout,
            PrintError::BadReply(0),
            PrintError::Fault(Fault::PaperEnd),
            PrintError::Fault(Fault::CoverOpen),
            PrintError::Fault(Fault::Offline),
            PrintError::Port(String::new()),
            PrintError::Printout(String::new()),
        ];
        let codes: Vec<_> = every.iter().map(PrintError::code).collect();
        assert_eq!(codes, PrintError::CODES);
    }
}
