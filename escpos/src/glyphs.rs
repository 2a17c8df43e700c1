//! Letters drawn as dots from the terminal's own font (Noto Sans, the same files the screen
//! uses), for user-defined characters and for lines printed as raster.

use fontdue::{Font, FontSettings};

use super::bitmap::Bitmap;
use super::profile::{CELL_HEIGHT, CELL_WIDTH};

/// The screen's font, shipped in `assets/fonts/` with its licence.
const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Pixel size at which capitals with accents and descenders both fit a 24-dot line.
const PIXEL_SIZE: f32 = 20.0;
/// The baseline's row within a 24-dot line.
const BASELINE: i32 = 19;
/// Coverage from which a pixel becomes a dot.
const INK_THRESHOLD: u8 = 110;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the bundled font cannot be read: {0}")]
pub struct FontError(String);

/// The regular and bold faces.
pub struct Glyphs {
    regular: Font,
    bold: Font,
}

/// A glyph's coverage as fontdue draws it.
struct Coverage {
    metrics: fontdue::Metrics,
    alpha: Vec<u8>,
}

impl Coverage {
    fn alpha(&self, x: usize, y: usize) -> u8 {
        self.alpha[y * self.metrics.width + x]
    }
}

impl Glyphs {
    pub fn load() -> Result<Glyphs, FontError> {
        let load = |bytes: &'static [u8]| {
            Font::from_bytes(bytes, FontSettings::default()).map_err(|e| FontError(e.to_owned()))
        };
        Ok(Glyphs {
            regular: load(REGULAR)?,
            bold: load(BOLD)?,
        })
    }

    fn face(&self, bold: bool) -> &Font {
        if bold { &self.bold } else { &self.regular }
    }

    /// Whether the font has a real glyph for `c` (not the missing-glyph box).
    pub fn covers(&self, c: char) -> bool {
        c == ' ' || self.regular.has_glyph(c)
    }

    fn coverage(&self, c: char, bold: bool) -> Coverage {
        let (metrics, alpha) = self.face(bold).rasterize(c, PIXEL_SIZE);
        Coverage { metrics, alpha }
    }

    /// `c` in a Font A cell (12 × 24 dots), squeezed sideways if it is wider, for `ESC &`
    /// and for drawing resident characters in the virtual printer.
    pub fn cell(&self, c: char, bold: bool) -> Bitmap {
        let glyph = self.coverage(c, bold);
        let (width, height) = (glyph.metrics.width, glyph.metrics.height);
        let mut cell = Bitmap::new(CELL_WIDTH, CELL_HEIGHT);
        if width == 0 {
            return cell;
        }
        let target = width.min(CELL_WIDTH);
        let left = (CELL_WIDTH - target) / 2;
        let top = BASELINE - glyph.metrics.ymin - height as i32;
        for y in 0..height {
            for x in 0..target {
                // Area average of the source columns that fall in this target column.
                let from = x * width / target;
                let to = ((x + 1) * width / target).max(from + 1);
                let sum: u32 = (from..to).map(|sx| u32::from(glyph.alpha(sx, y))).sum();
                let row = top + y as i32;
                if sum / (to - from) as u32 >= u32::from(INK_THRESHOLD) && row >= 0 {
                    cell.set(left + x, row as usize);
                }
            }
        }
        cell
    }

    /// The width in dots of `text` set proportionally at `scale`.
    pub fn line_width(&self, text: &str, bold: bool, scale: usize) -> usize {
        let advance: f32 = text
            .chars()
            .map(|c| self.face(bold).metrics(c, PIXEL_SIZE).advance_width)
            .sum();
        advance.ceil() as usize * scale
    }

    /// `text` set proportionally on a 24-dot line (times `scale`), as wide as it needs.
    pub fn line(&self, text: &str, bold: bool, scale: usize) -> Bitmap {
        let mut line = Bitmap::new(self.line_width(text, bold, 1).max(1), CELL_HEIGHT);
        let mut pen = 0.0f32;
        for c in text.chars() {
            let glyph = self.coverage(c, bold);
            let left = pen.round() as i32 + glyph.metrics.xmin;
            let top = BASELINE - glyph.metrics.ymin - glyph.metrics.height as i32;
            for y in 0..glyph.metrics.height {
                for x in 0..glyph.metrics.width {
                    let (px, py) = (left + x as i32, top + y as i32);
                    if glyph.alpha(x, y) >= INK_THRESHOLD && px >= 0 && py >= 0 {
                        line.set(px as usize, py as usize);
                    }
                }
            }
            pen += glyph.metrics.advance_width;
        }
        line.scaled(scale)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_font_covers_every_letter_of_the_five_languages() {
        let glyphs = Glyphs::load().expect("bundled font");
        for c in "ҚқҒғҲҳЎўÁáǴǵIıŃńÓóÚú\u{2BB}\u{2BC}—–№".chars() {
            assert!(glyphs.covers(c), "{c}");
            assert!(glyphs.cell(c, false).has_ink(), "{c}");
        }
        assert!(!glyphs.covers('\u{E000}'));
    }

    #[test]
    fn a_line_is_as_wide_as_its_text() {
        let glyphs = Glyphs::load().expect("bundled font");
        let line = glyphs.line("Ққ Ғғ Ҳҳ", false, 1);
        assert_eq!(line.height(), CELL_HEIGHT);
        assert_eq!(line.width(), glyphs.line_width("Ққ Ғғ Ҳҳ", false, 1));
        assert!(line.has_ink());
        assert_eq!(glyphs.line("ab", true, 2).height(), 2 * CELL_HEIGHT);
    }
}
