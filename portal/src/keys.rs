//! The portal's own keys: an `age` X25519 identity that terminals encrypt payloads to, and an
//! Ed25519 key that signs every answer of the kiosk API and every key rotation. Terminals pin
//! both at enrolment (the enrolment sheet carries their fingerprint).
//!
//! They live in the data dir, readable by the portal's user only:
//!
//! ```text
//! keys/ring.json              which set is current, which previous, the signed rotation
//! keys/<n>/age-identity.txt   one key set (0600 files in a 0700 directory)
//! keys/<n>/signing-key.txt
//! ```
//!
//! `keys rotate` makes a new set current and signs the change with the old signing key. While
//! the old set is kept as previous, the portal decrypts with both, signs each answer with both
//! and announces the rotation in every updates page, so each terminal moves over at its next
//! sync. `keys retire` stops using the previous set once every terminal has moved (the
//! `devices` list shows the keys each terminal last used); its payload key stays, only to
//! read what was stored encrypted to it, since the database keeps personal data only as the
//! terminals encrypted it.

use std::io::Write;
use std::path::{Path, PathBuf};

use age::secrecy::ExposeSecret;
use data_encoding::BASE64URL_NOPAD;
use ed25519_dalek::SigningKey;
use mahalla_protocol::portal_keys::{self, AnswerParts, KeyRotation, PortalKeys};
use rand::RngCore;

const KEYS_DIR: &str = "keys";
const RING_FILE: &str = "ring.json";
const IDENTITY_FILE: &str = "age-identity.txt";
const SIGNING_FILE: &str = "signing-key.txt";

#[derive(Debug, thiserror::Error)]
pub enum KeyError {
    #[error("cannot read or write the key file {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("the key file {0} does not hold the key it should")]
    Parse(PathBuf),
    #[error(
        "the previous keys {0} are still in use; retire them first (`mahalla-portal keys retire`) once every terminal has moved to the current keys"
    )]
    RotationUnderWay(String),
    #[error("there are no previous keys to retire")]
    NothingToRetire,
}

/// One set of the portal's keys, private halves included.
pub struct KeySet {
    identity: age::x25519::Identity,
    signing: SigningKey,
    public: PortalKeys,
}

impl KeySet {
    pub fn public(&self) -> &PortalKeys {
        &self.public
    }
}

/// What `keys/ring.json` says.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
struct Ring {
    current: u32,
    previous: Option<u32>,
    rotation: Option<KeyRotation>,
    /// Sets no longer used, whose payload keys still read what was stored with them.
    #[serde(default)]
    retired: Vec<u32>,
}

/// The current key set, and while a rotation is under way the previous one and the signed
/// rotation between them.
pub struct KeyRing {
    current: KeySet,
    previous: Option<KeySet>,
    rotation: Option<KeyRotation>,
    retired: Vec<age::x25519::Identity>,
}

impl KeyRing {
    /// Reads the ring from the data dir, creating the first key set when there is none.
    pub fn load_or_create(data_dir: &Path) -> Result<KeyRing, KeyError> {
        let keys_dir = data_dir.join(KEYS_DIR);
        let ring = load_or_create_ring(&keys_dir)?;
        Ok(KeyRing {
            current: load_or_create_set(&keys_dir, ring.current)?,
            previous: ring
                .previous
                .map(|number| load_or_create_set(&keys_dir, number))
                .transpose()?,
            rotation: ring.rotation,
            retired: ring
                .retired
                .iter()
                .map(|number| read_identity(&keys_dir.join(number.to_string())))
                .collect::<Result<_, _>>()?,
        })
    }

    /// Makes a new key set current, signed over from the current one. Refused while a
    /// previous set is still kept: a terminal can follow one rotation at a time.
    pub fn rotate(data_dir: &Path) -> Result<KeyRotation, KeyError> {
        let keys_dir = data_dir.join(KEYS_DIR);
        let ring = load_or_create_ring(&keys_dir)?;
        if let Some(previous) = ring.previous {
            let previous = load_or_create_set(&keys_dir, previous)?;
            return Err(KeyError::RotationUnderWay(previous.public.fingerprint()));
        }
        let current = load_or_create_set(&keys_dir, ring.current)?;
        let next = ring.current.saturating_add(1);
        let new = load_or_create_set(&keys_dir, next)?;
        let rotation = portal_keys::sign_rotation(&current.public, &current.signing, &new.public);
        write_ring(
            &keys_dir,
            &Ring {
                current: next,
                previous: Some(ring.current),
                rotation: Some(rotation.clone()),
                retired: ring.retired,
            },
        )?;
        Ok(rotation)
    }

