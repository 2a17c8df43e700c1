//! Software update bundles for tests: signed (or not) with a key the test holds, the files
//! made up, laid out as `kiosk-image/build` writes them.

use std::path::{Path, PathBuf};

use ed25519_dalek::pkcs8::EncodePublicKey;
use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;
use ed25519_dalek::{Signer, SigningKey};
use mahalla_protocol::signing;
use mahalla_protocol::software_update::{MANIFEST_FILE, SIGNATURE_FILE};

/// The public half of `key` in `path`, as `openssl pkey -pubout` writes it.
pub fn public_pem(path: &Path, key: &SigningKey) -> PathBuf {
    let pem = key
        .verifying_key()
        .to_public_key_pem(LineEnding::LF)
        .expect("pem");
    std::fs::write(path, pem).expect("write the key");
    path.to_owned()
}

/// Made-up bytes, different for each `seed`.
pub fn content(len: usize, seed: u8) -> Vec<u8> {
    (0..len)
        .map(|n| (n as u8).wrapping_mul(31).wrapping_add(seed) ^ (n >> 8) as u8)
        .collect()
}

/// A bundle of `version` in `dir` for amd64: a root image of `root_bytes`, a kernel, an
/// initramfs and a boot entry, signed with `signer` (unsigned without one).
pub fn write_bundle(dir: &Path, version: &str, root_bytes: usize, signer: Option<&SigningKey>) {
    std::fs::create_dir_all(dir).expect("bundle dir");
    let files = [
        ("root.erofs", content(root_bytes, 1)),
        ("linux", content(90_000, 2)),
        ("initrd", content(60_000, 3)),
        (
            "conf",
            format!("title Mahalla kiosk\nversion {version}\n").into_bytes(),
        ),
    ];
    let mut listed = Vec::new();
    for (kind, bytes) in &files {
        let name = format!("mahalla-kiosk_{version}.{kind}");
        std::fs::write(dir.join(&name), bytes).expect("file");
        listed.push(serde_json::json!({
            "name": name,
            "bytes": bytes.len(),
            "sha256": signing::sha256_hex(bytes),
        }));
    }
    let manifest = serde_json::to_vec_pretty(&serde_json::json!({
        "product": "mahalla-kiosk",
        "version": version,
        "architecture": "amd64",
        "files": listed,
    }))
    .expect("manifest");
    std::fs::write(dir.join(MANIFEST_FILE), &manifest).expect("manifest");
    if let Some(signer) = signer {
        std::fs::write(dir.join(SIGNATURE_FILE), signer.sign(&manifest).to_bytes())
            .expect("signature");
    }
}
