//! A fake SMS gateway on loopback: records every request the portal's notifier makes (path
//! and JSON body) and answers 200. One request per connection, then the connection closes.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

pub struct FakeGateway {
    pub url: String,
    received: Arc<Mutex<Vec<(String, serde_json::Value)>>>,
}

impl FakeGateway {
    pub fn start() -> FakeGateway {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the fake gateway");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let received = Arc::new(Mutex::new(Vec::new()));
        let recorded = received.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
                let mut request_line = String::new();
                if reader.read_line(&mut request_line).is_err() {
                    continue;
                }
                let path = request_line
                    .split_whitespace()
                    .nth(1)
                    .unwrap_or_default()
                    .to_owned();
                let mut length = 0;
                loop {
                    let mut line = String::new();
                    if reader.read_line(&mut line).is_err() || line.trim().is_empty() {
                        break;
                    }
                    if let Some((name, value)) = line.split_once(':')
                        && name.eq_ignore_ascii_case("content-length")
                    {
                        length = value.trim().parse().unwrap_or(0);
                    }
                }
                let mut body = vec![0; length];
                if reader.read_exact(&mut body).is_err() {
                    continue;
                }
                let body = serde_json::from_slice(&body).unwrap_or_default();
                recorded.lock().expect("lock").push((path, body));
                let _ = stream.write_all(
                    b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}",
                );
            }
        });
        FakeGateway { url, received }
    }

    /// The texts sent so far to `phone`.
    pub fn texts_to(&self, phone: &str) -> Vec<String> {
        self.received
            .lock()
            .expect("lock")
            .iter()
            .filter(|(_, body)| body["to"] == phone)
            .filter_map(|(_, body)| body["text"].as_str().map(str::to_owned))
            .collect()
    }
}
