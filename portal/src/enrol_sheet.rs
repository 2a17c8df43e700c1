//! The enrolment sheet: the QR of an [`EnrolLink`] as a PNG to print and hand to the
//! technician, who scans it at the terminal instead of typing the portal's address and the
//! code. Black on white, error correction level M, the quiet zone of 4 modules the QR standard
//! asks for, 10 pixels a module; the file says 10 pixels a millimetre, so printed at its own
//! size each module is 1 mm wide, large enough for any scanner from paper.

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

/// The sheet for `link` as the bytes of an 8-bit greyscale PNG.
pub fn png(link: &EnrolLink) -> Result<Vec<u8>, SheetError> {
    let code = QrCode::with_error_correction_level(link.to_qr_text(), EcLevel::M)?;
    let modules = code.width();
    let colors = code.to_colors();
    let side = (modules + 2 * QUIET_ZONE) * MODULE_PX;
    let dark = |x: usize, y: usize| {
        let (x, y) = (x / MODULE_PX, y / MODULE_PX);
        let inside = |at: usize| (QUIET_ZONE..QUIET_ZONE + modules).contains(&at);
        inside(x)
            && inside(y)
            && colors[(y - QUIET_ZONE) * modules + (x - QUIET_ZONE)] == Color::Dark
    };
    let mut pixels = Vec::with_capacity(side * side);
    for y in 0..side {
        pixels.extend((0..side).map(|x| if dark(x, y) { BLACK } else { WHITE }));
    }

    let mut out = Vec::new();
    // A QR is at most 177 modules wide, so the side is at most 1,850 pixels.
    let side = side as u32;
    let mut encoder = png::Encoder::new(&mut out, side, side);
    encoder.set_color(png::ColorType::Grayscale);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: PIXELS_PER_METRE,
        yppu: PIXELS_PER_METRE,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixels)?;
    writer.finish()?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_symbol_sits_in_its_quiet_zone_at_ten_pixels_a_module() {
        let link = EnrolLink::new("https://portal.example.uz", "7KQ2-M9XD-3TRA").expect("link");
        let bytes = png(&link).expect("sheet");
        let mut reader = png::Decoder::new(std::io::Cursor::new(bytes))
            .read_info()
            .expect("PNG header");
        let mut pixels = vec![0; reader.output_buffer_size().expect("size")];
        let frame = reader.next_frame(&mut pixels).expect("frame");
        let side = frame.width as usize;
        assert_eq!(frame.height as usize, side);
        let modules = QrCode::with_error_correction_level(link.to_qr_text(), EcLevel::M)
            .expect("QR")
            .width();
        assert_eq!(side, (modules + 2 * QUIET_ZONE) * MODULE_PX);
        let quiet = QUIET_ZONE * MODULE_PX;
        let at = |x: usize, y: usize| pixels[y * side + x];
        for i in 0..side {
            for edge in [0, quiet - 1, side - quiet, side - 1] {
                assert_eq!(at(i, edge), WHITE, "row {edge} column {i}");
                assert_eq!(at(edge, i), WHITE, "column {edge} row {i}");
            }
        }
        // The top left finder pattern: a dark module, ten pixels on each side.
        for offset in 0..MODULE_PX {
            assert_eq!(at(quiet + offset, quiet), BLACK);
            assert_eq!(at(quiet, quiet + offset), BLACK);
        }
        assert!(pixels.iter().all(|&p| p == BLACK || p == WHITE));
        let dims = reader.info().pixel_dims.expect("printing size");
        assert_eq!((dims.xppu, dims.unit), (10_000, png::Unit::Meter));
    }
}
