//! `mahalla-kiosk tour`: every screen in every language rendered to PNG without a display.
//! It walks the screens through the same callbacks a resident's taps reach, against a
//! scratch store, and stages only what needs hardware, a network or waiting (printer
//! faults, the idle countdown, the wizard's network and printer results, a PIN lockout).
//!
//! A little over 600 lines: one short staging arm per screen, which read best side by side.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ed25519_dalek::SigningKey;
use mahalla_protocol::catalogue::{Catalogue, FieldKind};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::receipt_qr::ReceiptQr;
use mahalla_protocol::software_update::{Source, UpdateError, UpdateState, Version};
use mahalla_protocol::wire::{Change, Mahalla, Status, Update, UpdatesPage};
use slint::platform::software_renderer::{PremultipliedRgbaColor, TargetPixel};
use slint::{ComponentHandle, Model};

use super::headless::{Frame, Headless, HeadlessError, write_png};
use super::shell::Shell;
use super::software_update::UpdateSetup;
use super::wizard::NetworkReport;
use super::{AppWindow, Dependencies, Kiosk, Page, PrintState, Staff, Theme, Wizard, WizardStep};
use mahalla_escpos::status::PrinterStatus;
use mahalla_kiosk_core::config::UpdateConfig;
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::network::{Address, Interface, LinkState, NetworkFacts};
use mahalla_kiosk_core::printer::detect::{Detection, Outcome};
use mahalla_kiosk_core::software_update::status::InstallerStatus;
use mahalla_kiosk_core::store::{Store, SyncProblem, WizardProgress};
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_kiosk_core::sync::{KeysCheck, NetworkCheck, Previewed};

/// Every screen the tour can show, in the order it shows them.
pub const SCREENS: [&str; 45] = [
    "start",
    "accessible",
    "home",
    "services",
    "appeals",
    "service",
    "service-info",
    "form",
    "form-date",
    "form-errors",
    "review",
    "submitting",
    "receipt",
    "receipt-paper-out",
    "offline-queue",
    "status-check",
    "status-found",
    "status-unknown",
    "status-answered",
    "status-scanned",
    "idle",
    "wizard-language",
    "wizard-network",
    "wizard-portal",
    "wizard-code",
    "wizard-code-used",
    "wizard-keys-mismatch",
    "wizard-confirm",
    "wizard-confirm-unchecked",
    "wizard-printer",
    "wizard-staff",
    "pin",
    "pin-locked",
    "pin-unreadable",
    "staff-menu",
    "review-assisted",
    "staff-queue",
    "staff-queue-unreadable",
    "staff-sync",
    // After "staff-sync": the failure it records stays in the tour's store.
    "staff-sync-failed",
    "staff-printer",
    "staff-counts",
    "staff-update-ready",
    "staff-update-refused",
    "staff-update-rolled-back",
];

/// The installer's directory inside the tour's scratch dir.
const TOUR_INSTALLER_DIR: &str = "installer";

/// The staff member the tour signs in as.
const SAMPLE_STAFF: (&str, &str) = ("Dilnoza Karimova", "2580");

/// The agency's answer the tour's status screens show.
const SAMPLE_ANSWER: &str = "Qabulingiz 12-dekabr, soat 10:00 ga belgilandi. 3-xona.";

/// The portal address in the tour's scanned QR.
const SAMPLE_PORTAL: &str = "https://portal.example.uz";
/// The portal's key fingerprint as an enrolment sheet prints it.
const SAMPLE_FINGERPRINT: &str = "8F3K-T2QX-MW7D-R4NA";

/// The service whose form the tour fills.
const SAMPLE_SERVICE: &str = "doctor-appointment";

pub struct TourRequest {
    pub out: PathBuf,
    pub width: u32,
    pub height: u32,
    pub langs: Vec<Lang>,
    /// Empty for every screen.
    pub screens: Vec<String>,
}

/// One PNG written, and how long the software renderer took to draw it.
pub struct Rendered {
    pub screen: &'static str,
    pub lang: Lang,
    pub path: PathBuf,
    pub render_time: Duration,
}

