//! The technician's first-boot wizard: language, network check, portal, enrolment code, the
//! mahalla confirmed, the printer found and tested, the first staff PIN. Every step's place
//! is saved in the store, so a power cut resumes where the technician was. The printer step
//! is in [`printer`].

mod network;
mod printer;

pub use network::NetworkReport;

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::mpsc::Sender;

use mahalla_protocol::ErrorCode;
use mahalla_protocol::enrol_link::{self, EnrolLink, EnrolLinkError};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::ErrorReason;
use slint::{ComponentHandle, SharedString};

use super::shell::Shell;
use super::{Page, Wizard, WizardStep};
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::printer::detect::Detection;
use mahalla_kiosk_core::printer::worker::PrinterEvent;
use mahalla_kiosk_core::store::{StaffError, StaffMember, WizardProgress};
use mahalla_kiosk_core::store_worker::SetupState;
use mahalla_kiosk_core::sync::{self, ClientError, KeysCheck, Previewed, SyncError};

/// What the wizard needs beyond the screens: the configuration it starts from, and where the
/// printer it sets up reports to.
pub struct Setup {
    pub config: Config,
    pub printer_events: Sender<PrinterEvent>,
}

/// Where the technician is in the wizard, and what they found so far.
#[derive(Default)]
struct WizardState {
    /// The terminal is not set up yet, so the wizard is what it shows.
    active: bool,
    step: WizardStep,
    /// The portal URL that answered.
    portal_url: Option<String>,
    /// The enrolment code whose mahalla is on screen.
    code: Option<String>,
    /// The fingerprint of the portal's keys given with that code, if any.
    fingerprint: Option<String>,
    detections: Vec<Detection>,
    chosen: Option<usize>,
    /// The code of a scanned enrolment sheet, checked once its portal answered.
    scanned_code: Option<String>,
}

/// The technician's flow.
pub struct WizardFlow {
    /// `None` where the wizard never runs (the demo, the resident tests).
    setup: Option<Setup>,
    state: RefCell<WizardState>,
}

const STEPS: [(WizardStep, &str); 7] = [
    (WizardStep::Language, "language"),
    (WizardStep::Network, "network"),
    (WizardStep::Portal, "portal"),
    (WizardStep::Code, "code"),
    (WizardStep::Confirm, "confirm"),
    (WizardStep::Printer, "printer"),
    (WizardStep::Staff, "staff"),
];

fn step_name(step: WizardStep) -> &'static str {
    STEPS
        .iter()
        .find(|(s, _)| *s == step)
        .map_or("language", |(_, name)| name)
}

fn step_named(name: &str) -> Option<WizardStep> {
    STEPS
        .iter()
        .find(|(_, n)| *n == name)
        .map(|(step, _)| *step)
}

/// Where a resumed wizard goes on: the saved step, moved past what is already done (enrolled)
/// or back to what is missing (not enrolled).
fn resume_step(saved: Option<WizardStep>, enrolled: bool) -> WizardStep {
    let saved = saved.unwrap_or(WizardStep::Language);
    let after_enrolment = matches!(saved, WizardStep::Printer | WizardStep::Staff);
    match (enrolled, after_enrolment) {
        (true, false) => WizardStep::Printer,
        (false, true) => WizardStep::Code,
        // The code on screen is not kept: ask for it again.
        (false, false) if saved == WizardStep::Confirm => WizardStep::Code,
        _ => saved,
    }
}

/// The message id for a failed exchange with the portal.
fn portal_problem(error: &SyncError) -> &'static str {
    match error {
        SyncError::Client(ClientError::PortalKeys(_)) => "wizard-error-keys-mismatch",
        SyncError::Client(ClientError::Certificate(_)) => "wizard-error-certificate",
        SyncError::Client(ClientError::Address(error)) => address_problem(error),
        SyncError::Fingerprint(_) => "wizard-error-fingerprint",
        SyncError::Client(ClientError::Refused { reason, .. }) => match reason {
            ErrorReason::EnrolCodeInvalid => "wizard-error-code-invalid",
            ErrorReason::EnrolCodeUsed => "wizard-error-code-used",
            ErrorReason::EnrolCodeExpired => "wizard-error-code-expired",
            ErrorReason::AlreadyEnrolled => "wizard-error-already-enrolled",
            _ => "wizard-error-portal",
        },
        SyncError::Client(ClientError::Unreachable(_) | ClientError::Retry { .. }) => {
            "wizard-error-unreachable"
        }
        SyncError::BadUrl(_) => "wizard-error-url",
        _ => "wizard-error-portal",
    }
}

