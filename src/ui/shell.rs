//! The shell around the three flows: the window, navigation, the language, the header, the
//! idle timeout and the on-screen keyboard's routing. It owns the flows — [`Resident`],
//! [`WizardFlow`], [`StaffFlow`] — and hands every callback of the screens to the one it
//! belongs to. A flow's methods take the shell as their context: their own state is `self`,
//! the window, the services and the other flows are the shell's.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::rc::{Rc, Weak};
use std::sync::Arc;
use std::time::Duration;

use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use time::OffsetDateTime;

use super::icons::Icons;
use super::navigation::Navigation;
use super::receipt_printer::ReceiptPrinter;
use super::resident::Resident;
use super::software_update::{SoftwareUpdates, UpdateSetup};
use super::staff::StaffFlow;
use super::status_check::StatusCheck;
use super::wizard::{Setup, WizardFlow};
use super::{AppWindow, Kiosk, Page, PrintState, Staff, Theme, Tr, Wizard, keyboard, present};
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::printer::worker::{PrintWorker, PrinterEvent};
use mahalla_kiosk_core::store::{StaffMember, corrected};
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_kiosk_core::sync::SyncHandle;

/// How long the "are you still there?" question waits before wiping.
pub const IDLE_COUNTDOWN_SECS: u32 = 20;

/// How often the header's connectivity and waiting count are refreshed.
const CONNECTIVITY_POLL: Duration = Duration::from_secs(3);

/// What the screens need from the rest of the terminal.
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
    /// Where software updates are kept; `None` where there are none (tests, the tour).
    pub software_update: Option<UpdateSetup>,
}

/// The printer worker, if it could be started, and the events it reports. The events stay
/// connected without a worker: one set up later in the wizard reports through them.
pub struct PrinterLink {
    pub worker: Option<PrintWorker>,
    pub events: std::sync::mpsc::Receiver<PrinterEvent>,
}

pub struct Shell {
    /// This shell, for work it starts from methods that only borrow it.
    me: Weak<Shell>,
    app: slint::Weak<AppWindow>,
    /// Replaced between visits when the portal has sent a newer one.
    catalogue: RefCell<Arc<Catalogue>>,
    pub translations: Translations,
    /// The only way to the store: each verb is a job on the store thread.
    pub store: StoreWorker,
    pub sync: Option<SyncHandle>,
    pub printer: ReceiptPrinter,
    default_lang: Lang,
    nav: RefCell<Navigation>,
    pub resident: Resident,
    pub status_check: StatusCheck,
    pub wizard: WizardFlow,
    pub staff: StaffFlow,
    pub software_updates: SoftwareUpdates,
    /// Fires once the person at the screen has done nothing for the idle timeout.
    idle_timer: slint::Timer,
    idle_timeout: Duration,
    /// Counts the "are you still there?" question down, once a second.
    countdown_timer: slint::Timer,
    seconds_left: Cell<u32>,
    connectivity_timer: slint::Timer,
    /// The store's clock offset, read at start and with each connectivity check.
    clock_offset_ms: Cell<i64>,
    icons: Icons,
}

