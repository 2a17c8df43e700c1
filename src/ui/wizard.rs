//! The technician's first-boot wizard: language, network check, portal, enrolment code, the
//! mahalla confirmed, the printer found and tested, the first staff PIN. Every step's place
//! is saved in the store, so a power cut resumes where the technician was.

use std::rc::Rc;
use std::sync::mpsc::Sender;

use mahalla_protocol::ErrorCode;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::wire::{ErrorReason, Mahalla};
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::controller::Controller;
use super::{CheckLine, PortLine, Wizard, WizardStep};
use crate::config::{Config, PrinterSetup};
use crate::printer::detect::{self, Detection, Outcome};
use crate::printer::profile::Profile;
use crate::printer::transport::SerialPrinter;
use crate::printer::worker::{PrintSettings, PrintWorker, PrinterEvent};
use crate::store::{StaffError, StaffMember, WizardProgress};
use crate::sync::{self, ClientError, NetworkCheck, SyncError};

/// What the wizard needs beyond the screens: the configuration it starts from, and where the
/// printer it sets up reports to.
pub struct Setup {
    pub config: Config,
    pub printer_events: Sender<PrinterEvent>,
}

/// The wizard's state on the UI thread.
#[derive(Default)]
pub struct WizardState {
    /// The terminal is not set up yet, so the wizard is what it shows.
    pub active: bool,
    pub step: WizardStep,
    /// The portal URL that answered.
    pub portal_url: Option<String>,
    /// The enrolment code whose mahalla is on screen.
    pub code: Option<String>,
    pub detections: Vec<Detection>,
    pub chosen: Option<usize>,
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

impl Controller {
    /// Leaves the wizard: the terminal is set up (or, in the tour, the next screen is not the
    /// wizard's).
    pub(super) fn close_wizard(&self) {
        *self.wizard.borrow_mut() = WizardState::default();
    }

    fn setup(&self) -> Option<&Setup> {
        self.deps.setup.as_ref()
    }

