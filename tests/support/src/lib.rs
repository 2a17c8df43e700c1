//! What the integration tests of several packages share: a real portal process on loopback,
//! `kioskctl` runs, a fault-injecting proxy, a fake SMS gateway, headless Chromium, QR codes
//! read back from printed PNGs, a throwaway PostgreSQL cluster, and the sample resident data
//! whose traces must never reach the kiosk database in plaintext.
//!
//! The binaries are this workspace's, found in the target directory of the running test:
//! `cargo test --workspace` builds them all before any test runs.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

pub mod browser;
pub mod dashboard;
pub mod gateway;
pub mod offline;
pub mod postgres;
pub mod proxy;
pub mod qr;
pub mod relay;
pub mod software_update;
pub mod tls;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};

use reqwest::Method;

/// A resident's data with every kind of personal field.
pub const PINFL: &str = "31508901234567";
pub const PASSPORT: &str = "AB1234567";
pub const PHONE: &str = "+998901234567";
pub const FULL_NAME: &str = "Oʻrinboy Qodirov";
pub const FREE_TEXT: &str = "Qoʻshnimning uyidan kechasi baland musiqa eshitiladi";
pub const MAHALLA: &str = "1726264001";

/// The workspace binary `name`, from the target directory the running test was built in
/// (`target/<profile>/deps/<test>` runs beside `target/<profile>/<name>`).
pub fn binary(name: &str, package: &str) -> PathBuf {
    let test = std::env::current_exe().expect("the test binary's path");
    let profile_dir = test
        .parent()
        .and_then(Path::parent)
        .expect("the test runs from target/<profile>/deps");
    let binary = profile_dir.join(name);
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test --workspace` or `cargo build -p {package}` first",
        binary.display()
    );
    binary
}

/// The portal binary.
pub fn portal_binary() -> PathBuf {
    binary("mahalla-portal", "mahalla-portal")
}

pub struct Portal {
    child: Child,
    pub data_dir: PathBuf,
    /// The PostgreSQL URL its store is in; `None`: the SQLite file in the data dir.
    pub database: Option<String>,
    pub url: String,
}

impl Portal {
    /// Starts `mahalla-portal serve` on a free loopback port with the sample register.
    pub fn start(data_dir: &Path, extra: &[&str]) -> Portal {
        Portal::start_on(data_dir, None, extra)
    }

    /// Starts `mahalla-portal serve` with its store in `database` (a `postgres://` URL), or
    /// in the data dir; the sample register imported.
    pub fn start_on(data_dir: &Path, database: Option<&str>, extra: &[&str]) -> Portal {
        let import = Portal::admin_at(
            data_dir,
            database,
            &["mahalla", "import"],
            &[sample_register()],
        );
        assert!(import.status.success(), "import: {import:?}");
        let mut child = Command::new(portal_binary())
            .arg("--data-dir")
            .arg(data_dir)
            .args(database.map(|url| format!("--database={url}")))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start the portal");
        let stdout = child.stdout.take().expect("piped stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("read the address");
        let url = line
            .trim()
            .strip_prefix("listening on ")
            .unwrap_or_else(|| panic!("unexpected first line {line:?}"))
            .to_owned();
        Portal {
            child,
            data_dir: data_dir.to_owned(),
            database: database.map(str::to_owned),
            url,
        }
    }

    /// Starts `mahalla-portal serve` over HTTPS with `cert` (issued for `localhost`); its
    /// `url` names `localhost`, as the certificate does.
    pub fn start_with_tls(data_dir: &Path, cert: &tls::ServerCert) -> Portal {
        let (cert_path, key_path) = (
            cert.cert.display().to_string(),
            cert.key.display().to_string(),
        );
        let mut portal = Portal::start(
            data_dir,
            &["--tls-cert", &cert_path, "--tls-key", &key_path],
        );
        assert!(
            portal.url.starts_with("https://127.0.0.1:"),
            "{}",
            portal.url
        );
        portal.url = portal
            .url
            .replace("https://127.0.0.1:", "https://localhost:");
        portal
    }

    fn admin_at(
        data_dir: &Path,
        database: Option<&str>,
        args: &[&str],
        paths: &[PathBuf],
    ) -> Output {
        Command::new(portal_binary())
            .arg("--data-dir")
            .arg(data_dir)
            .args(database.map(|url| format!("--database={url}")))
            .args(args)
            .args(paths)
            .output()
            .expect("run a portal admin command")
    }

    /// Runs an admin command; panics unless it succeeds; returns stdout.
    pub fn admin(&self, args: &[&str]) -> String {
        let output = Portal::admin_at(&self.data_dir, self.database.as_deref(), args, &[]);
        assert!(output.status.success(), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).expect("UTF-8 output")
    }

    /// A new one-time code for the sample mahalla.
    pub fn enrol_code(&self) -> String {
        self.enrol_code_and_fingerprint().0
    }

    /// A new one-time code and the fingerprint of the portal's keys, as `enrol-code` prints
    /// them.
    pub fn enrol_code_and_fingerprint(&self) -> (String, String) {
        let printed = self.admin(&["enrol-code", "--mahalla", MAHALLA]);
        let mut lines = printed.lines();
        let code = lines.next().unwrap_or_default().trim().to_owned();
        let fingerprint = lines
            .find_map(|line| line.strip_prefix("keys"))
            .unwrap_or_default()
            .trim()
            .to_owned();
        (code, fingerprint)
    }

    pub fn submissions(&self) -> Vec<serde_json::Value> {
        serde_json::from_str(&self.admin(&["submissions", "--json"])).expect("submissions JSON")
    }

    /// Adds an administrator of the dashboard, the password typed on standard input.
    pub fn add_staff(&self, username: &str, password: &str) {
        self.add_staff_as(username, password, &["--role", "administrator"]);
    }

    /// Adds a dashboard user with the role `role` gives (`--role …` and its places), the
    /// password typed on standard input.
    pub fn add_staff_as(&self, username: &str, password: &str, role: &[&str]) {
        use std::io::Write;
        let mut add = Command::new(portal_binary())
            .arg("--data-dir")
            .arg(&self.data_dir)
            .args(
                self.database
                    .as_ref()
                    .map(|url| format!("--database={url}")),
            )
            .args(["staff", "add", username])
            .args(role)
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("staff add");
        writeln!(add.stdin.take().expect("stdin"), "{password}").expect("password");
        assert!(add.wait().expect("staff add exits").success());
    }
}

impl Portal {
    /// The address it listens on (plain HTTP on loopback), for a proxy in front of it.
    pub fn address(&self) -> std::net::SocketAddr {
        self.url
            .trim_start_matches("http://")
            .parse()
            .expect("a plain HTTP portal's address")
    }

    /// The portal process's id, to read its memory.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Stops the portal process, as a network cut would look to a terminal.
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        self.stop();
    }
}