    /// Stops using the previous key set: terminals that did not move over are refused, and
    /// uploads encrypted to it are no longer accepted. Its payload key stays to read what
    /// was stored; its signing key is deleted. Returns its fingerprint.
    pub fn retire(data_dir: &Path) -> Result<String, KeyError> {
        let keys_dir = data_dir.join(KEYS_DIR);
        let ring = read_ring(&keys_dir)?.ok_or(KeyError::NothingToRetire)?;
        let previous = ring.previous.ok_or(KeyError::NothingToRetire)?;
        let retired = load_or_create_set(&keys_dir, previous)?
            .public
            .fingerprint();
        let mut now_retired = ring.retired;
        now_retired.push(previous);
        write_ring(
            &keys_dir,
            &Ring {
                current: ring.current,
                previous: None,
                rotation: None,
                retired: now_retired,
            },
        )?;
        let signing = keys_dir.join(previous.to_string()).join(SIGNING_FILE);
        std::fs::remove_file(&signing).map_err(io(&signing))?;
        Ok(retired)
    }

    /// The keys terminals enrol with now.
    pub fn current(&self) -> &PortalKeys {
        &self.current.public
    }

    /// The keys being rotated away from, while terminals may still use them.
    pub fn previous(&self) -> Option<&PortalKeys> {
        self.previous.as_ref().map(KeySet::public)
    }

    /// The rotation to announce in the feed while it is under way.
    pub fn rotation(&self) -> Option<&KeyRotation> {
        self.rotation.as_ref()
    }

    /// Decrypts an uploaded `age` payload: encrypted to the current or the previous
    /// recipient, the keys terminals may use.
    pub fn decrypt(&self, payload: &[u8]) -> Option<Vec<u8>> {
        decrypt(self.in_use().map(|set| &set.identity), payload)
    }

    /// Decrypts what the database keeps (payloads, sealed notices) with every payload key the
    /// portal has had, retired ones included.
    pub fn open_stored(&self, stored: &[u8]) -> Option<Vec<u8>> {
        let in_use = self.in_use().map(|set| &set.identity);
        decrypt(in_use.chain(&self.retired), stored)
    }

    /// A stored submission's content, decrypted for the one who looks now; `None` (and an
    /// error in the log) when no payload key of the portal opens it.
    pub fn open_payload(&self, stored: &[u8]) -> Option<mahalla_protocol::wire::SubmissionPayload> {
        let payload = self
            .open_stored(stored)
            .and_then(|plaintext| serde_json::from_slice(&plaintext).ok());
        if payload.is_none() {
            tracing::error!("a stored payload does not decrypt with the portal's keys");
        }
        payload
    }

    /// Encrypts `plaintext` to the portal itself, for [`open_stored`](Self::open_stored).
    pub fn seal(&self, plaintext: &[u8]) -> Option<Vec<u8>> {
        let recipient = self.current.identity.to_public();
        age::encrypt(&recipient, plaintext).ok()
    }

    /// Signs `note` with the current signing key: something the portal hands out and takes
    /// back itself, such as a known browser's cookie.
    pub fn sign_note(&self, note: &[u8]) -> String {
        use ed25519_dalek::Signer;
        BASE64URL_NOPAD.encode(&self.current.signing.sign(note).to_bytes())
    }

    /// Whether `signature` is a [`sign_note`](Self::sign_note) of `note` by a key set in use.
    pub fn verify_note(&self, note: &[u8], signature: &str) -> bool {
        let Some(signature) = BASE64URL_NOPAD
            .decode(signature.as_bytes())
            .ok()
            .and_then(|bytes| ed25519_dalek::Signature::from_slice(&bytes).ok())
        else {
            return false;
        };
        self.in_use().any(|set| {
            set.signing
                .verifying_key()
                .verify_strict(note, &signature)
                .is_ok()
        })
    }

    fn in_use(&self) -> impl Iterator<Item = &KeySet> {
        std::iter::once(&self.current).chain(self.previous.as_ref())
    }

    /// The [`portal_keys::SIGNATURE_HEADER`] values for an answer: one per key set held.
    pub fn sign_answer(&self, answer: &AnswerParts<'_>) -> Vec<String> {
        self.in_use()
            .map(|set| portal_keys::sign_answer(&set.public, &set.signing, answer))
            .collect()
    }
}

