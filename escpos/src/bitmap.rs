//! One-bit images (ink or paper) and the two packings ESC/POS uses for them.

/// A black-and-white image, row by row, eight dots a byte; a set bit is ink. Bits past the
/// last dot stay clear, so equal images are equal bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Bitmap {
    width: usize,
    height: usize,
    ink: Vec<u8>,
}

impl Bitmap {
    pub fn new(width: usize, height: usize) -> Bitmap {
        Bitmap {
            width,
            height,
            ink: vec![0; (width * height).div_ceil(8)],
        }
    }

    pub fn width(&self) -> usize {
        self.width
    }

    pub fn height(&self) -> usize {
        self.height
    }

    pub fn get(&self, x: usize, y: usize) -> bool {
        let dot = y * self.width + x;
        x < self.width && y < self.height && self.ink[dot / 8] & (1 << (dot % 8)) != 0
    }

    /// Inks one dot; dots outside the image are ignored.
    pub fn set(&mut self, x: usize, y: usize) {
        if x < self.width && y < self.height {
            let dot = y * self.width + x;
            self.ink[dot / 8] |= 1 << (dot % 8);
        }
    }

    /// Draws `other` with its top-left corner at (`x`, `y`), clipped to this image.
    pub fn draw(&mut self, other: &Bitmap, x: usize, y: usize) {
        for oy in 0..other.height {
            for ox in 0..other.width {
                if other.get(ox, oy) {
                    self.set(x + ox, y + oy);
                }
            }
        }
    }

    /// Inks a filled rectangle.
    pub fn fill(&mut self, x: usize, y: usize, width: usize, height: usize) {
        for yy in y..y + height {
            for xx in x..x + width {
                self.set(xx, yy);
            }
        }
    }

    /// The image without its blank rows at the top and bottom, and how many there were
    /// above and below. A blank image keeps one row.
    pub fn trimmed(&self) -> (usize, Bitmap, usize) {
        let inked = |y: &usize| (0..self.width).any(|x| self.get(x, *y));
        let top = (0..self.height).find(inked).unwrap_or(0);
        let bottom = (0..self.height).rev().find(inked).unwrap_or(top);
        let mut out = Bitmap::new(self.width, bottom + 1 - top);
        for y in top..=bottom {
            for x in 0..self.width {
                if self.get(x, y) {
                    out.set(x, y - top);
                }
            }
        }
        (top, out, self.height - 1 - bottom)
    }

    /// The width of one row in bytes, as `GS v 0` counts it.
    pub fn row_bytes(&self) -> usize {
        self.width.div_ceil(8)
    }

    /// Rows top to bottom, 8 dots a byte, most significant bit leftmost (`GS v 0`).
    pub fn row_packed(&self) -> Vec<u8> {
        let mut out = vec![0u8; self.row_bytes() * self.height];
        for y in 0..self.height {
            for x in 0..self.width {
                if self.get(x, y) {
                    out[y * self.row_bytes() + x / 8] |= 0x80 >> (x % 8);
                }
            }
        }
        out
    }

    /// Reads the `GS v 0` packing back.
    pub fn from_row_packed(row_bytes: usize, height: usize, data: &[u8]) -> Bitmap {
        let mut image = Bitmap::new(row_bytes * 8, height);
        for (index, byte) in data.iter().enumerate().take(row_bytes * height) {
            for bit in 0..8 {
                if byte & (0x80 >> bit) != 0 {
                    image.set((index % row_bytes) * 8 + bit, index / row_bytes);
                }
            }
        }
        image
    }

    /// Columns left to right, each `height / 8` bytes top to bottom, most significant bit
    /// topmost (`ESC &` with 3 bytes a column for a 24-dot glyph).
    pub fn column_bytes(&self) -> Vec<u8> {
        let per_column = self.height.div_ceil(8);
        let mut out = vec![0u8; per_column * self.width];
        for x in 0..self.width {
            for y in 0..self.height {
                if self.get(x, y) {
                    out[x * per_column + y / 8] |= 0x80 >> (y % 8);
                }
            }
        }
        out
    }

    /// Reads the `ESC &` packing back.
    pub fn from_column_bytes(width: usize, bytes_per_column: usize, data: &[u8]) -> Bitmap {
        let mut image = Bitmap::new(width, bytes_per_column * 8);
        for (index, byte) in data.iter().enumerate().take(width * bytes_per_column) {
            for bit in 0..8 {
                if byte & (0x80 >> bit) != 0 {
                    image.set(
                        index / bytes_per_column,
                        (index % bytes_per_column) * 8 + bit,
                    );
                }
            }
        }
        image
    }

    /// Whether any dot is inked.
    #[cfg(test)]
    pub fn has_ink(&self) -> bool {
        self.ink.iter().any(|&byte| byte != 0)
    }
    /// Each dot becomes a `scale` × `scale` square.
    pub fn scaled(&self, scale: usize) -> Bitmap {
        if scale <= 1 {
            return self.clone();
        }
        let mut out = Bitmap::new(self.width() * scale, self.height() * scale);
        for y in 0..self.height() {
            for x in 0..self.width() {
                if self.get(x, y) {
                    out.fill(x * scale, y * scale, scale, scale);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trimming_keeps_the_inked_rows_and_counts_the_rest() {
        let mut image = Bitmap::new(4, 10);
        image.set(1, 3);
        image.set(2, 6);
        let (above, inked, below) = image.trimmed();
        assert_eq!((above, inked.height(), below), (3, 4, 3));
        assert!(inked.get(1, 0) && inked.get(2, 3));
        let (above, blank, below) = Bitmap::new(4, 10).trimmed();
        assert_eq!((above, blank.height(), below), (0, 1, 9));
    }

    #[test]
    fn both_packings_round_trip() {
        let mut image = Bitmap::new(13, 24);
        for (x, y) in [(0, 0), (12, 23), (5, 9), (8, 16)] {
            image.set(x, y);
        }
        let rows = Bitmap::from_row_packed(image.row_bytes(), 24, &image.row_packed());
        let columns = Bitmap::from_column_bytes(13, 3, &image.column_bytes());
        assert_eq!(columns, image);
        for y in 0..24 {
            for x in 0..16 {
                assert_eq!(rows.get(x, y), image.get(x, y));
            }
        }
    }
}
