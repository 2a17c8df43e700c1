//! Wires the screens to the catalogue, the store and the translations, and keeps one
//! resident's session.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::catalogue::{Catalogue, Submittable};
use mahalla_protocol::form;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::Assistance;
use mahalla_protocol::{ErrorCode, UZBEKISTAN};
use slint::{ComponentHandle, Model, ModelRc, SharedString, VecModel};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::format_description;

use super::session::{Session, StatusOutcome};
use super::wizard::{Setup, WizardState};
use super::{
    AppWindow, Kiosk, Page, PrintState, Staff, StatusLine, StatusView, Theme, Tr, Wizard, keyboard,
    present,
};
use crate::i18n::Translations;
use crate::printer::worker::{PrintWorker, PrinterEvent};
use crate::store::{StatusRecord, Store, StoreError, SubmitError, Submitted};
use crate::store_worker::{StoreWorker, WorkerStopped};
use crate::sync::SyncHandle;

/// How long the "are you still there?" question waits before wiping.
pub const IDLE_COUNTDOWN_SECS: u32 = 20;

/// What the controller needs from the rest of the terminal.
pub struct Dependencies {
    pub catalogue: Arc<Catalogue>,
    pub translations: Translations,
    pub store: StoreWorker,
    pub default_lang: Lang,
    pub idle_timeout: Duration,
    /// The receipt printer; `None` where there is none at all (tests, the tour).
    pub printer: Option<PrinterLink>,
    /// The background sync with the portal, if it runs.
    pub sync: Option<SyncHandle>,
    /// What the first-boot wizard needs; `None` where it never runs (demo, tests).
    pub setup: Option<Setup>,
}

/// How often the header's connectivity and waiting count are refreshed.
const CONNECTIVITY_POLL: Duration = Duration::from_secs(3);

/// The printer worker, if it could be started, and the events it reports. The events stay
/// connected without a worker: one set up later in the wizard reports through them.
pub struct PrinterLink {
    pub worker: Option<PrintWorker>,
    pub events: std::sync::mpsc::Receiver<PrinterEvent>,
}

pub struct Controller {
    pub(super) app: slint::Weak<AppWindow>,
    pub(super) deps: Dependencies,
    /// Replaced when the wizard sets up another printer.
    pub(super) printer: RefCell<Option<PrintWorker>>,
    /// The last thing the printer reported, as a message id, for the staff's printer page.
    pub(super) printer_state: RefCell<String>,
    pub(super) wizard: RefCell<WizardState>,
    /// The receipt on screen, so printer events about it reach the resident.
    shown_receipt: Cell<Option<ReceiptCode>>,
    pub(super) session: RefCell<Session>,
    /// Fires once the resident has done nothing for the idle timeout.
    idle_timer: slint::Timer,
    /// Counts the "are you still there?" question down, once a second.
    countdown_timer: slint::Timer,
    seconds_left: Cell<u32>,
    connectivity_timer: slint::Timer,
}