fn decrypt<'a>(
    identities: impl Iterator<Item = &'a age::x25519::Identity>,
    payload: &[u8],
) -> Option<Vec<u8>> {
    use std::io::Read;
    let identities = identities.map(|identity| identity as &dyn age::Identity);
    let mut reader = age::Decryptor::new_buffered(payload)
        .ok()?
        .decrypt(identities)
        .ok()?;
    let mut plaintext = Vec::new();
    reader.read_to_end(&mut plaintext).ok()?;
    Some(plaintext)
}

/// The payload key of an existing set.
fn read_identity(dir: &Path) -> Result<age::x25519::Identity, KeyError> {
    let path = dir.join(IDENTITY_FILE);
    read_key_line(&path)?
        .and_then(|line| line.parse().ok())
        .ok_or(KeyError::Parse(path))
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> KeyError + '_ {
    move |source| KeyError::Io {
        path: path.to_owned(),
        source,
    }
}

/// The ring file, written with the first key set where there is none.
fn load_or_create_ring(keys_dir: &Path) -> Result<Ring, KeyError> {
    if let Some(ring) = read_ring(keys_dir)? {
        return Ok(ring);
    }
    let ring = Ring {
        current: 1,
        previous: None,
        rotation: None,
        retired: Vec::new(),
    };
    load_or_create_set(keys_dir, 1)?;
    write_ring(keys_dir, &ring)?;
    Ok(ring)
}

fn read_ring(keys_dir: &Path) -> Result<Option<Ring>, KeyError> {
    let path = keys_dir.join(RING_FILE);
    match std::fs::read(&path) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map(Some)
            .map_err(|_| KeyError::Parse(path)),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io(&path)(error)),
    }
}

/// Replaces the ring file in one rename, so a crash leaves the old or the new one.
fn write_ring(keys_dir: &Path, ring: &Ring) -> Result<(), KeyError> {
    let path = keys_dir.join(RING_FILE);
    let staged = keys_dir.join(format!("{RING_FILE}.new"));
    let _ = std::fs::remove_file(&staged);
    let text = serde_json::to_vec_pretty(ring).map_err(|_| KeyError::Parse(path.clone()))?;
    let mut file = mahalla_host::private_file(&staged).map_err(io(&staged))?;
    file.write_all(&text)
        .and_then(|()| file.sync_all())
        .map_err(io(&staged))?;
    std::fs::rename(&staged, &path).map_err(io(&path))?;
    std::fs::File::open(keys_dir)
        .and_then(|dir| dir.sync_all())
        .map_err(io(keys_dir))
}

/// Key set `number`, created where its files are missing.
fn load_or_create_set(keys_dir: &Path, number: u32) -> Result<KeySet, KeyError> {
    let dir = keys_dir.join(number.to_string());
    create_private_dir(&dir)?;
    let identity_path = dir.join(IDENTITY_FILE);
    let identity = match read_key_line(&identity_path)? {
        Some(line) => line
            .parse::<age::x25519::Identity>()
            .map_err(|_| KeyError::Parse(identity_path.clone()))?,
        None => {
            let identity = age::x25519::Identity::generate();
            write_key(
                &identity_path,
                &format!(
                    "mahalla portal payload key; public: {}",
                    identity.to_public()
                ),
                identity.to_string().expose_secret(),
            )?;
            identity
        }
    };
    let signing_path = dir.join(SIGNING_FILE);
    let signing = match read_key_line(&signing_path)? {
        Some(line) => BASE64URL_NOPAD
            .decode(line.as_bytes())
            .ok()
            .and_then(|bytes| <[u8; 32]>::try_from(bytes).ok())
            .map(|seed| SigningKey::from_bytes(&seed))
            .ok_or_else(|| KeyError::Parse(signing_path.clone()))?,
        None => {
            let mut seed = [0u8; 32];
            rand::rng().fill_bytes(&mut seed);
            let key = SigningKey::from_bytes(&seed);
            write_key(
                &signing_path,
                &format!(
                    "mahalla portal signing key; public: {}",
                    portal_keys::public_signing_key(&key)
                ),
                &BASE64URL_NOPAD.encode(&seed),
            )?;
            key
        }
    };
    let public = PortalKeys {
        age_recipient: identity.to_public().to_string(),
        signing_key: portal_keys::public_signing_key(&signing),
    };
    Ok(KeySet {
        identity,
        signing,
        public,
    })
}

fn create_private_dir(dir: &Path) -> Result<(), KeyError> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir).map_err(io(dir))
}