    fn wizard_global<R>(&self, f: impl FnOnce(&Wizard<'_>) -> R) -> Option<R> {
        self.app.upgrade().map(|app| f(&app.global::<Wizard>()))
    }

    /// On start: opens the wizard where it was left if the terminal is not set up (not
    /// enrolled, or no staff member yet).
    pub(super) fn resume_setup(self: &Rc<Self>) {
        if self.setup().is_none() {
            return;
        }
        self.with_store(
            |store| -> Result<_, crate::store::StoreError> {
                Ok((
                    store.enrolment()?.is_some(),
                    !store.staff()?.is_empty(),
                    store.wizard_progress()?,
                ))
            },
            |controller, found| match found {
                Ok(Ok((true, true, _))) => {}
                Ok(Ok((enrolled, _, progress))) => controller.open_wizard(enrolled, &progress),
                Ok(Err(error)) => {
                    tracing::error!(%error, "cannot tell whether the terminal is set up")
                }
                Err(error) => tracing::error!(%error, "cannot tell whether the terminal is set up"),
            },
        );
    }

    pub(super) fn open_wizard(self: &Rc<Self>, enrolled: bool, progress: &WizardProgress) {
        let step = resume_step(progress.step.as_deref().and_then(step_named), enrolled);
        tracing::info!(step = step_name(step), "first-boot wizard");
        let portal_url = progress.portal_url.clone().or_else(|| {
            self.setup()
                .and_then(|setup| setup.config.portal_url.as_ref())
                .map(|url| url.as_str().trim_end_matches('/').to_owned())
        });
        {
            let mut wizard = self.wizard.borrow_mut();
            wizard.active = true;
            wizard.portal_url = progress.portal_url.clone();
        }
        let lang = progress.language.as_deref().and_then(Lang::from_tag);
        {
            let mut session = self.session.borrow_mut();
            if let Some(lang) = lang {
                session.lang = lang;
            }
            session.history.clear();
            session.page = super::Page::Wizard;
        }
        self.wizard_global(|wizard| wizard.set_portal_url(portal_url.unwrap_or_default().into()));
        self.show_everything();
        self.enter_step(step);
    }

    /// Shows `step`, saves the place, and starts what the step does by itself.
    pub(super) fn enter_step(self: &Rc<Self>, step: WizardStep) {
        self.wizard.borrow_mut().step = step;
        self.wizard_global(|wizard| {
            wizard.set_step(step);
            wizard.set_problem(SharedString::new());
            wizard.set_busy(false);
        });
        let progress = WizardProgress {
            step: Some(step_name(step).to_owned()),
            language: Some(self.lang().tag().to_owned()),
            portal_url: self.wizard.borrow().portal_url.clone(),
        };
        self.with_store(
            move |store| store.save_wizard_progress(&progress),
            |_, saved| {
                if !matches!(saved, Ok(Ok(()))) {
                    tracing::warn!("the wizard's place could not be saved");
                }
            },
        );
        match step {
            WizardStep::Network => self.check_network(),
            WizardStep::Printer if self.wizard.borrow().detections.is_empty() => {
                self.find_printers();
            }
            _ => {}
        }
    }

    pub(super) fn wizard_problem(&self, id: &str) {
        let text = self.tr(id);
        self.wizard_global(|wizard| {
            wizard.set_busy(false);
            wizard.set_problem(text.into());
        });
    }

    fn wizard_busy(&self) {
        self.wizard_global(|wizard| {
            wizard.set_busy(true);
            wizard.set_problem(SharedString::new());
        });
    }

    pub(super) fn wizard_next(self: &Rc<Self>) {
        let step = self.wizard.borrow().step;
        match step {
            WizardStep::Language => self.enter_step(WizardStep::Network),
            WizardStep::Network => self.enter_step(WizardStep::Portal),
            WizardStep::Portal => self.set_portal(),
            WizardStep::Code => self.check_code(),
            WizardStep::Confirm => self.accept_mahalla(),
            WizardStep::Printer => self.save_printer(),
            WizardStep::Staff => self.add_first_staff(),
        }
    }

    pub(super) fn wizard_back(self: &Rc<Self>) {
        let step = self.wizard.borrow().step;
        let back = match step {
            WizardStep::Language | WizardStep::Network => WizardStep::Language,
            WizardStep::Portal => WizardStep::Network,
            WizardStep::Code | WizardStep::Confirm => WizardStep::Code,
            // Once enrolled there is no way back to the enrolment steps.
            WizardStep::Printer | WizardStep::Staff => WizardStep::Printer,
        };
        if step == WizardStep::Staff || back != step {
            self.enter_step(back);
        }
    }

    fn typed_portal(&self) -> String {
        self.wizard_global(|wizard| {
            wizard
                .get_portal_url()
                .trim()
                .trim_end_matches('/')
                .to_owned()
        })
        .unwrap_or_default()
    }

    /// Step 2: DNS, the portal, the clock, for the portal URL as typed so far.
    pub(super) fn check_network(self: &Rc<Self>) {
        let Some(setup) = self.setup() else { return };
        let url = self.typed_portal();
        if url.is_empty() {
            let line = CheckLine {
                label: self.tr("wizard-check-portal").into(),
                ok: false,
                detail: self.tr("wizard-check-no-portal").into(),
            };
            self.wizard_global(|wizard| {
                wizard.set_checks(ModelRc::new(VecModel::from(vec![line])));
            });
            return;
        }
        self.wizard_busy();
        let data_dir = setup.config.data_dir.clone();
        self.in_background(
            move || sync::check_network(&data_dir, &url),
            |controller, checked| controller.network_checked(checked),
        );
    }

    /// Puts a network check's result on screen; `None` when the check could not run.
    pub(super) fn network_checked(&self, checked: Option<Result<NetworkCheck, SyncError>>) {
        let lines = match checked {
            Some(Ok(check)) => self.check_lines(&check),
            Some(Err(error)) => {
                tracing::warn!(%error, "network check");
                return self.wizard_problem(portal_problem(&error));
            }
            None => return self.wizard_problem("wizard-error-portal"),
        };
        self.wizard_global(|wizard| {
            wizard.set_busy(false);
            wizard.set_checks(ModelRc::new(VecModel::from(lines)));
        });
    }

    fn check_lines(&self, check: &NetworkCheck) -> Vec<CheckLine> {
        let lang = self.lang();
        let t = &self.deps.translations;
        let dns = CheckLine {
            label: self.tr("wizard-check-dns").into(),
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
            label: self.tr("wizard-check-portal").into(),
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
                    label: self.tr("wizard-check-clock").into(),
                    // The terminal corrects itself by the portal's clock; a large gap is
                    // worth fixing all the same.
                    ok: offset.abs() < 5 * 60 * 1000,
                    detail: t
                        .with(lang, "wizard-check-clock-offset", &[("seconds", &seconds)])
                        .into(),
                }
            }
            None => CheckLine {
                label: self.tr("wizard-check-clock").into(),
                ok: false,
                detail: self.tr("wizard-check-clock-unknown").into(),
            },
        };
        vec![dns, portal, clock]
    }