impl Controller {
    /// Connects every callback of `app` and shows the start screen.
    pub fn attach(app: &AppWindow, mut deps: Dependencies) -> Rc<Controller> {
        let printer = deps.printer.take();
        let (printer, printer_events) = match printer {
            Some(link) => (link.worker, Some(link.events)),
            None => (None, None),
        };
        let printer_state = if printer.is_some() {
            "staff-printer-ready"
        } else {
            "printer-offline"
        };
        let controller = Rc::new(Controller {
            app: app.as_weak(),
            printer: RefCell::new(printer),
            printer_state: RefCell::new(printer_state.to_owned()),
            wizard: RefCell::new(WizardState::default()),
            shown_receipt: Cell::new(None),
            session: RefCell::new(Session::new(deps.default_lang)),
            deps,
            idle_timer: slint::Timer::default(),
            countdown_timer: slint::Timer::default(),
            seconds_left: Cell::new(0),
            connectivity_timer: slint::Timer::default(),
        });
        controller.connect(app);
        let tr_handle = Rc::downgrade(&controller);
        app.global::<Tr>().on_tr(move |id, lang| {
            tr_handle
                .upgrade()
                .map(|c| c.deps.translations.text(lang_of(&lang), &id).into())
                .unwrap_or_default()
        });
        let count_handle = Rc::downgrade(&controller);
        app.global::<Tr>().on_tr_count(move |id, lang, count| {
            count_handle
                .upgrade()
                .map(|c| {
                    c.deps
                        .translations
                        .count(lang_of(&lang), &id, i64::from(count))
                        .into()
                })
                .unwrap_or_default()
        });
        app.global::<Kiosk>()
            .set_languages(ModelRc::new(VecModel::from(present::languages())));
        let idle = Rc::downgrade(&controller);
        controller.idle_timer.start(
            slint::TimerMode::SingleShot,
            controller.deps.idle_timeout,
            move || {
                if let Some(controller) = idle.upgrade() {
                    controller.idle_expired();
                }
            },
        );
        if let Some(events) = printer_events {
            controller.listen_to_printer(events);
        }
        if controller.deps.sync.is_some() {
            let polling = Rc::downgrade(&controller);
            controller.connectivity_timer.start(
                slint::TimerMode::Repeated,
                CONNECTIVITY_POLL,
                move || {
                    if let Some(controller) = polling.upgrade() {
                        controller.refresh_connectivity();
                    }
                },
            );
        }
        controller.show_everything();
        controller.refresh_waiting();
        controller.resume_setup();
        controller
    }

    /// Brings the printer's events to the UI thread, one at a time.
    fn listen_to_printer(self: &Rc<Self>, events: std::sync::mpsc::Receiver<PrinterEvent>) {
        let (forward, mut incoming) = tokio::sync::mpsc::unbounded_channel();
        let bridge = std::thread::Builder::new()
            .name("printer-events".to_owned())
            .spawn(move || {
                for event in events {
                    if forward.send(event).is_err() {
                        break;
                    }
                }
            });
        if let Err(error) = bridge {
            tracing::error!(%error, "printer events will not reach the screen");
            return;
        }
        let weak = Rc::downgrade(self);
        let listening = slint::spawn_local(async move {
            while let Some(event) = incoming.recv().await {
                match weak.upgrade() {
                    Some(controller) => controller.printer_event(event),
                    None => break,
                }
            }
        });
        if let Err(error) = listening {
            tracing::error!(%error, "printer events will not reach the screen");
        }
    }

    /// The header's online indicator and waiting count, from the sync worker and the store.
    fn refresh_connectivity(self: &Rc<Self>) {
        let online = self.deps.sync.as_ref().is_some_and(SyncHandle::online);
        self.with_app(|app| app.global::<Kiosk>().set_online(online));
        self.refresh_waiting();
        if self.session.borrow().page == Page::StaffSync {
            self.show_sync();
        }
    }

    fn printer_event(&self, event: PrinterEvent) {
        tracing::info!(?event, "printer");
        let state = match &event {
            PrinterEvent::Printed { .. } => "ready",
            PrinterEvent::NotPrinted { error, .. } => error.code(),
            PrinterEvent::PaperNearEnd => "paper-near-end",
            PrinterEvent::Store(_) => "store-error",
        };
        if let Some(sync) = &self.deps.sync {
            sync.set_printer_state(state);
        }
        *self.printer_state.borrow_mut() = match &event {
            PrinterEvent::Printed { .. } => "staff-printer-ready".to_owned(),
            PrinterEvent::NotPrinted { error, .. } => {
                present::print_problem(error.code()).to_owned()
            }
            PrinterEvent::PaperNearEnd => "staff-paper-low".to_owned(),
            PrinterEvent::Store(_) => "submit-failed".to_owned(),
        };
        self.show_printer_state();
        let shown = self.shown_receipt.get();
        match event {
            PrinterEvent::Printed { code, .. } if Some(code) == shown => {
                self.with_app(|app| app.global::<Kiosk>().set_print_state(PrintState::Printed));
            }
            PrinterEvent::NotPrinted { code, error } if Some(code) == shown => {
                let problem = self.tr(present::print_problem(error.code()));
                self.with_app(|app| {
                    let kiosk = app.global::<Kiosk>();
                    kiosk.set_print_state(PrintState::Failed);
                    kiosk.set_print_problem(problem.into());
                });
            }
            PrinterEvent::PaperNearEnd => {
                self.with_app(|app| app.global::<Kiosk>().set_paper_low(true));
            }
            PrinterEvent::Printed { .. }
            | PrinterEvent::NotPrinted { .. }
            | PrinterEvent::Store(_) => {}
        }
    }

