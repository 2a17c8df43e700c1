//! Printer capability profiles, kept as data in `assets/printers/*.toml`.

use serde::Deserialize;

use super::codepage::Table;

/// Width of a Font A character cell in dots.
pub const CELL_WIDTH: usize = 12;
/// Height of a Font A character cell (and of a user-defined character) in dots.
pub const CELL_HEIGHT: usize = 24;
/// The default line spacing (about 1/6 inch) less the cell: the gap between text lines.
pub const LINE_GAP: usize = 6;

/// The bundled profiles, by file.
const BUNDLED: [&str; 3] = [
    include_str!("../../assets/printers/epson-tm-t20.toml"),
    include_str!("../../assets/printers/xprinter-58.toml"),
    include_str!("../../assets/printers/generic-raster.toml"),
];

/// What a printer model can do.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub name: String,
    pub description: String,
    /// Printable dots per line: 384 for 58 mm, 576 for 80 mm paper.
    pub dots_per_line: usize,
    pub code_page: CodePage,
    /// Send `FS .` after init to leave the Chinese double-byte mode.
    pub leave_chinese_mode: bool,
    /// `GS ( k` QR codes.
    pub native_qr: bool,
    /// `ESC &` / `ESC %` user-defined characters.
    pub user_defined_characters: bool,
    /// Whether `GS V` cuts the paper.
    pub cutter: bool,
    pub baud_rates: Vec<u32>,
    /// The receive buffer; no more than this may be in flight.
    pub buffer_bytes: usize,
    /// How fast the printer consumes data when it prints, for pacing without flow control.
    pub print_bytes_per_second: u32,
    /// What the model answers to `GS I 67`, as far as it names the model; empty for printers
    /// that do not answer. Detection suggests this profile when an answer contains one.
    #[serde(default)]
    pub model_names: Vec<String>,
}

/// Which table to use and the number `ESC t` selects it by on this model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodePage {
    pub table: Table,
    pub number: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProfileError {
    #[error("no printer profile {name:?}; known: {known}")]
    Unknown { name: String, known: String },
    #[error("printer profile {index}: {message}")]
    Invalid { index: usize, message: String },
}

impl Profile {
    /// Every bundled profile.
    pub fn bundled() -> Result<Vec<Profile>, ProfileError> {
        BUNDLED
            .iter()
            .enumerate()
            .map(|(index, text)| {
                toml::from_str(text).map_err(|error: toml::de::Error| ProfileError::Invalid {
                    index,
                    message: error.to_string(),
                })
            })
            .collect()
    }

    /// The bundled profile called `name`.
    pub fn named(name: &str) -> Result<Profile, ProfileError> {
        let profiles = Profile::bundled()?;
        let known = profiles
            .iter()
            .map(|profile| profile.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        profiles
            .iter()
            .find(|profile| profile.name == name)
            .cloned()
            .ok_or(ProfileError::Unknown {
                name: name.to_owned(),
                known,
            })
    }

    /// Font A characters per line.
    pub fn characters_per_line(&self) -> usize {
        self.dots_per_line / CELL_WIDTH
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_profiles_load_and_say_what_the_issue_asks() {
        let epson = Profile::named("epson-tm-t20").expect("bundled");
        assert_eq!(epson.dots_per_line, 576);
        assert!(epson.native_qr && epson.user_defined_characters);
        let clone = Profile::named("xprinter-58").expect("bundled");
        assert_eq!(clone.dots_per_line, 384);
        assert!(clone.leave_chinese_mode);
        assert_eq!(clone.characters_per_line(), 32);
        let raster = Profile::named("generic-raster").expect("bundled");
        assert!(!raster.native_qr && !raster.user_defined_characters);
        let unknown = Profile::named("tm-x").expect_err("unknown").to_string();
        assert!(unknown.contains("xprinter-58"), "{unknown}");
    }
}
