//! The terminal's configuration: a TOML file whose every key has a demo default, so the kiosk
//! starts with no file at all.

use std::path::{Path, PathBuf};
use std::time::Duration;

use mahalla_protocol::enrol_link::{self, PlainHttp};
use mahalla_protocol::lang::Lang;
use serde::{Deserialize, Serialize};

/// Where the configuration file is looked for when none is named.
pub const DEFAULT_CONFIG_PATH: &str = "/etc/mahalla-kiosk/config.toml";

/// Baud rates the supported serial printers offer.
pub const BAUD_RATES: [u32; 6] = [9600, 19200, 38400, 57600, 115200, 230400];

#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub data_dir: PathBuf,
    /// The official code of the mahalla the terminal serves, once known.
    pub mahalla: Option<String>,
    pub portal_url: Option<url::Url>,
    /// How the portal is reached: a private CA, and whether plain http may leave the machine.
    pub tls: PortalTls,
    pub printer: PrinterConfig,
    pub language: Lang,
    pub idle_timeout: Duration,
    /// A device terminal: until it is enrolled and has a staff member, the touchscreen
    /// shows the technician's first-boot wizard. Off for the demo.
    pub first_boot_wizard: bool,
    pub update: UpdateConfig,
}

/// Software updates: the key they must be signed with, where the installer keeps what it
/// checked, and when the terminal installs an update from the portal by itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateConfig {
    /// The project's public update key (PEM).
    pub key: PathBuf,
    /// The installer's directory (root's, outside the data dir): the checked bundle and the
    /// update's state.
    pub system_dir: PathBuf,
    /// The hour of the day, Tashkent time, at which a downloaded update installs by itself.
    pub quiet_hour: u8,
    /// The most a download from the portal takes of the line, bytes a second.
    pub max_bytes_per_second: u64,
}

impl Default for UpdateConfig {
    fn default() -> Self {
        UpdateConfig {
            key: PathBuf::from("/usr/lib/mahalla-kiosk/update-key.pem"),
            system_dir: PathBuf::from("/data/update"),
            quiet_hour: 3,
            max_bytes_per_second: 256 * 1024,
        }
    }
}

/// How the terminal reaches its portal beyond the address: which certificate authorities it
/// trusts and whether plain `http://` may leave this machine. From the configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PortalTls {
    /// A private CA (PEM) trusted besides the system's roots, for a state PKI.
    pub ca_file: Option<PathBuf>,
    /// Where a plain `http://` portal address is accepted.
    pub plain_http: PlainHttp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PrinterConfig {
    /// A serial device such as `/dev/kiosk-printer`; none means the virtual printer.
    pub port: Option<PathBuf>,
    pub baud: u32,
    pub profile: String,
    pub flow_control: FlowControl,
}

/// A printer chosen on the terminal itself (wizard or `kioskctl printer detect --save`),
/// stored in the data dir; it replaces the file's port, baud rate and profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrinterSetup {
    pub port: PathBuf,
    pub baud: u32,
    pub profile: String,
}

impl PrinterConfig {
    pub fn apply(&mut self, setup: &PrinterSetup) {
        self.port = Some(setup.port.clone());
        self.baud = setup.baud;
        self.profile = setup.profile.clone();
    }
}