    fn connect(self: &Rc<Self>, app: &AppWindow) {
        let kiosk = app.global::<Kiosk>();
        macro_rules! on {
            ($setter:ident, |$c:ident $(, $arg:ident)*| $body:expr) => {{
                let weak: Weak<Controller> = Rc::downgrade(self);
                kiosk.$setter(move |$($arg),*| {
                    if let Some($c) = weak.upgrade() {
                        $c.activity();
                        $body
                    }
                });
            }};
        }
        on!(on_choose_language, |c, tag| c.choose_language(&tag));
        on!(on_begin, |c| c.navigate(|s| s.go(Page::Home)));
        on!(on_go_back, |c| c.navigate(Session::back));
        on!(on_go_home, |c| c.navigate(Session::home));
        on!(on_open_services, |c| c.navigate(|s| s.go(Page::Services)));
        on!(on_open_appeals, |c| c.navigate(|s| s.go(Page::Appeals)));
        on!(on_open_status_check, |c| c.open_status_check());
        on!(on_open_service, |c, id| c.open_service(&id));
        on!(on_open_appeal, |c, id| c.open_form(&id));
        on!(on_start_form, |c| c.start_form());
        on!(on_field_edited, |c, index, text| c
            .field_edited(index, &text));
        on!(on_field_focused, |c, index| c.with_app(|app| app
            .global::<Kiosk>()
            .set_focused_field(index)));
        on!(on_choice_picked, |c, index, value| c
            .choice_picked(index, &value));
        on!(on_to_review, |c| c.to_review());
        on!(on_submit, |c| c.submit());
        on!(on_finish, |c| c.finish());
        on!(on_check_status, |c, text| c.check_status(&text));
        // Every callback counts as activity, so these two need nothing more.
        on!(on_still_here, |c| ());
        on!(on_activity, |c| ());
        on!(on_type_text, |c, text| c
            .with_app(|app| keyboard::type_text(app.window(), &text)));
        on!(on_type_key, |c, key| c.type_key(&key));

        let wizard = app.global::<Wizard>();
        macro_rules! on_wizard {
            ($setter:ident, |$c:ident $(, $arg:ident)*| $body:expr) => {{
                let weak: Weak<Controller> = Rc::downgrade(self);
                wizard.$setter(move |$($arg),*| {
                    if let Some($c) = weak.upgrade() {
                        $c.activity();
                        $body
                    }
                });
            }};
        }
        on_wizard!(on_next, |c| c.wizard_next());
        on_wizard!(on_back, |c| c.wizard_back());
        on_wizard!(on_check_network, |c| c.check_network());
        on_wizard!(on_accept_mahalla, |c| c.accept_mahalla());
        on_wizard!(on_find_printers, |c| c.find_printers());
        on_wizard!(on_choose_port, |c, index| c.choose_port(index));
        on_wizard!(on_test_print, |c| c.test_print());

        let staff = app.global::<Staff>();
        macro_rules! on_staff {
            ($setter:ident, |$c:ident $(, $arg:ident)*| $body:expr) => {{
                let weak: Weak<Controller> = Rc::downgrade(self);
                staff.$setter(move |$($arg),*| {
                    if let Some($c) = weak.upgrade() {
                        $c.activity();
                        $body
                    }
                });
            }};
        }
        on_staff!(on_open_pin_pad, |c| c.open_pin_pad());
        on_staff!(on_enter_pin, |c, pin| c.enter_pin(pin.to_string()));
        on_staff!(on_open, |c, page| c.open_staff_page(page));
        on_staff!(on_assisted_submission, |c| c.assisted_submission());
        on_staff!(on_sync_now, |c| c.sync_now());
        on_staff!(on_reprint, |c, code| c.reprint(&code));
        on_staff!(on_sign_out, |c| c.sign_out());
    }

