//! What the printer's `DLE EOT` replies say, and the faults that stop a receipt.

use super::command::StatusKind;

/// The printer's state from the replies to `DLE EOT 1`, `2` and `4`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PrinterStatus {
    pub offline: bool,
    pub cover_open: bool,
    pub paper_end: bool,
    /// A warning, not a fault: the receipt still prints.
    pub paper_near_end: bool,
}

/// Why the printer cannot print now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum Fault {
    #[error("out of paper")]
    PaperEnd,
    #[error("the cover is open")]
    CoverOpen,
    #[error("the printer is offline")]
    Offline,
}

/// A reply byte is valid when it matches `0xx1xx10`.
pub fn is_valid_reply(byte: u8) -> bool {
    byte & 0b1001_0011 == 0b0001_0010
}

impl PrinterStatus {
    /// Adds what the reply to `kind` says.
    pub fn with_reply(mut self, kind: StatusKind, byte: u8) -> PrinterStatus {
        match kind {
            StatusKind::Printer => self.offline |= byte & 0x08 != 0,
            StatusKind::Offline => {
                self.cover_open |= byte & 0x04 != 0;
                self.paper_end |= byte & 0x20 != 0;
            }
            StatusKind::Paper => {
                self.paper_near_end |= byte & 0x0C != 0;
                self.paper_end |= byte & 0x60 != 0;
            }
        }
        self
    }

    /// In a few words: `ready`, `ready, paper near end`, or the fault.
    pub fn describe(&self) -> String {
        match self.fault() {
            Some(fault) => fault.to_string(),
            None if self.paper_near_end => "ready, paper near end".to_owned(),
            None => "ready".to_owned(),
        }
    }

    /// The fault that stops printing, most specific first.
    pub fn fault(&self) -> Option<Fault> {
        if self.paper_end {
            Some(Fault::PaperEnd)
        } else if self.cover_open {
            Some(Fault::CoverOpen)
        } else if self.offline {
            Some(Fault::Offline)
        } else {
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_become_faults_and_warnings() {
        assert!(is_valid_reply(0x12) && is_valid_reply(0x7E) && !is_valid_reply(0x00));
        assert!(!is_valid_reply(0x92) && !is_valid_reply(0x13));
        let ready = PrinterStatus::default()
            .with_reply(StatusKind::Printer, 0x12)
            .with_reply(StatusKind::Offline, 0x12)
            .with_reply(StatusKind::Paper, 0x12);
        assert_eq!(ready.fault(), None);
        let near = ready.with_reply(StatusKind::Paper, 0x1E);
        assert!(near.paper_near_end);
        assert_eq!(near.fault(), None);
        let out = ready
            .with_reply(StatusKind::Printer, 0x1A)
            .with_reply(StatusKind::Offline, 0x32);
        assert_eq!(out.fault(), Some(Fault::PaperEnd));
        let cover = ready.with_reply(StatusKind::Offline, 0x16);
        assert_eq!(cover.fault(), Some(Fault::CoverOpen));
        let offline = ready.with_reply(StatusKind::Printer, 0x1A);
        assert_eq!(offline.fault(), Some(Fault::Offline));
    }
}