#[derive(Debug, thiserror::Error)]
pub enum TourError {
    #[error("unknown screen {0:?}; the screens are: {list}", list = SCREENS.join(", "))]
    UnknownScreen(String),
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{0}")]
    Setup(String),
    #[error(transparent)]
    Headless(#[from] HeadlessError),
}

const SETTLE: Duration = Duration::from_secs(10);

/// How a screen is shown: as usual, or with the reading aids a resident can turn on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    Usual,
    LargeText,
    LargeTextHighContrast,
}

impl Look {
    pub const ALL: [Look; 3] = [Look::Usual, Look::LargeText, Look::LargeTextHighContrast];
}

/// The window and scratch store the tour renders with. One per process.
pub struct Tour {
    headless: Headless,
    app: AppWindow,
    shell: std::rc::Rc<Shell>,
    catalogue: Arc<Catalogue>,
    /// The tour's own connection to the scratch store, for staging.
    staging: std::cell::RefCell<Store>,
    _scratch: tempfile::TempDir,
}

impl Tour {
    /// Sets up headless rendering and a scratch store. Call once per process.
    pub fn start(catalogue: Catalogue) -> Result<Tour, TourError> {
        let headless = Headless::install()?;
        let setup = |error: &dyn std::fmt::Display| TourError::Setup(error.to_string());
        let scratch = tempfile::tempdir().map_err(|e| setup(&e))?;
        let store = Store::open(scratch.path()).map_err(|e| setup(&e))?;
        let staging = std::cell::RefCell::new(Store::open(scratch.path()).map_err(|e| setup(&e))?);
        let store = StoreWorker::start(store).map_err(|e| setup(&e))?;
        let catalogue = Arc::new(catalogue);
        let app = super::open_window().map_err(|e| setup(&e))?;
        let shell = Shell::attach(
            &app,
            Dependencies {
                catalogue: Arc::clone(&catalogue),
                translations: Translations::load().map_err(|e| setup(&e))?,
                store,
                default_lang: Lang::UzLatn,
                idle_timeout: Duration::from_secs(90),
                printer: None,
                sync: None,
                setup: None,
                software_update: Some(UpdateSetup {
                    data_dir: scratch.path().to_owned(),
                    config: UpdateConfig {
                        system_dir: scratch.path().join(TOUR_INSTALLER_DIR),
                        ..UpdateConfig::default()
                    },
                }),
            },
        );
        app.show().map_err(|e| setup(&e))?;
        Ok(Tour {
            headless,
            app,
            shell,
            catalogue,
            staging,
            _scratch: scratch,
        })
    }

