//! Layout blocks to ESC/POS commands for one printer profile.
//!
//! Every letter prints as what it is, never as `?`:
//!
//! 1. a character the profile's code page has is sent as its byte;
//! 2. otherwise, if the profile has user-defined characters, it is drawn from the screen's
//!    font and downloaded once after init (`ESC &`), then printed with `ESC % 1` around it;
//! 3. otherwise the line holding it is drawn from the font and sent as raster (`GS v 0`).
//!
//! While user-defined characters are switched on, the space is one of them (a blank glyph),
//! so a run of them only has to be switched off for ASCII that follows, not between words.

use std::collections::BTreeMap;

use super::bitmap::Bitmap;
use super::command::{Align, Command, QrLevel};
use super::glyphs::Glyphs;
use super::layout::{Block, Style, wrap};
use super::profile::{CELL_HEIGHT, CELL_WIDTH, LINE_GAP, Profile};
use super::qr::{self, MIN_MODULE_DOTS, QrError};

/// The first code `ESC &` may define; it holds the blank used for spaces.
const FIRST_USER_CODE: u8 = 0x20;
/// The last code `ESC &` may define.
const LAST_USER_CODE: u8 = 0x7E;
/// The largest native QR module; bigger scans no better.
const MAX_NATIVE_MODULE_DOTS: usize = 8;

/// How a line reaches the paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// Code-page bytes and user-defined characters.
    Text,
    /// Drawn from the font.
    Raster,
}

/// One line as it will be printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Text {
        text: String,
        style: Style,
        via: Via,
    },
    Qr(Vec<u8>),
    Feed(u8),
    Cut,
}

/// The user-defined characters of one printout: which letter each code draws.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct UserCharacters {
    codes: BTreeMap<char, u8>,
}

