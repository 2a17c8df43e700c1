//! Agency staff accounts and sessions: argon2id password hashes, a lockout after repeated
//! failures, and random session tokens kept only as hashes.

use argon2::Argon2;
use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use data_encoding::BASE64URL_NOPAD;
use mahalla_protocol::signing::sha256_hex;
use rand::RngCore;
use rusqlite::{OptionalExtension, params};

use crate::db::{Db, DbError};

/// Failed sign-ins before an account is locked.
pub const MAX_FAILURES: u32 = 5;
/// How long a lockout lasts.
pub const LOCKOUT_MS: i64 = 15 * 60 * 1000;
/// How long a session lasts.
pub const SESSION_MS: i64 = 8 * 60 * 60 * 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignIn {
    /// Signed in: the session token for the cookie.
    Ok,
    Wrong,
    Locked,
}

#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    #[error(transparent)]
    Db(#[from] DbError),
    #[error("cannot hash the password: {0}")]
    Hash(String),
    #[error("the password must have at least 10 characters")]
    WeakPassword,
}

impl From<rusqlite::Error> for StaffError {
    fn from(error: rusqlite::Error) -> Self {
        StaffError::Db(DbError::Sqlite(error))
    }
}

/// Adds a staff member or sets a new password.
pub fn set_password(db: &Db, username: &str, password: &str) -> Result<(), StaffError> {
    if password.chars().count() < 10 {
        return Err(StaffError::WeakPassword);
    }
    let salt = SaltString::generate(&mut OsRng);
    let hash = Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map_err(|error| StaffError::Hash(error.to_string()))?
        .to_string();
    db.lock().execute(
        "INSERT INTO staff (username, password_hash) VALUES (?1, ?2)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash,
             failed_logins = 0, locked_until = NULL",
        params![username, hash],
    )?;
    Ok(())
}

/// Checks a sign-in; on success returns a new session token.
pub fn sign_in(
    db: &Db,
    username: &str,
    password: &str,
    now_ms: i64,
) -> Result<(SignIn, Option<String>), StaffError> {
    let account: Option<(String, u32, Option<i64>)> = db
        .lock()
        .query_row(
            "SELECT password_hash, failed_logins, locked_until FROM staff WHERE username = ?1",
            [username],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
        )
        .optional()?;
    let Some((hash, _, locked_until)) = account else {
        return Ok((SignIn::Wrong, None));
    };
    if locked_until.is_some_and(|until| until > now_ms) {
        return Ok((SignIn::Locked, None));
    }
    let matches = PasswordHash::new(&hash)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false);
    let connection = db.lock();
    if !matches {
        connection.execute(
            "UPDATE staff SET failed_logins = failed_logins + 1,
                 locked_until = CASE WHEN failed_logins + 1 >= ?2 THEN ?3 ELSE locked_until END
             WHERE username = ?1",
            params![username, MAX_FAILURES, now_ms + LOCKOUT_MS],
        )?;
        return Ok((SignIn::Wrong, None));
    }
    connection.execute(
        "UPDATE staff SET failed_logins = 0, locked_until = NULL WHERE username = ?1",
        [username],
    )?;
    let mut token = [0u8; 32];
    rand::rng().fill_bytes(&mut token);
    let token = BASE64URL_NOPAD.encode(&token);
    connection.execute(
        "INSERT INTO staff_sessions (token_sha256, username, expires_at) VALUES (?1, ?2, ?3)",
        params![sha256_hex(token.as_bytes()), username, now_ms + SESSION_MS],
    )?;
    Ok((SignIn::Ok, Some(token)))
}

/// The staff member a session token belongs to, if it is still valid.
pub fn session(db: &Db, token: &str, now_ms: i64) -> Result<Option<String>, StaffError> {
    Ok(db
        .lock()
        .query_row(
            "SELECT username FROM staff_sessions WHERE token_sha256 = ?1 AND expires_at > ?2",
            params![sha256_hex(token.as_bytes()), now_ms],
            |row| row.get(0),
        )
        .optional()?)
}

pub fn sign_out(db: &Db, token: &str) -> Result<(), StaffError> {
    db.lock().execute(
        "DELETE FROM staff_sessions WHERE token_sha256 = ?1",
        [sha256_hex(token.as_bytes())],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sign_in_sessions_and_lockout() {
        let dir = tempfile::tempdir().expect("temp dir");
        let db = Db::open(dir.path()).expect("open");
        assert!(matches!(
            set_password(&db, "nodira", "short"),
            Err(StaffError::WeakPassword)
        ));
        set_password(&db, "nodira", "toshkent-2026!").expect("add");
        let (outcome, token) = sign_in(&db, "nodira", "toshkent-2026!", 0).expect("sign in");
        assert_eq!(outcome, SignIn::Ok);
        let token = token.expect("token");
        assert_eq!(
            session(&db, &token, 1).expect("session").as_deref(),
            Some("nodira")
        );
        assert_eq!(session(&db, &token, SESSION_MS + 1).expect("expired"), None);
        sign_out(&db, &token).expect("sign out");
        assert_eq!(session(&db, &token, 1).expect("gone"), None);
        assert_eq!(
            sign_in(&db, "nobody", "x", 0).expect("unknown").0,
            SignIn::Wrong
        );
        for _ in 0..MAX_FAILURES {
            assert_eq!(
                sign_in(&db, "nodira", "wrong", 10).expect("wrong").0,
                SignIn::Wrong
            );
        }
        assert_eq!(
            sign_in(&db, "nodira", "toshkent-2026!", 20)
                .expect("locked")
                .0,
            SignIn::Locked
        );
        let later = 20 + LOCKOUT_MS;
        assert_eq!(
            sign_in(&db, "nodira", "toshkent-2026!", later)
                .expect("unlocked")
                .0,
            SignIn::Ok
        );
    }
}
