//! The enrolment sheet: the QR of an [`EnrolLink`] as a PNG to print and hand to the
//! technician, who scans it at the terminal instead of typing the portal's address, the code
//! and the key fingerprint; the three are printed under the QR too. Black on white, error correction level M, the quiet zone of 4 modules the QR standard
//! asks for, 10 pixels a module; the file says 10 pixels a millimetre, so printed at its own
//! size each module is 1 mm wide, large enough for any scanner from paper.

use embedded_graphics::Drawable;
use embedded_graphics::mono_font::MonoTextStyle;
use embedded_graphics::mono_font::ascii::FONT_10X20;
use embedded_graphics::pixelcolor::BinaryColor;
use embedded_graphics::prelude::{DrawTarget, OriginDimensions, Pixel, Point, Size};
use embedded_graphics::text::{Baseline, Text};
use mahalla_protocol::enrol_link::EnrolLink;
use qrcode::{Color, EcLevel, QrCode};

/// Pixels on each side of one module.
pub const MODULE_PX: usize = 10;
/// Light modules around the symbol.
pub const QUIET_ZONE: usize = 4;
/// The printing size stored in the PNG: 10 pixels a millimetre.
const PIXELS_PER_METRE: u32 = 10_000;

const BLACK: u8 = 0;
const WHITE: u8 = 255;