/// The message id for an address the terminal does not use.
fn address_problem(error: &EnrolLinkError) -> &'static str {
    match error {
        EnrolLinkError::PlainHttp(_) => "wizard-error-plain-http",
        _ => "wizard-error-url",
    }
}

impl WizardFlow {
    pub fn new(setup: Option<Setup>) -> WizardFlow {
        WizardFlow {
            setup,
            state: RefCell::new(WizardState::default()),
        }
    }

    /// Whether the terminal is not set up yet, so the wizard is what it shows.
    pub fn is_active(&self) -> bool {
        self.state.borrow().active
    }

    /// Leaves the wizard: the terminal is set up (or, in the tour, the next screen is not the
    /// wizard's).
    pub fn close(&self) {
        *self.state.borrow_mut() = WizardState::default();
    }

    fn setup(&self) -> Option<&Setup> {
        self.setup.as_ref()
    }

    /// On start: opens the wizard where it was left if the terminal is not set up (not
    /// enrolled, or no staff member yet).
    pub fn resume(&self, shell: &Rc<Shell>) {
        if self.setup().is_none() {
            return;
        }
        shell.when_ready(shell.store.setup_state(), |shell, found| match found {
            Ok(Ok(SetupState {
                enrolled: true,
                has_staff: true,
                ..
            })) => {}
            Ok(Ok(state)) => shell
                .wizard
                .open_wizard(shell, state.enrolled, &state.progress),
            Ok(Err(error)) => {
                tracing::error!(%error, "cannot tell whether the terminal is set up")
            }
            Err(error) => tracing::error!(%error, "cannot tell whether the terminal is set up"),
        });
    }

    pub fn open_wizard(&self, shell: &Rc<Shell>, enrolled: bool, progress: &WizardProgress) {
        let step = resume_step(progress.step.as_deref().and_then(step_named), enrolled);
        tracing::info!(step = step_name(step), "first-boot wizard");
        let portal_url = progress.portal_url.clone().or_else(|| {
            self.setup()
                .and_then(|setup| setup.config.portal_url.as_ref())
                .map(|url| url.as_str().trim_end_matches('/').to_owned())
        });
        {
            let mut wizard = self.state.borrow_mut();
            wizard.active = true;
            wizard.portal_url = progress.portal_url.clone();
        }
        let lang = progress.language.as_deref().and_then(Lang::from_tag);
        if let Some(lang) = lang {
            shell.set_lang(lang);
        }
        shell.navigate(|nav| nav.restart_at(Page::Wizard));
        wizard_global(shell, |wizard| {
            // A portal's address starts so: the technician types only the rest.
            wizard.set_portal_url(portal_url.unwrap_or_else(|| "https://".to_owned()).into())
        });
        shell.show_everything();
        self.enter_step(shell, step);
    }

    /// Shows `step`, saves the place, and starts what the step does by itself.
    pub fn enter_step(&self, shell: &Rc<Shell>, step: WizardStep) {
        self.state.borrow_mut().step = step;
        wizard_global(shell, |wizard| {
            wizard.set_step(step);
            wizard.set_problem(SharedString::new());
            wizard.set_busy(false);
        });
        let progress = WizardProgress {
            step: Some(step_name(step).to_owned()),
            language: Some(shell.lang().tag().to_owned()),
            portal_url: self.state.borrow().portal_url.clone(),
        };
        shell.when_ready(
            shell.store.save_wizard_progress(progress),
            |shell, saved| {
                let error = match saved {
                    Ok(Ok(())) => return,
                    Ok(Err(error)) => error.to_string(),
                    Err(error) => error.to_string(),
                };
                tracing::error!(%error, "the wizard's place could not be saved");
                // Said beside whatever the step is doing, which goes on.
                let text = shell.tr("wizard-progress-not-saved");
                wizard_global(shell, |wizard| wizard.set_problem(text.into()));
            },
        );
        match step {
            WizardStep::Network => self.check_network(shell),
            WizardStep::Printer if self.state.borrow().detections.is_empty() => {
                self.find_printers(shell);
            }
            _ => {}
        }
    }