impl Shell {
    /// Connects every callback of `app` and shows the start screen (or the wizard, on a
    /// terminal not set up yet).
    pub fn attach(app: &AppWindow, deps: Dependencies) -> Rc<Shell> {
        let (worker, printer_events) = match deps.printer {
            Some(link) => (link.worker, Some(link.events)),
            None => (None, None),
        };
        let shell = Rc::new_cyclic(|me| Shell {
            me: me.clone(),
            app: app.as_weak(),
            catalogue: RefCell::new(deps.catalogue),
            translations: deps.translations,
            store: deps.store,
            sync: deps.sync,
            printer: ReceiptPrinter::new(worker),
            default_lang: deps.default_lang,
            nav: RefCell::new(Navigation::at(deps.default_lang, Page::Start)),
            resident: Resident::default(),
            status_check: StatusCheck::default(),
            wizard: WizardFlow::new(deps.setup),
            staff: StaffFlow::default(),
            software_updates: SoftwareUpdates::new(deps.software_update),
            icons: Icons::load(),
            idle_timer: slint::Timer::default(),
            idle_timeout: deps.idle_timeout,
            countdown_timer: slint::Timer::default(),
            seconds_left: Cell::new(0),
            connectivity_timer: slint::Timer::default(),
            clock_offset_ms: Cell::new(0),
        });
        shell.connect(app);
        shell.translate(app);
        app.global::<Kiosk>()
            .set_languages(ModelRc::new(VecModel::from(present::languages())));
        let idle = Rc::downgrade(&shell);
        shell.idle_timer.start(
            slint::TimerMode::SingleShot,
            shell.idle_timeout,
            move || {
                if let Some(shell) = idle.upgrade() {
                    shell.idle_expired();
                }
            },
        );
        if let Some(events) = printer_events {
            shell.listen_to_printer(events);
        }
        if shell.sync.is_some() {
            let polling = Rc::downgrade(&shell);
            shell.connectivity_timer.start(
                slint::TimerMode::Repeated,
                CONNECTIVITY_POLL,
                move || {
                    if let Some(shell) = polling.upgrade() {
                        shell.refresh_connectivity();
                    }
                },
            );
        }
        shell.show_everything();
        shell.refresh_waiting();
        shell.refresh_demo();
        shell.refresh_clock();
        shell.refresh_catalogue();
        shell.wizard.resume(&shell);
        shell.software_updates.start(&shell);
        shell
    }

    /// The catalogue the screens show and validate against.
    pub fn catalogue(&self) -> Arc<Catalogue> {
        Arc::clone(&self.catalogue.borrow())
    }

    /// Takes the newest catalogue that checked, if it is not the one in use, but only between
    /// visits: never while someone is reading a card or filling a form.
    fn refresh_catalogue(&self) {
        let Some(shell) = self.me.upgrade() else {
            return;
        };
        let version = self.catalogue.borrow().version;
        shell.when_ready(shell.store.catalogue_newer_than(version), |shell, found| {
            let newer = match found {
                Ok(Ok(Some(catalogue))) => catalogue,
                Ok(Ok(None)) => return,
                Ok(Err(error)) => return tracing::error!(%error, "cannot read the catalogue"),
                Err(error) => return tracing::error!(%error, "cannot read the catalogue"),
            };
            if shell.page() != Page::Start {
                return;
            }
            tracing::info!(version = newer.version, "catalogue in use");
            *shell.catalogue.borrow_mut() = Arc::new(newer);
            shell.show_everything();
        });
    }

    /// The screens ask `Tr` for every text, passing the language so a switch redraws them.
    fn translate(self: &Rc<Self>, app: &AppWindow) {
        let tr_handle = Rc::downgrade(self);
        app.global::<Tr>().on_tr(move |id, lang| {
            tr_handle
                .upgrade()
                .map(|shell| shell.translations.text(lang_of(&lang), &id).into())
                .unwrap_or_default()
        });
        let count_handle = Rc::downgrade(self);
        app.global::<Tr>().on_tr_count(move |id, lang, count| {
            count_handle
                .upgrade()
                .map(|shell| {
                    shell
                        .translations
                        .count(lang_of(&lang), &id, i64::from(count))
                        .into()
                })
                .unwrap_or_default()
        });
    }