    /// Renders the requested screens and languages into `request.out`.
    pub fn render(&self, request: &TourRequest) -> Result<Vec<Rendered>, TourError> {
        let screens: Vec<&'static str> = if request.screens.is_empty() {
            SCREENS.to_vec()
        } else {
            request
                .screens
                .iter()
                .map(|name| {
                    SCREENS
                        .iter()
                        .copied()
                        .find(|screen| screen == name)
                        .ok_or_else(|| TourError::UnknownScreen(name.clone()))
                })
                .collect::<Result<_, _>>()?
        };
        std::fs::create_dir_all(&request.out).map_err(|source| TourError::Write {
            path: request.out.clone(),
            source,
        })?;
        // One frame, drawn into again for every shot.
        let mut frame = Frame::<PremultipliedRgbaColor>::new(request.width, request.height);
        let mut rendered = Vec::new();
        for &lang in &request.langs {
            for &screen in &screens {
                let render_time = self.draw(screen, lang, &mut frame)?;
                let path = request.out.join(format!("{screen}-{}.png", lang.tag()));
                write_png(&path, &frame).map_err(|source| TourError::Write {
                    path: path.clone(),
                    source,
                })?;
                rendered.push(Rendered {
                    screen,
                    lang,
                    path,
                    render_time,
                });
            }
        }
        Ok(rendered)
    }

    /// Brings the window to `screen` in `lang` and draws it into `frame`, as the terminal
    /// draws into its display's buffer. Returns how long the drawing took.
    pub fn draw<P: TargetPixel>(
        &self,
        screen: &str,
        lang: Lang,
        frame: &mut Frame<P>,
    ) -> Result<Duration, TourError> {
        self.show(screen, lang, Look::Usual, frame)
    }

    /// Brings the window to `screen` in `lang` with `look` and draws it into `frame` (which
    /// sizes the window). Returns how long the drawing took.
    pub fn show<P: TargetPixel>(
        &self,
        screen: &str,
        lang: Lang,
        look: Look,
        frame: &mut Frame<P>,
    ) -> Result<Duration, TourError> {
        if !SCREENS.contains(&screen) {
            return Err(TourError::UnknownScreen(screen.to_owned()));
        }
        self.headless.set_size(frame.width, frame.height);
        self.stage(screen, lang)?;
        let theme = self.app.global::<Theme>();
        // The accessible screen is the aids turned on, whatever the look.
        if screen != "accessible" {
            theme.set_large_text(look != Look::Usual);
            theme.set_high_contrast(look == Look::LargeTextHighContrast);
        }
        let started = Instant::now();
        self.headless.render(frame);
        Ok(started.elapsed())
    }

    /// The tour's window.
    pub fn window(&self) -> &AppWindow {
        &self.app
    }

    fn kiosk(&self) -> Kiosk<'_> {
        self.app.global::<Kiosk>()
    }

    fn settle(&self, done: impl FnMut() -> bool) -> Result<(), TourError> {
        Ok(self.headless.run_until(SETTLE, done)?)
    }

    /// Brings the window to `screen` in `lang`, starting from a fresh visit.
    fn stage(&self, screen: &str, lang: Lang) -> Result<(), TourError> {
        let kiosk = self.kiosk();
        self.shell.wizard.close();
        self.app.global::<Staff>().invoke_sign_out();
        kiosk.set_paper_low(false);
        kiosk.invoke_choose_language(lang.tag().into());
        if let Some(step) = screen.strip_prefix("wizard-") {
            return self.stage_wizard(step, lang);
        }
        if screen.starts_with("staff-") || screen == "review-assisted" {
            return self.stage_staff(screen, lang);
        }
        if !matches!(
            screen,
            "start" | "accessible" | "pin" | "pin-locked" | "pin-unreadable"
        ) {
            kiosk.invoke_begin();
        }
        match screen {
            "accessible" => {
                let theme = self.app.global::<Theme>();
                theme.set_large_text(true);
                theme.set_high_contrast(true);
            }
            "services" => kiosk.invoke_open_services(),
            "appeals" => kiosk.invoke_open_appeals(),
            "service" => self.open_service(SAMPLE_SERVICE),
            "service-info" => self.open_service("public-services-centre"),
            "form" => {
                self.fill_sample_form(lang, &good_values())?;
                if let Some(index) = self.field_index("full_name") {
                    kiosk.set_focused_field(index);
                }
            }
            "form-date" => {
                self.fill_sample_form(lang, &good_values())?;
                if let Some(index) = self.field_index("visit_date") {
                    kiosk.invoke_field_focused(index);
                }
            }
            "form-errors" => {
                self.fill_sample_form(lang, &bad_values())?;
                kiosk.invoke_to_review();
            }
            "review" => self.review(lang)?,
            "submitting" => {
                self.review(lang)?;
                kiosk.set_page(Page::Submitting);
            }
            "receipt" | "receipt-paper-out" => {
                self.submit(lang)?;
                if screen == "receipt" {
                    kiosk.set_print_state(PrintState::Printed);
                } else {
                    kiosk.set_print_state(PrintState::Failed);
                    kiosk.set_print_problem(
                        self.shell
                            .translations
                            .text(lang, "printer-paper-end")
                            .into(),
                    );
                }
            }
            "offline-queue" => {
                self.ensure_queue(3)?;
                kiosk.invoke_finish();
                kiosk.invoke_choose_language(lang.tag().into());
                kiosk.invoke_begin();
            }
            "status-check" => kiosk.invoke_open_status_check(),
            "status-found" => {
                self.submit(lang)?;
                let code = kiosk.get_receipt_code();
                kiosk.invoke_finish();
                kiosk.invoke_choose_language(lang.tag().into());
                kiosk.invoke_begin();
                kiosk.invoke_open_status_check();
                kiosk.invoke_check_status(code);
                self.settle(|| {
                    let status = self.kiosk().get_status();
                    status.searched && !status.checking
                })?;
            }
            "status-answered" | "status-scanned" => {
                self.submit(lang)?;
                let code = kiosk.get_receipt_code().to_string();
                self.answer(&code)?;
                kiosk.invoke_finish();
                kiosk.invoke_choose_language(lang.tag().into());
                kiosk.invoke_begin();
                kiosk.invoke_open_status_check();
                if screen == "status-answered" {
                    kiosk.invoke_check_status(code.into());
                } else {
                    // What a scanner types into the code field: the QR's whole text (the UI tests
                    // scan it key by key).
                    let code =
                        ReceiptCode::parse(&code).map_err(|e| TourError::Setup(e.to_string()))?;
                    let qr =
                        ReceiptQr::sign(&SigningKey::from_bytes(&[9; 32]), SAMPLE_PORTAL, code);
                    kiosk.invoke_check_status(qr.text().into());
                }
                self.settle(|| {
                    let status = self.kiosk().get_status();
                    status.searched && !status.checking
                })?;
            }
            "status-unknown" => {
                kiosk.invoke_open_status_check();
                let elsewhere =
                    ReceiptCode::new(4711, 42).map_err(|e| TourError::Setup(e.to_string()))?;
                kiosk.invoke_check_status(elsewhere.to_string().into());
                self.settle(|| {
                    let status = self.kiosk().get_status();
                    status.searched && !status.checking
                })?;
            }
            "idle" => {
                self.fill_sample_form(lang, &good_values())?;
                kiosk.set_idle_warning(true);
                kiosk.set_idle_seconds_left(12);
            }
            "pin" => self.app.global::<Staff>().invoke_open_pin_pad(),
            "pin-locked" => {
                let staff = self.app.global::<Staff>();
                staff.invoke_open_pin_pad();
                let text = self.shell.translations.with(
                    lang,
                    "pin-locked",
                    &[("minutes", "0"), ("seconds", "30")],
                );
                staff.set_pin_problem(text.into());
            }
            "pin-unreadable" => {
                let staff = self.app.global::<Staff>();
                staff.invoke_open_pin_pad();
                staff.set_pin_problem(self.shell.tr("staff-records-failed").into());
            }
            _ => {}
        }
        // Let the waiting count and any other work handed back settle.
        self.settle(|| true)?;
        Ok(())
    }

    /// The wizard at `step`, with the results a technician would see on a working network.
    fn stage_wizard(&self, step: &str, lang: Lang) -> Result<(), TourError> {
        let shell = &self.shell;
        shell.wizard.open_wizard(
            shell,
            false,
            &WizardProgress {
                language: Some(lang.tag().to_owned()),
                ..WizardProgress::default()
            },
        );
        let wizard = self.app.global::<Wizard>();
        wizard.set_portal_url("https://portal.example.uz".into());
        match step {
            "language" => shell.wizard.enter_step(shell, WizardStep::Language),
            "network" => {
                shell.wizard.enter_step(shell, WizardStep::Network);
                shell.wizard.network_checked(
                    shell,
                    &NetworkReport {
                        facts: Ok(NetworkFacts {
                            device_id: "K7QM3XRA92TDW4HN".to_owned(),
                            interfaces: Ok(vec![Interface {
                                name: "eth0".to_owned(),
                                link: LinkState::Up,
                                addresses: vec![Address {
                                    ip: std::net::IpAddr::from([10, 20, 0, 17]),
                                    prefix_len: 24,
                                }],
                            }]),
                        }),
                        portal: Some(Ok(NetworkCheck {
                            dns: Ok(vec![std::net::IpAddr::from([10, 20, 0, 5])]),
                            portal: Ok(env!("CARGO_PKG_VERSION").to_owned()),
                            clock_offset_ms: Some(-2_300),
                        })),
                    },
                );
            }
            "portal" => shell.wizard.enter_step(shell, WizardStep::Portal),
            "code" | "code-used" | "keys-mismatch" => {
                shell.wizard.enter_step(shell, WizardStep::Code);
                wizard.set_code("K7QM-3XRA-92TD".into());
                if step != "code-used" {
                    wizard.set_fingerprint(SAMPLE_FINGERPRINT.into());
                }
                match step {
                    "code-used" => shell.wizard.show_problem(shell, "wizard-error-code-used"),
                    "keys-mismatch" => shell
                        .wizard
                        .show_problem(shell, "wizard-error-keys-mismatch"),
                    _ => {}
                }
            }
            "confirm" | "confirm-unchecked" => {
                let keys = if step == "confirm" {
                    KeysCheck::Matched(SAMPLE_FINGERPRINT.to_owned())
                } else {
                    KeysCheck::NotChecked(SAMPLE_FINGERPRINT.to_owned())
                };
                shell.wizard.code_previewed(
                    shell,
                    "K7QM-3XRA-92TD".to_owned(),
                    None,
                    &Previewed {
                        mahalla: Mahalla {
                            code: "1726264001".to_owned(),
                            name: "Navroʻz".to_owned(),
                            district: "Yunusobod tumani".to_owned(),
                            region: "Toshkent shahri".to_owned(),
                        },
                        keys,
                    },
                )
            }
            "printer" => {
                shell.wizard.enter_step(shell, WizardStep::Printer);
                shell.wizard.printers_found(
                    shell,
                    vec![
                        Detection {
                            port: PathBuf::from("/dev/kiosk-printer"),
                            outcome: Outcome::Found {
                                baud: 19200,
                                status: PrinterStatus::default(),
                                model: Some("TM-T20II".to_owned()),
                                suggested_profile: "epson-tm-t20".to_owned(),
                            },
                        },
                        Detection {
                            port: PathBuf::from("/dev/ttyS0"),
                            outcome: Outcome::Silent,
                        },
                    ],
                );
            }
            "staff" => {
                shell.wizard.enter_step(shell, WizardStep::Staff);
                wizard.set_staff_name(SAMPLE_STAFF.0.into());
                wizard.set_staff_pin(SAMPLE_STAFF.1.into());
            }
            other => return Err(TourError::UnknownScreen(format!("wizard-{other}"))),
        }
        self.settle(|| true)?;
        Ok(())
    }

    /// A staff screen, signed in as the sample staff member.
    /// The installer's state the staff menu shows: an update from a USB stick ready, one
    /// refused, one rolled back from; none for the other screens.
    fn stage_update(&self, screen: &str) -> Result<(), TourError> {
        let version = |text: &str| {
            text.parse::<Version>()
                .map_err(|e| TourError::Setup(e.to_string()))
        };
        let state = match screen {
            "staff-update-ready" => UpdateState::Ready {
                version: version("0.2.0")?,
                source: Source::Usb,
            },
            "staff-update-refused" => UpdateState::refused(
                Some(version("0.2.0")?),
                Source::Usb,
                &UpdateError::BadSignature,
            ),
            "staff-update-rolled-back" => UpdateState::RolledBack {
                version: version("0.2.0")?,
            },
            _ => UpdateState::Idle,
        };
        InstallerStatus {
            state,
            rolled_back: Vec::new(),
        }
        .write(&self._scratch.path().join(TOUR_INSTALLER_DIR))
        .map_err(|e| TourError::Setup(e.to_string()))?;
        self.shell.software_updates.refresh(&self.shell);
        Ok(())
    }

    fn stage_staff(&self, screen: &str, lang: Lang) -> Result<(), TourError> {
        self.ensure_queue(3)?;
        self.ensure_staff()?;
        self.stage_update(screen)?;
        let staff = self.app.global::<Staff>();
        staff.invoke_open_pin_pad();
        staff.invoke_enter_pin(SAMPLE_STAFF.1.into());
        self.settle(|| !self.app.global::<Staff>().get_name().is_empty())?;
        match screen {
            "staff-menu" => {}
            "review-assisted" => {
                staff.invoke_assisted_submission();
                self.review(lang)?;
                staff.set_identity_checked(true);
            }
            "staff-queue" | "staff-queue-unreadable" => {
                staff.invoke_open(Page::StaffQueue);
                self.settle(|| self.app.global::<Staff>().get_queue().row_count() > 0)?;
                if screen == "staff-queue-unreadable" {
                    crate::ui::staff::queue_unreadable(&self.shell, &"a disk error");
                }
            }
            "staff-sync" => {
                staff.invoke_open(Page::StaffSync);
                self.settle(|| !self.app.global::<Staff>().get_sync_summary().is_empty())?;
            }
            "staff-sync-failed" => {
                self.with_store(|store| {
                    store
                        .record_sync_error(SyncProblem::DeviceKey, "the device key is missing")
                        .map_err(|e| e.to_string())
                })?;
                staff.invoke_open(Page::StaffSync);
                self.settle(|| !self.app.global::<Staff>().get_sync_last_error().is_empty())?;
            }
            "staff-printer" => {
                staff.invoke_open(Page::StaffPrinter);
                self.kiosk().set_paper_low(true);
                let code = self.first_receipt_code()?;
                staff.invoke_reprint(code.into());
                self.settle(|| !self.app.global::<Staff>().get_reprint_result().is_empty())?;
            }
            "staff-counts" => {
                staff.invoke_open(Page::StaffCounts);
                self.settle(|| self.app.global::<Staff>().get_counts_week().row_count() > 0)?;
            }
            "staff-update-ready" | "staff-update-refused" | "staff-update-rolled-back" => {
                self.settle(|| !self.app.global::<Staff>().get_update_text().is_empty())?;
            }
            other => return Err(TourError::UnknownScreen(other.to_owned())),
        }
        self.settle(|| true)?;
        Ok(())
    }

    /// Runs `job` on the tour's own connection to the scratch store, for setting the scene
    /// (the screens reach the same database through their store worker).
    fn with_store<T>(
        &self,
        job: impl FnOnce(&mut Store) -> Result<T, String>,
    ) -> Result<T, TourError> {
        job(&mut self.staging.borrow_mut()).map_err(TourError::Setup)
    }

    /// The portal's answer to the receipt `code`, as the feed brings it: approved, with a text.
    fn answer(&self, code: &str) -> Result<(), TourError> {
        let code = code.to_owned();
        self.with_store(move |store| {
            let receipts = store.receipts_to_print().map_err(|e| e.to_string())?;
            let waiting = receipts
                .iter()
                .find(|receipt| receipt.receipt_code.to_string() == code)
                .ok_or("the receipt is not in the store")?;
            let submission_id =
                uuid::Uuid::parse_str(&waiting.submission_id).map_err(|e| e.to_string())?;
            let cursor = store.sync_state().map_err(|e| e.to_string())?.cursor + 1;
            store
                .apply_updates(&UpdatesPage {
                    updates: vec![Update {
                        seq: cursor,
                        change: Change::Status {
                            submission_id,
                            status: Status::Approved,
                            answer: Some(SAMPLE_ANSWER.to_owned()),
                            changed_at: time::OffsetDateTime::now_utc()
                                .format(&time::format_description::well_known::Rfc3339)
                                .map_err(|e| e.to_string())?,
                        },
                    }],
                    cursor,
                    more: false,
                    rotation: None,
                    software_update: None,
                })
                .map(|_| ())
                .map_err(|e| e.to_string())
        })
    }

    fn ensure_staff(&self) -> Result<(), TourError> {
        self.with_store(|store| {
            if store.staff().map_err(|e| e.to_string())?.is_empty() {
                store
                    .add_staff(SAMPLE_STAFF.0, SAMPLE_STAFF.1, "technician")
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    }

    fn first_receipt_code(&self) -> Result<String, TourError> {
        self.with_store(|store| {
            store
                .queue()
                .map_err(|e| e.to_string())?
                .pop()
                .map(|entry| entry.receipt_code)
                .ok_or_else(|| "the queue is empty".to_owned())
        })
    }

    fn open_service(&self, id: &str) {
        let kiosk = self.kiosk();
        kiosk.invoke_open_services();
        kiosk.invoke_open_service(id.into());
    }

    fn field_index(&self, key: &str) -> Option<i32> {
        let form = &self.catalogue.submittable(SAMPLE_SERVICE)?.form();
        form.iter()
            .position(|field| field.key == key)
            .and_then(|i| i32::try_from(i).ok())
    }

    /// Opens the sample form and types `values` into it, as taps on the keyboard would.
    fn fill_sample_form(&self, lang: Lang, values: &[(&str, String)]) -> Result<(), TourError> {
        self.open_service(SAMPLE_SERVICE);
        let kiosk = self.kiosk();
        kiosk.invoke_start_form();
        let form = self
            .catalogue
            .submittable(SAMPLE_SERVICE)
            .map(|target| target.form().to_vec())
            .ok_or_else(|| TourError::Setup(format!("the catalogue has no {SAMPLE_SERVICE}")))?;
        for (key, value) in values {
            let Some(index) = form.iter().position(|field| field.key == *key) else {
                continue;
            };
            let index = i32::try_from(index).unwrap_or_default();
            match form[usize::try_from(index).unwrap_or_default()].kind {
                FieldKind::Choice { .. } => kiosk.invoke_choice_picked(index, value.into()),
                FieldKind::Consent => kiosk.invoke_consent_toggled(index, !value.is_empty()),
                _ => kiosk.invoke_field_edited(index, value.into()),
            }
        }
        // Showing the language again puts the typed values into the rows on screen.
        kiosk.invoke_choose_language(lang.tag().into());
        Ok(())
    }

    fn review(&self, lang: Lang) -> Result<(), TourError> {
        self.fill_sample_form(lang, &good_values())?;
        let kiosk = self.kiosk();
        kiosk.invoke_to_review();
        kiosk.set_consent(true);
        Ok(())
    }

    fn submit(&self, lang: Lang) -> Result<(), TourError> {
        self.review(lang)?;
        self.kiosk().invoke_submit();
        self.settle(|| self.kiosk().get_page() == Page::Receipt)
    }

    /// Makes sure at least `count` submissions wait in the queue.
    fn ensure_queue(&self, count: u64) -> Result<(), TourError> {
        let catalogue = Arc::clone(&self.catalogue);
        let values: mahalla_protocol::form::Values = good_values()
            .into_iter()
            .map(|(k, v)| (k.to_owned(), v))
            .collect();
        self.with_store(move |store| {
            while store.waiting_count().map_err(|e| e.to_string())? < count {
                store
                    .submit(&catalogue, SAMPLE_SERVICE, &values, Lang::UzLatn)
                    .map_err(|e| e.to_string())?;
            }
            Ok(())
        })
    }
}

/// A week from today, as the date picker writes it.
fn next_week() -> String {
    mahalla_protocol::form::local_date(
        time::OffsetDateTime::now_utc().date() + time::Duration::days(7),
    )
}

fn good_values() -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Oʻgʻiloy Gʻulomova".to_owned()),
        ("pinfl", "62802050010028".to_owned()),
        ("phone", "90 123 45 67".to_owned()),
        ("notify_consent", "yes".to_owned()),
        ("specialty", "therapist".to_owned()),
        ("visit_date", next_week()),
        ("time_of_day", "morning".to_owned()),
    ]
}

fn bad_values() -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Oʻgʻiloy Gʻulomova".to_owned()),
        ("pinfl", "30101990123458".to_owned()),
        ("phone", "12345".to_owned()),
        // An appointment cannot be in the past.
        ("visit_date", "02.02.2026".to_owned()),
    ]
}