    pub fn show_problem(&self, shell: &Shell, id: &str) {
        let text = shell.tr(id);
        wizard_global(shell, |wizard| {
            wizard.set_busy(false);
            wizard.set_problem(text.into());
        });
    }

    fn show_busy(&self, shell: &Shell) {
        wizard_global(shell, |wizard| {
            wizard.set_busy(true);
            wizard.set_problem(SharedString::new());
        });
    }

    pub fn next(&self, shell: &Rc<Shell>) {
        let step = self.state.borrow().step;
        match step {
            WizardStep::Language => self.enter_step(shell, WizardStep::Network),
            WizardStep::Network => self.enter_step(shell, WizardStep::Portal),
            WizardStep::Portal => self.set_portal(shell),
            WizardStep::Code => self.check_code(shell),
            WizardStep::Confirm => self.accept_mahalla(shell),
            WizardStep::Printer => self.save_printer(shell),
            WizardStep::Staff => self.add_first_staff(shell),
        }
    }

    pub fn back(&self, shell: &Rc<Shell>) {
        let step = self.state.borrow().step;
        let back = match step {
            WizardStep::Language | WizardStep::Network => WizardStep::Language,
            WizardStep::Portal => WizardStep::Network,
            WizardStep::Code | WizardStep::Confirm => WizardStep::Code,
            // Once enrolled there is no way back to the enrolment steps.
            WizardStep::Printer | WizardStep::Staff => WizardStep::Printer,
        };
        if step == WizardStep::Staff || back != step {
            self.enter_step(shell, back);
        }
    }

    fn typed_portal(&self, shell: &Shell) -> String {
        wizard_global(shell, |wizard| {
            wizard
                .get_portal_url()
                .trim()
                .trim_end_matches('/')
                .to_owned()
        })
        .unwrap_or_default()
    }

    /// An enrolment sheet's QR, scanned into the address or the code field: its address
    /// replaces what was typed, and its code is kept to be checked once the portal answers.
    fn take_scanned_link(&self, shell: &Shell, typed: &str) -> Option<String> {
        // The scan lands after whatever the field held, such as the prefilled "https://".
        let start = typed
            .to_ascii_lowercase()
            .find(&format!("{}:", enrol_link::SCHEME))?;
        let link = EnrolLink::parse(&typed[start..]).ok()?;
        tracing::info!("enrolment sheet scanned");
        wizard_global(shell, |wizard| {
            wizard.set_portal_url(link.portal_url.as_str().into());
            wizard.set_code(SharedString::new());
            wizard.set_fingerprint(link.fingerprint.clone().unwrap_or_default().into());
        });
        self.state.borrow_mut().scanned_code = Some(link.code);
        Some(link.portal_url)
    }

    /// After the portal answered: the code of a scanned sheet, checked at once.
    fn use_scanned_code(&self, shell: &Rc<Shell>) {
        let Some(code) = self.state.borrow_mut().scanned_code.take() else {
            return;
        };
        wizard_global(shell, |wizard| wizard.set_code(code.into()));
        self.check_code(shell);
    }

    /// Step 3: the portal URL (typed, or from a scanned enrolment sheet), checked before going
    /// on.
    fn set_portal(&self, shell: &Rc<Shell>) {
        let Some(setup) = self.setup() else { return };
        let typed = self.typed_portal(shell);
        let url = self.take_scanned_link(shell, &typed).unwrap_or(typed);
        if let Err(error) = enrol_link::check_portal_url(&url, setup.config.tls.plain_http) {
            return self.show_problem(shell, address_problem(&error));
        }
        self.show_busy(shell);
        let data_dir = setup.config.data_dir.clone();
        let tls = setup.config.tls.clone();
        shell.in_background(
            move || (sync::check_network(&data_dir, &url, &tls), url),
            |shell, checked| match checked {
                Some((Ok(check), url)) if check.passed() => {
                    shell.wizard.state.borrow_mut().portal_url = Some(url);
                    shell.wizard.enter_step(shell, WizardStep::Code);
                    shell.wizard.use_scanned_code(shell);
                }
                Some((Ok(_), _)) => {
                    shell.wizard.show_problem(shell, "wizard-error-unreachable");
                }
                Some((Err(error), _)) => shell.wizard.show_problem(shell, portal_problem(&error)),
                None => shell.wizard.show_problem(shell, "wizard-error-portal"),
            },
        );
    }

