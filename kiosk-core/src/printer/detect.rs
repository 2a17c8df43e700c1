//! Finding the receipt printer: the serial ports it may be on, the baud rate it answers at,
//! and the profile that suits the model.

use std::path::{Path, PathBuf};

use super::transport::{PrintError, SerialPrinter};
use crate::config::{BAUD_RATES, PrinterSetup};
use mahalla_escpos::profile::Profile;
use mahalla_escpos::status::PrinterStatus;

/// The stable name the image's udev rule gives a known printer.
pub const STABLE_NAME: &str = "/dev/kiosk-printer";

/// What was found on one port.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detection {
    pub port: PathBuf,
    pub outcome: Outcome,
}

impl Detection {
    /// The printer setup to store, if a printer answered on this port.
    pub fn setup(&self) -> Option<PrinterSetup> {
        match &self.outcome {
            Outcome::Found {
                baud,
                suggested_profile,
                ..
            } => Some(PrinterSetup {
                port: self.port.clone(),
                baud: *baud,
                profile: suggested_profile.clone(),
            }),
            Outcome::Silent | Outcome::Unavailable(_) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A printer answered the status query at `baud`.
    Found {
        baud: u32,
        status: PrinterStatus,
        /// Its answer to `GS I 67`, if it gave one.
        model: Option<String>,
        /// The profile to use, by name.
        suggested_profile: String,
    },
    /// The port opened, but nothing answered at any baud rate.
    Silent,
    /// The port could not be opened (busy, no permission, gone).
    Unavailable(String),
}

/// The ports a printer may be on, best first and each device once: the configured one, the
/// stable name, then `/dev/serial/by-id/*`, `ttyUSB*`, `ttyACM*` and the `ttyS*` ports that
/// have hardware behind them.
pub fn candidates(configured: Option<&Path>) -> Vec<PathBuf> {
    let mut ports: Vec<PathBuf> = Vec::new();
    ports.extend(configured.map(Path::to_path_buf));
    ports.push(PathBuf::from(STABLE_NAME));
    ports.extend(listed("/dev/serial/by-id", |_| true));
    ports.extend(listed("/dev", |name| name.starts_with("ttyUSB")));
    ports.extend(listed("/dev", |name| name.starts_with("ttyACM")));
    ports.extend(listed("/dev", |name| {
        name.starts_with("ttyS") && has_uart(name)
    }));
    let mut seen = Vec::new();
    ports.retain(|port| {
        let Ok(device) = std::fs::canonicalize(port) else {
            return false;
        };
        if seen.contains(&device) {
            return false;
        }
        seen.push(device);
        true
    });
    ports
}

/// The entries of `dir` whose names pass `keep`, in natural order (ttyS2 before ttyS10).
fn listed(dir: &str, keep: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .filter(|name| keep(name))
        .collect();
    names.sort_by_key(|name| {
        let digits = name.len() - name.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let (stem, number) = name.split_at(name.len() - digits);
        (stem.to_owned(), number.parse::<u32>().unwrap_or(0))
    });
    names
        .into_iter()
        .map(|name| Path::new(dir).join(name))
        .collect()
}

/// Whether a `ttyS` port has a UART behind it: the kernel lists every legacy port, and marks
/// the ones without hardware as type 0.
fn has_uart(name: &str) -> bool {
    std::fs::read_to_string(format!("/sys/class/tty/{name}/type"))
        .is_ok_and(|kind| kind.trim() != "0")
}

/// Asks `port` for its status at each baud rate (the usual ones first) until a printer
/// answers, then for its model name.
pub fn probe(port: &Path, profiles: &[Profile], fallback_profile: &str) -> Outcome {
    let mut opened_once = false;
    for baud in BAUD_RATES {
        let mut printer = match SerialPrinter::open_for_probe(port, baud) {
            Ok(printer) => printer,
            Err(error) if !opened_once => return Outcome::Unavailable(error.to_string()),
            Err(_) => continue,
        };
        opened_once = true;
        match printer.status() {
            Ok(status) => {
                let model = printer.model_name().unwrap_or_default();
                let suggested_profile = suggest_profile(model.as_deref(), profiles)
                    .unwrap_or(fallback_profile)
                    .to_owned();
                return Outcome::Found {
                    baud,
                    status,
                    model,
                    suggested_profile,
                };
            }
            Err(PrintError::Timeout | PrintError::BadReply(_)) => continue,
            Err(error) => return Outcome::Unavailable(error.to_string()),
        }
    }
    Outcome::Silent
}

/// The profile whose model names appear in what the printer said about itself.
pub fn suggest_profile<'a>(model: Option<&str>, profiles: &'a [Profile]) -> Option<&'a str> {
    let model = model?.to_uppercase();
    profiles
        .iter()
        .find(|profile| {
            profile
                .model_names
                .iter()
                .any(|name| model.contains(&name.to_uppercase()))
        })
        .map(|profile| profile.name.as_str())
}

/// Probes every candidate port.
pub fn detect(
    configured: Option<&Path>,
    profiles: &[Profile],
    fallback_profile: &str,
) -> Vec<Detection> {
    candidates(configured)
        .into_iter()
        .map(|port| Detection {
            outcome: probe(&port, profiles, fallback_profile),
            port,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::printer::emulator::VirtualPrinter;

    #[test]
    fn a_model_name_picks_its_profile_and_silence_picks_none() {
        let profiles = Profile::bundled().expect("profiles");
        assert_eq!(
            suggest_profile(Some("TM-T20II"), &profiles),
            Some("epson-tm-t20")
        );
        assert_eq!(
            suggest_profile(Some("tm-t20iii"), &profiles),
            Some("epson-tm-t20")
        );
        assert_eq!(suggest_profile(Some("ZJ-5890"), &profiles), None);
        assert_eq!(suggest_profile(None, &profiles), None);
    }

    #[test]
    fn the_virtual_printer_is_found_on_its_pty_with_its_model() {
        let profiles = Profile::bundled().expect("profiles");
        let epson = Profile::named("epson-tm-t20").expect("epson");
        let printer = VirtualPrinter::start(epson, None).expect("virtual printer");
        let port = PathBuf::from(printer.path());
        assert_eq!(candidates(Some(&port)).first(), Some(&port));
        let Outcome::Found {
            model,
            suggested_profile,
            status,
            ..
        } = probe(&port, &profiles, "xprinter-58")
        else {
            panic!("no printer found on {}", port.display());
        };
        assert_eq!(model.as_deref(), Some("TM-T20"));
        assert_eq!(suggested_profile, "epson-tm-t20");
        assert_eq!(status.fault(), None);

        let clone =
            VirtualPrinter::start(Profile::named("xprinter-58").expect("xp"), None).expect("clone");
        let Outcome::Found {
            model,
            suggested_profile,
            ..
        } = probe(Path::new(clone.path()), &profiles, "xprinter-58")
        else {
            panic!("clone not found");
        };
        assert_eq!(model, None);
        assert_eq!(suggested_profile, "xprinter-58");
    }

    #[test]
    fn a_missing_port_is_unavailable_not_a_hang() {
        let profiles = Profile::bundled().expect("profiles");
        assert!(matches!(
            probe(Path::new("/dev/no-such-printer"), &profiles, "xprinter-58"),
            Outcome::Unavailable(_)
        ));
        assert!(
            !candidates(Some(Path::new("/dev/no-such-printer")))
                .contains(&PathBuf::from("/dev/no-such-printer"))
        );
    }
}