#[derive(Debug, thiserror::Error)]
pub enum SheetError {
    #[error("the link does not fit a QR: {0}")]
    Qr(#[from] qrcode::types::QrError),
    #[error("cannot encode the PNG: {0}")]
    Png(#[from] png::EncodingError),
}

/// Pixels of one text line: the 10×20 font drawn twice its size (4 mm high when printed).
const TEXT_SCALE: usize = 2;
const LINE_PX: usize = 20 * TEXT_SCALE + 12;

/// What is printed under the QR, for a technician whose scanner fails: the code and the key
/// fingerprint to type, and the portal's address to check.
fn text_lines(link: &EnrolLink) -> Vec<String> {
    let mut lines = vec![format!("code {}", link.code)];
    if let Some(fingerprint) = &link.fingerprint {
        lines.push(format!("keys {fingerprint}"));
    }
    lines.push(link.portal_url.clone());
    lines
}

/// A greyscale page the text is drawn on.
struct Page {
    width: usize,
    pixels: Vec<u8>,
}

impl OriginDimensions for Page {
    fn size(&self) -> Size {
        let height = self.pixels.len() / self.width.max(1);
        Size::new(
            u32::try_from(self.width / TEXT_SCALE).unwrap_or(0),
            u32::try_from(height / TEXT_SCALE).unwrap_or(0),
        )
    }
}

impl DrawTarget for Page {
    type Color = BinaryColor;
    type Error = std::convert::Infallible;

    fn draw_iter<I: IntoIterator<Item = Pixel<BinaryColor>>>(
        &mut self,
        pixels: I,
    ) -> Result<(), Self::Error> {
        for Pixel(at, color) in pixels {
            let (Ok(x), Ok(y)) = (usize::try_from(at.x), usize::try_from(at.y)) else {
                continue;
            };
            let shade = if color.is_on() { BLACK } else { WHITE };
            for dy in 0..TEXT_SCALE {
                for dx in 0..TEXT_SCALE {
                    let (px, py) = (x * TEXT_SCALE + dx, y * TEXT_SCALE + dy);
                    if px < self.width
                        && let Some(pixel) = self.pixels.get_mut(py * self.width + px)
                    {
                        *pixel = shade;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The sheet for `link` as the bytes of an 8-bit greyscale PNG: the QR, and under it the
/// code, the key fingerprint and the portal's address in print.
pub fn png(link: &EnrolLink) -> Result<Vec<u8>, SheetError> {
    let code = QrCode::with_error_correction_level(link.to_qr_text(), EcLevel::M)?;
    let modules = code.width();
    let colors = code.to_colors();
    let lines = text_lines(link);
    let widest = lines
        .iter()
        .map(|line| line.chars().count())
        .max()
        .unwrap_or(0);
    let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
    let margin = QUIET_ZONE * MODULE_PX;
    let width = side.max(widest * 10 * TEXT_SCALE + 2 * margin);
    let height = side + lines.len() * LINE_PX + margin;
    let offset = (width - side) / 2;
    let dark = |x: usize, y: usize| {
        let (x, y) = (x / MODULE_PX, y / MODULE_PX);
        let inside = |at: usize| (QUIET_ZONE..QUIET_ZONE + modules).contains(&at);
        inside(x)
            && inside(y)
            && colors[(y - QUIET_ZONE) * modules + (x - QUIET_ZONE)] == Color::Dark
    };
    let mut page = Page {
        width,
        pixels: vec![WHITE; width * height],
    };
    for y in 0..side {
        for x in 0..side {
            if dark(x, y) {
                page.pixels[y * width + offset + x] = BLACK;
            }
        }
    }
    let style = MonoTextStyle::new(&FONT_10X20, BinaryColor::On);
    for (index, line) in lines.iter().enumerate() {
        let top = (side + index * LINE_PX) / TEXT_SCALE;
        let left = margin / TEXT_SCALE;
        let at = Point::new(
            i32::try_from(left).unwrap_or(0),
            i32::try_from(top).unwrap_or(0),
        );
        let Ok(()) = Text::with_baseline(line, at, style, Baseline::Top)
            .draw(&mut page)
            .map(|_| ());
    }

    let mut out = Vec::new();
    // A QR is at most 177 modules wide and the lines are short: the page fits u32.
    let mut encoder = png::Encoder::new(
        &mut out,
        u32::try_from(width).unwrap_or(u32::MAX),
        u32::try_from(height).unwrap_or(u32::MAX),
    );
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: PIXELS_PER_METRE,
        yppu: PIXELS_PER_METRE,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&page.pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_sits_in_its_quiet_zone_with_the_text_under_it() {
        let link = EnrolLink::new(
            "https://portal.example.uz",
            "7KQ2-M9XD-3TRA",
            Some("8F3K-T2QX-MW7D-R4NA"),
        )
        .expect("link");
        let bytes = png(&link).expect("sheet");
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .expect("PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut pixels).expect("frame");
        let (width, height) = (frame.width as usize, frame.height as usize);
        let modules = QrCode::with_error_correction_level(link.to_qr_text(), EcLevel::M)
            .expect("QR")
            .width();
        let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
        assert!(width >= side);
        assert_eq!(height, side + 3 * LINE_PX + QUIET_ZONE * MODULE_PX);
        let left = (width - side) / 2;
        let quiet = QUIET_ZONE * MODULE_PX;
        let at = |x: usize, y: usize| pixels[y * width + x];
        for i in 0..side {
            for edge in [0, quiet - 1, side - quiet, side - 1] {
                assert_eq!(at(left + i, edge), WHITE, "row {edge} column {i}");
                assert_eq!(at(left + edge, i), WHITE, "column {edge} row {i}");
            }
        }
        // The top left finder pattern: a dark module, ten pixels on each side.
        for offset in 0..MODULE_PX {
            assert_eq!(at(left + quiet + offset, quiet), BLACK);
            assert_eq!(at(left + quiet, quiet + offset), BLACK);
        }
        // Each of the three lines under the symbol has print on it.
        for line in 0..3 {
            let rows = side + line * LINE_PX..side + (line + 1) * LINE_PX;
            let inked = rows
                .flat_map(|y| (0..width).map(move |x| (x, y)))
                .filter(|&(x, y)| at(x, y) == BLACK)
                .count();
            assert!(inked > 200, "line {line}: {inked} dark pixels");
        }
        assert!(pixels.iter().all(|&p| p == BLACK || p == WHITE));
        let dims = reader.info().pixel_dims.expect("printing size");
        assert_eq!((dims.xppu, dims.unit), (10_000, png::Unit::Meter));
    }
}
