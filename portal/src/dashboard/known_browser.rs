//! A browser where a staff member signed in before. After each sign-in it gets a cookie
//! naming them, signed by the portal and good for 90 days. A sign-in from such a browser for
//! that name takes its own lane: a password check kept free for it and its own count of tries.
//! Strangers flooding the sign-in form have no such cookie, so they can neither keep staff
//! waiting nor lock them out. The cookie proves nothing but "signed in here before": the
//! password is checked as always, and its lane allows [`TRIES`] wrong ones in a window.

use data_encoding::BASE64URL_NOPAD;

use crate::keys::KeyRing;

pub const COOKIE: &str = "mahalla_known";
/// How long a browser stays known after a sign-in.
pub const LIFETIME_DAYS: i64 = 90;
/// Wrong passwords in a window from known browsers of one name.
pub const TRIES: u32 = 10;

const DAY_MS: i64 = 24 * 60 * 60 * 1000;
const DOMAIN: &str = "mahalla-portal/v1 known browser";

fn note(username: &str, expires_ms: i64) -> Vec<u8> {
    format!("{DOMAIN}\n{username}\n{expires_ms}").into_bytes()
}

/// The cookie's value for `username`, good for [`LIFETIME_DAYS`] from `now_ms`.
pub fn token(keys: &KeyRing, username: &str, now_ms: i64) -> String {
    let expires = now_ms + LIFETIME_DAYS * DAY_MS;
    format!(
        "{}.{expires}.{}",
        BASE64URL_NOPAD.encode(username.as_bytes()),
        keys.sign_note(&note(username, expires))
    )
}

/// The staff member a cookie's value names, when the portal signed it and it has not expired.
pub fn user(keys: &KeyRing, token: &str, now_ms: i64) -> Option<String> {
    let mut parts = token.split('.');
    let (name, expires, signature) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let username = String::from_utf8(BASE64URL_NOPAD.decode(name.as_bytes()).ok()?).ok()?;
    let expires: i64 = expires.parse().ok()?;
    (expires > now_ms && keys.verify_note(&note(&username, expires), signature)).then_some(username)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_portals_own_unexpired_cookie_names_a_user() {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = KeyRing::load_or_create(dir.path()).expect("keys");
        let cookie = token(&keys, "nodira", 1_000);
        assert_eq!(user(&keys, &cookie, 2_000).as_deref(), Some("nodira"));
        assert_eq!(user(&keys, &cookie, 1_000 + LIFETIME_DAYS * DAY_MS), None);

        let mut parts: Vec<&str> = cookie.split('.').collect();
        let renamed = BASE64URL_NOPAD.encode(b"admin");
        parts[0] = &renamed;
        assert_eq!(user(&keys, &parts.join("."), 2_000), None, "another name");
        let mut parts: Vec<&str> = cookie.split('.').collect();
        parts[1] = "99999999999999";
        assert_eq!(user(&keys, &parts.join("."), 2_000), None, "a later expiry");

        let other = tempfile::tempdir().expect("temp dir");
        let other_keys = KeyRing::load_or_create(other.path()).expect("keys");
        assert_eq!(user(&other_keys, &cookie, 2_000), None, "another portal");
        assert_eq!(user(&keys, "garbage", 2_000), None);
    }
}
