//! Reads the ESC/POS byte stream back: everything the kiosk sends, plus `DLE EOT` status
//! requests, which the caller answers. A printer's view: state changes, lines, cuts.

use crate::bitmap::Bitmap;
use crate::codepage::Table;
use crate::command::{Align, StatusKind};
use crate::profile::{CELL_HEIGHT, Profile};

/// One character position of a text line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    /// A character of the selected code page.
    Resident(char),
    /// A downloaded glyph, with the code it was printed by.
    User { code: u8, glyph: Bitmap },
}

/// What ends up on paper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    Text {
        cells: Vec<Cell>,
        align: Align,
        bold: bool,
        scale: usize,
    },
    Raster {
        image: Bitmap,
        align: Align,
    },
    /// A native QR: the stored data, printed at `module` dots a module.
    Qr {
        data: Vec<u8>,
        module: usize,
        align: Align,
    },
    Feed(u8),
    /// Blank dots.
    FeedDots(u8),
}

/// A printout between two cuts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Printout {
    pub elements: Vec<Element>,
    /// Whether it ended with a cut; `false` for what an init cut short.
    pub cut: bool,
}

/// What one step of parsing produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// A status request to answer now.
    Status(StatusKind),
    /// `GS I 67`: the model name is asked for.
    ModelName,
    /// A printout ended: cut, or cut short by an init.
    Printout(Printout),
}

/// The printer's interpreter state.
pub struct Parser {
    profile: Profile,
    pending: Vec<u8>,
    table: Table,
    align: Align,
    bold: bool,
    scale: usize,
    user_characters: bool,
    defined: Vec<Option<Bitmap>>,
    qr_data: Vec<u8>,
    qr_module: usize,
    line: Vec<Cell>,
    printout: Printout,
    /// Bytes that were no command the parser knows, for tests to insist on none.
    pub unknown: Vec<u8>,
}

/// How many bytes a command needs, or that more must arrive first.
enum Step {
    Need,
    Took(usize),
}

fn u16_at(bytes: &[u8], at: usize) -> usize {
    usize::from(bytes[at]) | usize::from(bytes[at + 1]) << 8
}

impl Parser {
    pub fn new(profile: Profile) -> Parser {
        let table = profile.code_page.table;
        Parser {
            profile,
            pending: Vec::new(),
            table,
            align: Align::Left,
            bold: false,
            scale: 1,
            user_characters: false,
            defined: vec![None; 256],
            qr_data: Vec::new(),
            qr_module: 3,
            line: Vec::new(),
            printout: Printout::default(),
            unknown: Vec::new(),
        }
    }

    /// Takes in received bytes and returns what they caused, in order.
    pub fn feed(&mut self, bytes: &[u8]) -> Vec<Event> {
        self.pending.extend_from_slice(bytes);
        let mut events = Vec::new();
        let mut at = 0;
        while at < self.pending.len() {
            let pending = std::mem::take(&mut self.pending);
            let step = self.step(&pending[at..], &mut events);
            self.pending = pending;
            match step {
                Step::Need => break,
                Step::Took(n) => at += n,
            }
        }
        self.pending.drain(..at);
        events
    }

    fn reset(&mut self) {
        self.table = self.profile.code_page.table;
        self.align = Align::Left;
        self.bold = false;
        self.scale = 1;
        self.user_characters = false;
        self.defined = vec![None; 256];
    }

    fn end_line(&mut self) {
        let cells = std::mem::take(&mut self.line);
        self.printout.elements.push(Element::Text {
            cells,
            align: self.align,
            bold: self.bold,
            scale: self.scale,
        });
    }

    fn flush_line(&mut self) {
        if !self.line.is_empty() {
            self.end_line();
        }
    }