    /// Step 4: the enrolment code, typed or scanned; the portal says which mahalla it is for.
    fn check_code(&self, shell: &Rc<Shell>) {
        let (Some(setup), Some(url)) = (self.setup(), self.state.borrow().portal_url.clone())
        else {
            return self.enter_step(shell, WizardStep::Portal);
        };
        let (code, fingerprint) = wizard_global(shell, |wizard| {
            (
                wizard.get_code().trim().to_owned(),
                wizard.get_fingerprint().trim().to_owned(),
            )
        })
        .unwrap_or_default();
        let scanned = [&code, &fingerprint]
            .into_iter()
            .any(|typed| self.take_scanned_link(shell, typed).is_some());
        if scanned {
            // The sheet may name another portal: it is checked first, then its code.
            return self.set_portal(shell);
        }
        if code.is_empty() {
            return self.show_problem(shell, "wizard-error-code-empty");
        }
        let fingerprint = (!fingerprint.is_empty()).then_some(fingerprint);
        self.show_busy(shell);
        let data_dir = setup.config.data_dir.clone();
        let tls = setup.config.tls.clone();
        shell.in_background(
            move || {
                let previewed = sync::preview(&data_dir, &url, &tls, &code, fingerprint.as_deref());
                (previewed, code, fingerprint)
            },
            |shell, previewed| match previewed {
                Some((Ok(previewed), code, fingerprint)) => {
                    shell
                        .wizard
                        .code_previewed(shell, code, fingerprint, &previewed)
                }
                Some((Err(error), _, _)) => {
                    tracing::warn!(%error, "enrolment code");
                    shell.wizard.show_problem(shell, portal_problem(&error));
                }
                None => shell.wizard.show_problem(shell, "wizard-error-portal"),
            },
        );
    }

    /// Step 5: the mahalla the code is for, for the technician to confirm, and whether the
    /// portal's keys match the sheet.
    pub fn code_previewed(
        &self,
        shell: &Rc<Shell>,
        code: String,
        fingerprint: Option<String>,
        previewed: &Previewed,
    ) {
        {
            let mut state = self.state.borrow_mut();
            state.code = Some(code);
            state.fingerprint = fingerprint;
        }
        let mahalla = &previewed.mahalla;
        let place = format!(
            "{}, {} · {}",
            mahalla.district, mahalla.region, mahalla.code
        );
        let (checked, label, detail) = match &previewed.keys {
            KeysCheck::Matched(keys) => (
                true,
                shell.tr("wizard-keys-matched"),
                shell.translations.with(
                    shell.lang(),
                    "wizard-keys-matched-detail",
                    &[("keys", keys)],
                ),
            ),
            KeysCheck::NotChecked(keys) => (
                false,
                shell.tr("wizard-keys-unchecked"),
                shell.translations.with(
                    shell.lang(),
                    "wizard-keys-unchecked-detail",
                    &[("keys", keys)],
                ),
            ),
            KeysCheck::Unknown => (
                false,
                shell.tr("wizard-keys-unchecked"),
                shell.tr("wizard-keys-unknown-detail"),
            ),
        };
        wizard_global(shell, |wizard| {
            wizard.set_mahalla_name(mahalla.name.clone().into());
            wizard.set_mahalla_place(place.into());
            wizard.set_keys_checked(checked);
            wizard.set_keys_label(label.into());
            wizard.set_keys_detail(detail.into());
        });
        self.enter_step(shell, WizardStep::Confirm);
    }