    /// Step 3: the portal URL, checked before going on.
    fn set_portal(self: &Rc<Self>) {
        let Some(setup) = self.setup() else { return };
        let url = self.typed_portal();
        let parsed = url::Url::parse(&url);
        if !parsed.is_ok_and(|url| matches!(url.scheme(), "http" | "https")) {
            return self.wizard_problem("wizard-error-url");
        }
        self.wizard_busy();
        let data_dir = setup.config.data_dir.clone();
        self.in_background(
            move || (sync::check_network(&data_dir, &url), url),
            |controller, checked| match checked {
                Some((Ok(check), url)) if check.passed() => {
                    controller.wizard.borrow_mut().portal_url = Some(url);
                    controller.network_checked(Some(Ok(check)));
                    controller.enter_step(WizardStep::Code);
                }
                Some((Ok(check), _)) => {
                    controller.network_checked(Some(Ok(check)));
                    controller.wizard_problem("wizard-error-unreachable");
                }
                Some((Err(error), _)) => controller.wizard_problem(portal_problem(&error)),
                None => controller.wizard_problem("wizard-error-portal"),
            },
        );
    }

    /// Step 4: the enrolment code, typed or scanned; the portal says which mahalla it is for.
    fn check_code(self: &Rc<Self>) {
        let (Some(setup), Some(url)) = (self.setup(), self.wizard.borrow().portal_url.clone())
        else {
            return self.enter_step(WizardStep::Portal);
        };
        let code = self
            .wizard_global(|wizard| wizard.get_code().trim().to_owned())
            .unwrap_or_default();
        if code.is_empty() {
            return self.wizard_problem("wizard-error-code-empty");
        }
        self.wizard_busy();
        let data_dir = setup.config.data_dir.clone();
        self.in_background(
            move || (sync::preview(&data_dir, &url, &code), code),
            |controller, previewed| match previewed {
                Some((Ok(mahalla), code)) => controller.code_previewed(code, &mahalla),
                Some((Err(error), _)) => {
                    tracing::warn!(%error, "enrolment code");
                    controller.wizard_problem(portal_problem(&error));
                }
                None => controller.wizard_problem("wizard-error-portal"),
            },
        );
    }

    /// Step 5: the mahalla the code is for, for the technician to confirm.
    pub(super) fn code_previewed(self: &Rc<Self>, code: String, mahalla: &Mahalla) {
        self.wizard.borrow_mut().code = Some(code);
        let place = format!(
            "{}, {} · {}",
            mahalla.district, mahalla.region, mahalla.code
        );
        self.wizard_global(|wizard| {
            wizard.set_mahalla_name(mahalla.name.clone().into());
            wizard.set_mahalla_place(place.into());
        });
        self.enter_step(WizardStep::Confirm);
    }

    /// The technician confirmed the mahalla: enrol now.
    pub(super) fn accept_mahalla(self: &Rc<Self>) {
        let wizard = self.wizard.borrow();
        let (Some(setup), Some(url), Some(code)) =
            (self.setup(), wizard.portal_url.clone(), wizard.code.clone())
        else {
            drop(wizard);
            return self.enter_step(WizardStep::Code);
        };
        drop(wizard);
        self.wizard_busy();
        let data_dir = setup.config.data_dir.clone();
        self.in_background(
            move || sync::enrol(&data_dir, &url, &code),
            |controller, enrolled| match enrolled {
                Some(Ok(enrolled)) => {
                    tracing::info!(
                        device = enrolled.device_id,
                        mahalla = enrolled.mahalla,
                        "enrolled"
                    );
                    controller.wizard.borrow_mut().code = None;
                    controller.wizard_global(|wizard| wizard.set_code(SharedString::new()));
                    controller.enter_step(WizardStep::Printer);
                }
                Some(Err(error)) => {
                    tracing::warn!(%error, "enrolment");
                    controller.wizard_problem(portal_problem(&error));
                }
                None => controller.wizard_problem("wizard-error-portal"),
            },
        );
    }

