//! Agency staff accounts and sessions: argon2id password hashes, random session tokens kept
//! only as hashes, and sign-in throttling that counts each try before its password is
//! checked.
//!
//! Tries are counted (`Store::count_try`) in windows per user name from one address, per
//! address, and per user name from anywhere. A stranger at one address can stop only their
//! own tries; locking a name for everyone takes [`PER_USER`] failures from many addresses,
//! and lasts one window. A name that does not exist costs the same argon2 work as one that
//! does. One password check is kept for browsers where staff signed in before
//! (`known_browser`) and for addresses staff signed in from in the last
//! [`STAFF_ADDRESS_DAYS`] days, so that a flood of strangers cannot keep the office out.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHasher, SaltString};
use mahalla_portal_store::{Role, StaffMember, Store, StoreError};
use mahalla_protocol::signing::sha256_hex;
use rand::RngCore;

use super::known_browser;
use crate::password::PasswordChecks;

/// Failed sign-ins in a window for one user name from one address.
pub const PER_USER_FROM_ADDRESS: u32 = 5;
/// Failed sign-ins in a window from one address, whatever the names.
pub const PER_ADDRESS: u32 = 20;
/// Failed sign-ins in a window for one user name, from all addresses together.
pub const PER_USER: u32 = 50;
/// How long a session lasts.
pub const SESSION_MS: i64 = 8 * 60 * 60 * 1000;
/// How long an address staff signed in from keeps a password check kept for it.
pub const STAFF_ADDRESS_DAYS: i64 = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// Who is signing in, as far as the throttling goes.
#[derive(Debug, Clone, Copy)]
pub enum Asker<'a> {
    /// A browser at this address.
    Address(&'a str),
    /// A browser where this name signed in before (`known_browser`).
    KnownBrowser,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// Signed in: the session token for the cookie.
    Ok,
    Wrong,
    /// Too many failed tries in this window: the password was not checked.
    Throttled,
    /// As many passwords as allowed are being checked right now: this one was not, and the
    /// try is not counted.
    Busy,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the password must have at least 10 characters")]
    WeakPassword,
}

/// Runs argon2 work off the async threads.
async fn hashing<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, StaffError> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|error| StaffError::Hash(error.to_string()))
}

/// Adds a staff member with `role`, or sets a new password and role; a new password also
/// lifts the name's throttling.
pub async fn set_password(
    store: &dyn Store,
    username: &str,
    password: &str,
    role: &Role,
) -> Result<(), StaffError> {
    if password.chars().count() < 10 {
        return Err(StaffError::WeakPassword);
    }
    let password = password.to_owned();
    let hash = hashing(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|hash| hash.to_string())
            .map_err(|error| StaffError::Hash(error.to_string()))
    })
    .await??;
    store.set_staff(username, &hash, role).await?;
    let from_addresses = user_from_key(username, "");
    store
        .forget_tries(&user_key(username), &from_addresses)
        .await?;
    store
        .forget_tries(&known_key(username), &from_addresses)
        .await?;
    Ok(())
}

fn known_key(username: &str) -> String {
    format!("sign-in:known:{username}")
}

fn user_key(username: &str) -> String {
    format!("sign-in:user:{username}")
}

/// The name, then the address after the last space (addresses have none).
fn user_from_key(username: &str, address: &str) -> String {
    format!("sign-in:user-from:{username} {address}")
}

/// The hash checked for a name that does not exist: made once, with the same parameters as
/// real ones, so such a try takes as long as a wrong password.
fn unknown_user_hash() -> &'static str {
    static HASH: OnceLock<String> = OnceLock::new();
    HASH.get_or_init(|| {
        let mut password = [0u8; 16];
        rand::rng().fill_bytes(&mut password);
        Argon2::default()
            .hash_password(&password, &SaltString::generate(&mut OsRng))
            .map(|hash| hash.to_string())
            .unwrap_or_default()
    })
}