    /// Hands each callback of the screens to the flow it belongs to. Every callback counts as
    /// activity.
    fn connect(self: &Rc<Self>, app: &AppWindow) {
        macro_rules! on {
            ($global:expr, $setter:ident, |$s:ident $(, $arg:ident)*| $body:expr) => {{
                let weak: Weak<Shell> = Rc::downgrade(self);
                $global.$setter(move |$($arg),*| {
                    if let Some($s) = weak.upgrade() {
                        $s.activity();
                        $body
                    }
                });
            }};
        }
        let kiosk = app.global::<Kiosk>();
        on!(kiosk, on_choose_language, |s, tag| s.choose_language(&tag));
        on!(kiosk, on_begin, |s| s.navigate(|nav| nav.go(Page::Home)));
        on!(kiosk, on_go_back, |s| s.navigate(Navigation::back));
        on!(kiosk, on_go_home, |s| s.go_home());
        on!(kiosk, on_open_services, |s| s
            .navigate(|nav| nav.go(Page::Services)));
        on!(kiosk, on_open_appeals, |s| s
            .navigate(|nav| nav.go(Page::Appeals)));
        on!(kiosk, on_open_status_check, |s| {
            s.status_check.open(&s);
            s.navigate(|nav| nav.go(Page::StatusCheck));
        });
        on!(kiosk, on_open_service, |s, id| s
            .resident
            .open_service(&s, &id));
        on!(kiosk, on_open_appeal, |s, id| s.resident.open_form(&s, &id));
        on!(kiosk, on_services_searched, |s, _query| s.show_services());
        on!(kiosk, on_start_form, |s| s.resident.start_form(&s));
        on!(kiosk, on_field_edited, |s, index, text| s
            .resident
            .field_edited(&s, index, &text));
        on!(kiosk, on_field_focused, |s, index| s
            .resident
            .field_focused(&s, index));
        on!(kiosk, on_date_step, |s, index, part, delta| s
            .resident
            .date_step(&s, index, &part, delta));
        on!(kiosk, on_date_cleared, |s, index| s
            .resident
            .date_cleared(&s, index));
        on!(kiosk, on_choice_picked, |s, index, value| s
            .resident
            .choice_picked(&s, index, &value));
        on!(kiosk, on_consent_toggled, |s, index, ticked| s
            .resident
            .consent_toggled(&s, index, ticked));
        on!(kiosk, on_to_review, |s| s.resident.to_review(&s));
        on!(kiosk, on_submit, |s| s.resident.submit(&s));
        on!(kiosk, on_finish, |s| s.finish());
        on!(kiosk, on_check_status, |s, text| s
            .status_check
            .check(&s, &text));
        on!(kiosk, on_show_answer, |s, pinfl| s
            .status_check
            .show_answer(&s, &pinfl));
        on!(kiosk, on_print_status, |s| s.status_check.print(&s));
        // Activity is all these two are for.
        on!(kiosk, on_still_here, |s| ());
        on!(kiosk, on_activity, |s| ());
        on!(kiosk, on_type_text, |s, text| s
            .with_app(|app| keyboard::type_text(app.window(), &text)));
        on!(kiosk, on_type_key, |s, key| s.type_key(&key));

        let wizard = app.global::<Wizard>();
        on!(wizard, on_next, |s| s.wizard.next(&s));
        on!(wizard, on_back, |s| s.wizard.back(&s));
        on!(wizard, on_check_network, |s| s.wizard.check_network(&s));
        on!(wizard, on_accept_mahalla, |s| s.wizard.accept_mahalla(&s));
        on!(wizard, on_find_printers, |s| s.wizard.find_printers(&s));
        on!(wizard, on_choose_port, |s, index| s
            .wizard
            .choose_port(&s, index));
        on!(wizard, on_test_print, |s| s.wizard.test_print(&s));

        let staff = app.global::<Staff>();
        on!(staff, on_open_pin_pad, |s| s.staff.open_pin_pad(&s));
        on!(staff, on_enter_pin, |s, pin| s
            .staff
            .enter_pin(&s, pin.to_string()));
        on!(staff, on_open, |s, page| s.staff.open_page(&s, page));
        on!(staff, on_assisted_submission, |s| s
            .staff
            .assisted_submission(&s));
        on!(staff, on_sync_now, |s| s.staff.sync_now(&s));
        on!(staff, on_reprint, |s, code| s.staff.reprint(&s, &code));
        on!(staff, on_sign_out, |s| s.staff.sign_out(&s));
        on!(staff, on_install_update, |s| s.software_updates.install(&s));
    }

    // Running work without blocking the screen.

