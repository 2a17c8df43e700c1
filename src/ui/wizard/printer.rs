//! Step 6 of the wizard: every serial port a printer may be on, probed; the one chosen, a
//! test page on it, and the print worker moved to it once it is saved.

use std::rc::Rc;

use slint::{ModelRc, SharedString, VecModel};

use super::{WizardFlow, WizardState, WizardStep, wizard_global};
use crate::ui::PortLine;
use crate::ui::shell::Shell;
use mahalla_escpos::profile::Profile;
use mahalla_kiosk_core::config::PrinterSetup;
use mahalla_kiosk_core::printer::detect::{self, Detection, Outcome};
use mahalla_kiosk_core::printer::service::PrinterService;
use mahalla_kiosk_core::printer::transport::SerialPrinter;

impl WizardFlow {
    /// Step 6: every serial port a printer may be on, probed.
    pub fn find_printers(&self, shell: &Rc<Shell>) {
        let Some(setup) = self.setup() else { return };
        self.show_busy(shell);
        let configured = setup.config.printer.port.clone();
        let fallback = setup.config.printer.profile.clone();
        shell.in_background(
            move || {
                let profiles = Profile::bundled().unwrap_or_default();
                detect::detect(configured.as_deref(), &profiles, &fallback)
            },
            |shell, found| {
                shell
                    .wizard
                    .printers_found(shell, found.unwrap_or_default());
            },
        );
    }

    pub fn printers_found(&self, shell: &Shell, detections: Vec<Detection>) {
        let chosen = detections
            .iter()
            .position(|d| matches!(d.outcome, Outcome::Found { .. }));
        {
            let mut wizard = self.state.borrow_mut();
            wizard.detections = detections;
            wizard.chosen = chosen;
        }
        self.show_ports(shell);
    }

    fn show_ports(&self, shell: &Shell) {
        let lang = shell.lang();
        let t = &shell.translations;
        let wizard = self.state.borrow();
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
        let profile = Self::chosen_setup(&wizard)
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
        wizard_global(shell, |global| {
            global.set_busy(false);
            global.set_ports(ModelRc::new(VecModel::from(lines)));
            global.set_chosen_port(chosen);
            global.set_printer_profile(profile.into());
            global.set_test_result(SharedString::new());
        });
    }

    /// The printer as it would be saved: the chosen port with what answered there.
    fn chosen_setup(wizard: &WizardState) -> Option<PrinterSetup> {
        wizard.detections.get(wizard.chosen?)?.setup()
    }

    pub fn choose_port(&self, shell: &Shell, index: i32) {
        let Ok(index) = usize::try_from(index) else {
            return;
        };
        {
            let mut wizard = self.state.borrow_mut();
            if wizard.detections.get(index).is_some() {
                wizard.chosen = Some(index);
            }
        }
        self.show_ports(shell);
    }

    /// Prints the test page on the chosen printer.
    pub fn test_print(&self, shell: &Rc<Shell>) {
        let (Some(setup), Some(chosen)) = (self.setup(), Self::chosen_setup(&self.state.borrow()))
        else {
            return self.show_problem(shell, "wizard-printer-none");
        };
        let mut printer_config = setup.config.printer.clone();
        printer_config.apply(&chosen);
        self.show_busy(shell);
        shell.in_background(
            move || -> Result<(), &'static str> {
                // What went wrong is logged here; the screen gets the message id.
                let unprintable = |error: &dyn std::fmt::Display| {
                    tracing::warn!(%error, "test page");
                    "printer-printout"
                };
                let profile = Profile::named(&chosen.profile).map_err(|e| unprintable(&e))?;
                let bytes =
                    mahalla_escpos::test_page_bytes(&profile).map_err(|e| unprintable(&e))?;
                let mut printer = SerialPrinter::open(&chosen.port, &printer_config, &profile)
                    .map_err(|error| {
                        tracing::warn!(%error, "test page");
                        error.code()
                    })?;
                printer.print(&bytes).map(|_| ()).map_err(|error| {
                    tracing::warn!(%error, "test page");
                    error.code()
                })
            },
            |shell, printed| {
                let text = match printed {
                    Some(Ok(())) => shell.tr("wizard-printer-test-sent"),
                    Some(Err(id)) => shell.tr(id),
                    None => shell.tr("printer-printout"),
                };
                wizard_global(shell, |wizard| {
                    wizard.set_busy(false);
                    wizard.set_test_result(text.into());
                });
            },
        );
    }

    /// Saves the chosen printer (if any) and starts printing with it, then the last step.
    pub(super) fn save_printer(&self, shell: &Rc<Shell>) {
        let Some(chosen) = Self::chosen_setup(&self.state.borrow()) else {
            return self.enter_step(shell, WizardStep::Staff);
        };
        let saved = chosen.clone();
        shell.when_ready(
            shell.store.save_printer_setup(saved, "technician"),
            move |shell, result| match result {
                Ok(Ok(())) => {
                    shell.wizard.restart_printer(shell, &chosen);
                    shell.wizard.enter_step(shell, WizardStep::Staff);
                }
                Ok(Err(error)) => {
                    tracing::error!(%error, "the chosen printer");
                    shell.wizard.show_problem(shell, "staff-save-failed");
                }
                Err(error) => {
                    tracing::error!(%error, "the chosen printer");
                    shell.wizard.show_problem(shell, "staff-save-failed");
                }
            },
        );
    }

    /// Replaces the print worker with one on the printer just set up. The old one is stopped
    /// first, in the background (it finishes the print pass under way), so the screen never
    /// waits for it and no receipt is printed by both.
    fn restart_printer(&self, shell: &Rc<Shell>, chosen: &PrinterSetup) {
        let Some(setup) = self.setup() else { return };
        let config = setup.config.clone();
        let events = setup.printer_events.clone();
        let catalogue = shell.catalogue();
        let chosen = chosen.clone();
        let old = shell.printer.take();
        shell.in_background(
            move || {
                drop(old);
                PrinterService::start_chosen(&config, &chosen, catalogue, events)
            },
            |shell, started| match started {
                Some(Ok(worker)) => shell.printer.put(worker),
                Some(Err(error)) => tracing::error!(%error, "the new printer could not start"),
                None => tracing::error!("the new printer could not start"),
            },
        );
    }
}
