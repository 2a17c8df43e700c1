//! The portal process answers its health check over real HTTP on loopback.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

struct Portal(Child);

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn serve_answers_healthz() {
    // The workspace builds reqwest without a default TLS provider; pick ring.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let child = Command::new(env!("CARGO_BIN_EXE_mahalla-portal"))
        .args(["serve", "--listen", "127.0.0.1:0", "--data-dir"])
        .arg(data_dir.path().join("portal"))
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the portal");
    let mut portal = Portal(child);
    let stdout = portal.0.stdout.take().expect("piped stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("read the address");
    let base = line
        .trim()
        .strip_prefix("listening on ")
        .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
        .to_owned();

    let response = reqwest::blocking::get(format!("{base}/healthz")).expect("GET /healthz");
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().expect("JSON body");
    assert_eq!(body["status"], "ok");
    assert!(
        data_dir.path().join("portal").is_dir(),
        "the data dir was created"
    );

    let missing = reqwest::blocking::get(format!("{base}/nope")).expect("GET /nope");
    assert_eq!(missing.status(), 404);
}
