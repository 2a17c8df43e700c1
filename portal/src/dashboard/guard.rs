//! What keeps the dashboard's pages and forms to the staff who opened them: answers that are
//! never cached, framed or run as script; a form accepted only with its token and only from
//! the dashboard's own origin; the session cookie marked `Secure` when the dashboard is reached
//! over HTTPS.

use std::net::SocketAddr;

use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use data_encoding::BASE64URL_NOPAD;
use mahalla_protocol::signing::sha256_hex;
use rand::RngCore;

/// Marks a router served over HTTPS by this process (not through a proxy).
#[derive(Debug, Clone, Copy)]
pub struct ServedOverTls;

/// Pages show personal data: never stored by a browser or a proxy, never framed, no script,
/// styles and forms only from here.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self'; \
     form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Adds the headers every dashboard answer carries.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (header::CACHE_CONTROL, "no-store"),
        (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers.insert(name, HeaderValue::from_static(value));
    }
    response
}

/// Whether the browser reached the dashboard over HTTPS: served so here, or through a proxy on
/// this machine that says so.
pub fn is_https(tls: bool, peer: Option<SocketAddr>, headers: &HeaderMap) -> bool {
    let proxy_says_https = peer.is_some_and(|peer| peer.ip().is_loopback())
        && headers
            .get("x-forwarded-proto")
            .and_then(|value| value.to_str().ok())
            .is_some_and(|proto| proto.eq_ignore_ascii_case("https"));
    tls || proxy_says_https
}

/// Whether a form post comes from a page of this dashboard: its `Origin` (or, without one, its
/// `Referer`) is this host under the scheme the browser used. A post with neither is refused:
/// every browser sends one of them with a form.
pub fn same_origin(headers: &HeaderMap, https: bool) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let own = format!("{}://{host}", if https { "https" } else { "http" });
    let text = |name| {
        headers
            .get(name)
            .and_then(|value: &HeaderValue| value.to_str().ok())
    };
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => origin == own,
        (None, Some(referer)) => referer
            .strip_prefix(&own)
            .is_some_and(|rest| rest.starts_with('/')),
        (None, None) => false,
    }
}

/// A fresh random token: a session's, or a sign-in form's.
pub fn random_token() -> String {
    let mut token = [0u8; 32];
    rand::rng().fill_bytes(&mut token);
    BASE64URL_NOPAD.encode(&token)
}

/// The token a signed-in page's forms carry: derived from the session's secret cookie, so a
/// page elsewhere, which cannot read the cookie, cannot know it.
pub fn form_token(session_token: &str) -> String {
    sha256_hex(format!("dashboard form\n{session_token}").as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, HeaderValue::from_str(value).expect("value"));
        }
        map
    }

    #[test]
    fn only_the_dashboard_itself_may_post() {
        let host = ("host", "portal.example:8443");
        assert!(same_origin(
            &headers(&[host, ("origin", "https://portal.example:8443")]),
            true
        ));
        for refused in [
            headers(&[host, ("origin", "https://portal.example:9000")]),
            headers(&[host, ("origin", "http://portal.example:8443")]),
            headers(&[host, ("origin", "null")]),
            headers(&[
                host,
                ("referer", "https://portal.example:8443.evil.example/"),
            ]),
            headers(&[host]),
        ] {
            assert!(!same_origin(&refused, true), "{refused:?}");
        }
        assert!(same_origin(
            &headers(&[host, ("referer", "https://portal.example:8443/dashboard")]),
            true
        ));
    }
}
