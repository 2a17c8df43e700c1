//! `docs/openapi.json` against the running portal: every documented route is served (an
//! unsigned request gets one of its documented answers, never "no such route"), every API
//! path the protocol names is documented, and the documented reason codes are real.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

use mahalla_protocol::wire::{self, ErrorReason, RejectReason};

struct Portal(Child);

impl Drop for Portal {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn document() -> serde_json::Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../docs/openapi.json");
    let text = std::fs::read_to_string(path).expect("read docs/openapi.json");
    serde_json::from_str(&text).expect("docs/openapi.json is JSON")
}

#[test]
fn the_document_matches_the_running_portal() {
    let _ = rustls::crypto::ring::default_provider().install_default();
    let doc = document();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let mut child = Command::new(env!("CARGO_BIN_EXE_mahalla-portal"))
        .arg("--data-dir")
        .arg(data_dir.path())
        .args(["serve", "--listen", "127.0.0.1:0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start the portal");
    let stdout = child.stdout.take().expect("stdout");
    let _portal = Portal(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("address");
    let base = line.trim().trim_start_matches("listening on ").to_owned();
    let http = reqwest::blocking::Client::new();

    let paths = doc["paths"].as_object().expect("paths");
    for (path, methods) in paths {
        let concrete = path
            .replace("{device_id}", "AAAAAAAAAAAAAAAA")
            .replace("{receipt_code}", "000100001B")
            .replace("{signature}", "AAAA")
            .replace("{version}", "0.1.0")
            .replace("{file}", "mahalla-kiosk_0.1.0.root.erofs");
        for (method, operation) in methods.as_object().expect("methods") {
            let request = match method.as_str() {
                "get" => http.get(format!("{base}{concrete}")),
                "post" => http.post(format!("{base}{concrete}")).body("{}"),
                other => panic!("undocumented method kind {other}"),
            };
            let response = request.send().expect("request");
            let status = response.status().as_u16().to_string();
            assert!(
                response.headers().contains_key(wire::SERVER_TIME_HEADER),
                "{method} {path}: no server time"
            );
            let body: serde_json::Value = response.json().unwrap_or_default();
            assert_ne!(
                body["message"], "no such route",
                "{method} {path} is documented but not served"
            );
            assert!(
                operation["responses"].get(&status).is_some(),
                "{method} {path} answered {status}, which is not documented"
            );
        }
    }

    // The framework's own refusals come as the documented error body too.
    let too_large = http
        .post(format!("{base}{}", wire::SUBMISSIONS_PATH))
        .header("content-type", "application/json")
        .body(vec![b' '; wire::MAX_BODY_BYTES + 1])
        .send()
        .expect("a body over the limit");
    let unparsable = http
        .get(format!("{base}{}?cursor=not-a-number", wire::UPDATES_PATH))
        .send()
        .expect("a query that does not parse");
    for (response, status, reason) in [
        (too_large, 413, "batch-too-large"),
        (unparsable, 400, "bad-request"),
    ] {
        assert_eq!(response.status().as_u16(), status);
        let body: serde_json::Value = response.json().expect("a JSON error body");
        assert_eq!(body["reason"], reason, "{body}");
        assert!(body["message"].is_string(), "{body}");
    }

    for api_path in [
        wire::ENROL_PATH,
        wire::ENROL_PREVIEW_PATH,
        wire::SUBMISSIONS_PATH,
        wire::UPDATES_PATH,
        wire::KEYS_PATH,
        wire::HEARTBEAT_PATH,
        wire::STATUS_PATH,
    ] {
        assert!(paths.contains_key(api_path), "{api_path} is not documented");
    }
    for prefixed in [wire::RECEIPT_PATH, wire::SOFTWARE_UPDATES_PATH] {
        assert!(
            paths.keys().any(|p| p.starts_with(prefixed)),
            "{prefixed} is not documented"
        );
    }

    let schemas = &doc["components"]["schemas"];
    for reason in schemas["ApiError"]["properties"]["reason"]["enum"]
        .as_array()
        .expect("reasons")
    {
        serde_json::from_value::<ErrorReason>(reason.clone())
            .unwrap_or_else(|_| panic!("{reason} is not an error reason"));
    }
    for reason in schemas["RejectReason"]["enum"].as_array().expect("reasons") {
        serde_json::from_value::<RejectReason>(reason.clone())
            .unwrap_or_else(|_| panic!("{reason} is not a reject reason"));
    }
}