    /// Step 6: every serial port a printer may be on, probed.
    pub(super) fn find_printers(self: &Rc<Self>) {
        let Some(setup) = self.setup() else { return };
        self.wizard_busy();
        let configured = setup.config.printer.port.clone();
        let fallback = setup.config.printer.profile.clone();
        self.in_background(
            move || {
                let profiles = Profile::bundled().unwrap_or_default();
                detect::detect(configured.as_deref(), &profiles, &fallback)
            },
            |controller, found| {
                controller.printers_found(found.unwrap_or_default());
            },
        );
    }

    pub(super) fn printers_found(&self, detections: Vec<Detection>) {
        let chosen = detections
            .iter()
            .position(|d| matches!(d.outcome, Outcome::Found { .. }));
        {
            let mut wizard = self.wizard.borrow_mut();
            wizard.detections = detections;
            wizard.chosen = chosen;
        }
        self.show_ports();
    }

    fn show_ports(&self) {
        let lang = self.lang();
        let t = &self.deps.translations;
        let wizard = self.wizard.borrow();
        let lines: Vec<PortLine> = wizard
            .detections
            .iter()
            .map(|detection| {
                let (found, detail) = match &detection.outcome {
                    Outcome::Found { baud, model, .. } => {
                        let model = model.clone().unwrap_or_else(|| "ESC/POS".to_owned());
                        let baud = baud.to_string();
                        (
                            true,
                            t.with(
                                lang,
                                "wizard-printer-found",
                                &[("model", &model), ("baud", &baud)],
                            ),
                        )
                    }
                    Outcome::Silent => (false, t.text(lang, "wizard-printer-silent")),
                    Outcome::Unavailable(error) => (false, error.clone()),
                };
                PortLine {
                    port: detection.port.display().to_string().into(),
                    found,
                    detail: detail.into(),
                }
            })
            .collect();
        let profile = self
            .chosen_setup(&wizard)
            .and_then(|setup| Profile::named(&setup.profile).ok())
            .map(|profile| {
                t.with(
                    lang,
                    "wizard-printer-profile",
                    &[("profile", &profile.description)],
                )
            })
            .unwrap_or_default();
        let chosen = wizard
            .chosen
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(-1);
        self.wizard_global(|global| {
            global.set_busy(false);
            global.set_ports(ModelRc::new(VecModel::from(lines)));
            global.set_chosen_port(chosen);
            global.set_printer_profile(profile.into());
            global.set_test_result(SharedString::new());
        });
    }

    /// The printer as it would be saved: the chosen port with what answered there.
    fn chosen_setup(&self, wizard: &WizardState) -> Option<PrinterSetup> {
        wizard.detections.get(wizard.chosen?)?.setup()
    }

    pub(super) fn choose_port(&self, index: i32) {
        let Ok(index) = usize::try_from(index) else {
            return;
        };
        {
            let mut wizard = self.wizard.borrow_mut();
            if wizard.detections.get(index).is_some() {
                wizard.chosen = Some(index);
            }
        }
        self.show_ports();
    }

    /// Prints the test page on the chosen printer.
    pub(super) fn test_print(self: &Rc<Self>) {
        let (Some(setup), Some(chosen)) = (self.setup(), self.chosen_setup(&self.wizard.borrow()))
        else {
            return self.wizard_problem("wizard-printer-none");
        };
        let mut printer_config = setup.config.printer.clone();
        printer_config.apply(&chosen);
        self.wizard_busy();
        self.in_background(
            move || -> Result<(), String> {
                let profile = Profile::named(&chosen.profile).map_err(|e| e.to_string())?;
                let bytes = crate::printer::test_page_bytes(&profile).map_err(|e| e.to_string())?;
                let mut printer = SerialPrinter::open(&chosen.port, &printer_config, &profile)
                    .map_err(|e| e.code().to_owned())?;
                printer
                    .print(&bytes)
                    .map(|_| ())
                    .map_err(|e| e.code().to_owned())
            },
            |controller, printed| {
                let text = match printed {
                    Some(Ok(())) => controller.tr("wizard-printer-test-sent"),
                    Some(Err(code)) if code.starts_with("printer-") => controller.tr(&code),
                    Some(Err(error)) => {
                        tracing::warn!(error, "test page");
                        controller.tr("printer-printout")
                    }
                    None => controller.tr("printer-printout"),
                };
                controller.wizard_global(|wizard| {
                    wizard.set_busy(false);
                    wizard.set_test_result(text.into());
                });
            },
        );
    }

