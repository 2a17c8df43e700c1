//! Letters drawn as dots from the terminal's own font (Noto Sans, the same files the screen
//! uses), for user-defined characters and for lines printed as raster.
//!
//! Nothing is decoded ahead: a glyph's outline is read from the compiled-in font, scaled and
//! filled when a letter is asked for, and forgotten once it is drawn.

use skrifa::instance::{LocationRef, Size};
use skrifa::metrics::GlyphMetrics;
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, GlyphId, MetadataProvider};
use zeno::{Command, Mask, PathBuilder};

use super::bitmap::Bitmap;
use super::profile::{CELL_HEIGHT, CELL_WIDTH};

/// The terminal's font, shipped in `assets/fonts/` with its licence. The screen registers
/// these same bytes (statics, so every user shares one copy), so the program carries the
/// faces once.
pub static REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
pub static BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

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
    regular: Face,
    bold: Face,
}

/// One face: the font's tables where they lie in the compiled-in bytes, and its scale.
struct Face {
    font: FontRef<'static>,
    /// Dots per font unit at [`PIXEL_SIZE`].
    scale: f32,
}

/// A glyph's coverage (0–255 a pixel, rows from the top), placed against the pen and the
/// baseline.
#[derive(Default)]
struct Coverage {
    /// Columns from the pen to the first column.
    left: i32,
    /// Rows from the baseline down to the first row (negative: above the baseline).
    top: i32,
    width: usize,
    height: usize,
    alpha: Vec<u8>,
}

impl Coverage {
    fn alpha(&self, x: usize, y: usize) -> u8 {
        self.alpha[y * self.width + x]
    }
}

/// A glyph's outline as zeno fills it: in dots, y pointing down.
struct Path {
    scale: f32,
    commands: Vec<Command>,
}

impl Path {
    fn point(&self, x: f32, y: f32) -> [f32; 2] {
        [x * self.scale, -y * self.scale]
    }
}

impl OutlinePen for Path {
    fn move_to(&mut self, x: f32, y: f32) {
        let to = self.point(x, y);
        self.commands.move_to(to);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        let to = self.point(x, y);
        self.commands.line_to(to);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        let (control, to) = (self.point(cx0, cy0), self.point(x, y));
        self.commands.quad_to(control, to);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        let (first, second, to) = (self.point(cx0, cy0), self.point(cx1, cy1), self.point(x, y));
        self.commands.curve_to(first, second, to);
    }

    fn close(&mut self) {
        self.commands.close();
    }
}

impl Face {
    /// Reads the table directory only; glyphs are read when drawn.
    fn load(bytes: &'static [u8]) -> Result<Face, FontError> {
        let font = FontRef::new(bytes).map_err(|e| FontError(e.to_string()))?;
        let units_per_em = font
            .metrics(Size::unscaled(), LocationRef::default())
            .units_per_em;
        if units_per_em == 0 {
            return Err(FontError("no units per em".to_owned()));
        }
        Ok(Face {
            font,
            scale: PIXEL_SIZE / f32::from(units_per_em),
        })
    }

    /// The glyph for `c`, or the missing-glyph box.
    fn glyph_id(&self, c: char) -> GlyphId {
        self.font.charmap().map(c).unwrap_or(GlyphId::NOTDEF)
    }

    /// Advance widths in font units, from the horizontal metrics.
    fn metrics(&self) -> GlyphMetrics<'static> {
        self.font
            .glyph_metrics(Size::unscaled(), LocationRef::default())
    }

    /// How far the pen moves after `c`, in dots.
    fn advance(&self, metrics: &GlyphMetrics, c: char) -> f32 {
        metrics.advance_width(self.glyph_id(c)).unwrap_or_default() * self.scale
    }

    /// `c` scaled and filled. A glyph the font cannot draw has no ink.
    fn coverage(&self, c: char) -> Coverage {
        let mut path = Path {
            scale: self.scale,
            commands: Vec::new(),
        };
        let drawn = self
            .font
            .outline_glyphs()
            .get(self.glyph_id(c))
            .map(|glyph| {
                glyph.draw(
                    DrawSettings::unhinted(Size::unscaled(), LocationRef::default()),
                    &mut path,
                )
            });
        if !matches!(drawn, Some(Ok(_))) || path.commands.is_empty() {
            return Coverage::default();
        }
        let (alpha, placement) = Mask::new(&path.commands).render();
        Coverage {
            left: placement.left,
            top: placement.top,
            width: placement.width as usize,
            height: placement.height as usize,
            alpha,
        }
    }
}

impl Glyphs {
    /// The two faces of the compiled-in font, their table directories checked.
    pub fn load() -> Result<Glyphs, FontError> {
        Ok(Glyphs {
            regular: Face::load(REGULAR)?,
            bold: Face::load(BOLD)?,
        })
    }

    fn face(&self, bold: bool) -> &Face {
        if bold { &self.bold } else { &self.regular }
    }

    /// Whether the font has a real glyph for `c` (not the missing-glyph box).
    pub fn covers(&self, c: char) -> bool {
        c == ' ' || self.regular.font.charmap().map(c).is_some()
    }

    /// `c` in a Font A cell (12 × 24 dots), squeezed sideways if it is wider, for `ESC &`
    /// and for drawing resident characters in the virtual printer.
    pub fn cell(&self, c: char, bold: bool) -> Bitmap {
        let glyph = self.face(bold).coverage(c);
        let (width, height) = (glyph.width, glyph.height);
        let mut cell = Bitmap::new(CELL_WIDTH, CELL_HEIGHT);
        if width == 0 {
            return cell;
        }
        let target = width.min(CELL_WIDTH);
        let left = (CELL_WIDTH - target) / 2;
        let top = BASELINE + glyph.top;
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
        let face = self.face(bold);
        let metrics = face.metrics();
        let advance: f32 = text.chars().map(|c| face.advance(&metrics, c)).sum();
        advance.ceil() as usize * scale
    }

    /// `text` set proportionally on a 24-dot line (times `scale`), as wide as it needs.
    pub fn line(&self, text: &str, bold: bool, scale: usize) -> Bitmap {
        let face = self.face(bold);
        let metrics = face.metrics();
        let mut line = Bitmap::new(self.line_width(text, bold, 1).max(1), CELL_HEIGHT);
        let mut pen = 0.0f32;
        for c in text.chars() {
            let glyph = face.coverage(c);
            let left = pen.round() as i32 + glyph.left;
            let top = BASELINE + glyph.top;
            for y in 0..glyph.height {
                for x in 0..glyph.width {
                    let (px, py) = (left + x as i32, top + y as i32);
                    if glyph.alpha(x, y) >= INK_THRESHOLD && px >= 0 && py >= 0 {
                        line.set(px as usize, py as usize);
                    }
                }
            }
            pen += face.advance(&metrics, c);
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