/// The first line of `path` that is not a comment; `None` when the file does not exist.
fn read_key_line(path: &Path) -> Result<Option<String>, KeyError> {
    match std::fs::read_to_string(path) {
        Ok(text) => text
            .lines()
            .map(str::trim)
            .find(|line| !line.starts_with('#') && !line.is_empty())
            .map(|line| Some(line.to_owned()))
            .ok_or_else(|| KeyError::Parse(path.to_owned())),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(error) => Err(io(path)(error)),
    }
}

fn write_key(path: &Path, comment: &str, secret: &str) -> Result<(), KeyError> {
    let mut file = mahalla_host::private_file(path).map_err(io(path))?;
    writeln!(file, "# {comment}\n{secret}")
        .and_then(|()| file.sync_all())
        .map_err(io(path))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seal(recipient: &str, plaintext: &[u8]) -> Vec<u8> {
        let recipient: age::x25519::Recipient = recipient.parse().expect("recipient");
        age::encrypt(&recipient, plaintext).expect("encrypt")
    }

    #[test]
    fn the_keys_are_created_once_and_private() {
        let dir = tempfile::tempdir().expect("temp dir");
        let first = KeyRing::load_or_create(dir.path()).expect("create");
        let again = KeyRing::load_or_create(dir.path()).expect("load");
        assert_eq!(first.current(), again.current());
        assert!(first.current().age_recipient.starts_with("age1"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = |path: PathBuf| {
                std::fs::metadata(path)
                    .expect("metadata")
                    .permissions()
                    .mode()
                    & 0o777
            };
            let set = dir.path().join("keys/1");
            assert_eq!(mode(set.clone()), 0o700);
            assert_eq!(mode(set.join(IDENTITY_FILE)), 0o600);
            assert_eq!(mode(set.join(SIGNING_FILE)), 0o600);
        }
    }

    #[test]
    fn a_rotation_keeps_the_old_keys_until_they_are_retired() {
        let dir = tempfile::tempdir().expect("temp dir");
        let old = KeyRing::load_or_create(dir.path()).expect("create");
        let sealed_to_old = seal(&old.current().age_recipient, b"before");
        let rotation = KeyRing::rotate(dir.path()).expect("rotate");
        let ring = KeyRing::load_or_create(dir.path()).expect("load");
        assert_eq!(old.current().rotate(&rotation).as_ref(), Ok(ring.current()));
        assert_eq!(ring.previous(), Some(old.current()));
        assert_eq!(ring.rotation(), Some(&rotation));
        assert_eq!(
            ring.decrypt(&sealed_to_old).as_deref(),
            Some(&b"before"[..])
        );
        let sealed_to_new = seal(&ring.current().age_recipient, b"after");
        assert_eq!(ring.decrypt(&sealed_to_new).as_deref(), Some(&b"after"[..]));
        // Both key sets sign each answer while the rotation is under way.
        let answer = AnswerParts {
            status: 200,
            nonce: "AAAAAAAAAAAAAAAAAAAAAA",
            body: b"{}",
        };
        let signatures = ring.sign_answer(&answer);
        for keys in [old.current(), ring.current()] {
            assert_eq!(
                keys.verify_answer(&answer, signatures.iter().map(String::as_str)),
                Ok(())
            );
        }
        assert!(matches!(
            KeyRing::rotate(dir.path()),
            Err(KeyError::RotationUnderWay(_))
        ));

        assert_eq!(
            KeyRing::retire(dir.path()).expect("retire"),
            old.current().fingerprint()
        );
        let retired = KeyRing::load_or_create(dir.path()).expect("load");
        assert_eq!(retired.current(), ring.current());
        assert_eq!(retired.previous(), None);
        assert_eq!(retired.rotation(), None);
        assert_eq!(
            retired.decrypt(&sealed_to_old),
            None,
            "uploads to retired keys are refused"
        );
        assert!(
            retired.open_stored(&sealed_to_old).is_some(),
            "what was stored with retired keys stays readable"
        );
        let signatures = retired.sign_answer(&answer);
        assert!(
            old.current()
                .verify_answer(&answer, signatures.iter().map(String::as_str))
                .is_err()
        );
        assert!(
            !dir.path().join("keys/1/signing-key.txt").exists(),
            "a retired set signs nothing any more"
        );
        assert!(matches!(
            KeyRing::retire(dir.path()),
            Err(KeyError::NothingToRetire)
        ));
    }
}
