//! The status check's speed: a receipt looked up on this terminal's own store, and through the
//! portal on loopback (typed code, scanned QR, code with PINFL); and the phone page a QR opens,
//! its size and its time to first byte. Prints figures; asserts nothing.
//!
//! Run with `cargo bench --bench status_lookup [-- ROUNDS]`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a benchmark that cannot set up has nothing to measure

#[path = "support/mod.rs"]
mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::sync::{self, PortalAnswer};
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::status_query::StatusQuery;
use support::{arg_or, portal_and_terminal, quantile};

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!(
        "{what:<36} median {:>7.2} ms   p95 {:>7.2} ms   ({} runs)",
        ms(quantile(samples, 0.5)),
        ms(quantile(samples, 0.95)),
        samples.len()
    );
}

fn main() {
    let rounds = arg_or(200).clamp(10, 10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let (portal, kiosk) = portal_and_terminal(dir.path());
    let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
    let values: Values = [
        ("full_name", "Oʻrinboy Qodirov"),
        ("pinfl", "31508901234567"),
        ("addressee", "mahalla"),
        ("subject", "Shovqin"),
        (
            "message",
            "Qoʻshnimning uyidan kechasi baland musiqa eshitiladi",
        ),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let mut store = Store::open(&kiosk).expect("store");
    let submitted = store
        .submit(&catalogue, "shikoyat", &values, Lang::UzLatn)
        .expect("submit");
    sync::run_once(&kiosk, sync::SyncOptions::default()).expect("deliver");
    let code = submitted.receipt_code;
    let qr = DeviceKey::load_or_create(&kiosk)
        .expect("key")
        .receipt_qr(&portal.url, code);
    let typed = StatusQuery::parse(&code.to_string()).expect("typed");
    let scanned = StatusQuery::parse(&qr.text()).expect("scanned");

    let mut local = Vec::with_capacity(rounds);
    for _ in 0..rounds {
        let started = Instant::now();
        store.look_up(&typed).expect("look up").expect("found");
        local.push(started.elapsed());
    }
    report("this terminal's store (typed code)", &mut local);

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    for (what, query, pinfl) in [
        ("portal on loopback, typed code", &typed, None),
        ("portal on loopback, scanned QR", &scanned, None),
        (
            "portal on loopback, code + PINFL",
            &typed,
            Some("31508901234567"),
        ),
    ] {
        let mut samples = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let started = Instant::now();
            let answer = runtime.block_on(sync::ask_portal(
                &kiosk,
                &Default::default(),
                query,
                pinfl,
                sync::LOOKUP_TIMEOUT,
            ));
            samples.push(started.elapsed());
            assert!(matches!(answer, PortalAnswer::Found(_)), "{answer:?}");
        }
        report(what, &mut samples);
    }

    // The phone page: bytes of the body and time to the first byte of the answer.
    let address = portal.url.trim_start_matches("http://").to_owned();
    let path = qr.text().replacen(&portal.url, "", 1);
    let mut first_byte = Vec::with_capacity(rounds);
    let mut body_bytes = 0;
    for _ in 0..rounds {
        let mut stream = TcpStream::connect(&address).expect("connect");
        let started = Instant::now();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {address}\r\nAccept: text/html\r\nConnection: close\r\n\r\n"
        )
        .expect("request");
        let mut first = [0u8; 1];
        stream.read_exact(&mut first).expect("first byte");
        first_byte.push(started.elapsed());
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).expect("answer");
        let answer = [&first[..], &rest].concat();
        let split = answer
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("headers end");
        body_bytes = answer.len() - split - 4;
    }
    report("phone page, time to first byte", &mut first_byte);
    println!("{:<36} {body_bytes} bytes", "phone page body");
}
