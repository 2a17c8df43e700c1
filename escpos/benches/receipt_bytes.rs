//! Bytes per receipt and time on the serial line, for each language and printer profile.
//! Prints figures; asserts nothing (the 2 KB budget is a unit test).
//!
//! Run with `cargo bench --bench receipt_bytes [-- OUT_DIR]`. With OUT_DIR it also writes,
//! per language, the receipt's lines and QR payload as JSON (`<lang>.json`) for
//! `escpos/benches/python_escpos_receipt.py`, which sends the same text and QR through
//! python-escpos for comparison.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

use mahalla_escpos::encoder::{Encoder, Line};
use mahalla_escpos::glyphs::Glyphs;
use mahalla_escpos::profile::Profile;
use mahalla_escpos::receipt::Receipt;
use mahalla_escpos::texts;
use mahalla_escpos::{receipt_bytes, sample_bytes};
use mahalla_protocol::lang::Lang;

const BAUDS: [u32; 3] = [9600, 19200, 115200];

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out_dir = std::env::args()
        .skip(1)
        .find(|arg| !arg.starts_with('-'))
        .map(std::path::PathBuf::from);
    let catalogue = mahalla_protocol::bundled::catalogue()?;
    let glyphs = Glyphs::load()?;
    let profiles = Profile::bundled()?;

    println!("| profile | language | bytes | s @ 9600 | s @ 19200 | s @ 115200 |");
    println!("|---|---|---:|---:|---:|---:|");
    for profile in &profiles {
        for lang in Lang::ALL {
            let receipt = Receipt::sample(&catalogue, lang)?;
            let bytes = receipt_bytes(&receipt, profile, &glyphs)?;
            let seconds: Vec<_> = BAUDS
                .iter()
                // 8N1: ten bits on the line for every byte.
                .map(|&baud| format!("{:.2}", bytes.len() as f64 * 10.0 / f64::from(baud)))
                .collect();
            println!(
                "| {} | {lang} | {} | {} |",
                profile.name,
                bytes.len(),
                seconds.join(" | ")
            );
        }
    }

    if let Some(dir) = out_dir {
        std::fs::create_dir_all(&dir)?;
        let epson = Profile::named("epson-tm-t20")?;
        for lang in Lang::ALL {
            let receipt = Receipt::sample(&catalogue, lang)?;
            let blocks = receipt.blocks(&texts::load(lang)?)?;
            let encoder = Encoder::new(&epson, &glyphs);
            let lines: Vec<_> = encoder
                .lines(&blocks, &encoder.user_characters(&blocks))
                .into_iter()
                .filter_map(|line| match line {
                    Line::Text { text, .. } => Some(text),
                    _ => None,
                })
                .collect();
            let json = serde_json::json!({
                "lang": lang.tag(),
                "lines": lines,
                "qr": receipt.qr.text(),
                "ours_bytes": sample_bytes(&catalogue, lang, &epson)?.len(),
            });
            std::fs::write(
                dir.join(format!("{lang}.json")),
                serde_json::to_vec_pretty(&json)?,
            )?;
        }
        println!(
            "\nreceipt texts for python-escpos written to {}",
            dir.display()
        );
    }
    Ok(())
}
