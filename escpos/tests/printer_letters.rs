//! Every letter of the sample receipt, in each language on each printer profile, reaches the
//! paper as itself: as a code-page character, as a downloaded glyph drawn from the screen's
//! font, or inside a raster line drawn from that font. Never as `?`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::collections::HashMap;

use mahalla_escpos::emulator::parser::{Cell, Element, Event, Parser};
use mahalla_escpos::encoder::{Encoder, Line, Via};
use mahalla_escpos::glyphs::Glyphs;
use mahalla_escpos::layout::Block;
use mahalla_escpos::profile::Profile;
use mahalla_escpos::receipt::{Receipt, test_page};
use mahalla_escpos::status_slip::{SlipLine, StatusSlip};
use mahalla_escpos::texts;
use mahalla_escpos::{command, qr};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;

/// Letters each language's sample receipt must show.
fn own_letters(lang: Lang) -> &'static str {
    match lang {
        Lang::UzLatn => "ʻ",
        Lang::UzCyrl => "ўқғҳҲ",
        Lang::Ru => "ЗапиьёяэюЗ",
        Lang::En => "Wwpvy",
        Lang::Kaa => "áǵıńú",
    }
}

/// Prints `blocks` on `profile` through the parser and checks every text line; returns
/// the text as printed.
fn print_and_read(blocks: &[Block], profile: &Profile, glyphs: &Glyphs) -> String {
    let encoder = Encoder::new(profile, glyphs);
    let user = encoder.user_characters(blocks);
    let expected: Vec<_> = encoder
        .lines(blocks, &user)
        .into_iter()
        .filter(|line| matches!(line, Line::Text { .. } | Line::Qr(_)))
        .collect();
    let bytes = command::encode(&encoder.commands(blocks).expect("commands"));
    let mut parser = Parser::new(profile.clone());
    let events = parser.feed(&bytes);
    assert!(
        parser.unknown.is_empty(),
        "unknown bytes {:x?}",
        parser.unknown
    );
    let [Event::Printout(printout)] = events.as_slice() else {
        panic!("one printout expected, got {events:?}");
    };
    assert!(printout.cut);

    // Which letter each downloaded glyph draws: the font's own drawing of it.
    let mut letters: HashMap<_, char> = HashMap::new();
    for line in &expected {
        if let Line::Text { text, .. } = line {
            for c in text.chars() {
                letters.insert(glyphs.cell(c, false), c);
            }
        }
    }
    let printed_lines: Vec<_> = printout
        .elements
        .iter()
        .filter(|element| {
            matches!(
                element,
                Element::Text { .. } | Element::Raster { .. } | Element::Qr { .. }
            )
        })
        .collect();
    assert_eq!(printed_lines.len(), expected.len(), "{}", profile.name);

    let mut all = String::new();
    for (line, element) in expected.iter().zip(printed_lines) {
        let (text, style, via) = match line {
            Line::Text { text, style, via } => (text, style, via),
            Line::Qr(data) => {
                let symbol = qr::modules(data).expect("QR");
                match element {
                    Element::Qr { data: printed, .. } => assert_eq!(printed, data),
                    Element::Raster { image, .. } => {
                        assert_eq!(image.height(), symbol.height() * qr::MIN_MODULE_DOTS);
                    }
                    other => panic!("a QR printed as {other:?}"),
                }
                continue;
            }
            _ => continue,
        };
        match (via, element) {
            (Via::Text, Element::Text { cells, .. }) => {
                let read: String = cells
                    .iter()
                    .map(|cell| match cell {
                        Cell::Resident(c) => *c,
                        Cell::User { glyph, code } => *letters
                            .get(glyph)
                            .unwrap_or_else(|| panic!("glyph {code:#x} is no letter of {text:?}")),
                    })
                    .collect();
                assert_eq!(&read, text, "{}", profile.name);
            }
            (Via::Raster, Element::Raster { image, .. }) => {
                let (_, drawn, _) = glyphs.line(text, style.bold, style.cell_scale()).trimmed();
                for y in 0..image.height() {
                    for x in 0..image.width() {
                        assert_eq!(image.get(x, y), drawn.get(x, y), "{text:?} at {x},{y}");
                    }
                }
            }
            (via, element) => panic!("{text:?} should be {via:?}, printed as {element:?}"),
        }
        all.push_str(text);
        all.push('\n');
    }
    assert!(!all.contains('?'), "{}: {all}", profile.name);
    all
}

#[test]
fn every_letter_of_every_language_prints_on_every_profile() {
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let glyphs = Glyphs::load().expect("font");
    for profile in Profile::bundled().expect("profiles") {
        for lang in Lang::ALL {
            let receipt = Receipt::sample(&catalogue, lang).expect("sample");
            let blocks = receipt
                .blocks(&texts::load(lang).expect("texts"))
                .expect("blocks");
            let printed = print_and_read(&blocks, &profile, &glyphs);
            for letter in own_letters(lang).chars() {
                assert!(
                    printed.contains(letter),
                    "{} {lang}: {letter}",
                    profile.name
                );
            }
            assert!(printed.contains(&receipt.code.to_string()));
            // The appointment's details the resident needs, and the QR's address in letters.
            let unwrapped: String = printed.split_whitespace().collect();
            assert_eq!(receipt.details.len(), 3, "{lang}");
            for (label, value) in &receipt.details {
                let value: String = value.split_whitespace().collect();
                assert!(
                    unwrapped.contains(&value),
                    "{lang}: {label} {value} in {printed}"
                );
            }
            assert!(printed.contains("03.12.2026"), "{lang}: the visit day");
            assert!(
                unwrapped.contains(&receipt.qr.text()),
                "{lang}: the status address under the QR"
            );
        }
        let printed = print_and_read(&test_page(&profile.name).expect("page"), &profile, &glyphs);
        for letter in "ЎўҚқҒғҲҳÁáǴǵIıŃńÓóÚúʻʼ".chars() {
            assert!(
                printed.contains(letter),
                "{} test page: {letter}",
                profile.name
            );
        }
    }
}

#[test]
fn a_status_slip_prints_the_history_and_the_answer() {
    let glyphs = Glyphs::load().expect("font");
    let profile = Profile::named("xprinter-58").expect("profile");
    let answer = "Qabulingiz 12-dekabr, soat 10:00 ga belgilandi.";
    let slip = StatusSlip {
        lang: Lang::UzLatn,
        code: ReceiptCode::new(1, 42).expect("code"),
        service: "Shifokor qabuliga yozilish".to_owned(),
        submitted: "Yuborilgan sana: 01.12.2026 10:30".to_owned(),
        history: vec![
            SlipLine {
                at: "01.12.2026 10:31".to_owned(),
                status: "Qabul qilindi".to_owned(),
                answer: None,
            },
            SlipLine {
                at: "02.12.2026 09:00".to_owned(),
                status: "Maʼqullandi".to_owned(),
                answer: Some(answer.to_owned()),
            },
        ],
        notes: vec!["Idora javobida aytilganlarga amal qiling.".to_owned()],
        printed_at: "06.12.2026 11:00".to_owned(),
    };
    let blocks = slip
        .blocks(&texts::load(Lang::UzLatn).expect("texts"))
        .expect("blocks");
    let printed: String = print_and_read(&blocks, &profile, &glyphs)
        .split_whitespace()
        .collect();
    for expected in [
        slip.code.to_string(),
        "Maʼqullandi".to_owned(),
        answer.split_whitespace().collect(),
        "06.12.202611:00".to_owned(),
    ] {
        assert!(printed.contains(&expected), "{expected} in {printed}");
    }
}