    /// Awaits `future` on the UI thread, then hands its output to `then`.
    pub fn when_ready<T: 'static>(
        self: &Rc<Self>,
        future: impl Future<Output = T> + 'static,
        then: impl FnOnce(&Rc<Shell>, T) + 'static,
    ) {
        let weak = Rc::downgrade(self);
        let spawned = slint::spawn_local(async move {
            let value = future.await;
            if let Some(shell) = weak.upgrade() {
                then(&shell, value);
            }
        });
        if let Err(error) = spawned {
            tracing::error!(%error, "cannot start work for the screen");
        }
    }

    /// Runs a slow `job` (network, serial port) on a thread of its own; `then` gets its
    /// result on the UI thread, or `None` if the thread could not run.
    pub fn in_background<T: Send + 'static>(
        self: &Rc<Self>,
        job: impl FnOnce() -> T + Send + 'static,
        then: impl FnOnce(&Rc<Shell>, Option<T>) + 'static,
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

    pub fn with_app(&self, f: impl FnOnce(&AppWindow)) {
        if let Some(app) = self.app.upgrade() {
            f(&app);
        }
    }

    /// Reads from the window, if it is still there.
    pub fn read_app<R>(&self, f: impl FnOnce(&AppWindow) -> R) -> Option<R> {
        self.app.upgrade().map(|app| f(&app))
    }

    // Language and texts.

    pub fn lang(&self) -> Lang {
        self.nav.borrow().lang
    }

    pub fn tr(&self, id: &str) -> String {
        self.translations.text(self.lang(), id)
    }

    fn choose_language(self: &Rc<Self>, tag: &str) {
        let Some(lang) = Lang::from_tag(tag) else {
            return;
        };
        self.nav.borrow_mut().lang = lang;
        self.show_everything();
        self.status_check.show(self);
        self.staff.show_page(self);
    }

    /// Switches the language without redrawing (the wizard's resumed language).
    pub fn set_lang(&self, lang: Lang) {
        self.nav.borrow_mut().lang = lang;
    }

    // Navigation.

    pub fn page(&self) -> Page {
        self.nav.borrow().page
    }

    /// Moves as `step` says; back at the start, the visit is wiped.
    pub fn navigate(&self, step: impl FnOnce(&mut Navigation)) {
        step(&mut self.nav.borrow_mut());
        if self.page() == Page::Start {
            self.wipe();
        } else {
            self.show_page();
        }
    }

    /// The resident's home, or the staff menu while staff are signed in.
    fn go_home(&self) {
        let home = if self.staff.signed_in() {
            Page::StaffMenu
        } else {
            Page::Home
        };
        self.navigate(|nav| nav.restart_at(home));
    }

    pub fn show_page(&self) {
        let page = self.page();
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_page(page);
            if page != Page::Form {
                kiosk.set_focused_field(-1);
            }
        });
    }

    /// Puts every text and list on screen in the current language, keeping what was typed.
    pub fn show_everything(&self) {
        let lang = self.lang();
        let catalogue = &*self.catalogue();
        self.with_app(|app| {
            app.global::<Tr>().set_lang(lang.tag().into());
            let kiosk = app.global::<Kiosk>();
            kiosk.set_letter_layout(present::letter_layout(lang).into());
            kiosk.set_appeals(ModelRc::new(VecModel::from(present::appeals(
                catalogue,
                lang,
                &self.icons,
            ))));
            kiosk.set_icon_services(self.icons.named("home-services"));
            kiosk.set_icon_appeals(self.icons.named("home-appeals"));
            kiosk.set_icon_check(self.icons.named("home-check"));
        });
        self.show_services();
        self.resident.show(self);
        self.software_updates.show(self);
        self.show_page();
    }

    /// The catalogue's services on screen, those the search box finds.
    fn show_services(&self) {
        let lang = self.lang();
        let catalogue = &*self.catalogue();
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            let query = kiosk.get_services_query();
            kiosk.set_categories(ModelRc::new(VecModel::from(present::categories(
                catalogue,
                lang,
                &query,
                &self.icons,
            ))));
        });
    }

    fn type_key(&self, key: &str) {
        let on_form = self.page() == Page::Form;
        if key == "enter" && on_form {
            // Next walks the form's fields in order, choices and dates too, and from the
            // last one does what Continue does.
            return self.resident.next_field(self);
        }
        self.with_app(|app| match key {
            "backspace" => keyboard::backspace(app.window()),
            "enter" => keyboard::enter(app.window()),
            _ => {}
        });
    }

    // The header.

    /// The header's online indicator and waiting count, from the sync worker and the store.
    fn refresh_connectivity(self: &Rc<Self>) {
        let online = self.sync.as_ref().is_some_and(SyncHandle::online);
        self.with_app(|app| app.global::<Kiosk>().set_online(online));
        self.refresh_waiting();
        self.refresh_demo();
        self.refresh_clock();
        if self.page() == Page::StaffSync {
            self.staff.show_sync(self);
        }
    }

    /// Reads the clock offset the sync worker learned from the portal.
    fn refresh_clock(self: &Rc<Self>) {
        self.when_ready(self.store.clock_offset_ms(), |shell, offset| match offset {
            Ok(Ok(offset)) => shell.clock_offset_ms.set(offset),
            Ok(Err(error)) => tracing::warn!(%error, "cannot read the clock offset"),
            Err(error) => tracing::warn!(%error, "cannot read the clock offset"),
        });
    }

    /// Now in Tashkent by the terminal's corrected clock (the store's offset, as last read).
    pub fn now(&self) -> OffsetDateTime {
        corrected(OffsetDateTime::now_utc(), self.clock_offset_ms.get()).to_offset(UZBEKISTAN)
    }

    /// Today in Tashkent by the terminal's corrected clock.
    pub fn today(&self) -> time::Date {
        self.now().date()
    }

    /// Whether the terminal is connected to no portal yet, so the header says it is a demo.
    pub fn refresh_demo(self: &Rc<Self>) {
        self.when_ready(self.store.setup_state(), |shell, state| match state {
            Ok(Ok(state)) => shell.with_app(|app| app.global::<Kiosk>().set_demo(!state.enrolled)),
            Ok(Err(error)) => {
                tracing::warn!(%error, "cannot tell whether the terminal is enrolled")
            }
            Err(error) => tracing::warn!(%error, "cannot tell whether the terminal is enrolled"),
        });
    }

    pub fn refresh_waiting(self: &Rc<Self>) {
        self.when_ready(self.store.waiting_count(), |shell, counted| match counted {
            Ok(Ok(waiting)) => {
                let waiting = i32::try_from(waiting).unwrap_or(i32::MAX);
                shell.with_app(|app| app.global::<Kiosk>().set_waiting(waiting));
            }
            Ok(Err(error)) => tracing::warn!(%error, "cannot count the queue"),
            Err(error) => tracing::warn!(%error, "cannot count the queue"),
        });
    }

    // The printer's reports.

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
                    Some(shell) => shell.printer_event(event),
                    None => break,
                }
            }
        });
        if let Err(error) = listening {
            tracing::error!(%error, "printer events will not reach the screen");
        }
    }

    fn printer_event(&self, event: PrinterEvent) {
        tracing::info!(?event, "printer");
        let state = match &event {
            PrinterEvent::Printed { .. } | PrinterEvent::SlipPrinted { .. } => "ready",
            PrinterEvent::NotPrinted { error, .. } | PrinterEvent::SlipNotPrinted { error, .. } => {
                error.code()
            }
            PrinterEvent::PaperNearEnd => "paper-near-end",
            PrinterEvent::Store(_) => "store-error",
        };
        if let Some(sync) = &self.sync {
            sync.set_printer_state(state);
        }
        self.printer.record(&event);
        self.staff.show_printer_state(self);
        match event {
            PrinterEvent::Printed { code, .. } => self.resident.printed(self, code),
            PrinterEvent::NotPrinted { code, error } => {
                self.resident.not_printed(self, code, error.code());
            }
            PrinterEvent::SlipPrinted { code } => self.status_check.slip_printed(self, code, None),
            PrinterEvent::SlipNotPrinted { code, error } => {
                self.status_check
                    .slip_printed(self, code, Some(error.code()));
            }
            PrinterEvent::PaperNearEnd => {
                self.with_app(|app| app.global::<Kiosk>().set_paper_low(true));
            }
            PrinterEvent::Store(_) => {}
        }
    }

    /// Whether printing a receipt can even start.
    pub fn print_state_on_receipt(&self) -> (PrintState, String) {
        if self.printer.is_present() {
            (PrintState::Printing, String::new())
        } else {
            (PrintState::Failed, self.tr("printer-offline"))
        }
    }

    // Idle: ask, count down, then wipe.

    /// Any touch: someone is still there.
    pub fn activity(&self) {
        self.countdown_timer.stop();
        self.idle_timer.restart();
        self.with_app(|app| app.global::<Kiosk>().set_idle_warning(false));
    }

    fn idle_expired(self: &Rc<Self>) {
        if !self.nav.borrow().is_idle_worthy() {
            return;
        }
        self.seconds_left.set(IDLE_COUNTDOWN_SECS);
        self.show_countdown();
        let counting = Rc::downgrade(self);
        self.countdown_timer.start(
            slint::TimerMode::Repeated,
            Duration::from_secs(1),
            move || {
                if let Some(shell) = counting.upgrade() {
                    shell.countdown_tick();
                }
            },
        );
    }

    fn countdown_tick(self: &Rc<Self>) {
        let left = self.seconds_left.get().saturating_sub(1);
        self.seconds_left.set(left);
        if left == 0 {
            tracing::info!("idle: session wiped");
            self.staff.note_idle_sign_out(self);
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

    // The end of a visit.

    /// The receipt is taken: staff go back to their menu, a resident's visit is wiped.
    fn finish(&self) {
        match self.staff.member() {
            Some(member) => self.start_visit(Page::StaffMenu, self.default_lang, Some(member)),
            None => self.wipe(),
        }
    }

    /// Forgets everything of this visit, signs staff out, and returns to the start screen
    /// (or to the wizard on a terminal not yet set up).
    pub fn wipe(&self) {
        if let Some(member) = self.staff.member() {
            tracing::info!(staff = member.id, "staff signed out");
        }
        if self.wizard.is_active() {
            self.start_visit(Page::Wizard, self.lang(), None);
        } else {
            self.start_visit(Page::Start, self.default_lang, None);
        }
    }

    /// Starts a new visit at `page` in `lang` with `staff` signed in (or nobody), and clears
    /// everything the last one put on screen.
    fn start_visit(&self, page: Page, lang: Lang, staff: Option<StaffMember>) {
        let staff_name = staff
            .as_ref()
            .map(|member| member.name.clone())
            .unwrap_or_default();
        *self.nav.borrow_mut() = Navigation::at(lang, page);
        self.resident.forget();
        self.status_check.forget();
        self.staff.start_visit(staff);
        self.countdown_timer.stop();
        self.with_app(|app| {
            let kiosk = app.global::<Kiosk>();
            kiosk.set_idle_warning(false);
            kiosk.set_fields(ModelRc::default());
            kiosk.set_review(ModelRc::default());
            kiosk.set_review_revealed(false);
            kiosk.set_consent(false);
            kiosk.set_form_has_errors(false);
            kiosk.set_receipt_code(SharedString::new());
            kiosk.set_status(Default::default());
            kiosk.set_submit_problem(SharedString::new());
            kiosk.set_services_query(SharedString::new());
            let theme = app.global::<Theme>();
            theme.set_large_text(false);
            theme.set_high_contrast(false);
        });
        self.staff.clear_screens(self, staff_name);
        self.show_everything();
        self.refresh_catalogue();
    }
}

fn lang_of(tag: &str) -> Lang {
    Lang::from_tag(tag).unwrap_or_default()
}
