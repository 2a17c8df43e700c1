//! A signed software update published through `mahalla-portal publish-update`: a terminal's
//! next page of the feed offers it (in the portal's signed answer), and its files download
//! whole or resume from an offset, byte for byte; nothing but the files its manifest names is
//! served. Bundles a terminal must not install — wrongly signed, unsigned, truncated, corrupt,
//! not newer than the newest published — are refused with their reason, and nothing of them
//! is kept.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod support;

use std::path::{Path, PathBuf};

use data_encoding::BASE64;

use ed25519_dalek::SigningKey;
use mahalla_portal::keys::KeyRing;
use mahalla_portal::software_update::FILES_DIR;
use mahalla_portal_store::Store;
use mahalla_protocol::portal_keys::{self, AnswerParts};
use mahalla_protocol::signing;
use mahalla_protocol::software_update::{MANIFEST_FILE, SIGNATURE_FILE, UpdateKey};
use mahalla_protocol::wire::{self, UpdatesPage};
use mahalla_test_support::software_update;

const ROOT_BYTES: usize = 300_000;
/// The kernel of a test bundle (`software_update::write_bundle`).
const KERNEL_BYTES: usize = 90_000;

/// The project's update key in these tests.
fn project_key() -> SigningKey {
    SigningKey::from_bytes(&[11; 32])
}

/// The public half of `key` in a PEM file, as `openssl pkey -pubout` writes it.
fn public_pem(dir: &Path, key: &SigningKey) -> PathBuf {
    software_update::public_pem(&dir.join("update-key.pem"), key)
}

/// A bundle of `version` in `parent/name`, signed with `signer` when there is one.
fn bundle(parent: &Path, name: &str, version: &str, signer: Option<&SigningKey>) -> PathBuf {
    let dir = parent.join(name);
    software_update::write_bundle(&dir, version, ROOT_BYTES, signer);
    dir
}

