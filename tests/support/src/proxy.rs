//! A fault-injecting HTTP proxy on loopback: one request per connection, and for each it
//! picks a fault — drop the request, forward it and drop the response (the portal has
//! committed), reset the connection, answer 500 or 429 itself, delay — or passes it through.
//! Given several portal processes, it sends the requests to each in turn, as a load balancer
//! without sticky sessions does.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::Duration;

use rand::Rng;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fault {
    Pass,
    DropRequest,
    DropResponse,
    Reset,
    Status500,
    Status429,
    Delay,
}

const FAULTS: [Fault; 7] = [
    Fault::Pass,
    Fault::DropRequest,
    Fault::DropResponse,
    Fault::Reset,
    Fault::Status500,
    Fault::Status429,
    Fault::Delay,
];

pub struct FaultProxy {
    pub url: String,
    stop: Arc<AtomicBool>,
    faulty: Arc<AtomicBool>,
    counts: Arc<Mutex<BTreeMap<Fault, usize>>>,
    /// Bytes of the answers passed on to clients.
    passed: Arc<AtomicUsize>,
    thread: Option<JoinHandle<()>>,
}

impl FaultProxy {
    /// Listens on a free loopback port and forwards to `upstream` (a loopback address).
    pub fn start(upstream: SocketAddr) -> FaultProxy {
        FaultProxy::balancing(vec![upstream])
    }

    /// Listens on a free loopback port and forwards each request to the next of `upstreams`
    /// (loopback addresses).
    pub fn balancing(upstreams: Vec<SocketAddr>) -> FaultProxy {
        assert!(
            !upstreams.is_empty() && upstreams.iter().all(|up| up.ip().is_loopback()),
            "the proxy only talks to loopback"
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind the proxy");
        listener.set_nonblocking(true).expect("nonblocking");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let stop = Arc::new(AtomicBool::new(false));
        let faulty = Arc::new(AtomicBool::new(false));
        let counts = Arc::new(Mutex::new(BTreeMap::new()));
        let passed = Arc::new(AtomicUsize::new(0));
        let thread = {
            let (stop, faulty, counts) = (stop.clone(), faulty.clone(), counts.clone());
            let passed = passed.clone();
            std::thread::spawn(move || {
                let mut next = upstreams.iter().copied().cycle();
                while !stop.load(Ordering::Relaxed) {
                    match listener.accept() {
                        Ok((client, _)) => {
                            let Some(upstream) = next.next() else {
                                break;
                            };
                            let fault = if faulty.load(Ordering::Relaxed) {
                                FAULTS[rand::rng().random_range(0..FAULTS.len())]
                            } else {
                                Fault::Pass
                            };
                            *counts.lock().expect("counts").entry(fault).or_default() += 1;
                            let passed = passed.clone();
                            std::thread::spawn(move || handle(client, upstream, fault, &passed));
                        }
                        Err(error) if error.kind() == std::io::ErrorKind::WouldBlock => {
                            std::thread::sleep(Duration::from_millis(2));
                        }
                        Err(_) => break,
                    }
                }
            })
        };
        FaultProxy {
            url,
            stop,
            faulty,
            counts,
            passed,
            thread: Some(thread),
        }
    }

    /// Whether requests get faults (a new proxy passes everything).
    pub fn set_faulty(&self, faulty: bool) {
        self.faulty.store(faulty, Ordering::Relaxed);
    }

    pub fn counts(&self) -> BTreeMap<Fault, usize> {
        self.counts.lock().expect("counts").clone()
    }

    /// Bytes of the answers passed on to clients so far, heads included.
    pub fn bytes_passed(&self) -> usize {
        self.passed.load(Ordering::Relaxed)
    }
}

impl Drop for FaultProxy {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Reads one HTTP/1.1 request (head and `content-length` body).
pub(crate) fn read_request(stream: &mut TcpStream) -> Option<(Vec<u8>, Vec<u8>)> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 16 * 1024];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let read = stream.read(&mut chunk).ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|value| value.trim().parse().ok())
        .unwrap_or(0);
    while buffer.len() < head_end + length {
        let read = stream.read(&mut chunk).ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    }
    let body = buffer[head_end..head_end + length].to_vec();
    buffer.truncate(head_end);
    Some((buffer, body))
}

/// Sends the request upstream with `connection: close` and reads the whole answer.
pub(crate) fn forward(upstream: SocketAddr, head: &[u8], body: &[u8]) -> Option<Vec<u8>> {
    let mut server = TcpStream::connect_timeout(&upstream, Duration::from_secs(5)).ok()?;
    server
        .set_read_timeout(Some(Duration::from_secs(30)))
        .ok()?;
    server.write_all(&head[..head.len() - 2]).ok()?;
    server.write_all(b"connection: close\r\n\r\n").ok()?;
    server.write_all(body).ok()?;
    let mut response = Vec::new();
    server.read_to_end(&mut response).ok()?;
    Some(response)
}

fn reset(stream: TcpStream) {
    let _ = socket2::SockRef::from(&stream).set_linger(Some(Duration::ZERO));
    drop(stream);
}

fn handle(mut client: TcpStream, upstream: SocketAddr, fault: Fault, passed: &AtomicUsize) {
    let _ = client.set_nonblocking(false);
    let _ = client.set_read_timeout(Some(Duration::from_secs(10)));
    let Some((head, body)) = read_request(&mut client) else {
        return;
    };
    let reply = |mut client: TcpStream, bytes: &[u8]| {
        let _ = client.write_all(bytes);
        let _ = client.shutdown(Shutdown::Both);
    };
    match fault {
        Fault::DropRequest => {
            let _ = client.shutdown(Shutdown::Both);
        }
        Fault::Reset => reset(client),
        Fault::Status500 => reply(
            client,
            b"HTTP/1.1 500 Internal Server Error\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        ),
        Fault::Status429 => reply(
            client,
            b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\ncontent-length: 0\r\nconnection: close\r\n\r\n",
        ),
        Fault::DropResponse => {
            let _ = forward(upstream, &head, &body);
            reset(client);
        }
        Fault::Delay | Fault::Pass => {
            if fault == Fault::Delay {
                std::thread::sleep(Duration::from_millis(rand::rng().random_range(50..400)));
            }
            match forward(upstream, &head, &body) {
                Some(response) => {
                    passed.fetch_add(response.len(), Ordering::Relaxed);
                    reply(client, &response);
                }
                None => reset(client),
            }
        }
    }
}
