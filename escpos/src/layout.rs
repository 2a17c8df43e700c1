//! What a printout says, before any printer is chosen: blocks of styled text, the QR, feeds
//! and the cut.

use super::command::Align;

/// How a text block is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    pub bold: bool,
    /// Double width and height.
    pub big: bool,
    pub align: Align,
}

impl Style {
    pub const BODY: Style = Style {
        bold: false,
        big: false,
        align: Align::Left,
    };
    pub const HEADING: Style = Style {
        bold: true,
        ..Style::BODY
    };
    pub const TITLE: Style = Style {
        bold: true,
        align: Align::Center,
        ..Style::BODY
    };
    pub const CENTERED: Style = Style {
        align: Align::Center,
        ..Style::BODY
    };
    pub const CODE: Style = Style {
        bold: true,
        big: true,
        align: Align::Center,
    };

    /// Cells a character takes across.
    pub fn cell_scale(self) -> usize {
        if self.big { 2 } else { 1 }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph, wrapped to the paper.
    Text { text: String, style: Style },
    /// A QR code, centred.
    Qr(Vec<u8>),
    /// Blank lines.
    Feed(u8),
    /// Feed to the cutter and cut: the end of one printout.
    Cut,
}

impl Block {
    pub fn text(text: impl Into<String>, style: Style) -> Block {
        Block::Text {
            text: text.into(),
            style,
        }
    }
}

/// Splits `text` into lines that `fits`, at spaces where possible. A no-break space
/// (U+00A0) keeps its neighbours on one line.
pub fn wrap(text: &str, fits: impl Fn(&str) -> bool) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let words = text
        .split([' ', '\t', '\n'])
        .filter(|word| !word.is_empty());
    for word in words {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if fits(&candidate) {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // A word longer than a line is cut where it must be.
        for c in word.chars() {
            line.push(c);
            if !fits(&line) && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_and_cuts_only_long_ones() {
        let fits = |s: &str| s.chars().count() <= 8;
        assert_eq!(
            wrap("Holatini istalgan joyda", fits),
            ["Holatini", "istalgan", "joyda"]
        );
        assert_eq!(wrap("ab cd ef", fits), ["ab cd ef"]);
        assert_eq!(wrap("abcdefghijk", fits), ["abcdefgh", "ijk"]);
        assert!(wrap("   ", fits).is_empty());
        assert_eq!(wrap("a 1.2\u{A0}3:4", fits), ["a", "1.2\u{A0}3:4"]);
    }
}