/// Checks a sign-in; on success returns a new session token. The try is counted before the
/// password is checked, in one transaction with the check of the limits, so parallel guesses
/// cannot slip past them; the right password takes its count back. A throttled try is
/// refused before it takes one of the few password checks, so a stopped address cannot keep
/// others waiting; a try with no check free is refused without touching the store.
pub async fn sign_in(
    store: &dyn Store,
    checks: &PasswordChecks,
    username: &str,
    password: &str,
    asker: Asker<'_>,
    now_ms: i64,
) -> Result<(SignIn, Option<String>), StaffError> {
    if !checks.has_room(true) {
        return Ok((SignIn::Busy, None));
    }
    // Browsers where staff signed in before, and addresses staff signed in from lately, may
    // use the check kept for them.
    let kept_check = match asker {
        Asker::KnownBrowser => true,
        Asker::Address(address) => {
            store
                .staff_address_since(address, now_ms - STAFF_ADDRESS_DAYS * DAY_MS)
                .await?
        }
    };
    if !checks.has_room(kept_check) {
        return Ok((SignIn::Busy, None));
    }
    let limits = match asker {
        Asker::Address(address) => vec![
            (user_from_key(username, address), PER_USER_FROM_ADDRESS),
            (format!("sign-in:from:{address}"), PER_ADDRESS),
            (user_key(username), PER_USER),
        ],
        Asker::KnownBrowser => vec![(known_key(username), known_browser::TRIES)],
    };
    if !store.count_try(&limits, now_ms).await? {
        return Ok((SignIn::Throttled, None));
    }
    let slot = if kept_check {
        checks.try_start_known()
    } else {
        checks.try_start()
    };
    let Some(slot) = slot else {
        store.take_back_try(&limits).await?;
        return Ok((SignIn::Busy, None));
    };
    let hash = store.staff_password_hash(username).await?;
    let known = hash.is_some();
    let checked = hash.unwrap_or_else(|| unknown_user_hash().to_owned());
    let matches = slot.verify(checked, password.to_owned()).await;
    if !(matches && known) {
        return Ok((SignIn::Wrong, None));
    }
    let token = super::guard::random_token();
    store.take_back_try(&limits).await?;
    if let Asker::Address(address) = asker {
        store.remember_staff_address(address, now_ms).await?;
    }
    store
        .open_session(&sha256_hex(token.as_bytes()), username, now_ms + SESSION_MS)
        .await?;
    Ok((SignIn::Ok, Some(token)))
}

/// The staff member a session token belongs to, if it is still valid.
pub async fn session(
    store: &dyn Store,
    token: &str,
    now_ms: i64,
) -> Result<Option<StaffMember>, StaffError> {
    Ok(store
        .session_user(&sha256_hex(token.as_bytes()), now_ms)
        .await?)
}