    fn character(&mut self, byte: u8) {
        let user = self
            .user_characters
            .then(|| self.defined[usize::from(byte)].clone())
            .flatten();
        let cell = match user {
            Some(glyph) => Cell::User { code: byte, glyph },
            None => match self.table.decode(byte) {
                Some(c) => Cell::Resident(c),
                None => {
                    self.unknown.push(byte);
                    return;
                }
            },
        };
        // Like the printer: a character that does not fit starts the next line.
        if (self.line.len() + 1) * self.scale > self.profile.characters_per_line() {
            self.end_line();
        }
        self.line.push(cell);
    }

    fn step(&mut self, bytes: &[u8], events: &mut Vec<Event>) -> Step {
        let need = |n: usize| bytes.len() < n;
        match bytes {
            [0x10, 0x04, ..] => {
                if need(3) {
                    return Step::Need;
                }
                match StatusKind::ALL.into_iter().find(|k| *k as u8 == bytes[2]) {
                    Some(kind) => events.push(Event::Status(kind)),
                    None => self.unknown.extend_from_slice(&bytes[..3]),
                }
                Step::Took(3)
            }
            [0x1D, 0x49, ..] => {
                if need(3) {
                    return Step::Need;
                }
                match bytes[2] {
                    0x43 => events.push(Event::ModelName),
                    _ => self.unknown.extend_from_slice(&bytes[..3]),
                }
                Step::Took(3)
            }
            [0x0A, ..] => {
                self.end_line();
                Step::Took(1)
            }
            [0x1B, 0x40, ..] => {
                self.flush_line();
                if !self.printout.elements.is_empty() {
                    events.push(Event::Printout(std::mem::take(&mut self.printout)));
                }
                self.reset();
                Step::Took(2)
            }
            [0x1C, 0x2E, ..] => Step::Took(2),
            [0x1B, 0x74 | 0x61 | 0x45 | 0x25 | 0x64 | 0x4A, ..] | [0x1D, 0x21, ..] => {
                if need(3) {
                    return Step::Need;
                }
                let n = bytes[2];
                match bytes[..2] {
                    [0x1B, 0x74] => {
                        self.table = if n == self.profile.code_page.number {
                            self.profile.code_page.table
                        } else {
                            Table::Ascii
                        }
                    }
                    [0x1B, 0x61] => self.align = if n == 1 { Align::Center } else { Align::Left },
                    [0x1B, 0x45] => self.bold = n & 1 == 1,
                    [0x1B, 0x25] => self.user_characters = n & 1 == 1,
                    [0x1B, 0x64] => {
                        self.flush_line();
                        self.printout.elements.push(Element::Feed(n));
                    }
                    [0x1B, 0x4A] => {
                        self.flush_line();
                        self.printout.elements.push(Element::FeedDots(n));
                    }
                    _ => self.scale = usize::from(n & 0x0F) + 1,
                }
                Step::Took(3)
            }
            [0x1B, 0x26, ..] => self.define_characters(bytes),
            [0x1D, 0x76, 0x30, ..] => {
                if need(8) {
                    return Step::Need;
                }
                let (row_bytes, height) = (u16_at(bytes, 4), u16_at(bytes, 6));
                let total = 8 + row_bytes * height;
                if need(total) {
                    return Step::Need;
                }
                self.flush_line();
                let image = Bitmap::from_row_packed(row_bytes, height, &bytes[8..total]);
                self.printout.elements.push(Element::Raster {
                    image,
                    align: self.align,
                });
                Step::Took(total)
            }
            [0x1D, 0x28, 0x6B, ..] => {
                if need(5) {
                    return Step::Need;
                }
                let total = 5 + u16_at(bytes, 3);
                if need(total) {
                    return Step::Need;
                }
                self.qr_function(&bytes[5..total]);
                Step::Took(total)
            }
            [0x1D, 0x56, ..] => {
                if need(4) {
                    return Step::Need;
                }
                self.flush_line();
                let mut printout = std::mem::take(&mut self.printout);
                printout.cut = true;
                events.push(Event::Printout(printout));
                Step::Took(4)
            }
            [0x10 | 0x1B | 0x1C | 0x1D] | [0x1B | 0x1D, 0x28 | 0x76] => Step::Need,
            [byte, ..] if *byte >= 0x20 => {
                self.character(*byte);
                Step::Took(1)
            }
            [byte, ..] => {
                self.unknown.push(*byte);
                Step::Took(1)
            }
            [] => Step::Need,
        }
    }

