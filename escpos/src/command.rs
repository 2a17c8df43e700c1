//! ESC/POS commands as typed values, and the one place where they become bytes.

use super::bitmap::Bitmap;

/// Horizontal alignment of what follows (`ESC a n`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left = 0,
    Center = 1,
}

/// QR error-correction level (`GS ( k` function 169).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QrLevel {
    L = 48,
    M = 49,
    Q = 50,
    H = 51,
}

/// Which status `DLE EOT n` asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusKind {
    /// n = 1: printer status (bit 3 offline).
    Printer = 1,
    /// n = 2: offline cause (bit 2 cover open, bit 5 paper end).
    Offline = 2,
    /// n = 4: paper roll sensor (bits 2+3 near end, bits 5+6 end).
    Paper = 4,
}

impl StatusKind {
    pub const ALL: [StatusKind; 3] = [StatusKind::Printer, StatusKind::Offline, StatusKind::Paper];
}

/// One ESC/POS command.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `ESC @`: reset; forgets user-defined characters.
    Init,
    /// `FS .`: leave the Chinese double-byte mode some clones start in.
    CancelChineseMode,
    /// `ESC t n`: select a character code table.
    CodePage(u8),
    /// `ESC a n`.
    Align(Align),
    /// `ESC E n`: emphasised (bold) text.
    Bold(bool),
    /// `GS ! n`: character size, width and height multipliers 1..=8.
    Size { width: u8, height: u8 },
    /// Bytes printed with the selected code page (and user-defined characters, if enabled).
    Text(Vec<u8>),
    /// `LF`.
    LineFeed,
    /// `ESC & 3 c1 c2 …`: define the user-defined characters `first`, `first + 1`, …, one
    /// 24-dot-high glyph each, at most 255 dots wide.
    DefineCharacters { first: u8, glyphs: Vec<Bitmap> },
    /// `ESC % n`: print user-defined characters in place of the resident ones.
    UserCharacters(bool),
    /// `GS v 0 0`: a raster image, normal size.
    Raster(Bitmap),
    /// `GS ( k` function 165: QR model 2.
    QrModel2,
    /// `GS ( k` function 167: module size in dots, 1..=16.
    QrModuleSize(u8),
    /// `GS ( k` function 169.
    QrErrorLevel(QrLevel),
    /// `GS ( k` function 180: store the QR data.
    QrStore(Vec<u8>),
    /// `GS ( k` function 181: print the stored QR.
    QrPrint,
    /// `ESC d n`: print and feed `n` lines.
    Feed(u8),
    /// `ESC J n`: print and feed `n` dots.
    FeedDots(u8),
    /// `GS V 66 0`: feed to the cutter and cut (partially, where the cutter can).
    Cut,
    /// `DLE EOT n`: real-time status request.
    Status(StatusKind),
    /// `GS I 67`: ask for the model name; answered `_ name NUL` by printers that know it.
    ModelName,
}

/// `GS ( k pL pH cn fn …`: a QR function with its parameter bytes.
fn qr_function(out: &mut Vec<u8>, function: u8, parameters: &[u8]) {
    let length = parameters.len() + 2;
    out.extend_from_slice(&[0x1D, 0x28, 0x6B, (length & 0xFF) as u8, (length >> 8) as u8]);
    out.extend_from_slice(&[0x31, function]);
    out.extend_from_slice(parameters);
}

