//! Reading PINs and confirmations from standard input: one line each, so a script can pipe
//! `PIN\nRESET\n`; on a terminal with a prompt on stderr and, for PINs, without echo. PINs
//! never come from the command line, so they are in no shell history and no `ps` listing.

use std::io::{BufRead, IsTerminal, Lines, StdinLock, Write};

use mahalla_kiosk_core::staff::PinError;
use mahalla_protocol::ErrorCode;

use crate::Failure;

pub struct Input {
    lines: Lines<StdinLock<'static>>,
    terminal: bool,
}

/// Turns echo off on standard input while it lives.
struct NoEcho(Option<rustix::termios::Termios>);

impl NoEcho {
    fn start() -> NoEcho {
        let stdin = std::io::stdin();
        let Ok(saved) = rustix::termios::tcgetattr(&stdin) else {
            return NoEcho(None);
        };
        let mut quiet = saved.clone();
        quiet.local_modes.remove(rustix::termios::LocalModes::ECHO);
        match rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, &quiet) {
            Ok(()) => NoEcho(Some(saved)),
            Err(_) => NoEcho(None),
        }
    }
}

impl Drop for NoEcho {
    fn drop(&mut self) {
        if let Some(saved) = &self.0 {
            let stdin = std::io::stdin();
            let _ =
                rustix::termios::tcsetattr(&stdin, rustix::termios::OptionalActions::Now, saved);
            eprintln!();
        }
    }
}

/// How a bad PIN is reported: its stable error code, then the rule.
pub fn pin_failure(error: PinError) -> Failure {
    Failure::Input(format!("pin: {} ({error})", error.code()))
}

impl Input {
    pub fn stdin() -> Input {
        let stdin = std::io::stdin();
        Input {
            terminal: stdin.is_terminal(),
            lines: stdin.lock().lines(),
        }
    }

    fn read(&mut self, prompt: &str, what: &str, secret: bool) -> Result<String, Failure> {
        if self.terminal {
            eprint!("{prompt}");
            let _ = std::io::stderr().flush();
        }
        let _echo = (self.terminal && secret).then(NoEcho::start);
        match self.lines.next() {
            Some(Ok(line)) => Ok(line.trim().to_owned()),
            Some(Err(error)) => Err(Failure::Terminal(format!("standard input: {error}"))),
            None => Err(Failure::Input(format!("no {what} on standard input"))),
        }
    }

    /// One line, shown as typed.
    pub fn line(&mut self, prompt: &str, what: &str) -> Result<String, Failure> {
        self.read(prompt, what, false)
    }

    /// A PIN to check.
    pub fn pin(&mut self, prompt: &str) -> Result<String, Failure> {
        self.read(prompt, "PIN", true)
    }

    /// A new PIN: typed twice on a terminal, once from a pipe.
    pub fn new_pin(&mut self) -> Result<String, Failure> {
        let pin = self.pin("new PIN: ")?;
        if self.terminal && self.pin("the same PIN again: ")? != pin {
            return Err(pin_failure(PinError::Mismatch));
        }
        Ok(pin)
    }
}