    /// `ESC & y c1 c2 [x d1 … d(y·x)] …`.
    fn define_characters(&mut self, bytes: &[u8]) -> Step {
        if bytes.len() < 5 {
            return Step::Need;
        }
        let (per_column, first, last) = (usize::from(bytes[2]), bytes[3], bytes[4]);
        let mut at = 5;
        let mut glyphs = Vec::new();
        for _ in first..=last {
            let Some(&width) = bytes.get(at) else {
                return Step::Need;
            };
            let end = at + 1 + usize::from(width) * per_column;
            if bytes.len() < end {
                return Step::Need;
            }
            glyphs.push(Bitmap::from_column_bytes(
                usize::from(width),
                per_column,
                &bytes[at + 1..end],
            ));
            at = end;
        }
        if per_column * 8 == CELL_HEIGHT {
            for (code, glyph) in (first..=last).zip(glyphs) {
                self.defined[usize::from(code)] = Some(glyph);
            }
        } else {
            self.unknown.extend_from_slice(&bytes[..5]);
        }
        Step::Took(at)
    }

    /// `GS ( k` with `cn fn …` in `body`.
    fn qr_function(&mut self, body: &[u8]) {
        match body {
            [0x31, 0x41, ..] | [0x31, 0x45, ..] => {}
            [0x31, 0x43, size, ..] => self.qr_module = usize::from(*size),
            [0x31, 0x50, 0x30, data @ ..] => self.qr_data = data.to_vec(),
            [0x31, 0x51, 0x30] => {
                self.flush_line();
                self.printout.elements.push(Element::Qr {
                    data: self.qr_data.clone(),
                    module: self.qr_module,
                    align: self.align,
                });
            }
            _ => self.unknown.extend_from_slice(body),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::command::{Command, encode};

    fn epson() -> Profile {
        Profile::named("epson-tm-t20").expect("bundled")
    }

    #[test]
    fn a_stream_split_anywhere_parses_the_same() {
        let mut glyph = Bitmap::new(12, 24);
        glyph.fill(2, 2, 8, 20);
        let bytes = encode(&[
            Command::Init,
            Command::CodePage(17),
            Command::DefineCharacters {
                first: 0x21,
                glyphs: vec![glyph.clone()],
            },
            Command::Status(StatusKind::Paper),
            Command::Text(vec![b'A', 0x80]),
            Command::UserCharacters(true),
            Command::Text(vec![0x21, b'\n']),
            Command::Raster(glyph.clone()),
            Command::QrStore(b"data".to_vec()),
            Command::QrPrint,
            Command::Cut,
        ]);
        let whole = Parser::new(epson()).feed(&bytes);
        let mut parser = Parser::new(epson());
        let split: Vec<_> = bytes.iter().flat_map(|b| parser.feed(&[*b])).collect();
        assert_eq!(whole, split);
        assert!(parser.unknown.is_empty());

        let [Event::Status(StatusKind::Paper), Event::Printout(printout)] = whole.as_slice() else {
            panic!("{whole:?}");
        };
        assert!(printout.cut);
        let Element::Text { cells, .. } = &printout.elements[0] else {
            panic!("{:?}", printout.elements);
        };
        assert_eq!(cells[..2], [Cell::Resident('A'), Cell::Resident('А')]);
        assert_eq!(cells[2], Cell::User { code: 0x21, glyph });
        assert!(matches!(&printout.elements[2], Element::Qr { data, .. } if data == b"data"));
    }

    #[test]
    fn an_init_tears_off_an_uncut_printout_and_strays_are_counted() {
        let mut parser = Parser::new(epson());
        let events = parser.feed(b"half a receipt\n\x1b@\x01");
        assert!(matches!(&events[..], [Event::Printout(p)] if !p.cut));
        assert_eq!(parser.unknown, [0x01]);
    }
}
