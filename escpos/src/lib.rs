//! Receipts for ESC/POS thermal printers, as bytes: what a receipt says and how it becomes the
//! exact bytes one printer model understands. No I/O: the serial port, the print queue and the
//! virtual printer's pseudo-terminal are the kiosk core's.
//!
//! [`receipt`], [`status_slip`] and [`layout`] say what is printed, [`encoder`] turns it into [`command`]s for a
//! [`profile`], drawing what the code page lacks with [`glyphs`]; [`command`] is the one place
//! where commands become bytes; [`status`] reads the printer's status replies. With the
//! `emulator` feature, [`emulator`] reads such bytes back and draws the paper as a PNG.

pub mod bitmap;
pub mod codepage;
pub mod command;
#[cfg(feature = "emulator")]
pub mod emulator;
pub mod encoder;
pub mod glyphs;
pub mod layout;
pub mod profile;
pub mod qr;
pub mod receipt;
pub mod status;
pub mod status_slip;
pub mod texts;

use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;

use encoder::{EncodeError, Encoder};
use glyphs::{FontError, Glyphs};
use profile::Profile;
use receipt::{Receipt, ReceiptError};

/// Why a printout cannot be put into bytes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PrintoutError {
    #[error(transparent)]
    Receipt(#[from] ReceiptError),
    #[error(transparent)]
    Encode(#[from] EncodeError),
    #[error(transparent)]
    Font(#[from] FontError),
}

/// The exact bytes of `receipt` for `profile`.
pub fn receipt_bytes(
    receipt: &Receipt,
    profile: &Profile,
    glyphs: &Glyphs,
) -> Result<Vec<u8>, PrintoutError> {
    let blocks = receipt.blocks(&texts::load(receipt.lang).map_err(ReceiptError::from)?)?;
    let commands = Encoder::new(profile, glyphs).commands(&blocks)?;
    Ok(command::encode(&commands))
}

/// The exact bytes of a status slip for `profile`.
pub fn status_slip_bytes(
    slip: &status_slip::StatusSlip,
    profile: &Profile,
    glyphs: &Glyphs,
) -> Result<Vec<u8>, PrintoutError> {
    let blocks = slip.blocks(&texts::load(slip.lang).map_err(ReceiptError::from)?)?;
    let commands = Encoder::new(profile, glyphs).commands(&blocks)?;
    Ok(command::encode(&commands))
}

/// The bytes of the fixed sample receipt (doctor appointment) in `lang`.
pub fn sample_bytes(
    catalogue: &Catalogue,
    lang: Lang,
    profile: &Profile,
) -> Result<Vec<u8>, PrintoutError> {
    let glyphs = Glyphs::load()?;
    receipt_bytes(&Receipt::sample(catalogue, lang)?, profile, &glyphs)
}

/// The bytes of the test page (every language's letters, a big code, a QR) for `profile`.
pub fn test_page_bytes(profile: &Profile) -> Result<Vec<u8>, PrintoutError> {
    let glyphs = Glyphs::load()?;
    let blocks = receipt::test_page(&profile.description)?;
    let commands = Encoder::new(profile, &glyphs).commands(&blocks)?;
    Ok(command::encode(&commands))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two seconds of a 9600-baud line at most, with the appointment's details and the
    /// status address printed in letters under the QR.
    #[test]
    fn the_uz_cyrl_80_mm_receipt_with_native_qr_fits_in_2_kb() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        let profile = Profile::named("epson-tm-t20").expect("profile");
        let bytes = sample_bytes(&catalogue, Lang::UzCyrl, &profile).expect("sample");
        assert!(bytes.len() <= 2048, "{} bytes", bytes.len());
    }
}
