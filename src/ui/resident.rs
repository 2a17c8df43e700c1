//! The resident's flow: a service's card, its form, the review, the submission, and the
//! receipt on screen with the printer's progress. One visit's state, wiped when the resident
//! finishes or walks away. The status check is its own flow (`status_check.rs`).

use std::cell::RefCell;
use std::rc::Rc;

use mahalla_protocol::catalogue::CONSENT_GIVEN;
use mahalla_protocol::catalogue::{Catalogue, Field, Submittable};
use mahalla_protocol::form::{self, FormErrors, Values};
use mahalla_protocol::receipt_code::{ReceiptCode, UNENROLLED_DEVICE};
use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};

use super::date_picker::{self, DatePart};
use super::shell::Shell;
use super::{Kiosk, Page, PrintState, present};
use mahalla_kiosk_core::store::{SubmitError, Submitted};
use mahalla_kiosk_core::store_worker::{Reply, WorkerStopped};

/// What one resident has opened and typed.
#[derive(Default)]
struct Visit {
    /// The service whose card is open.
    service_id: Option<String>,
    /// The service or appeal whose form is being filled.
    target_id: Option<String>,
    values: Values,
    errors: FormErrors,
    /// Values as accepted by validation, shown on the review page and submitted.
    accepted: Option<Values>,
    consent: bool,
    /// Set from the moment "send" is tapped until the receipt shows, so a second tap
    /// never submits twice.
    submitting: bool,
    /// The receipt on screen, so printer events about it reach the resident.
    shown_receipt: Option<ReceiptCode>,
}

#[derive(Default)]
pub struct Resident {
    visit: RefCell<Visit>,
}

impl Resident {
    /// Forgets the visit.
    pub fn forget(&self) {
        *self.visit.borrow_mut() = Visit::default();
    }