    /// Awaits `future` on the UI thread, then hands its output to `then`.
    pub(super) fn when_ready<T: 'static>(
        self: &Rc<Self>,
        future: impl Future<Output = T> + 'static,
        then: impl FnOnce(&Rc<Controller>, T) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let spawned = slint::spawn_local(async move {
            let value = future.await;
            if let Some(controller) = weak.upgrade() {
                then(&controller, value);
            }
        });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start work for the screen");
        }
    }

    /// Runs `job` on the store thread; `then` gets its result on the UI thread.
    pub(super) fn with_store<T: Send + 'static>(
        self: &Rc<Self>,
        job: impl FnOnce(&mut Store) -> T + Send + 'static,
        then: impl FnOnce(&Rc<Controller>, Result<T, WorkerStopped>) + 'static,
    ) {
        let store = self.deps.store.clone();
        self.when_ready(async move { store.run(job).await }, then);
    }

    /// Runs a slow `job` (network, serial port) on a thread of its own; `then` gets its
    /// result on the UI thread, or `None` if the thread could not run.
    pub(super) fn in_background<T: Send + 'static>(
        self: &Rc<Self>,
        job: impl FnOnce() -> T + Send + 'static,
        then: impl FnOnce(&Rc<Controller>, Option<T>) + 'static,
    ) {
        let (reply, result) = tokio::sync::oneshot::channel();
        let started = std::thread::Builder::new()
            .name("kiosk-job".to_owned())
            .spawn(move || {
                let _ = reply.send(job());
            });
        if let Err(error) = started {
            tracing::error!(%error, "cannot start a background job");
        }
        self.when_ready(async move { result.await.ok() }, then);
    }

    pub(super) fn with_app(&self, f: impl FnOnce(&AppWindow)) {
        if let Some(app) = self.app.upgrade() {
            f(&app);
        }
    }

    /// The service or appeal whose form the session is filling.
    fn target_of(&self, session: &Session) -> Option<Submittable<'_>> {
        self.deps
            .catalogue
            .submittable(session.target_id.as_deref()?)
    }

    pub(super) fn lang(&self) -> Lang {
        self.session.borrow().lang
    }

    /// The texts the screens show.
    pub fn translations(&self) -> &Translations {
        &self.deps.translations
    }

    pub(super) fn tr(&self, id: &str) -> String {
        self.deps.translations.text(self.lang(), id)
    }

    // Navigation and what each page shows.

    pub(super) fn navigate(&self, step: impl FnOnce(&mut Session)) {
        step(&mut self.session.borrow_mut());
        if self.session.borrow().page == Page::Start {
            self.wipe();
        } else {
            self.show_page();
        }
    }

    pub(super) fn show_page(&self) {
        let page = self.session.borrow().page;
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_page(page);
            if page != Page::Form {
                kiosk.set_focused_field(-1);
            }
        });
    }

    /// Puts every text and list on screen in the session's language, keeping what was typed.
    pub(super) fn show_everything(&self) {
        let lang = self.lang();
        let catalogue = &self.deps.catalogue;
        self.with_app(|app| {
            app.global::<Tr>().set_lang(lang.tag().into());
            let kiosk = app.global::<Kiosk>();
            kiosk.set_letter_layout(present::letter_layout(lang).into());
            kiosk.set_categories(ModelRc::new(VecModel::from(present::categories(
                catalogue, lang,
            ))));
            kiosk.set_appeals(ModelRc::new(VecModel::from(present::appeals(
                catalogue, lang,
            ))));
        });
        self.show_service();
        self.show_form();
        self.show_review();
        self.show_page();
    }

    fn show_service(&self) {
        let session = self.session.borrow();
        let Some(service) = session
            .service_id
            .as_deref()
            .and_then(|id| self.deps.catalogue.service(id))
        else {
            return;
        };
        let detail = present::service_detail(
            &self.deps.catalogue,
            service,
            session.lang,
            &self.deps.translations,
        );
        self.with_app(|app| app.global::<Kiosk>().set_service(detail));
    }

    /// The form rows. When the same form is already shown, rows are updated in place so the
    /// field being typed into keeps its focus.
    fn show_form(&self) {
        let session = self.session.borrow();
        let Some(target) = self.target_of(&session) else {
            return;
        };
        let rows = present::form_rows(
            target.form(),
            &session.values,
            &session.errors,
            session.lang,
            &self.deps.translations,
        );
        let title = present::form_title(&target, session.lang);
        let has_errors = !session.errors.0.is_empty();
        self.with_app(|app| {
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

    fn show_review(&self) {
        let session = self.session.borrow();
        let (Some(target), Some(accepted)) = (self.target_of(&session), session.accepted.as_ref())
        else {
            return;
        };
        let lines = present::review_lines(
            target.form(),
            accepted,
            session.lang,
            &self.deps.translations,
        );
        let consent = session.consent;
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_review(ModelRc::new(VecModel::from(lines)));
            kiosk.set_consent(consent);
        });
    }

    fn choose_language(self: &Rc<Self>, tag: &str) {
        let Some(lang) = Lang::from_tag(tag) else {
            return;
        };
        self.session.borrow_mut().lang = lang;
        self.show_everything();
        self.show_status();
        self.show_staff_page();
    }

    fn open_service(&self, id: &str) {
        self.session.borrow_mut().service_id = Some(id.to_owned());
        self.show_service();
        self.navigate(|s| s.go(Page::Service));
    }

    fn start_form(&self) {
        let id = self.session.borrow().service_id.clone();
        if let Some(id) = id {
            self.open_form(&id);
        }
    }

    /// Opens the form of a service or appeal; typed values stay if it is the same form.
    fn open_form(&self, id: &str) {
        if self.deps.catalogue.submittable(id).is_none() {
            return;
        }
        {
            let mut session = self.session.borrow_mut();
            if session.target_id.as_deref() != Some(id) {
                session.target_id = Some(id.to_owned());
                session.values.clear();
                session.errors = form::FormErrors::default();
                session.accepted = None;
                session.consent = false;
            }
        }
        self.show_form();
        self.navigate(|s| s.go(Page::Form));
    }

    fn key_at(&self, index: i32) -> Option<String> {
        let session = self.session.borrow();
        let target = self.target_of(&session)?;
        let field = target.form().get(usize::try_from(index).ok()?)?;
        Some(field.key.clone())
    }

    fn field_edited(&self, index: i32, text: &str) {
        if let Some(key) = self.key_at(index) {
            self.session
                .borrow_mut()
                .values
                .insert(key, text.to_owned());
        }
    }

    fn choice_picked(&self, index: i32, value: &str) {
        if let Some(key) = self.key_at(index) {
            {
                let mut session = self.session.borrow_mut();
                session.values.insert(key.clone(), value.to_owned());
                session.errors.0.remove(&key);
            }
            self.show_form();
        }
    }

    fn type_key(&self, key: &str) {
        let on_form = self.session.borrow().page == Page::Form;
        self.with_app(|app| match key {
            "backspace" => keyboard::backspace(app.window()),
            // In a form, "next" moves to the following field; elsewhere it confirms.
            "enter" if on_form => keyboard::next_field(app.window()),
            "enter" => keyboard::enter(app.window()),
            _ => {}
        });
    }

    fn to_review(&self) {
        let outcome = {
            let session = self.session.borrow();
            let Some(target) = self.target_of(&session) else {
                return;
            };
            form::validate(target.form(), &session.values, local_today())
        };
        match outcome {
            Ok(accepted) => {
                {
                    let mut session = self.session.borrow_mut();
                    session.errors = form::FormErrors::default();
                    session.accepted = Some(accepted);
                }
                self.show_form();
                self.show_review();
                self.with_app(|app| {
                    app.global::<Kiosk>()
                        .set_submit_problem(SharedString::new())
                });
                self.navigate(|s| s.go(Page::Review));
            }
            Err(errors) => {
                self.session.borrow_mut().errors = errors;
                self.show_form();
            }
        }
    }

    fn submit(self: &Rc<Self>) {
        let request = {
            let mut session = self.session.borrow_mut();
            let consent = self
                .app
                .upgrade()
                .is_some_and(|app| app.global::<Kiosk>().get_consent());
            session.consent = consent;
            if session.submitting || !consent {
                return;
            }
            let Some(target) = session.target_id.clone() else {
                return;
            };
            let values = session.values.clone();
            let assistance = session
                .staff
                .as_ref()
                .filter(|_| session.assisted)
                .map(|staff| Assistance {
                    staff_id: staff.id,
                    identity_document_checked: self
                        .app
                        .upgrade()
                        .is_some_and(|app| app.global::<Staff>().get_identity_checked()),
                });
            session.submitting = true;
            session.page = Page::Submitting;
            (target, values, session.lang, assistance)
        };
        self.show_page();
        let catalogue = Arc::clone(&self.deps.catalogue);
        let store = self.deps.store.clone();
        let weak = Rc::downgrade(self);
        let spawned = slint::spawn_local(async move {
            let (target, values, lang, assistance) = request;
            let result = store
                .run(move |store| match assistance {
                    Some(assistance) => {
                        store.submit_assisted(&catalogue, &target, &values, lang, assistance)
                    }
                    None => store.submit(&catalogue, &target, &values, lang),
                })
                .await;
            if let Some(controller) = weak.upgrade() {
                controller.submitted(result);
            }
        });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start the submission");
            self.submitted(Err(WorkerStopped));
        }
    }

    fn submitted(self: &Rc<Self>, result: Result<Result<Submitted, SubmitError>, WorkerStopped>) {
        self.session.borrow_mut().submitting = false;
        match result {
            Ok(Ok(submitted)) => {
                tracing::info!(receipt = %submitted.receipt_code, "submission stored");
                let next_steps = {
                    let session = self.session.borrow();
                    self.target_of(&session)
                        .map(|target| target.next_steps().get(session.lang).to_owned())
                        .unwrap_or_default()
                };
                let no_printer = self.tr("printer-offline");
                self.shown_receipt.set(Some(submitted.receipt_code));
                let printing = self.printer.borrow().is_some();
                self.with_app(|app| {
                    let kiosk = app.global::<Kiosk>();
                    kiosk.set_receipt_code(submitted.receipt_code.to_string().into());
                    kiosk.set_next_steps(next_steps.into());
                    if printing {
                        kiosk.set_print_state(PrintState::Printing);
                        kiosk.set_print_problem(SharedString::new());
                    } else {
                        kiosk.set_print_state(PrintState::Failed);
                        kiosk.set_print_problem(no_printer.into());
                    }
                });
                // Durable first, then printed: the worker reads the receipt from the store.
                if let Some(printer) = self.printer.borrow().as_ref() {
                    printer.print_waiting();
                }
                if let Some(sync) = &self.deps.sync {
                    sync.nudge();
                }
                {
                    let mut session = self.session.borrow_mut();
                    session.history.clear();
                    session.page = Page::Receipt;
                }
                self.show_page();
                self.refresh_waiting();
            }
            Ok(Err(SubmitError::Invalid(errors))) => {
                self.session.borrow_mut().errors = errors;
                self.show_form();
                self.navigate(|s| s.page = Page::Form);
            }
            Ok(Err(error)) => self.submit_failed(&error.to_string()),
            Err(error) => self.submit_failed(&error.to_string()),
        }
    }

    /// Nothing was stored: say so, keep everything typed, and let the resident try again.
    fn submit_failed(&self, error: &str) {
        tracing::error!(error, "submission could not be stored");
        let problem = self.tr("submit-failed");
        self.with_app(|app| app.global::<Kiosk>().set_submit_problem(problem.into()));
        self.navigate(|s| s.page = Page::Review);
    }

    pub(super) fn refresh_waiting(self: &Rc<Self>) {
        let store = self.deps.store.clone();
        let weak = Rc::downgrade(self);
        let spawned = slint::spawn_local(async move {
            match store.run(|store| store.waiting_count()).await {
                Ok(Ok(waiting)) => {
                    if let Some(controller) = weak.upgrade() {
                        let waiting = i32::try_from(waiting).unwrap_or(i32::MAX);
                        controller.with_app(|app| app.global::<Kiosk>().set_waiting(waiting));
                    }
                }
                Ok(Err(error)) => tracing::warn!(%error, "cannot count the queue"),
                Err(error) => tracing::warn!(%error, "cannot count the queue"),
            }
        });
        if let Err(error) = spawned {
            tracing::warn!(%error, "cannot count the queue");
        }
    }

    // Status check.

    fn open_status_check(&self) {
        self.session.borrow_mut().status = None;
        self.show_status();
        self.navigate(|s| s.go(Page::StatusCheck));
    }

    fn check_status(self: &Rc<Self>, typed: &str) {
        let code = match ReceiptCode::parse(typed) {
            Ok(code) => code,
            Err(error) => {
                self.session.borrow_mut().status = Some(StatusOutcome::Invalid(error));
                self.show_status();
                return;
            }
        };
        let store = self.deps.store.clone();
        let weak = Rc::downgrade(self);
        let spawned = slint::spawn_local(async move {
            let found = store.run(move |store| store.status(&code)).await;
            if let Some(controller) = weak.upgrade() {
                controller.status_found(code, found);
            }
        });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot look up the status");
        }
    }

    fn status_found(
        &self,
        code: ReceiptCode,
        found: Result<Result<Option<StatusRecord>, StoreError>, WorkerStopped>,
    ) {
        let outcome = match found {
            Ok(Ok(Some(record))) => StatusOutcome::Found(code, record),
            Ok(Ok(None)) => StatusOutcome::NotFound,
            Ok(Err(error)) => {
                tracing::error!(%error, "status lookup failed");
                StatusOutcome::Unavailable
            }
            Err(error) => {
                tracing::error!(%error, "status lookup failed");
                StatusOutcome::Unavailable
            }
        };
        self.session.borrow_mut().status = Some(outcome);
        self.show_status();
    }

    /// The last status check, in the current language.
    fn show_status(&self) {
        let view = match &self.session.borrow().status {
            None => StatusView::default(),
            Some(StatusOutcome::Found(code, record)) => self.status_view(*code, record),
            Some(outcome) => {
                let id = match outcome {
                    StatusOutcome::Invalid(error) => format!("error-{}", error.code()),
                    StatusOutcome::NotFound => "status-not-found".to_owned(),
                    _ => "status-unavailable".to_owned(),
                };
                StatusView {
                    searched: true,
                    problem: self.tr(&id).into(),
                    ..StatusView::default()
                }
            }
        };
        self.with_app(|app| app.global::<Kiosk>().set_status(view));
    }

    fn status_view(&self, code: ReceiptCode, record: &StatusRecord) -> StatusView {
        let lang = self.lang();
        let service = self
            .deps
            .catalogue
            .submittable(&record.target_id)
            .map(|target| target.name().get(lang).to_owned())
            .unwrap_or_else(|| record.target_id.clone());
        let state = super::staff::state_id(record.state);
        let history: Vec<StatusLine> = record
            .history
            .iter()
            .map(|change| StatusLine {
                status: self.tr(&format!("portal-status-{}", change.status)).into(),
                at: local_time(&change.changed_at).into(),
                answer: change.answer.clone().unwrap_or_default().into(),
            })
            .collect();
        StatusView {
            searched: true,
            found: true,
            problem: SharedString::new(),
            code: code.to_string().into(),
            service: service.into(),
            created: self
                .deps
                .translations
                .with(
                    lang,
                    "status-created",
                    &[("date", &local_time(&record.created_at))],
                )
                .into(),
            state: self.tr(state).into(),
            history: ModelRc::new(VecModel::from(history)),
        }
    }

    // Idle: ask, count down, then wipe.

    /// Any touch: the resident is still there.
    pub(super) fn activity(&self) {
        self.countdown_timer.stop();
        self.idle_timer.restart();
        self.with_app(|app| app.global::<Kiosk>().set_idle_warning(false));
    }

    fn idle_expired(self: &Rc<Self>) {
        if !self.session.borrow().is_idle_worthy() {
            return;
        }
        self.seconds_left.set(IDLE_COUNTDOWN_SECS);
        self.show_countdown();
        let counting = Rc::downgrade(self);
        self.countdown_timer.start(
            slint::TimerMode::Repeated,
            Duration::from_secs(1),
            move || {
                if let Some(controller) = counting.upgrade() {
                    controller.countdown_tick();
                }
            },
        );
    }

    fn countdown_tick(self: &Rc<Self>) {
        let left = self.seconds_left.get().saturating_sub(1);
        self.seconds_left.set(left);
        if left == 0 {
            tracing::info!("idle: session wiped");
            if let Some(staff) = self.session.borrow().staff.as_ref() {
                let actor = staff.actor();
                self.with_store(
                    move |store| store.audit(&actor, "staff.signed-out-idle", ""),
                    |_, _| {},
                );
            }
            self.wipe();
        } else {
            self.show_countdown();
        }
    }

    fn show_countdown(&self) {
        let left = i32::try_from(self.seconds_left.get()).unwrap_or(i32::MAX);
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_idle_warning(true);
            kiosk.set_idle_seconds_left(left);
        });
    }

    /// The receipt is taken: staff go back to their menu, a resident's visit is wiped.
    fn finish(&self) {
        let staff = self.session.borrow().staff.clone();
        match staff {
            Some(staff) => self.start_visit(Session::for_staff(self.deps.default_lang, staff)),
            None => self.wipe(),
        }
    }

    /// Forgets everything of this visit, signs staff out, and returns to the start screen
    /// (or to the wizard on a terminal not yet set up).
    pub fn wipe(&self) {
        if let Some(staff) = self.session.borrow().staff.as_ref() {
            tracing::info!(staff = staff.id, "staff signed out");
        }
        let mut fresh = Session::new(self.deps.default_lang);
        if self.wizard.borrow().active {
            fresh.lang = self.session.borrow().lang;
            fresh.page = Page::Wizard;
        }
        self.start_visit(fresh);
    }

    /// Replaces the session with `fresh` and clears everything the last one put on screen.
    fn start_visit(&self, fresh: Session) {
        let staff_name = fresh
            .staff
            .as_ref()
            .map(|staff| staff.name.clone())
            .unwrap_or_default();
        *self.session.borrow_mut() = fresh;
        self.countdown_timer.stop();
        self.shown_receipt.set(None);
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_idle_warning(false);
            kiosk.set_fields(ModelRc::default());
            kiosk.set_review(ModelRc::default());
            kiosk.set_consent(false);
            kiosk.set_form_has_errors(false);
            kiosk.set_receipt_code(SharedString::new());
            kiosk.set_status(StatusView::default());
            kiosk.set_submit_problem(SharedString::new());
            let theme = app.global::<Theme>();
            theme.set_large_text(false);
            theme.set_high_contrast(false);
            let staff = app.global::<Staff>();
            staff.set_name(staff_name.into());
            staff.set_assisted(false);
            staff.set_identity_checked(false);
            staff.set_pin_problem(SharedString::new());
            staff.set_reprint_result(SharedString::new());
            staff.set_queue(ModelRc::default());
            staff.set_sync_summary(SharedString::new());
            staff.set_sync_last_error(SharedString::new());
            staff.set_sync_total(0);
            staff.set_counts_today(ModelRc::default());
            staff.set_counts_week(ModelRc::default());
        });
        self.show_everything();
    }
}

fn lang_of(tag: &str) -> Lang {
    Lang::from_tag(tag).unwrap_or_default()
}

fn local_today() -> time::Date {
    OffsetDateTime::now_utc().to_offset(UZBEKISTAN).date()
}

/// An RFC 3339 time as the resident reads it: day.month.year hours:minutes, Tashkent time.
pub(super) fn local_time(rfc3339: &str) -> String {
    OffsetDateTime::parse(rfc3339, &Rfc3339)
        .ok()
        .and_then(|time| {
            time.to_offset(UZBEKISTAN)
                .format(format_description!("[day].[month].[year] [hour]:[minute]"))
                .ok()
        })
        .unwrap_or_else(|| rfc3339.to_owned())
}