impl Command {
    /// Appends this command's bytes to `out`.
    pub fn encode_into(&self, out: &mut Vec<u8>) {
        match self {
            Command::Init => out.extend_from_slice(&[0x1B, 0x40]),
            Command::CancelChineseMode => out.extend_from_slice(&[0x1C, 0x2E]),
            Command::CodePage(n) => out.extend_from_slice(&[0x1B, 0x74, *n]),
            Command::Align(align) => out.extend_from_slice(&[0x1B, 0x61, *align as u8]),
            Command::Bold(on) => out.extend_from_slice(&[0x1B, 0x45, u8::from(*on)]),
            Command::Size { width, height } => {
                let n = (width.clamp(&1, &8) - 1) << 4 | (height.clamp(&1, &8) - 1);
                out.extend_from_slice(&[0x1D, 0x21, n]);
            }
            Command::Text(bytes) => out.extend_from_slice(bytes),
            Command::LineFeed => out.push(0x0A),
            Command::DefineCharacters { first, glyphs } => {
                let last = first.saturating_add(glyphs.len().saturating_sub(1) as u8);
                out.extend_from_slice(&[0x1B, 0x26, 0x03, *first, last]);
                for glyph in glyphs {
                    out.push(glyph.width() as u8);
                    out.extend_from_slice(&glyph.column_bytes());
                }
            }
            Command::UserCharacters(on) => out.extend_from_slice(&[0x1B, 0x25, u8::from(*on)]),
            Command::Raster(image) => {
                let row_bytes = image.row_bytes();
                let height = image.height();
                out.extend_from_slice(&[0x1D, 0x76, 0x30, 0x00]);
                out.extend_from_slice(&[(row_bytes & 0xFF) as u8, (row_bytes >> 8) as u8]);
                out.extend_from_slice(&[(height & 0xFF) as u8, (height >> 8) as u8]);
                out.extend_from_slice(&image.row_packed());
            }
            Command::QrModel2 => qr_function(out, 0x41, &[0x32, 0x00]),
            Command::QrModuleSize(dots) => qr_function(out, 0x43, &[*dots]),
            Command::QrErrorLevel(level) => qr_function(out, 0x45, &[*level as u8]),
            Command::QrStore(data) => {
                let mut parameters = Vec::with_capacity(data.len() + 1);
                parameters.push(0x30);
                parameters.extend_from_slice(data);
                qr_function(out, 0x50, &parameters);
            }
            Command::QrPrint => qr_function(out, 0x51, &[0x30]),
            Command::Feed(lines) => out.extend_from_slice(&[0x1B, 0x64, *lines]),
            Command::FeedDots(dots) => out.extend_from_slice(&[0x1B, 0x4A, *dots]),
            Command::Cut => out.extend_from_slice(&[0x1D, 0x56, 0x42, 0x00]),
            Command::Status(kind) => out.extend_from_slice(&[0x10, 0x04, *kind as u8]),
            Command::ModelName => out.extend_from_slice(&[0x1D, 0x49, 0x43]),
        }
    }
}

/// The bytes of a sequence of commands.
pub fn encode(commands: &[Command]) -> Vec<u8> {
    let mut out = Vec::new();
    for command in commands {
        command.encode_into(&mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn commands_have_their_documented_bytes() {
        let cases: [(Command, &[u8]); 11] = [
            (Command::Init, &[0x1B, 0x40]),
            (Command::CancelChineseMode, &[0x1C, 0x2E]),
            (Command::CodePage(17), &[0x1B, 0x74, 17]),
            (
                Command::Size {
                    width: 2,
                    height: 2,
                },
                &[0x1D, 0x21, 0x11],
            ),
            (Command::UserCharacters(true), &[0x1B, 0x25, 0x01]),
            (
                Command::QrModel2,
                &[0x1D, 0x28, 0x6B, 4, 0, 0x31, 0x41, 0x32, 0],
            ),
            (
                Command::QrModuleSize(6),
                &[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x43, 6],
            ),
            (
                Command::QrStore(b"AB".to_vec()),
                &[0x1D, 0x28, 0x6B, 5, 0, 0x31, 0x50, 0x30, b'A', b'B'],
            ),
            (
                Command::QrPrint,
                &[0x1D, 0x28, 0x6B, 3, 0, 0x31, 0x51, 0x30],
            ),
            (Command::Status(StatusKind::Paper), &[0x10, 0x04, 4]),
            (Command::ModelName, &[0x1D, 0x49, 0x43]),
        ];
        for (command, bytes) in cases {
            assert_eq!(encode(std::slice::from_ref(&command)), bytes, "{command:?}");
        }
    }

    #[test]
    fn raster_and_user_characters_carry_their_sizes() {
        let mut image = Bitmap::new(10, 2);
        image.set(0, 0);
        image.set(9, 1);
        assert_eq!(
            encode(&[Command::Raster(image.clone())]),
            [0x1D, 0x76, 0x30, 0, 2, 0, 2, 0, 0x80, 0, 0, 0x40]
        );
        let mut glyph = Bitmap::new(2, 24);
        glyph.set(0, 0);
        glyph.set(1, 23);
        let bytes = encode(&[Command::DefineCharacters {
            first: 0x21,
            glyphs: vec![glyph],
        }]);
        assert_eq!(
            bytes,
            [0x1B, 0x26, 3, 0x21, 0x21, 2, 0x80, 0, 0, 0, 0, 0x01]
        );
    }
}
