//! Debian's Chromium, headless, at a phone's size.

use std::path::Path;
use std::process::Command;

/// The installed Chromium, if any; otherwise `None`, having said that the browser check is
/// skipped (the browser is not part of the build's requirements).
pub fn chromium() -> Option<&'static str> {
    let found = ["chromium", "chromium-browser"].into_iter().find(|name| {
        Command::new(name)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    });
    if found.is_none() {
        eprintln!(
            "chromium is not installed (Debian: apt-get install chromium): browser check skipped"
        );
    }
    found
}

/// The flags of a headless Chromium at 390×844 that stays off the network but for `url`.
pub const PHONE: [&str; 7] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--no-first-run",
    "--window-size=390,844",
];

/// The page at `url` as Chromium built it (after parsing), with its profile under `dir`;
/// `None` without Chromium.
pub fn dump_dom(url: &str, dir: &Path) -> Option<String> {
    let chromium = chromium()?;
    let output = Command::new(chromium)
        .args(PHONE)
        .arg(format!(
            "--user-data-dir={}",
            dir.join("chromium-profile").display()
        ))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("run chromium");
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}