impl Config {
    /// The configuration the terminal runs with: the file's, with the printer chosen on the
    /// terminal itself (stored in the data dir) in place of the file's printer. The one place
    /// where the two meet; [`crate::store::Store::effective_config`] reads the stored part.
    pub fn with_printer_setup(&self, setup: Option<&PrinterSetup>) -> Config {
        let mut effective = self.clone();
        if let Some(setup) = setup {
            effective.printer.apply(setup);
        }
        effective
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlowControl {
    None,
    Hardware,
    Software,
}

impl FlowControl {
    /// The name used in the configuration file.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowControl::None => "none",
            FlowControl::Hardware => "hardware",
            FlowControl::Software => "software",
        }
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            data_dir: PathBuf::from("kiosk-data"),
            mahalla: None,
            portal_url: None,
            tls: PortalTls::default(),
            printer: PrinterConfig {
                port: None,
                baud: 9600,
                profile: "xprinter-58".to_owned(),
                flow_control: FlowControl::Hardware,
            },
            language: Lang::UzLatn,
            idle_timeout: Duration::from_secs(90),
            first_boot_wizard: false,
            update: UpdateConfig::default(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read the configuration file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("configuration file {path}: {message}")]
    Syntax { path: PathBuf, message: String },
    #[error("configuration file {path}: key `{key}`: {problem}")]
    Invalid {
        path: PathBuf,
        key: &'static str,
        problem: String,
    },
}

/// The file as written: every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data_dir: Option<PathBuf>,
    mahalla: Option<String>,
    portal_url: Option<String>,
    /// A private CA (PEM) to trust for the portal's certificate, besides the system's roots.
    tls_ca: Option<PathBuf>,
    /// Development only: allow a plain `http://` portal address to another machine.
    allow_plain_http: Option<bool>,
    language: Option<String>,
    idle_timeout_secs: Option<u64>,
    first_boot_wizard: Option<bool>,
    #[serde(default)]
    printer: PrinterFile,
    #[serde(default)]
    update: UpdateFile,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateFile {
    key: Option<PathBuf>,
    system_dir: Option<PathBuf>,
    quiet_hour: Option<u8>,
    max_bytes_per_second: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct PrinterFile {
    port: Option<PathBuf>,
    baud: Option<u32>,
    profile: Option<String>,
    flow_control: Option<FlowControl>,
}

/// The longest portal address read; anything longer is a mistake, not an address.
const MAX_URL_BYTES: usize = 2048;
/// How much of a bad value an error quotes.
const EXCERPT_CHARS: usize = 40;

/// The start of `text` as an error quotes it: a bad value may be megabytes long.
fn excerpt(text: &str) -> String {
    let mut chars = text.chars();
    let start: String = chars.by_ref().take(EXCERPT_CHARS).collect();
    if chars.next().is_some() {
        format!("{start:?}…")
    } else {
        format!("{start:?}")
    }
}

/// A syntax error as line, column and what is wrong, with a short excerpt of the line rather
/// than the whole of it.
fn syntax_message(text: &str, error: &toml::de::Error) -> String {
    let message = error.message().trim_end();
    let Some(at) = error.span().map(|span| span.start.min(text.len())) else {
        return message.to_owned();
    };
    let before = text.get(..at).unwrap_or_default();
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before.get(line_start..).unwrap_or_default().chars().count() + 1;
    let line_text = text
        .get(line_start..)
        .unwrap_or_default()
        .lines()
        .next()
        .unwrap_or_default();
    format!(
        "line {line}, column {column}: {message} (the line starts {})",
        excerpt(line_text)
    )
}

impl Config {
    /// Reads `path`, or gives the defaults when `path` is the default location and absent.
    /// A file named explicitly must exist.
    pub fn load(path: Option<&Path>) -> Result<Config, ConfigError> {
        let (path, must_exist) = match path {
            Some(path) => (path, true),
            None => (Path::new(DEFAULT_CONFIG_PATH), false),
        };
        match std::fs::read_to_string(path) {
            Ok(text) => Config::parse(&text, path),
            Err(error) if !must_exist && error.kind() == std::io::ErrorKind::NotFound => {
                Ok(Config::default())
            }
            Err(source) => Err(ConfigError::Read {
                path: path.to_owned(),
                source,
            }),
        }
    }

    /// Parses the text of a configuration file; `path` names it in errors.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let file: ConfigFile = toml::from_str(text).map_err(|error| ConfigError::Syntax {
            path: path.to_owned(),
            message: syntax_message(text, &error),
        })?;
        let invalid = |key: &'static str, problem: String| ConfigError::Invalid {
            path: path.to_owned(),
            key,
            problem,
        };
        let defaults = Config::default();

        let plain_http = if file.allow_plain_http == Some(true) {
            PlainHttp::Anywhere
        } else {
            PlainHttp::LoopbackOnly
        };
        let portal_url = match file.portal_url {
            None => None,
            Some(text) if text.len() > MAX_URL_BYTES => {
                return Err(invalid(
                    "portal_url",
                    format!(
                        "{} is {} bytes long, too long for an address",
                        excerpt(&text),
                        text.len()
                    ),
                ));
            }
            Some(text) => {
                enrol_link::check_portal_url(&text, plain_http)
                    .map_err(|error| invalid("portal_url", error.to_string()))?;
                let url = url::Url::parse(&text).map_err(|error| {
                    invalid("portal_url", format!("{text:?} is not a URL: {error}"))
                })?;
                Some(url)
            }
        };
        if let Some(ca) = &file.tls_ca
            && ca.as_os_str().is_empty()
        {
            return Err(invalid("tls_ca", "is empty".to_owned()));
        }
        let language = match file.language {
            None => defaults.language,
            Some(tag) => Lang::from_tag(&tag).ok_or_else(|| {
                invalid(
                    "language",
                    format!(
                        "{} is not one of uz-Latn, uz-Cyrl, ru, en, kaa",
                        excerpt(&tag)
                    ),
                )
            })?,
        };
        let idle_timeout = match file.idle_timeout_secs {
            None => defaults.idle_timeout,
            Some(secs @ 15..=3600) => Duration::from_secs(secs),
            Some(secs) => {
                return Err(invalid(
                    "idle_timeout_secs",
                    format!("{secs} is outside 15..=3600 seconds"),
                ));
            }
        };
        if let Some(mahalla) = &file.mahalla
            && mahalla.trim().is_empty()
        {
            return Err(invalid("mahalla", "is empty".to_owned()));
        }
        let baud = match file.printer.baud {
            None => defaults.printer.baud,
            Some(baud) if BAUD_RATES.contains(&baud) => baud,
            Some(baud) => {
                return Err(invalid(
                    "printer.baud",
                    format!("{baud} is not one of {BAUD_RATES:?}"),
                ));
            }
        };
        if let Some(profile) = &file.printer.profile
            && profile.trim().is_empty()
        {
            return Err(invalid("printer.profile", "is empty".to_owned()));
        }

        let quiet_hour = match file.update.quiet_hour {
            None => defaults.update.quiet_hour,
            Some(hour @ 0..=23) => hour,
            Some(hour) => {
                return Err(invalid(
                    "update.quiet_hour",
                    format!("{hour} is not an hour of the day (0..=23)"),
                ));
            }
        };
        let max_bytes_per_second = match file.update.max_bytes_per_second {
            None => defaults.update.max_bytes_per_second,
            Some(rate @ 1024..) => rate,
            Some(rate) => {
                return Err(invalid(
                    "update.max_bytes_per_second",
                    format!("{rate} is below 1024 bytes a second"),
                ));
            }
        };

        Ok(Config {
            data_dir: file.data_dir.unwrap_or(defaults.data_dir),
            mahalla: file.mahalla,
            portal_url,
            tls: PortalTls {
                ca_file: file.tls_ca,
                plain_http,
            },
            printer: PrinterConfig {
                port: file.printer.port,
                baud,
                profile: file.printer.profile.unwrap_or(defaults.printer.profile),
                flow_control: file
                    .printer
                    .flow_control
                    .unwrap_or(defaults.printer.flow_control),
            },
            language,
            idle_timeout,
            first_boot_wizard: file.first_boot_wizard.unwrap_or(defaults.first_boot_wizard),
            update: UpdateConfig {
                key: file.update.key.unwrap_or(defaults.update.key),
                system_dir: file.update.system_dir.unwrap_or(defaults.update.system_dir),
                quiet_hour,
                max_bytes_per_second,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(text, Path::new("test.toml"))
    }

    #[test]
    fn an_empty_file_gives_the_demo_defaults() {
        assert_eq!(parse("").expect("empty file"), Config::default());
    }

    #[test]
    fn a_full_file_is_read() {
        let config = parse(
            r#"
            data_dir = "/var/lib/mahalla-kiosk"
            mahalla = "1726264001"
            portal_url = "https://portal.example.uz/"
            language = "uz-Cyrl"
            idle_timeout_secs = 120
            first_boot_wizard = true
            [printer]
            port = "/dev/kiosk-printer"
            baud = 19200
            profile = "epson-tm-t20"
            flow_control = "none"
            "#,
        )
        .expect("valid file");
        assert_eq!(config.data_dir, PathBuf::from("/var/lib/mahalla-kiosk"));
        assert_eq!(config.language, Lang::UzCyrl);
        assert_eq!(config.idle_timeout, Duration::from_secs(120));
        assert!(config.first_boot_wizard);
        assert_eq!(config.printer.baud, 19200);
        assert_eq!(config.printer.flow_control, FlowControl::None);
        assert_eq!(
            config.portal_url.map(String::from).as_deref(),
            Some("https://portal.example.uz/")
        );
    }

    #[test]
    fn errors_name_the_key_and_the_problem() {
        let cases = [
            ("language = \"de\"", "language", "\"de\""),
            ("idle_timeout_secs = 5", "idle_timeout_secs", "outside"),
            (
                "portal_url = \"not a url\"",
                "portal_url",
                "not a portal address",
            ),
            ("portal_url = \"ftp://x\"", "portal_url", "https"),
            (
                "portal_url = \"http://portal.example.uz\"",
                "portal_url",
                "plain http://",
            ),
            ("[printer]\nbaud = 1234", "printer.baud", "1234"),
            ("mahalla = \" \"", "mahalla", "empty"),
        ];
        for (text, key, problem) in cases {
            let error = parse(text).expect_err(text).to_string();
            assert!(error.contains(&format!("`{key}`")), "{error}");
            assert!(error.contains(problem), "{error}");
        }
    }

    #[test]
    fn plain_http_leaves_the_machine_only_when_the_file_allows_it() {
        let loopback = parse("portal_url = \"http://127.0.0.1:8080\"").expect("loopback");
        assert_eq!(loopback.tls, PortalTls::default());
        let development = parse(
            "portal_url = \"http://10.0.2.2:8080\"\nallow_plain_http = true\ntls_ca = \"/etc/mahalla-kiosk/portal-ca.pem\"",
        )
        .expect("allowed");
        assert_eq!(development.tls.plain_http, PlainHttp::Anywhere);
        assert_eq!(
            development.tls.ca_file.as_deref(),
            Some(Path::new("/etc/mahalla-kiosk/portal-ca.pem"))
        );
    }

    #[test]
    fn errors_quote_only_a_short_excerpt_of_huge_values() {
        let huge = "x".repeat(5 * 1024 * 1024);
        for text in [
            format!("portal_url = \"https://{huge}\""),
            format!("language = \"{huge}\""),
            format!("colour = \"{huge}\""),
            format!("portal_url = {huge}"),
        ] {
            let error = parse(&text).expect_err("refused").to_string();
            assert!(
                error.len() < 400,
                "{} bytes: {}",
                error.len(),
                &error[..400]
            );
            assert!(error.contains("test.toml"), "{error}");
        }
        let syntax = parse("language = \"en\"\nportal_url = https://x\n")
            .expect_err("refused")
            .to_string();
        assert!(syntax.contains("line 2"), "{syntax}");
    }

    #[test]
    fn syntax_and_type_errors_name_the_key() {
        let unknown = parse("colour = \"red\"")
            .expect_err("unknown key")
            .to_string();
        assert!(unknown.contains("colour"), "{unknown}");
        let wrong_type = parse("[printer]\nbaud = \"fast\"")
            .expect_err("wrong type")
            .to_string();
        assert!(wrong_type.contains("baud"), "{wrong_type}");
        let flow = parse("[printer]\nflow_control = \"magic\"")
            .expect_err("bad enum")
            .to_string();
        assert!(flow.contains("magic"), "{flow}");
    }

    #[test]
    fn a_stored_printer_replaces_the_files_port_baud_and_profile() {
        let file =
            parse("[printer]\nport = \"/dev/ttyS0\"\nflow_control = \"none\"").expect("file");
        assert_eq!(file.with_printer_setup(None), file);
        let setup = PrinterSetup {
            port: PathBuf::from("/dev/kiosk-printer"),
            baud: 19200,
            profile: "epson-tm-t20".to_owned(),
        };
        let effective = file.with_printer_setup(Some(&setup));
        assert_eq!(effective.printer.port, Some(setup.port.clone()));
        assert_eq!(effective.printer.baud, 19200);
        assert_eq!(effective.printer.profile, "epson-tm-t20");
        assert_eq!(
            effective.printer.flow_control,
            FlowControl::None,
            "kept from the file"
        );
    }

    #[test]
    fn a_missing_default_file_is_fine_but_a_named_one_is_not() {
        let named = Config::load(Some(Path::new("/nonexistent/kiosk.toml")));
        assert!(matches!(named, Err(ConfigError::Read { .. })));
    }
}