    /// The technician confirmed the mahalla: enrol now.
    pub fn accept_mahalla(&self, shell: &Rc<Shell>) {
        let wizard = self.state.borrow();
        let (Some(setup), Some(url), Some(code)) =
            (self.setup(), wizard.portal_url.clone(), wizard.code.clone())
        else {
            drop(wizard);
            return self.enter_step(shell, WizardStep::Code);
        };
        let fingerprint = wizard.fingerprint.clone();
        drop(wizard);
        self.show_busy(shell);
        let data_dir = setup.config.data_dir.clone();
        let tls = setup.config.tls.clone();
        shell.in_background(
            move || sync::enrol(&data_dir, &url, &tls, &code, fingerprint.as_deref()),
            |shell, enrolled| match enrolled {
                Some(Ok(enrolled)) => {
                    tracing::info!(
                        device = enrolled.device_id,
                        mahalla = enrolled.mahalla,
                        "enrolled"
                    );
                    {
                        let mut state = shell.wizard.state.borrow_mut();
                        state.code = None;
                        state.fingerprint = None;
                    }
                    wizard_global(shell, |wizard| {
                        wizard.set_code(SharedString::new());
                        wizard.set_fingerprint(SharedString::new());
                    });
                    shell.wizard.enter_step(shell, WizardStep::Printer);
                    shell.refresh_demo();
                }
                Some(Err(error)) => {
                    tracing::warn!(%error, "enrolment");
                    shell.wizard.show_problem(shell, portal_problem(&error));
                }
                None => shell.wizard.show_problem(shell, "wizard-error-portal"),
            },
        );
    }

    /// Step 7: the first staff member and their PIN. Then the terminal is set up.
    fn add_first_staff(&self, shell: &Rc<Shell>) {
        let Some((name, pin, again)) = wizard_global(shell, |wizard| {
            (
                wizard.get_staff_name().to_string(),
                wizard.get_staff_pin().to_string(),
                wizard.get_staff_pin_again().to_string(),
            )
        }) else {
            return;
        };
        if pin != again {
            return self.show_problem(shell, "error-pin-mismatch");
        }
        shell.when_ready(
            shell.store.add_staff(name, pin, "technician"),
            |shell, added| match added {
                Ok(Ok(member)) => shell.wizard.setup_finished(shell, &member),
                Ok(Err(StaffError::Pin(error))) => {
                    shell
                        .wizard
                        .show_problem(shell, &format!("error-{}", error.code()));
                }
                Ok(Err(StaffError::NameEmpty)) => {
                    shell.wizard.show_problem(shell, "error-staff-name")
                }
                Ok(Err(StaffError::NameTaken(_))) => {
                    shell.wizard.show_problem(shell, "error-staff-name-taken");
                }
                Ok(Err(error)) => {
                    tracing::error!(%error, "first staff member");
                    shell.wizard.show_problem(shell, "staff-save-failed");
                }
                Err(error) => {
                    tracing::error!(%error, "first staff member");
                    shell.wizard.show_problem(shell, "staff-save-failed");
                }
            },
        );
    }

    fn setup_finished(&self, shell: &Shell, member: &StaffMember) {
        tracing::info!(staff = member.id, "terminal set up");
        self.close();
        wizard_global(shell, |wizard| {
            wizard.set_staff_name(SharedString::new());
            wizard.set_staff_pin(SharedString::new());
            wizard.set_staff_pin_again(SharedString::new());
            wizard.set_problem(SharedString::new());
        });
        shell.wipe();
    }
}

fn wizard_global<R>(shell: &Shell, f: impl FnOnce(&Wizard<'_>) -> R) -> Option<R> {
    shell.read_app(|app| f(&app.global::<Wizard>()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_resumed_wizard_skips_what_is_done_and_redoes_what_is_not() {
        assert_eq!(resume_step(None, false), WizardStep::Language);
        assert_eq!(
            resume_step(Some(WizardStep::Portal), false),
            WizardStep::Portal
        );
        assert_eq!(
            resume_step(Some(WizardStep::Confirm), false),
            WizardStep::Code
        );
        assert_eq!(
            resume_step(Some(WizardStep::Code), true),
            WizardStep::Printer
        );
        assert_eq!(
            resume_step(Some(WizardStep::Staff), true),
            WizardStep::Staff
        );
        assert_eq!(
            resume_step(Some(WizardStep::Staff), false),
            WizardStep::Code
        );
        for (step, name) in STEPS {
            assert_eq!(step_named(name), Some(step));
            assert_eq!(step_name(step), name);
        }
    }
}
