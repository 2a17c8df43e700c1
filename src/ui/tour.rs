//! `mahalla-kiosk tour`: every screen in every language rendered to PNG without a display.
//! It walks the screens through the same callbacks a resident's taps reach, against a
//! scratch store, and stages only what needs hardware or waiting (printer faults, the idle
//! countdown).

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mahalla_protocol::catalogue::{Catalogue, FieldKind};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use slint::ComponentHandle;
use slint::platform::software_renderer::{PremultipliedRgbaColor, TargetPixel};

use super::headless::{Frame, Headless, HeadlessError, write_png};
use super::{AppWindow, Controller, Dependencies, Kiosk, Page, PrintState, Theme};
use crate::i18n::Translations;
use crate::store::Store;
use crate::store_worker::StoreWorker;

/// Every screen the tour can show, in the order it shows them.
pub const SCREENS: [&str; 18] = [
    "start",
    "accessible",
    "home",
    "services",
    "appeals",
    "service",
    "service-info",
    "form",
    "form-errors",
    "review",
    "submitting",
    "receipt",
    "receipt-paper-out",
    "offline-queue",
    "status-check",
    "status-found",
    "status-unknown",
    "idle",
];

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

/// The window and scratch store the tour renders with. One per process.
pub struct Tour {
    headless: Headless,
    app: AppWindow,
    controller: std::rc::Rc<Controller>,
    catalogue: Arc<Catalogue>,
    store: StoreWorker,
    _scratch: tempfile::TempDir,
}

impl Tour {
    /// Sets up headless rendering and a scratch store. Call once per process.
    pub fn start(catalogue: Catalogue) -> Result<Tour, TourError> {
        let headless = Headless::install()?;
        let setup = |error: &dyn std::fmt::Display| TourError::Setup(error.to_string());
        let scratch = tempfile::tempdir().map_err(|e| setup(&e))?;
        let store = Store::open(scratch.path()).map_err(|e| setup(&e))?;
        let store = StoreWorker::start(store).map_err(|e| setup(&e))?;
        let catalogue = Arc::new(catalogue);
        let app = AppWindow::new().map_err(|e| setup(&e))?;
        let controller = Controller::attach(
            &app,
            Dependencies {
                catalogue: Arc::clone(&catalogue),
                translations: Translations::load().map_err(|e| setup(&e))?,
                store: store.clone(),
                default_lang: Lang::UzLatn,
                idle_timeout: Duration::from_secs(90),
                printer: None,
                sync: None,
            },
        );
        app.show().map_err(|e| setup(&e))?;
        Ok(Tour {
            headless,
            app,
            controller,
            catalogue,
            store,
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
        if !SCREENS.contains(&screen) {
            return Err(TourError::UnknownScreen(screen.to_owned()));
        }
        self.stage(screen, lang)?;
        let started = Instant::now();
        self.headless.render(frame);
        Ok(started.elapsed())
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
        kiosk.invoke_finish();
        kiosk.invoke_choose_language(lang.tag().into());
        if screen != "start" && screen != "accessible" {
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
                        self.controller
                            .translations()
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
                self.settle(|| self.kiosk().get_status().searched)?;
            }
            "status-unknown" => {
                kiosk.invoke_open_status_check();
                let elsewhere =
                    ReceiptCode::new(4711, 42).map_err(|e| TourError::Setup(e.to_string()))?;
                kiosk.invoke_check_status(elsewhere.to_string().into());
                self.settle(|| self.kiosk().get_status().searched)?;
            }
            "idle" => {
                self.fill_sample_form(lang, &good_values())?;
                kiosk.set_idle_warning(true);
                kiosk.set_idle_seconds_left(12);
            }
            _ => {}
        }
        // Let the waiting count and any other work handed back settle.
        self.settle(|| true)?;
        Ok(())
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
        let values = good_values();
        let store = self.store.clone();
        let job = async move {
            store
                .run(move |store| -> Result<(), String> {
                    let values = values.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
                    while store.waiting_count().map_err(|e| e.to_string())? < count {
                        store
                            .submit(&catalogue, SAMPLE_SERVICE, &values, Lang::UzLatn)
                            .map_err(|e| e.to_string())?;
                    }
                    Ok(())
                })
                .await
        };
        let result = std::rc::Rc::new(std::cell::RefCell::new(None));
        let slot = std::rc::Rc::clone(&result);
        slint::spawn_local(async move {
            *slot.borrow_mut() = Some(job.await);
        })
        .map_err(|e| TourError::Setup(e.to_string()))?;
        self.settle(|| result.borrow().is_some())?;
        match result.borrow_mut().take() {
            Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(error))) => Err(TourError::Setup(error)),
            Some(Err(error)) => Err(TourError::Setup(error.to_string())),
            None => Err(TourError::Setup("the queue did not fill".to_owned())),
        }
    }
}

/// A week from today, as a resident types it.
fn next_week() -> String {
    let day = time::OffsetDateTime::now_utc().date() + time::Duration::days(7);
    format!(
        "{:02}.{:02}.{}",
        day.day(),
        u8::from(day.month()),
        day.year()
    )
}

fn good_values() -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Oʻgʻiloy Gʻulomova".to_owned()),
        ("pinfl", "62802050010028".to_owned()),
        ("phone", "90 123 45 67".to_owned()),
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
        ("visit_date", "31.02.2026".to_owned()),
    ]
}