/// `publish-update` run as an administrator runs it: whether it succeeded, and what it
/// printed on standard output and standard error.
fn publish(data_dir: &Path, bundle: &Path, key: &Path) -> (bool, String, String) {
    let output = support::command(data_dir)
        .arg("publish-update")
        .arg(bundle)
        .arg("--update-key")
        .arg(key)
        .output()
        .expect("publish-update");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// What the data dir's `software-updates/` holds, sorted.
fn kept(data_dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(data_dir.join(FILES_DIR)) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

/// A page of the terminal's feed, checked to be signed by the portal over its exact bytes.
fn feed(base: &str, data_dir: &Path, terminal: &SigningKey, cursor: u64) -> UpdatesPage {
    let nonce = signing::encode_nonce(&rand::random::<[u8; 16]>());
    let response = mahalla_test_support::get_signed_by(
        &reqwest::blocking::Client::new(),
        base,
        terminal,
        &format!("{}?cursor={cursor}", wire::UPDATES_PATH),
        &nonce,
    );
    assert_eq!(response.status(), 200);
    let signatures: Vec<String> = response
        .headers()
        .get_all(portal_keys::SIGNATURE_HEADER)
        .iter()
        .map(|value| value.to_str().expect("text").to_owned())
        .collect();
    let body = response.bytes().expect("body");
    KeyRing::load_or_create(data_dir)
        .expect("keys")
        .current()
        .verify_answer(
            &AnswerParts {
                status: 200,
                nonce: &nonce,
                body: &body,
            },
            signatures.iter().map(String::as_str),
        )
        .expect("the portal signed the page");
    serde_json::from_slice(&body).expect("an updates page")
}

fn get(url: &str, range: Option<&str>) -> reqwest::blocking::Response {
    let mut request = reqwest::blocking::Client::new().get(url);
    if let Some(range) = range {
        request = request.header("range", range);
    }
    request.send().expect("GET")
}

#[test]
fn a_published_update_is_offered_in_the_feed_and_its_files_download_whole_or_resumed() {
    mahalla_test_support::install_tls_provider();
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let terminal = SigningKey::from_bytes(&[5; 32]);
    let public = terminal.verifying_key();
    drop(support::terminal_with_key(
        &data_dir,
        &signing::device_id(&public),
        &signing::encode_public_key(&public),
    ));
    let portal = support::serve(&data_dir);
    let before = feed(&portal.base, &data_dir, &terminal, 0);
    assert_eq!(before.software_update, None, "nothing published yet");

    let key = project_key();
    let pem = public_pem(dir.path(), &key);
    let bundle = bundle(dir.path(), "bundle", "0.2.0", Some(&key));
    let (published, out, err) = publish(&data_dir, &bundle, &pem);
    assert!(published, "{out}{err}");
    let bytes: u64 = std::fs::read_dir(&bundle)
        .expect("bundle")
        .map(|entry| entry.expect("entry"))
        .filter(|entry| {
            entry
                .file_name()
                .to_string_lossy()
                .starts_with("mahalla-kiosk_")
        })
        .map(|entry| entry.metadata().expect("size").len())
        .sum();
    assert!(
        out.contains(&format!(
            "published software update 0.2.0: 4 files, {bytes} bytes"
        )),
        "{out}"
    );
    assert_eq!(kept(&data_dir), ["0.2.0"], "no copy left half-way");

    // The running portal offers it on the terminal's next page, whatever its cursor.
    let page = feed(&portal.base, &data_dir, &terminal, 0);
    let far = feed(&portal.base, &data_dir, &terminal, page.cursor + 1_000);
    let offer = page.software_update.expect("offered");
    assert_eq!(far.software_update.as_ref(), Some(&offer));
    let signed = std::fs::read(bundle.join(MANIFEST_FILE)).expect("manifest");
    assert_eq!(offer.manifest.as_bytes(), signed, "the manifest as signed");
    let signature = BASE64.decode(offer.signature.as_bytes()).expect("base64");
    assert_eq!(
        signature,
        std::fs::read(bundle.join(SIGNATURE_FILE)).expect("signature")
    );
    let manifest = UpdateKey::from_pem(&std::fs::read_to_string(&pem).expect("pem"))
        .expect("key")
        .open(offer.manifest.as_bytes(), Some(&signature), "amd64")
        .expect("a terminal opens the offer");

    for file in &manifest.files {
        let url = format!(
            "{}{}/0.2.0/{}",
            portal.base,
            wire::SOFTWARE_UPDATES_PATH,
            file.name
        );
        let whole = get(&url, None);
        assert_eq!(whole.status(), 200);
        assert_eq!(whole.headers()["content-type"], "application/octet-stream");
        assert_eq!(whole.headers()["accept-ranges"], "bytes");
        assert_eq!(
            whole.headers()["content-length"],
            file.bytes.to_string().as_str()
        );
        let whole = whole.bytes().expect("body");
        assert_eq!(signing::sha256_hex(&whole), file.sha256, "{}", file.name);

        // A download broken off at an offset resumes from there.
        let offset = file.bytes / 3;
        let first = get(&url, Some(&format!("bytes=0-{}", offset - 1)));
        assert_eq!(first.status(), 206);
        let mut joined = first.bytes().expect("first part").to_vec();
        let rest = get(&url, Some(&format!("bytes={offset}-")));
        assert_eq!(rest.status(), 206);
        assert_eq!(
            rest.headers()["content-range"],
            format!("bytes {offset}-{}/{}", file.bytes - 1, file.bytes).as_str()
        );
        assert_eq!(
            rest.headers()["content-length"],
            (file.bytes - offset).to_string().as_str()
        );
        let rest = rest.bytes().expect("the rest");
        assert_eq!(&rest[..], &whole[offset as usize..]);
        joined.extend_from_slice(&rest);
        assert_eq!(joined, whole);
    }

    // Only what the stored manifest names, of a published version.
    std::fs::write(
        data_dir.join(FILES_DIR).join("0.2.0").join("stray"),
        b"not in the manifest",
    )
    .expect("stray file");
    let root = &manifest.files[0].name;
    for path in [
        "0.2.0/stray".to_owned(),
        format!("0.2.0/{MANIFEST_FILE}"),
        "0.2.0/..%2F..%2Fportal.sqlite3".to_owned(),
        format!("0.3.0/{root}"),
        format!("latest/{root}"),
        format!("0.2.00/{root}"),
    ] {
        let response = get(
            &format!("{}{}/{path}", portal.base, wire::SOFTWARE_UPDATES_PATH),
            None,
        );
        assert_eq!(response.status(), 404, "{path}");
        let body: serde_json::Value = response.json().expect("a JSON error");
        assert_eq!(body["reason"], "not-found", "{path}");
    }
}

#[test]
fn bundles_a_terminal_must_not_install_are_refused_with_their_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let data_dir = dir.path().join("portal");
    let key = project_key();
    let pem = public_pem(dir.path(), &key);
    let (published, out, err) = publish(
        &data_dir,
        &bundle(dir.path(), "good", "0.2.0", Some(&key)),
        &pem,
    );
    assert!(published, "{out}{err}");

    let stranger = SigningKey::from_bytes(&[12; 32]);
    let truncated = bundle(dir.path(), "truncated", "0.3.0", Some(&key));
    let root = truncated.join("mahalla-kiosk_0.3.0.root.erofs");
    std::fs::write(
        &root,
        &software_update::content(ROOT_BYTES, 1)[..ROOT_BYTES - 1],
    )
    .expect("truncate");
    let corrupt = bundle(dir.path(), "corrupt", "0.3.0", Some(&key));
    let mut kernel = software_update::content(KERNEL_BYTES, 2);
    kernel[KERNEL_BYTES / 2] ^= 1;
    std::fs::write(corrupt.join("mahalla-kiosk_0.3.0.linux"), kernel).expect("corrupt");

    for (bundle, reason) in [
        (
            bundle(dir.path(), "stranger", "0.3.0", Some(&stranger)),
            "the update's signature is not the project's",
        ),
        (
            bundle(dir.path(), "unsigned", "0.3.0", None),
            "the update is not signed (no manifest.sig)",
        ),
        (
            truncated,
            "mahalla-kiosk_0.3.0.root.erofs is missing or shorter than its manifest says",
        ),
        (
            corrupt,
            "mahalla-kiosk_0.3.0.linux does not match its manifest",
        ),
        (
            bundle(dir.path(), "older", "0.1.9", Some(&key)),
            "version 0.1.9 is older than 0.2.0, the newest published",
        ),
        (
            bundle(dir.path(), "again", "0.2.0", Some(&key)),
            "version 0.2.0 is published already",
        ),
    ] {
        let (published, out, err) = publish(&data_dir, &bundle, &pem);
        assert!(!published, "{} was published: {out}", bundle.display());
        assert!(err.contains(reason), "{}: {err}", bundle.display());
        assert_eq!(kept(&data_dir), ["0.2.0"], "{}", bundle.display());
    }
    let seed = support::Seed::open(&data_dir);
    let newest = seed
        .run(seed.store.newest_software_update())
        .expect("newest")
        .expect("published");
    assert_eq!(newest.version.to_string(), "0.2.0");
    drop(seed);

    // A newer, sound bundle still goes through.
    let (published, out, err) = publish(
        &data_dir,
        &bundle(dir.path(), "newer", "0.10.0", Some(&key)),
        &pem,
    );
    assert!(published, "{out}{err}");
    assert_eq!(kept(&data_dir), ["0.10.0", "0.2.0"]);
}
