//! Where a request comes from, for the counts that stop guessing: the peer's address, or, when
//! the peer is a proxy on this machine, the address it forwarded.

use std::net::{IpAddr, SocketAddr};

use axum::Extension;
use axum::extract::ConnectInfo;
use axum::http::HeaderMap;

/// The connection's peer as the server recorded it; absent when the router is driven without
/// a listener.
pub type Peer = Option<Extension<ConnectInfo<SocketAddr>>>;

pub fn socket(peer: Peer) -> Option<SocketAddr> {
    peer.map(|Extension(ConnectInfo(peer))| peer)
}

/// The client's address: the peer's, or, when the peer is a proxy on this machine, the one it
/// forwarded (the last `X-Forwarded-For` entry, the one it added).
pub fn client_address(peer: Option<SocketAddr>, headers: &HeaderMap) -> String {
    let Some(peer) = peer else {
        return "unknown".to_owned();
    };
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
        .next_back();
    match forwarded {
        Some(client) if peer.ip().is_loopback() => client.to_string(),
        _ => peer.ip().to_string(),
    }
}
