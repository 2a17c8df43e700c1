//! QR symbols as modules, for raster printing and for drawing a stored native QR.

use qrcode::{Color, EcLevel, QrCode};

use super::bitmap::Bitmap;

/// The fewest dots a module may have and still scan from thermal paper.
pub const MIN_MODULE_DOTS: usize = 3;

/// The error-correction level every receipt QR uses (`GS ( k` function 169 says the same).
pub const LEVEL: EcLevel = EcLevel::M;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the QR cannot hold {length} bytes: {reason}")]
pub struct QrError {
    pub length: usize,
    pub reason: String,
}

/// The symbol for `data` at level M, one dot per module, without quiet zone.
pub fn modules(data: &[u8]) -> Result<Bitmap, QrError> {
    let code = QrCode::with_error_correction_level(data, LEVEL).map_err(|error| QrError {
        length: data.len(),
        reason: error.to_string(),
    })?;
    let width = code.width();
    let mut image = Bitmap::new(width, width);
    for (index, color) in code.to_colors().into_iter().enumerate() {
        if color == Color::Dark {
            image.set(index % width, index / width);
        }
    }
    Ok(image)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_receipt_url_fits_a_small_symbol() {
        let image = modules(&[b'a'; 130]).expect("fits");
        assert!(image.width() <= 49, "{}", image.width());
        assert!(image.get(0, 0) && image.get(6, 6), "finder pattern");
    }
}
