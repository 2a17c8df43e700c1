//! Draws a printout as the paper would look, and writes it as PNG.

use crate::bitmap::Bitmap;
use crate::command::Align;
use crate::glyphs::Glyphs;
use crate::profile::{CELL_HEIGHT, CELL_WIDTH, LINE_GAP};
use crate::qr;

use super::parser::{Cell, Element, Printout};

/// Paper to the left and right of the printable width, and above and below.
const MARGIN: usize = 24;

/// One element as dots, with its alignment.
fn draw(element: &Element, glyphs: &Glyphs) -> (Bitmap, Align) {
    match element {
        Element::Text {
            cells,
            align,
            bold,
            scale,
        } => {
            let mut line = Bitmap::new(cells.len() * CELL_WIDTH, CELL_HEIGHT + LINE_GAP);
            for (index, cell) in cells.iter().enumerate() {
                let glyph = match cell {
                    Cell::Resident(c) => glyphs.cell(*c, *bold),
                    // Emphasis strikes a downloaded glyph twice, one dot apart.
                    Cell::User { glyph, .. } if *bold => {
                        let mut double = glyph.clone();
                        double.draw(glyph, 1, 0);
                        double
                    }
                    Cell::User { glyph, .. } => glyph.clone(),
                };
                line.draw(&glyph, index * CELL_WIDTH, 0);
            }
            (line.scaled(*scale), *align)
        }
        Element::Raster { image, align } => (image.clone(), *align),
        Element::Qr {
            data,
            module,
            align,
        } => {
            let symbol = qr::modules(data)
                .map(|symbol| symbol.scaled(*module))
                .unwrap_or_else(|_| Bitmap::new(0, 0));
            (symbol, *align)
        }
        Element::Feed(lines) => (
            Bitmap::new(0, usize::from(*lines) * (CELL_HEIGHT + LINE_GAP)),
            Align::Left,
        ),
        Element::FeedDots(dots) => (Bitmap::new(0, usize::from(*dots)), Align::Left),
    }
}

/// The printout on paper `dots` wide, with margins.
pub fn paper(printout: &Printout, dots: usize, glyphs: &Glyphs) -> Bitmap {
    let drawn: Vec<_> = printout
        .elements
        .iter()
        .map(|element| draw(element, glyphs))
        .collect();
    let height: usize = drawn.iter().map(|(image, _)| image.height()).sum();
    let mut paper = Bitmap::new(dots + 2 * MARGIN, height + 2 * MARGIN);
    let mut y = MARGIN;
    for (image, align) in drawn {
        let x = match align {
            Align::Left => 0,
            Align::Center => dots.saturating_sub(image.width()) / 2,
        };
        paper.draw(&image, MARGIN + x, y);
        y += image.height();
    }
    paper
}

/// `image` as an 8-bit greyscale PNG: ink black, paper white; written a row at a time.
pub fn png(image: &Bitmap) -> Result<Vec<u8>, png::EncodingError> {
    use std::io::Write;

    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, image.width() as u32, image.height() as u32);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    let mut stream = writer.stream_writer()?;
    let mut row = Vec::with_capacity(image.width());
    for y in 0..image.height() {
        row.clear();
        row.extend((0..image.width()).map(|x| if image.get(x, y) { 0 } else { 255 }));
        stream.write_all(&row)?;
    }
    stream.finish()?;
    writer.finish()?;
    Ok(out)
}
