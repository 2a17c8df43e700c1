//! Touching the real screens through Slint's testing backend, as a person would: tap what a
//! label names, type on the on-screen keyboard key by key, swipe a form until a field is in
//! view. Shared by the UI tests of this package, each test's `Terminal` implementing
//! [`Touch`], and by the memory benchmark, whose headless terminal taps on the real clock.

#![allow(dead_code)] // each test binary uses its own part of these helpers

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use i_slint_backend_testing::{AccessibleRole, ElementHandle, mock_elapsed_time};
use mahalla_kiosk::ui::{
    AppWindow, Dependencies, Kiosk, Page, PrinterLink, Shell, Tr, UpdateSetup,
};
use mahalla_kiosk_core::config::UpdateConfig;
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_kiosk_core::sync::SyncHandle;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use slint::platform::{PointerEventButton, WindowEvent};
use slint::{ComponentHandle, LogicalPosition, Model};

/// Where the screens of [`open_screen`] read the installer's update state.
pub fn installer_dir(data_dir: &Path) -> std::path::PathBuf {
    data_dir.join("installer")
}

/// A resident's screen in Uzbek at 1920×1080 on the store in `data_dir`, with the bundled
/// catalogue, shown; no first-boot wizard.
pub fn open_screen(
    data_dir: &Path,
    idle_timeout: Duration,
    printer: Option<PrinterLink>,
    sync: Option<SyncHandle>,
) -> (AppWindow, Rc<Shell>, Arc<Catalogue>) {
    open_screen_updating(
        data_dir,
        idle_timeout,
        printer,
        sync,
        UpdateConfig::default().quiet_hour,
    )
}

/// [`open_screen`], installing a downloaded update by itself at `quiet_hour`.
pub fn open_screen_updating(
    data_dir: &Path,
    idle_timeout: Duration,
    printer: Option<PrinterLink>,
    sync: Option<SyncHandle>,
    quiet_hour: u8,
) -> (AppWindow, Rc<Shell>, Arc<Catalogue>) {
    let catalogue = Arc::new(mahalla_protocol::bundled::catalogue().expect("catalogue"));
    let store = StoreWorker::start(Store::open(data_dir).expect("store")).expect("worker");
    let app = mahalla_kiosk::ui::open_window().expect("window");
    app.window().set_size(slint::PhysicalSize::new(1920, 1080));
    let shell = Shell::attach(
        &app,
        Dependencies {
            catalogue: Arc::clone(&catalogue),
            translations: Translations::load().expect("translations"),
            store,
            default_lang: Lang::UzLatn,
            idle_timeout,
            printer,
            sync,
            setup: None,
            software_update: Some(UpdateSetup {
                data_dir: data_dir.to_owned(),
                config: UpdateConfig {
                    system_dir: installer_dir(data_dir),
                    quiet_hour,
                    ..UpdateConfig::default()
                },
            }),
        },
    );
    app.show().expect("show");
    (app, shell, catalogue)
}

/// Runs work handed back to the UI thread until `done` holds.
pub fn pump_until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while !done() {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        slint::invoke_from_event_loop(|| {
            let _ = slint::quit_event_loop();
        })
        .expect("event loop");
        slint::run_event_loop().expect("run the event loop");
        std::thread::sleep(Duration::from_millis(5));
    }
}

pub trait Touch {
    fn app(&self) -> &AppWindow;

