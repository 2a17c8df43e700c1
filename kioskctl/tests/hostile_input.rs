//! Text that would mislead the agency is refused at the door, and nothing is stored: a
//! right-to-left override that shows a name reversed, a control character, a field given
//! twice. Zero-width characters are dropped.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use mahalla_kiosk_core::store::Store;
use mahalla_test_support::run;

fn proposal(data_dir: &std::path::Path, name: &str, extra: &[&str]) -> (bool, String, String) {
    let name = format!("full_name={name}");
    let mut args = vec![
        "submit",
        "--service",
        "taklif",
        "--field",
        &name,
        "--field",
        "subject=Bolalar maydonchasi",
        "--field",
        "message=Mahallamizda bolalar maydonchasini taʼmirlash kerak.",
    ];
    args.extend_from_slice(extra);
    run(data_dir, &args)
}

fn stored(data_dir: &std::path::Path) -> usize {
    Store::open(data_dir)
        .expect("store")
        .queue()
        .expect("queue")
        .len()
}

#[test]
fn misleading_text_is_refused_and_nothing_is_stored() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data = dir.path();

    let (ok, _, stderr) = proposal(data, "Oʻrinboy\u{202E}vorideQ", &[]);
    assert!(!ok, "a direction override is refused");
    assert!(stderr.contains("text-direction-control"), "{stderr}");

    let (ok, _, stderr) = proposal(data, "Oʻrinboy\u{0007} Qodirov", &[]);
    assert!(!ok, "a control character is refused");
    assert!(stderr.contains("text-control-character"), "{stderr}");

    let (ok, _, stderr) = proposal(data, "Oʻrinboy Qodirov", &["--field", "subject=Boshqa"]);
    assert!(!ok, "a field given twice is refused");
    assert!(stderr.contains("twice"), "{stderr}");
    assert_eq!(stored(data), 0, "nothing was stored");

    let (ok, _, stderr) = proposal(data, "Oʻrin\u{200B}boy Qodirov", &[]);
    assert!(ok, "{stderr}");
    let store = Store::open(data).expect("store");
    let queue = store.queue().expect("queue");
    assert_eq!(queue.len(), 1);
}
