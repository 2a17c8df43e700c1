//! Status notices against a local fake SMS gateway and Telegram Bot API: a notice goes out
//! only for a resident who gave a phone number and consent, in their language, once per
//! channel, and a failed delivery is retried.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};

#[derive(Default)]
struct Received {
    calls: Vec<(String, Option<String>, serde_json::Value)>,
    sms_failures_left: u32,
}

async fn record(
    State(received): State<Arc<Mutex<Received>>>,
    uri: Uri,
    headers: HeaderMap,
    body: String,
) -> StatusCode {
    let mut received = received.lock().expect("lock");
    if uri.path() == "/sms" && received.sms_failures_left > 0 {
        received.sms_failures_left -= 1;
        return StatusCode::SERVICE_UNAVAILABLE;
    }
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let body = serde_json::from_str(&body).unwrap_or_default();
    received.calls.push((uri.path().to_owned(), auth, body));
    StatusCode::OK
}

/// A fake HTTP server on loopback recording every request.
fn fake_server(received: Arc<Mutex<Received>>) -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    listener.set_nonblocking(true).expect("nonblocking");
    let url = format!("http://{}", listener.local_addr().expect("address"));
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(listener).expect("listener");
            let app = Router::new().fallback(record).with_state(received);
            axum::serve(listener, app).await.expect("fake server");
        });
    });
    url
}

#[test]
fn notices_go_to_consenting_residents_once_per_channel() {
    let received = Arc::new(Mutex::new(Received {
        sms_failures_left: 1,
        ..Received::default()
    }));
    let fake = fake_server(received.clone());
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let db = support::terminal(&data_dir);
    let consenting = support::submission(
        &db,
        "000-100-001B",
        serde_json::json!({ "full_name": "Ali", "phone": "+998901234567", "notify_consent": "yes" }),
    );
    let silent = support::submission(
        &db,
        "000-100-002D",
        serde_json::json!({ "full_name": "Vali", "phone": "+998907654321" }),
    );
    drop(db);
    std::fs::write(
        data_dir.join("notify.json"),
        serde_json::json!({
            "sms": { "url": format!("{fake}/sms"), "token": "sms-secret" },
            "telegram": { "api_base": fake, "bot_token": "123:abc", "chat_id": "-1001" }
        })
        .to_string(),
    )
    .expect("config");
    let _portal = support::serve(&data_dir);
    for id in [&consenting, &silent] {
        let output = support::command(&data_dir)
            .args([
                "set-status",
                id,
                "--status",
                "approved",
                "--answer",
                "Tayyor.",
            ])
            .output()
            .expect("set-status");
        assert!(output.status.success(), "{output:?}");
    }

    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let calls = received.lock().expect("lock").calls.len();
        if calls >= 4 {
            break;
        }
        assert!(Instant::now() < deadline, "notices did not arrive");
        std::thread::sleep(Duration::from_millis(100));
    }
    // Give a wrong second delivery time to show up.
    std::thread::sleep(Duration::from_secs(3));
    let received = received.lock().expect("lock");
    // Two notices (the portal received it; the agency approved it), each once per channel,
    // only for the resident who consented.
    assert_eq!(received.calls.len(), 4, "{:?}", received.calls);
    let mut sms: Vec<_> = received
        .calls
        .iter()
        .filter(|(path, _, _)| path == "/sms")
        .collect();
    sms.sort_by_key(|call| call.2["text"].to_string());
    assert_eq!(sms.len(), 2, "{:?}", received.calls);
    for call in &sms {
        assert_eq!(call.1.as_deref(), Some("Bearer sms-secret"));
        assert_eq!(call.2["to"], "+998901234567");
    }
    assert_eq!(
        sms[0].2["text"],
        "Murojaat 000-100-001B: maʼqullandi. Tayyor."
    );
    assert_eq!(sms[1].2["text"], "Murojaat 000-100-001B: qabul qilindi.");
    let telegram: Vec<_> = received
        .calls
        .iter()
        .filter(|(path, _, _)| path == "/bot123:abc/sendMessage")
        .collect();
    assert_eq!(telegram.len(), 2, "{:?}", received.calls);
    for call in telegram {
        assert_eq!(call.2["chat_id"], "-1001");
        assert!(!call.2["text"].as_str().unwrap_or_default().contains("+998"));
    }
}
