//! Step 2 of the wizard: what the technician needs to see about the network. This terminal's
//! device id, each interface with its link and addresses, and, once the portal's address is
//! known, the name lookup, the portal's answer and the clock.

use std::rc::Rc;

use slint::{ModelRc, VecModel};

use super::{WizardFlow, portal_problem, wizard_global};
use crate::ui::CheckLine;
use crate::ui::shell::Shell;
use mahalla_kiosk_core::device_key::DeviceKeyError;
use mahalla_kiosk_core::network::{self, LinkState, NetworkFacts};
use mahalla_kiosk_core::sync::{self, NetworkCheck, PortalTls, SyncError};
use mahalla_protocol::enrol_link;

/// What the network step found: this terminal's facts, and the portal's check when its
/// address is known.
pub struct NetworkReport {
    pub facts: Result<NetworkFacts, DeviceKeyError>,
    pub portal: Option<Result<NetworkCheck, SyncError>>,
}

/// Whether `url` is a portal's address yet (the prefilled "https://" is not).
fn names_a_host(url: &str, tls: &PortalTls) -> bool {
    enrol_link::check_portal_url(url, tls.plain_http).is_ok()
}

impl WizardFlow {
    /// Looks at the network, in the background.
    pub fn check_network(&self, shell: &Rc<Shell>) {
        let Some(setup) = self.setup() else { return };
        let url = self.typed_portal(shell);
        let data_dir = setup.config.data_dir.clone();
        let tls = setup.config.tls.clone();
        self.show_busy(shell);
        shell.in_background(
            move || NetworkReport {
                facts: network::network_facts(&data_dir),
                portal: names_a_host(&url, &tls)
                    .then(|| sync::check_network(&data_dir, &url, &tls)),
            },
            |shell, report| match report {
                Some(report) => shell.wizard.network_checked(shell, &report),
                None => shell.wizard.show_problem(shell, "wizard-error-portal"),
            },
        );
    }

    /// Puts what the network step found on screen.
    pub fn network_checked(&self, shell: &Shell, report: &NetworkReport) {
        let mut lines = facts_lines(shell, &report.facts);
        match &report.portal {
            Some(Ok(check)) => lines.extend(portal_lines(shell, check)),
            Some(Err(error)) => {
                tracing::warn!(%error, "network check");
                lines.push(CheckLine {
                    label: shell.tr("wizard-check-portal").into(),
                    ok: false,
                    detail: shell.tr(portal_problem(error)).into(),
                });
            }
            None => lines.push(CheckLine {
                label: shell.tr("wizard-check-portal").into(),
                ok: false,
                detail: shell.tr("wizard-check-no-portal").into(),
            }),
        }
        wizard_global(shell, |wizard| {
            wizard.set_busy(false);
            wizard.set_checks(ModelRc::new(VecModel::from(lines)));
        });
    }
}

/// The device id, then a line for each interface: its link and its addresses.
fn facts_lines(shell: &Shell, facts: &Result<NetworkFacts, DeviceKeyError>) -> Vec<CheckLine> {
    let facts = match facts {
        Ok(facts) => facts,
        Err(error) => {
            return vec![CheckLine {
                label: shell.tr("wizard-check-device").into(),
                ok: false,
                detail: error.to_string().into(),
            }];
        }
    };
    let mut lines = vec![CheckLine {
        label: shell.tr("wizard-check-device").into(),
        ok: true,
        detail: facts.device_id.as_str().into(),
    }];
    match &facts.interfaces {
        Ok(interfaces) if interfaces.is_empty() => lines.push(CheckLine {
            label: shell.tr("wizard-check-link").into(),
            ok: false,
            detail: shell.tr("wizard-check-no-interface").into(),
        }),
        Ok(interfaces) => lines.extend(interfaces.iter().map(|interface| {
            let link = shell.tr(match interface.link {
                LinkState::Up => "wizard-link-up",
                LinkState::Down => "wizard-link-down",
                LinkState::NoCable => "wizard-link-no-cable",
            });
            let addresses = if interface.addresses.is_empty() {
                shell.tr("wizard-link-no-address")
            } else {
                interface
                    .addresses
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            CheckLine {
                label: interface.name.as_str().into(),
                ok: interface.link == LinkState::Up && !interface.addresses.is_empty(),
                detail: format!("{link} · {addresses}").into(),
            }
        })),
        Err(error) => lines.push(CheckLine {
            label: shell.tr("wizard-check-link").into(),
            ok: false,
            detail: error.to_string().into(),
        }),
    }
    lines
}

/// The name lookup, the portal's answer and the clock.
fn portal_lines(shell: &Shell, check: &NetworkCheck) -> Vec<CheckLine> {
    let lang = shell.lang();
    let t = &shell.translations;
    let dns = CheckLine {
        label: shell.tr("wizard-check-dns").into(),
        ok: check.dns.is_ok(),
        detail: match &check.dns {
            Ok(addresses) => addresses
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
                .into(),
            Err(error) => error.clone().into(),
        },
    };
    let portal = CheckLine {
        label: shell.tr("wizard-check-portal").into(),
        ok: check.portal.is_ok(),
        detail: match &check.portal {
            Ok(version) => t
                .with(lang, "wizard-check-portal-version", &[("version", version)])
                .into(),
            Err(error) => error.clone().into(),
        },
    };
    let clock = match check.clock_offset_ms {
        Some(offset) => {
            let seconds = format!("{:+}", offset / 1000);
            CheckLine {
                label: shell.tr("wizard-check-clock").into(),
                // The terminal corrects itself by the portal's clock; a large gap is worth
                // fixing all the same.
                ok: offset.abs() < 5 * 60 * 1000,
                detail: t
                    .with(lang, "wizard-check-clock-offset", &[("seconds", &seconds)])
                    .into(),
            }
        }
        None => CheckLine {
            label: shell.tr("wizard-check-clock").into(),
            ok: false,
            detail: shell.tr("wizard-check-clock-unknown").into(),
        },
    };
    vec![dns, portal, clock]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefilled_scheme_alone_names_no_host() {
        let tls = PortalTls::default();
        assert!(!names_a_host("https://", &tls));
        assert!(!names_a_host("https:", &tls));
        assert!(!names_a_host("", &tls));
        assert!(names_a_host("https://portal.example.uz", &tls));
        assert!(names_a_host("http://127.0.0.1:8080", &tls));
        assert!(!names_a_host("http://portal.example.uz", &tls));
    }
}