impl UserCharacters {
    pub fn code(&self, c: char) -> Option<u8> {
        self.codes.get(&c).copied()
    }

    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The letters in code order, after the blank at [`FIRST_USER_CODE`].
    fn letters(&self) -> Vec<char> {
        let mut by_code: Vec<_> = self.codes.iter().map(|(&c, &code)| (code, c)).collect();
        by_code.sort_unstable();
        by_code.into_iter().map(|(_, c)| c).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EncodeError {
    #[error(transparent)]
    Qr(#[from] QrError),
}

/// Turns blocks into commands for one profile, drawing with one font.
pub struct Encoder<'a> {
    profile: &'a Profile,
    glyphs: &'a Glyphs,
}

/// The style commands already in force, so each is sent only when it changes.
#[derive(Default)]
struct State {
    align: Option<Align>,
    bold: Option<bool>,
    big: Option<bool>,
    user_characters: bool,
}

impl State {
    fn set_align(&mut self, align: Align, out: &mut Vec<Command>) {
        if self.align != Some(align) {
            out.push(Command::Align(align));
            self.align = Some(align);
        }
    }

    fn set_text_style(&mut self, style: Style, out: &mut Vec<Command>) {
        self.set_align(style.align, out);
        if self.bold != Some(style.bold) {
            out.push(Command::Bold(style.bold));
            self.bold = Some(style.bold);
        }
        if self.big != Some(style.big) {
            let scale = style.cell_scale() as u8;
            out.push(Command::Size {
                width: scale,
                height: scale,
            });
            self.big = Some(style.big);
        }
    }

    fn set_user_characters(&mut self, on: bool, bytes: &mut Vec<u8>, out: &mut Vec<Command>) {
        if self.user_characters != on {
            if !bytes.is_empty() {
                out.push(Command::Text(std::mem::take(bytes)));
            }
            out.push(Command::UserCharacters(on));
            self.user_characters = on;
        }
    }
}

impl<'a> Encoder<'a> {
    pub fn new(profile: &'a Profile, glyphs: &'a Glyphs) -> Encoder<'a> {
        Encoder { profile, glyphs }
    }

    /// The letters of `blocks` that the code page lacks, given codes when the profile can
    /// define characters and the font has them.
    pub fn user_characters(&self, blocks: &[Block]) -> UserCharacters {
        let mut characters = UserCharacters::default();
        if !self.profile.user_defined_characters {
            return characters;
        }
        let table = self.profile.code_page.table;
        let mut next = FIRST_USER_CODE + 1;
        for block in blocks {
            let Block::Text { text, .. } = block else {
                continue;
            };
            for c in text.chars() {
                let wanted = table.encode(c).is_none()
                    && self.glyphs.covers(c)
                    && !characters.codes.contains_key(&c);
                if wanted && next <= LAST_USER_CODE {
                    characters.codes.insert(c, next);
                    next += 1;
                }
            }
        }
        characters
    }

    fn printable_as_text(&self, c: char, user: &UserCharacters) -> bool {
        self.profile.code_page.table.encode(c).is_some() || user.code(c).is_some()
    }

    /// The lines `blocks` become on this profile's paper.
    pub fn lines(&self, blocks: &[Block], user: &UserCharacters) -> Vec<Line> {
        let mut lines = Vec::new();
        for block in blocks {
            match block {
                Block::Text { text, style } => self.text_lines(text, *style, user, &mut lines),
                Block::Qr(data) => lines.push(Line::Qr(data.clone())),
                Block::Feed(n) => lines.push(Line::Feed(*n)),
                Block::Cut => lines.push(Line::Cut),
            }
        }
        lines
    }

    /// A paragraph wrapped to the cells of a line. Each line goes as text when it can, and
    /// as raster only when it holds a letter that cannot; a raster line wider than the paper
    /// (wide letters set proportionally) is wrapped again by its drawn width.
    fn text_lines(&self, text: &str, style: Style, user: &UserCharacters, out: &mut Vec<Line>) {
        let scale = style.cell_scale();
        let cells = self.profile.characters_per_line() / scale;
        let fits_paper = |line: &str| {
            self.glyphs.line_width(line, style.bold, scale) <= self.profile.dots_per_line
        };
        for line in wrap(text, |line| line.chars().count() <= cells) {
            if line.chars().all(|c| self.printable_as_text(c, user)) {
                out.push(Line::Text {
                    text: line,
                    style,
                    via: Via::Text,
                });
            } else {
                out.extend(wrap(&line, fits_paper).into_iter().map(|text| Line::Text {
                    text,
                    style,
                    via: Via::Raster,
                }));
            }
        }
    }

    /// The commands that print `blocks`, from init to cut.
    pub fn commands(&self, blocks: &[Block]) -> Result<Vec<Command>, EncodeError> {
        let user = self.user_characters(blocks);
        let mut out = vec![Command::Init];
        if self.profile.leave_chinese_mode {
            out.push(Command::CancelChineseMode);
        }
        out.push(Command::CodePage(self.profile.code_page.number));
        if !user.is_empty() {
            let mut glyphs = vec![Bitmap::new(CELL_WIDTH, CELL_HEIGHT)];
            glyphs.extend(
                user.letters()
                    .into_iter()
                    .map(|c| self.glyphs.cell(c, false)),
            );
            out.push(Command::DefineCharacters {
                first: FIRST_USER_CODE,
                glyphs,
            });
        }
        let mut state = State::default();
        for line in self.lines(blocks, &user) {
            match line {
                Line::Text {
                    text,
                    style,
                    via: Via::Text,
                } => {
                    state.set_text_style(style, &mut out);
                    self.text_line(&text, &user, &mut state, &mut out);
                }
                Line::Text {
                    text,
                    style,
                    via: Via::Raster,
                } => {
                    state.set_align(style.align, &mut out);
                    let image = self.glyphs.line(&text, style.bold, style.cell_scale());
                    // Blank rows are fed, not sent: 3 bytes instead of a row of dots each.
                    let (above, inked, below) = image.trimmed();
                    if above > 0 {
                        out.push(Command::FeedDots(above as u8));
                    }
                    out.push(Command::Raster(inked));
                    // The same gap as between text lines.
                    out.push(Command::FeedDots((below + LINE_GAP) as u8));
                }
                Line::Qr(data) => {
                    state.set_align(Align::Center, &mut out);
                    self.qr(&data, &mut out)?;
                }
                Line::Feed(n) => out.push(Command::Feed(n)),
                Line::Cut => {
                    if !self.profile.cutter {
                        out.push(Command::Feed(4));
                    }
                    out.push(Command::Cut);
                }
            }
        }
        Ok(out)
    }

    /// One line of code-page bytes and user-defined characters, then a line feed.
    fn text_line(
        &self,
        text: &str,
        user: &UserCharacters,
        state: &mut State,
        out: &mut Vec<Command>,
    ) {
        let table = self.profile.code_page.table;
        let mut bytes = Vec::new();
        for c in text.chars() {
            let resident = table.encode(c);
            match (resident, user.code(c)) {
                (Some(byte), _) if byte >= 0x80 || (c == ' ' && state.user_characters) => {
                    // Above ASCII, and the space (a defined blank), print the same in both
                    // modes.
                    bytes.push(byte);
                }
                (Some(byte), _) => {
                    state.set_user_characters(false, &mut bytes, out);
                    bytes.push(byte);
                }
                (None, Some(code)) => {
                    state.set_user_characters(true, &mut bytes, out);
                    bytes.push(code);
                }
                // `lines` sends such a line as raster.
                (None, None) => {}
            }
        }
        // Line feeds, raster and QR are the same in both modes: the mode stays as it is.
        bytes.push(b'\n');
        out.push(Command::Text(bytes));
    }

    fn qr(&self, data: &[u8], out: &mut Vec<Command>) -> Result<(), QrError> {
        let symbol = qr::modules(data)?;
        if self.profile.native_qr {
            // Three fifths of the paper at most: big enough to scan, small enough to keep a
            // margin.
            let module = (self.profile.dots_per_line * 3 / 5 / symbol.width())
                .clamp(MIN_MODULE_DOTS, MAX_NATIVE_MODULE_DOTS);
            out.extend([
                Command::QrModel2,
                Command::QrModuleSize(module as u8),
                Command::QrErrorLevel(QrLevel::M),
                Command::QrStore(data.to_vec()),
                Command::QrPrint,
            ]);
        } else {
            out.push(Command::Raster(symbol.scaled(MIN_MODULE_DOTS)));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Style;

    fn commands(profile: &str, text: &str) -> Vec<Command> {
        let profile = Profile::named(profile).expect("bundled");
        let glyphs = Glyphs::load().expect("font");
        Encoder::new(&profile, &glyphs)
            .commands(&[Block::text(text, Style::BODY), Block::Cut])
            .expect("commands")
    }

    #[test]
    fn missing_letters_become_user_characters_and_runs_span_spaces() {
        let out = commands("epson-tm-t20", "қ ғ 1");
        let Command::DefineCharacters { first, glyphs } = &out[2] else {
            panic!("{out:?}");
        };
        assert_eq!((*first, glyphs.len()), (0x20, 3), "blank, қ, ғ");
        assert!(!glyphs[0].has_ink() && glyphs[1].has_ink());
        let tail: Vec<_> = out[3..]
            .iter()
            .filter(|c| {
                !matches!(
                    c,
                    Command::Align(_) | Command::Bold(_) | Command::Size { .. }
                )
            })
            .cloned()
            .collect();
        assert_eq!(
            tail,
            [
                Command::UserCharacters(true),
                Command::Text(vec![0x21, b' ', 0x22, b' ']),
                Command::UserCharacters(false),
                Command::Text(vec![b'1', b'\n']),
                Command::Cut,
            ]
        );
    }

    #[test]
    fn without_user_characters_the_paragraph_is_raster_and_clones_leave_chinese_mode() {
        let out = commands("generic-raster", "Ққ Ғғ Ҳҳ");
        assert!(out.iter().any(|c| matches!(c, Command::Raster(_))));
        assert!(!out.iter().any(|c| matches!(c, Command::Text(_))));
        let clone = commands("xprinter-58", "Салом");
        assert_eq!(
            clone[..3],
            [
                Command::Init,
                Command::CancelChineseMode,
                Command::CodePage(73)
            ]
        );
    }
}