    /// Saves the chosen printer (if any) and starts printing with it, then the last step.
    fn save_printer(self: &Rc<Self>) {
        let Some(chosen) = self.chosen_setup(&self.wizard.borrow()) else {
            return self.enter_step(WizardStep::Staff);
        };
        let saved = chosen.clone();
        self.with_store(
            move |store| store.save_printer_setup(&saved, "technician"),
            move |controller, result| match result {
                Ok(Ok(())) => {
                    controller.restart_printer(&chosen);
                    controller.enter_step(WizardStep::Staff);
                }
                _ => controller.wizard_problem("submit-failed"),
            },
        );
    }

    /// Replaces the print worker with one on the printer just set up.
    fn restart_printer(self: &Rc<Self>, chosen: &PrinterSetup) {
        let Some(setup) = self.setup() else { return };
        let config = setup.config.with_printer_setup(Some(chosen));
        let events = setup.printer_events.clone();
        let catalogue = (*self.deps.catalogue).clone();
        let port = chosen.port.clone();
        let profile = chosen.profile.clone();
        self.in_background(
            move || -> Result<PrintWorker, String> {
                let profile = Profile::named(&profile).map_err(|e| e.to_string())?;
                let settings = PrintSettings::from_config(&config, port, profile);
                PrintWorker::spawn(settings, catalogue, events).map_err(|e| e.to_string())
            },
            |controller, started| match started {
                Some(Ok(worker)) => {
                    worker.print_waiting();
                    *controller.printer.borrow_mut() = Some(worker);
                    *controller.printer_state.borrow_mut() = "staff-printer-ready".to_owned();
                }
                Some(Err(error)) => tracing::error!(error, "the new printer could not start"),
                None => tracing::error!("the new printer could not start"),
            },
        );
    }

    /// Step 7: the first staff member and their PIN. Then the terminal is set up.
    fn add_first_staff(self: &Rc<Self>) {
        let Some((name, pin, again)) = self.wizard_global(|wizard| {
            (
                wizard.get_staff_name().to_string(),
                wizard.get_staff_pin().to_string(),
                wizard.get_staff_pin_again().to_string(),
            )
        }) else {
            return;
        };
        if pin != again {
            return self.wizard_problem("error-pin-mismatch");
        }
        self.with_store(
            move |store| store.add_staff(&name, &pin, "technician"),
            |controller, added| match added {
                Ok(Ok(member)) => controller.setup_finished(&member),
                Ok(Err(StaffError::Pin(error))) => {
                    controller.wizard_problem(&format!("error-{}", error.code()));
                }
                Ok(Err(StaffError::NameEmpty)) => controller.wizard_problem("error-staff-name"),
                Ok(Err(StaffError::NameTaken(_))) => {
                    controller.wizard_problem("error-staff-name-taken");
                }
                Ok(Err(error)) => {
                    tracing::error!(%error, "first staff member");
                    controller.wizard_problem("submit-failed");
                }
                Err(error) => {
                    tracing::error!(%error, "first staff member");
                    controller.wizard_problem("submit-failed");
                }
            },
        );
    }

    fn setup_finished(&self, member: &StaffMember) {
        tracing::info!(staff = member.id, "terminal set up");
        self.close_wizard();
        self.wizard_global(|wizard| {
            wizard.set_staff_name(SharedString::new());
            wizard.set_staff_pin(SharedString::new());
            wizard.set_staff_pin_again(SharedString::new());
            wizard.set_problem(SharedString::new());
        });
        self.wipe();
    }
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
