//! A relay in the portal's place, as someone on the mahalla office's network would run it:
//! it forwards each request to the real portal and, when told to, swaps the portal's keys in
//! the answers for its own and signs every answer with its own key, so that a terminal that
//! trusted it would encrypt to the relay's recipient. The upstream can change (the portal
//! restarted on another port) while the relay's address stays.

use std::io::Write;
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use ed25519_dalek::SigningKey;
use mahalla_protocol::portal_keys::{self, AnswerParts, PortalKeys};
use mahalla_protocol::signing;

use crate::proxy::{forward, read_request};

pub struct KeySwappingRelay {
    pub url: String,
    /// The keys the relay answers with when swapping.
    pub keys: PortalKeys,
    upstream: Arc<Mutex<SocketAddr>>,
    swapping: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

struct Impostor {
    keys: PortalKeys,
    signing: SigningKey,
}

impl KeySwappingRelay {
    /// Listens on a free loopback port and forwards to the portal at `upstream_url`
    /// (`http://127.0.0.1:…`); it passes everything until told to swap.
    pub fn start(upstream_url: &str) -> KeySwappingRelay {
        let signing = SigningKey::from_bytes(&[66; 32]);
        let keys = PortalKeys {
            age_recipient: age::x25519::Identity::generate().to_public().to_string(),
            signing_key: portal_keys::public_signing_key(&signing),
        };
        let impostor = Arc::new(Impostor {
            keys: keys.clone(),
            signing,
        });
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the relay");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let upstream = Arc::new(Mutex::new(address_of(upstream_url)));
        let swapping = Arc::new(AtomicBool::new(false));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (upstream, swapping, stop) = (upstream.clone(), swapping.clone(), stop.clone());
            std::thread::spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((client, _)) => {
                            let to = *upstream.lock().expect("upstream");
                            let swap = swapping.load(Ordering::Relaxed);
                            let impostor = impostor.clone();
                            std::thread::spawn(move || {
                                relay(client, to, swap.then_some(&*impostor))
                            });
                        }
                        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        KeySwappingRelay {
            url,
            keys,
            upstream,
            swapping,
            stop,
            thread: Some(thread),
        }
    }

    /// Whether answers carry the relay's keys and signature instead of the portal's.
    pub fn set_swapping(&self, swapping: bool) {
        self.swapping.store(swapping, Ordering::Relaxed);
    }

    /// Forwards to the portal at `url` from now on.
    pub fn set_upstream(&self, url: &str) {
        *self.upstream.lock().expect("upstream") = address_of(url);
    }
}

impl Drop for KeySwappingRelay {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn address_of(url: &str) -> SocketAddr {
    let address: SocketAddr = url
        .strip_prefix("http://")
        .and_then(|rest| rest.trim_end_matches('/').parse().ok())
        .unwrap_or_else(|| panic!("{url} is not http://<loopback address>"));
    assert!(
        address.ip().is_loopback(),
        "the relay only talks to loopback"
    );
    address
}

fn relay(mut client: TcpStream, upstream: SocketAddr, impostor: Option<&Impostor>) {
    let _ = client.set_nonblocking(false);
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let Some((head, body)) = read_request(&mut client) else {
        return;
    };
    let Some(mut answer) = forward(upstream, &head, &body) else {
        let _ = client.shutdown(Shutdown::Both);
        return;
    };
    if let Some(impostor) = impostor {
        let nonce = header(&String::from_utf8_lossy(&head), signing::NONCE_HEADER);
        answer = swap(&answer, impostor, nonce.as_deref().unwrap_or_default());
    }
    let _ = client.write_all(&answer);
    let _ = client.shutdown(Shutdown::Both);
}

fn header(head: &str, name: &str) -> Option<String> {
    head.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().to_owned())
    })
}

/// The answer with the portal's keys replaced by the impostor's wherever it names them, and
/// signed by the impostor in place of the portal.
fn swap(answer: &[u8], impostor: &Impostor, nonce: &str) -> Vec<u8> {
    let Some(split) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return answer.to_vec();
    };
    let head = String::from_utf8_lossy(&answer[..split]).into_owned();
    let mut body = answer[split + 4..].to_vec();
    if let Ok(mut json) = serde_json::from_slice::<serde_json::Value>(&body) {
        replace_keys(&mut json, &impostor.keys);
        body = serde_json::to_vec(&json).expect("JSON");
    }
    let status: u16 = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(500);
    let mut lines: Vec<String> = head
        .lines()
        .filter(|line| {
            let name = line.split(':').next().unwrap_or_default().trim();
            !name.eq_ignore_ascii_case(portal_keys::SIGNATURE_HEADER)
                && !name.eq_ignore_ascii_case("content-length")
        })
        .map(str::to_owned)
        .collect();
    let signature = portal_keys::sign_answer(
        &impostor.keys,
        &impostor.signing,
        &AnswerParts {
            status,
            nonce,
            body: &body,
        },
    );
    lines.push(format!("{}: {signature}", portal_keys::SIGNATURE_HEADER));
    lines.push(format!("content-length: {}", body.len()));
    let mut swapped = lines.join("\r\n").into_bytes();
    swapped.extend_from_slice(b"\r\n\r\n");
    swapped.extend_from_slice(&body);
    swapped
}

fn replace_keys(json: &mut serde_json::Value, keys: &PortalKeys) {
    match json {
        serde_json::Value::Object(map) => {
            for (name, value) in map.iter_mut() {
                match name.as_str() {
                    "age_recipient" => *value = keys.age_recipient.clone().into(),
                    "portal_signing_key" | "signing_key" => {
                        *value = keys.signing_key.clone().into()
                    }
                    _ => replace_keys(value, keys),
                }
            }
        }
        serde_json::Value::Array(items) => {
            items.iter_mut().for_each(|item| replace_keys(item, keys));
        }
        _ => {}
    }
}