    /// The service or appeal whose form the visit is filling.
    fn target<'c>(&self, catalogue: &'c Catalogue) -> Option<Submittable<'c>> {
        let id = self.visit.borrow().target_id.clone()?;
        catalogue.submittable(&id)
    }

    /// Puts the open card, form and review on screen in the current language.
    pub fn show(&self, shell: &Shell) {
        self.show_service(shell);
        self.show_form(shell);
        self.show_review(shell);
    }

    fn show_service(&self, shell: &Shell) {
        let catalogue = shell.catalogue();
        let Some(service) = self
            .visit
            .borrow()
            .service_id
            .as_deref()
            .and_then(|id| catalogue.service(id))
        else {
            return;
        };
        let detail =
            present::service_detail(&catalogue, service, shell.lang(), &shell.translations);
        shell.with_app(|app| app.global::<Kiosk>().set_service(detail));
    }

    /// The form rows. When the same form is already shown, rows are updated in place so the
    /// field being typed into keeps its focus.
    fn show_form(&self, shell: &Shell) {
        let catalogue = shell.catalogue();
        let Some(target) = self.target(&catalogue) else {
            return;
        };
        let lang = shell.lang();
        let (rows, has_errors) = {
            let visit = self.visit.borrow();
            let rows = present::form_rows(
                target.form(),
                &visit.values,
                &visit.errors,
                shell.today(),
                lang,
                &shell.translations,
            );
            (rows, !visit.errors.0.is_empty())
        };
        let title = present::form_title(&target, lang);
        shell.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_form_title(title.into());
            kiosk.set_form_has_errors(has_errors);
            let current = kiosk.get_fields();
            let same_form = current.row_count() == rows.len()
                && rows
                    .iter()
                    .enumerate()
                    .all(|(i, row)| current.row_data(i).is_some_and(|old| old.key == row.key));
            if same_form {
                for (index, row) in rows.into_iter().enumerate() {
                    current.set_row_data(index, row);
                }
            } else {
                kiosk.set_fields(ModelRc::new(VecModel::from(rows)));
            }
        });
    }

    fn show_review(&self, shell: &Shell) {
        let catalogue = shell.catalogue();
        let Some(target) = self.target(&catalogue) else {
            return;
        };
        let (lines, consent) = {
            let visit = self.visit.borrow();
            let Some(accepted) = visit.accepted.as_ref() else {
                return;
            };
            let lines =
                present::review_lines(target.form(), accepted, shell.lang(), &shell.translations);
            (lines, visit.consent)
        };
        shell.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_review(ModelRc::new(VecModel::from(lines)));
            kiosk.set_consent(consent);
        });
    }

    pub fn open_service(&self, shell: &Shell, id: &str) {
        self.visit.borrow_mut().service_id = Some(id.to_owned());
        self.show_service(shell);
        shell.navigate(|nav| nav.go(Page::Service));
    }

    pub fn start_form(&self, shell: &Shell) {
        let id = self.visit.borrow().service_id.clone();
        if let Some(id) = id {
            self.open_form(shell, &id);
        }
    }

    /// Opens the form of a service or appeal; typed values stay if it is the same form.
    pub fn open_form(&self, shell: &Shell, id: &str) {
        if shell.catalogue().submittable(id).is_none() {
            return;
        }
        {
            let mut visit = self.visit.borrow_mut();
            if visit.target_id.as_deref() != Some(id) {
                visit.target_id = Some(id.to_owned());
                visit.values.clear();
                visit.errors = FormErrors::default();
                visit.accepted = None;
                visit.consent = false;
            }
        }
        self.show_form(shell);
        shell.navigate(|nav| nav.go(Page::Form));
    }

    fn field_at(&self, shell: &Shell, index: i32) -> Option<Field> {
        let catalogue = shell.catalogue();
        let target = self.target(&catalogue)?;
        target.form().get(usize::try_from(index).ok()?).cloned()
    }

    fn key_at(&self, shell: &Shell, index: i32) -> Option<String> {
        self.field_at(shell, index).map(|field| field.key)
    }

    /// Makes field `index` the current one, and tells the keyboard whether a capital comes
    /// next.
    pub fn field_focused(&self, shell: &Shell, index: i32) {
        let capital = self.field_at(shell, index).is_some_and(|field| {
            let visit = self.visit.borrow();
            let typed = visit.values.get(&field.key).map_or("", String::as_str);
            present::capital_next(&field, typed)
        });
        shell.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_focused_field(index);
            kiosk.set_capital_next(capital);
        });
    }

    pub fn field_edited(&self, shell: &Shell, index: i32, text: &str) {
        let Some(field) = self.field_at(shell, index) else {
            return;
        };
        let capital = present::capital_next(&field, text);
        self.visit
            .borrow_mut()
            .values
            .insert(field.key, text.to_owned());
        shell.with_app(|app| app.global::<Kiosk>().set_capital_next(capital));
    }

    /// Next: the field after the current one, or from the last field what Continue does.
    pub fn next_field(&self, shell: &Shell) {
        let (current, count) = shell
            .read_app(|app| {
                let kiosk = app.global::<Kiosk>();
                (kiosk.get_focused_field(), kiosk.get_fields().row_count())
            })
            .unwrap_or((-1, 0));
        let next = current.saturating_add(1).max(0);
        if usize::try_from(next).is_ok_and(|next| next < count) {
            self.field_focused(shell, next);
        } else {
            self.to_review(shell);
        }
    }

    /// Sets field `index` to `value` (or clears it) and shows the form again.
    fn set_value(&self, shell: &Shell, index: i32, value: Option<String>) {
        let Some(key) = self.key_at(shell, index) else {
            return;
        };
        {
            let mut visit = self.visit.borrow_mut();
            visit.errors.0.remove(&key);
            match value {
                Some(value) => visit.values.insert(key, value),
                None => visit.values.remove(&key),
            };
        }
        self.show_form(shell);
        self.field_focused(shell, index);
    }

    pub fn choice_picked(&self, shell: &Shell, index: i32, value: &str) {
        self.set_value(shell, index, Some(value.to_owned()));
    }

    /// A step on the date picker, from the date on it: the one chosen, or today's.
    pub fn date_step(&self, shell: &Shell, index: i32, part: &str, delta: i32) {
        let (Some(key), Some(part)) = (self.key_at(shell, index), DatePart::named(part)) else {
            return;
        };
        let chosen = self
            .visit
            .borrow()
            .values
            .get(&key)
            .and_then(|value| form::parse_date(value));
        let date = date_picker::stepped(chosen.unwrap_or_else(|| shell.today()), part, delta);
        self.set_value(shell, index, Some(form::local_date(date)));
    }

    pub fn date_cleared(&self, shell: &Shell, index: i32) {
        self.set_value(shell, index, None);
    }

    /// The consent tick box: ticked gives consent; unticked, the field is left out.
    pub fn consent_toggled(&self, shell: &Shell, index: i32, ticked: bool) {
        if let Some(key) = self.key_at(shell, index) {
            let mut visit = self.visit.borrow_mut();
            if ticked {
                visit.values.insert(key, CONSENT_GIVEN.to_owned());
            } else {
                visit.values.remove(&key);
            }
        }
        shell.with_app(|app| app.global::<Kiosk>().set_focused_field(index));
    }

    pub fn to_review(&self, shell: &Shell) {
        let catalogue = shell.catalogue();
        let Some(target) = self.target(&catalogue) else {
            return;
        };
        let outcome = form::validate(target.form(), &self.visit.borrow().values, shell.today());
        match outcome {
            Ok(accepted) => {
                {
                    let mut visit = self.visit.borrow_mut();
                    visit.errors = FormErrors::default();
                    visit.accepted = Some(accepted);
                }
                self.show_form(shell);
                self.show_review(shell);
                shell.with_app(|app| {
                    app.global::<Kiosk>()
                        .set_submit_problem(SharedString::new())
                });
                shell.navigate(|nav| nav.go(Page::Review));
            }
            Err(errors) => {
                self.visit.borrow_mut().errors = errors;
                self.show_form(shell);
            }
        }
    }

    /// Stores the submission through the store worker; the receipt shows once it is durable.
    pub fn submit(&self, shell: &Rc<Shell>) {
        let consent = shell
            .read_app(|app| app.global::<Kiosk>().get_consent())
            .unwrap_or(false);
        let request = {
            let mut visit = self.visit.borrow_mut();
            visit.consent = consent;
            if visit.submitting || !consent {
                return;
            }
            let Some(target) = visit.target_id.clone() else {
                return;
            };
            visit.submitting = true;
            (target, visit.values.clone())
        };
        let assistance = shell.staff.assistance(shell);
        shell.navigate(|nav| nav.page = Page::Submitting);
        let (target, values) = request;
        let submitted =
            shell
                .store
                .submit(shell.catalogue(), target, values, shell.lang(), assistance);
        let weak = Rc::downgrade(shell);
        let spawned = slint::spawn_local(async move {
            let result = submitted.await;
            if let Some(shell) = weak.upgrade() {
                shell.resident.submitted(&shell, result);
            }
        });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start the submission");
            self.submitted(shell, Err(WorkerStopped));
        }
    }

    fn submitted(&self, shell: &Rc<Shell>, result: Reply<Submitted, SubmitError>) {
        self.visit.borrow_mut().submitting = false;
        match result {
            Ok(Ok(submitted)) => {
                tracing::info!(receipt = %submitted.receipt_code, "submission stored");
                let next_steps = self
                    .target(&shell.catalogue())
                    .map(|target| target.next_steps().get(shell.lang()).to_owned())
                    .unwrap_or_default();
                self.visit.borrow_mut().shown_receipt = Some(submitted.receipt_code);
                let (print_state, print_problem) = shell.print_state_on_receipt();
                shell.with_app(|app| {
                    let kiosk = app.global::<Kiosk>();
                    kiosk.set_receipt_code(submitted.receipt_code.to_string().into());
                    kiosk.set_receipt_demo(submitted.receipt_code.device() == UNENROLLED_DEVICE);
                    kiosk.set_next_steps(next_steps.into());
                    kiosk.set_print_state(print_state);
                    kiosk.set_print_problem(print_problem.into());
                });
                // Durable first, then printed: the worker reads the receipt from the store.
                shell.printer.print_waiting();
                if let Some(sync) = &shell.sync {
                    sync.nudge();
                }
                shell.navigate(|nav| nav.restart_at(Page::Receipt));
                shell.refresh_waiting();
            }
            Ok(Err(SubmitError::Invalid(errors))) => {
                self.visit.borrow_mut().errors = errors;
                self.show_form(shell);
                shell.navigate(|nav| nav.page = Page::Form);
            }
            Ok(Err(error)) => self.submit_failed(shell, &error.to_string()),
            Err(error) => self.submit_failed(shell, &error.to_string()),
        }
    }

    /// Nothing was stored: say so, keep everything typed, and let the resident try again.
    fn submit_failed(&self, shell: &Shell, error: &str) {
        tracing::error!(error, "submission could not be stored");
        let problem = shell.tr("submit-failed");
        shell.with_app(|app| app.global::<Kiosk>().set_submit_problem(problem.into()));
        shell.navigate(|nav| nav.page = Page::Review);
    }

    /// The printer printed `code`: if it is the receipt on screen, say so.
    pub fn printed(&self, shell: &Shell, code: ReceiptCode) {
        if self.visit.borrow().shown_receipt == Some(code) {
            shell.with_app(|app| app.global::<Kiosk>().set_print_state(PrintState::Printed));
        }
    }

    /// The printer could not print `code`: if it is the receipt on screen, say why.
    pub fn not_printed(&self, shell: &Shell, code: ReceiptCode, error_code: &str) {
        if self.visit.borrow().shown_receipt != Some(code) {
            return;
        }
        let problem = shell.tr(present::print_problem(error_code));
        shell.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_print_state(PrintState::Failed);
            kiosk.set_print_problem(problem.into());
        });
    }
}