    fn kiosk(&self) -> Kiosk<'_> {
        self.app().global::<Kiosk>()
    }

    fn page(&self) -> Page {
        self.kiosk().get_page()
    }

    /// Presses and releases `element`: at once, on the testing backend's mocked clock. The
    /// memory benchmark, on the real clock, lets the finger rest and draws the screen.
    fn press(&self, element: &ElementHandle) {
        element.mock_single_click(PointerEventButton::Left);
    }

    /// A text of the screens in the language on screen.
    fn text(&self, id: &str) -> String {
        let tr = self.app().global::<Tr>();
        tr.invoke_tr(id.into(), tr.get_lang()).to_string()
    }

    /// Taps the one element labelled `label`.
    fn tap(&self, label: &str) {
        let found: Vec<_> = ElementHandle::find_by_accessible_label(self.app(), label)
            .filter(|element| element.accessible_role() != Some(AccessibleRole::Text))
            .collect();
        assert_eq!(
            found.len(),
            1,
            "exactly one tappable element is labelled {label:?}"
        );
        self.press(&found[0]);
    }

    /// Whether something labelled `text` is on screen.
    fn shows(&self, text: &str) -> bool {
        ElementHandle::find_by_accessible_label(self.app(), text)
            .next()
            .is_some()
    }

    /// Taps each key of the on-screen keyboard needed to type `text`, as a person looks for
    /// it: `oʻ` and `gʻ` are single keys, and a letter shown in the other case takes the Aa
    /// key first.
    fn type_on_keyboard(&self, text: &str) {
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            let key = if chars.peek() == Some(&'\u{02BB}') {
                format!("{c}{}", chars.next().unwrap_or_default())
            } else {
                c.to_string()
            };
            if key == " " {
                self.tap(&self.text("kb-space"));
                continue;
            }
            if !self.has_key(&key) {
                self.tap("Aa");
            }
            self.tap(&key);
        }
    }

    /// Brings the input labelled `label` into view, taps it and types `text` on the keyboard;
    /// the input then shows `text`.
    fn fill(&self, label: &str, text: &str) {
        self.scroll_to(label);
        self.tap(label);
        self.type_on_keyboard(text);
        assert_eq!(self.input_text(label), text, "{label} shows what was typed");
    }

    /// Whether a key (or button) labelled `label` is on screen.
    fn has_key(&self, label: &str) -> bool {
        ElementHandle::find_by_accessible_label(self.app(), label)
            .any(|element| element.accessible_role() == Some(AccessibleRole::Button))
    }

    /// The text shown in the input labelled `label`.
    fn input_text(&self, label: &str) -> String {
        let found: Vec<_> = ElementHandle::find_by_accessible_label(self.app(), label)
            .filter(|element| element.accessible_value().is_some())
            .collect();
        assert_eq!(found.len(), 1, "one input is labelled {label:?}");
        found[0].accessible_value().unwrap_or_default().to_string()
    }

    /// Whether the tick box labelled `label` is ticked, as a screen reader would tell.
    fn ticked(&self, label: &str) -> bool {
        ElementHandle::find_by_accessible_label(self.app(), label)
            .find(|element| element.accessible_role() == Some(AccessibleRole::Checkbox))
            .and_then(|element| element.accessible_checked())
            .expect("a tick box with this label")
    }

    /// Swipes the page up until the element labelled `label` lies wholly inside its
    /// scrolling area (not under the keyboard), as a person would before tapping it.
    fn scroll_to(&self, label: &str) {
        for _ in 0..20 {
            let area = ElementHandle::find_by_element_type_name(self.app(), "Flickable")
                .next()
                .expect("the page scrolls");
            let top = area.absolute_position().y;
            let bottom = top + area.size().height;
            let visible = ElementHandle::find_by_accessible_label(self.app(), label)
                .filter(|element| element.accessible_role() != Some(AccessibleRole::Text))
                .any(|element| {
                    let y = element.absolute_position().y;
                    y >= top && y + element.size().height <= bottom
                });
            if visible {
                return;
            }
            area.scroll(0.0, -120.0);
        }
        panic!("{label:?} never came into view");
    }

    /// Whether the services on screen include `service_id`.
    fn offers(&self, service_id: &str) -> bool {
        let categories = self.kiosk().get_categories();
        (0..categories.row_count())
            .filter_map(|i| categories.row_data(i))
            .any(|category| {
                (0..category.services.row_count())
                    .filter_map(|i| category.services.row_data(i))
                    .any(|service| service.id == service_id)
            })
    }

    /// A status search was made and nothing is awaited any more.
    fn status_settled(&self) -> bool {
        let status = self.kiosk().get_status();
        status.searched && !status.checking
    }

    /// Holds the emblem for three seconds: the staff's way in opens the PIN pad.
    fn open_pin_pad(&self) {
        self.hold_emblem(Duration::from_millis(3100));
        pump_until("the PIN pad", || self.page() == Page::Pin);
    }

    /// Taps `pin` on the PIN pad, then OK.
    fn type_pin(&self, pin: &str) {
        for digit in pin.chars() {
            self.tap(&digit.to_string());
        }
        self.tap(&self.text("pin-ok"));
    }

    /// Holds a finger on the emblem for `held`, then lifts it.
    fn hold_emblem(&self, held: Duration) {
        let emblem = ElementHandle::find_by_accessible_label(self.app(), &self.text("emblem"))
            .next()
            .expect("the emblem is on screen");
        let position = emblem.absolute_position();
        let size = emblem.size();
        let centre = LogicalPosition::new(
            position.x + size.width / 2.0,
            position.y + size.height / 2.0,
        );
        let window = self.app().window();
        window.dispatch_event(WindowEvent::PointerMoved { position: centre });
        window.dispatch_event(WindowEvent::PointerPressed {
            position: centre,
            button: PointerEventButton::Left,
        });
        mock_elapsed_time(held);
        pump_until("the press to register", || true);
        window.dispatch_event(WindowEvent::PointerReleased {
            position: centre,
            button: PointerEventButton::Left,
        });
    }
}