pub async fn sign_out(store: &dyn Store, token: &str) -> Result<(), StaffError> {
    Ok(store.close_session(&sha256_hex(token.as_bytes())).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use mahalla_portal_sqlite::SqliteStore;
    use mahalla_portal_store::THROTTLE_WINDOW_MS;

    use crate::password::PasswordChecks;

    /// [`sign_in`] with a slot of its own.
    async fn sign_in(
        store: &dyn Store,
        username: &str,
        password: &str,
        address: &str,
        now_ms: i64,
    ) -> Result<(SignIn, Option<String>), StaffError> {
        let checks = PasswordChecks::new(1);
        super::sign_in(
            store,
            &checks,
            username,
            password,
            Asker::Address(address),
            now_ms,
        )
        .await
    }

    const RIGHT: &str = "toshkent-2026!";

    #[tokio::test]
    async fn sign_in_and_sessions() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        assert!(matches!(
            set_password(&db, "nodira", "short", &Role::Administrator).await,
            Err(StaffError::WeakPassword)
        ));
        set_password(&db, "nodira", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        let (outcome, token) = sign_in(&db, "nodira", RIGHT, "10.0.0.1", 0)
            .await
            .expect("sign in");
        assert_eq!(outcome, SignIn::Ok);
        let token = token.expect("token");
        assert_eq!(
            session(&db, &token, 1)
                .await
                .expect("session")
                .map(|member| member.username)
                .as_deref(),
            Some("nodira")
        );
        assert_eq!(
            session(&db, &token, SESSION_MS + 1).await.expect("expired"),
            None
        );
        sign_out(&db, &token).await.expect("sign out");
        assert_eq!(session(&db, &token, 1).await.expect("gone"), None);
        assert_eq!(
            sign_in(&db, "nobody", "x", "10.0.0.1", 0)
                .await
                .expect("unknown")
                .0,
            SignIn::Wrong
        );
    }

    #[tokio::test]
    async fn a_stranger_stops_only_their_own_tries_and_a_window_ends() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        set_password(&db, "nodira", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        for _ in 0..PER_USER_FROM_ADDRESS {
            assert_eq!(
                sign_in(&db, "nodira", "wrong", "10.0.0.66", 10)
                    .await
                    .expect("try")
                    .0,
                SignIn::Wrong
            );
        }
        assert_eq!(
            sign_in(&db, "nodira", RIGHT, "10.0.0.66", 20)
                .await
                .expect("try")
                .0,
            SignIn::Throttled,
            "the stranger's address is stopped, even with the right password"
        );
        assert_eq!(
            sign_in(&db, "nodira", RIGHT, "10.0.0.7", 30)
                .await
                .expect("staff")
                .0,
            SignIn::Ok,
            "staff at their own desk get in"
        );
        assert_eq!(
            sign_in(&db, "nodira", RIGHT, "10.0.0.66", 10 + THROTTLE_WINDOW_MS)
                .await
                .expect("later")
                .0,
            SignIn::Ok,
            "the window ends"
        );
    }

    #[tokio::test]
    async fn a_known_browser_gets_in_while_strangers_have_locked_the_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        set_password(&db, "nodira", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        for n in 0..PER_USER {
            let address = format!("10.1.{}.{}", n / 200, n % 200);
            sign_in(&db, "nodira", "guess", &address, 0)
                .await
                .expect("try");
        }
        assert_eq!(
            sign_in(&db, "nodira", RIGHT, "10.0.0.7", 1)
                .await
                .expect("try")
                .0,
            SignIn::Throttled,
            "the name is locked for every address"
        );
        let checks = PasswordChecks::new(1);
        let _taken = checks.try_start().expect("every common check busy");
        let (outcome, _) = super::sign_in(&db, &checks, "nodira", RIGHT, Asker::KnownBrowser, 2)
            .await
            .expect("known browser");
        assert_eq!(
            outcome,
            SignIn::Ok,
            "not for the browser where she signed in before"
        );
    }

    #[tokio::test]
    async fn an_address_staff_signed_in_from_gets_the_kept_check() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        set_password(&db, "nodira", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        sign_in(&db, "nodira", RIGHT, "10.0.0.7", 0)
            .await
            .expect("at the office");
        let checks = PasswordChecks::new(1);
        let _flood = checks.try_start().expect("every common check busy");
        let from =
            |address| super::sign_in(&db, &checks, "nodira", RIGHT, Asker::Address(address), 10);
        assert_eq!(from("10.0.0.8").await.expect("elsewhere").0, SignIn::Busy);
        assert_eq!(
            from("10.0.0.7").await.expect("the office").0,
            SignIn::Ok,
            "the office's address has the kept check"
        );
    }

    #[tokio::test]
    async fn an_address_guessing_many_names_is_stopped() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        set_password(&db, "nodira", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        for n in 0..PER_ADDRESS {
            let name = format!("user{n}");
            assert_eq!(
                sign_in(&db, &name, "guess", "10.0.0.66", 0)
                    .await
                    .expect("try")
                    .0,
                SignIn::Wrong
            );
        }
        assert_eq!(
            sign_in(&db, "nodira", RIGHT, "10.0.0.66", 1)
                .await
                .expect("try")
                .0,
            SignIn::Throttled
        );
    }

    #[tokio::test]
    async fn a_new_password_lifts_the_throttling_of_its_name() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = SqliteStore::open(dir.path()).expect("open");
        set_password(&db, "nodira_1", RIGHT, &Role::Administrator)
            .await
            .expect("add");
        for _ in 0..PER_USER_FROM_ADDRESS {
            sign_in(&db, "nodira_1", "wrong", "10.0.0.5", 0)
                .await
                .expect("try");
        }
        assert_eq!(
            sign_in(&db, "nodira_1", RIGHT, "10.0.0.5", 1)
                .await
                .expect("try")
                .0,
            SignIn::Throttled
        );
        set_password(&db, "nodira_1", "samarqand-2027", &Role::Administrator)
            .await
            .expect("reset");
        assert_eq!(
            sign_in(&db, "nodira_1", "samarqand-2027", "10.0.0.5", 2)
                .await
                .expect("try")
                .0,
            SignIn::Ok
        );
    }
}