pub fn sample_register() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../assets/mahallas.sample.csv")
}

pub fn kioskctl(data_dir: &Path) -> Command {
    let mut command = Command::new(binary("kioskctl", "kioskctl"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("KIOSK_CONFIG")
        .env_remove("KIOSK_DATA_DIR")
        .env("KIOSK_LOG", "warn");
    command
}

/// Runs `kioskctl` with `args`; returns (success, stdout, stderr).
pub fn run(data_dir: &Path, args: &[&str]) -> (bool, String, String) {
    outcome(kioskctl(data_dir).args(args))
}

/// Runs `command` to its end, with the kiosk's environment variables cleared and its log
/// quiet; returns (success, stdout, stderr).
pub fn outcome(command: &mut Command) -> (bool, String, String) {
    let output = command
        .env_remove("KIOSK_CONFIG")
        .env_remove("KIOSK_DATA_DIR")
        .env("KIOSK_LOG", "warn")
        .output()
        .expect("run the command");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs `kioskctl` with `args` and `input` on its standard input (a pipe); returns (exit
/// code, stdout, stderr).
pub fn run_with_input(data_dir: &Path, args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = kioskctl(data_dir)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run kioskctl");
    let mut stdin = child.stdin.take().expect("piped stdin");
    // A command may exit before reading everything; a closed pipe is no failure here.
    let _ = stdin.write_all(input.as_bytes());
    drop(stdin);
    let output = child.wait_with_output().expect("kioskctl exits");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Submits the enforcement-debt check with every personal field; returns the receipt code.
pub fn submit_personal(data_dir: &Path) -> String {
    let (ok, stdout, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "enforcement-debt-check",
            "--field",
            &format!("full_name={FULL_NAME}"),
            "--field",
            &format!("pinfl={PINFL}"),
            "--field",
            &format!("passport={PASSPORT}"),
            "--field",
            &format!("phone={PHONE}"),
            "--field",
            "case_number=IJ-2026-77",
        ],
    );
    assert!(ok, "submit: {stderr}");
    stdout.trim().to_owned()
}

/// Submits a complaint with free text; returns the receipt code.
/// A proposal with the resident's phone and the tick for status notices; its receipt code.
pub fn submit_proposal_asking_for_notices(data_dir: &Path) -> String {
    let (ok, stdout, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "taklif",
            "--field",
            &format!("full_name={FULL_NAME}"),
            "--field",
            &format!("phone={PHONE}"),
            "--field",
            "notify_consent=yes",
            "--field",
            "subject=Koʻcha chiroqlari",
            "--field",
            &format!("message={FREE_TEXT}"),
        ],
    );
    assert!(ok, "submit: {stderr}");
    stdout.trim().to_owned()
}

pub fn submit_complaint(data_dir: &Path) -> String {
    let (ok, stdout, stderr) = run(
        data_dir,
        &[
            "submit",
            "--service",
            "shikoyat",
            "--field",
            &format!("full_name={FULL_NAME}"),
            "--field",
            &format!("pinfl={PINFL}"),
            "--field",
            "addressee=mahalla",
            "--field",
            "subject=Shovqin",
            "--field",
            &format!("message={FREE_TEXT}"),
        ],
    );
    assert!(ok, "submit: {stderr}");
    stdout.trim().to_owned()
}

/// The arguments of `kioskctl enroll` with the portal at `url`, a code and the fingerprint of
/// the portal's keys.
pub fn enroll_args<'a>(url: &'a str, code: &'a str, fingerprint: &'a str) -> [&'a str; 7] {
    [
        "enroll",
        "--portal",
        url,
        "--code",
        code,
        "--fingerprint",
        fingerprint,
    ]
}

/// Enrols the terminal with `portal`, its keys checked against the fingerprint `enrol-code`
/// printed.
pub fn enrol(data_dir: &Path, portal: &Portal) {
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();
    let (ok, stdout, stderr) = run(data_dir, &enroll_args(&portal.url, &code, &fingerprint));
    assert!(ok, "enroll: {stdout} {stderr}");
    assert!(stdout.contains("match the enrolment sheet"), "{stdout}");
}

/// The outbox states of the kiosk, as `kioskctl sync status --json` reports them.
pub fn sync_status(data_dir: &Path) -> serde_json::Value {
    let (ok, stdout, stderr) = run(data_dir, &["sync", "status", "--json"]);
    assert!(ok, "sync status: {stderr}");
    serde_json::from_str(&stdout).expect("sync status JSON")
}

pub fn install_tls_provider() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// The signing key of the terminal in `data_dir`, read from its key file.
pub fn device_signing_key(data_dir: &Path) -> ed25519_dalek::SigningKey {
    let text = std::fs::read_to_string(data_dir.join(mahalla_kiosk_core::device_key::KEY_FILE))
        .expect("the key file");
    let seed: [u8; 32] = data_encoding::BASE64URL_NOPAD
        .decode(text.trim().as_bytes())
        .expect("base64")
        .try_into()
        .expect("32 bytes");
    ed25519_dalek::SigningKey::from_bytes(&seed)
}

/// An empty upload batch signed the way a terminal signs, with any key, clock and nonce, sent
/// to the portal at `url`.
pub fn send_signed(
    http: &reqwest::blocking::Client,
    url: &str,
    key: &ed25519_dalek::SigningKey,
    timestamp_ms: i64,
    nonce: &str,
) -> reqwest::blocking::Response {
    let body = b"{\"items\":[]}".to_vec();
    let path = mahalla_protocol::wire::SUBMISSIONS_PATH;
    signed_request(
        http,
        Method::POST,
        url,
        path,
        body,
        key,
        timestamp_ms,
        nonce,
    )
}

/// A GET of `path` (with its query) signed by the terminal in `data_dir`, now, with a fresh
/// nonce, sent to the portal at `url`.
pub fn get_signed(
    http: &reqwest::blocking::Client,
    url: &str,
    data_dir: &Path,
    path: &str,
) -> reqwest::blocking::Response {
    let nonce = mahalla_protocol::signing::encode_nonce(&rand::random::<[u8; 16]>());
    get_signed_by(http, url, &device_signing_key(data_dir), path, &nonce)
}

/// A GET of `path` (with its query) signed with `key`, now, with `nonce`, sent to the portal
/// at `url`: the nonce is what the portal's signature over its answer covers.
pub fn get_signed_by(
    http: &reqwest::blocking::Client,
    url: &str,
    key: &ed25519_dalek::SigningKey,
    path: &str,
    nonce: &str,
) -> reqwest::blocking::Response {
    let now_ms = mahalla_host::clock::now_ms();
    signed_request(http, Method::GET, url, path, Vec::new(), key, now_ms, nonce)
}

#[allow(clippy::too_many_arguments)] // the parts of a signed request, each its own
fn signed_request(
    http: &reqwest::blocking::Client,
    method: Method,
    url: &str,
    path: &str,
    body: Vec<u8>,
    key: &ed25519_dalek::SigningKey,
    timestamp_ms: i64,
    nonce: &str,
) -> reqwest::blocking::Response {
    use mahalla_protocol::signing;
    let signature = signing::sign_request(
        key,
        &signing::RequestParts {
            method: method.as_str(),
            path,
            timestamp_ms,
            nonce,
            body: &body,
        },
    );
    http.request(method, format!("{url}{path}"))
        .header(
            signing::DEVICE_HEADER,
            signing::device_id(&key.verifying_key()),
        )
        .header(signing::TIMESTAMP_HEADER, timestamp_ms.to_string())
        .header(signing::NONCE_HEADER, nonce)
        .header(signing::SIGNATURE_HEADER, signature)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .expect("request")
}
