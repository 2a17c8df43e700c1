//! The resident's flow on the real screens, driven by taps through Slint's testing backend:
//! every character typed on the on-screen keyboard, against a real store on disk.
//!
//! The testing backend can be set up once per process, so the scenarios run in order inside
//! one test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

use std::sync::Arc;
use std::time::Duration;

mod touch;

use i_slint_backend_testing::mock_elapsed_time;
use mahalla_kiosk::ui::{AppWindow, FormField, IDLE_COUNTDOWN_SECS, Page, Shell, Theme, Tr};
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::{Change, Status, Update, UpdatesPage};
use mahalla_test_support::offline::{
    PORTAL_URL, catalogue_with_a_new_service, enrol_without_a_portal,
};
use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, Model};
use touch::{Touch, open_screen, pump_until};

const IDLE_TIMEOUT: Duration = Duration::from_secs(90);

struct Terminal {
    app: AppWindow,
    _shell: std::rc::Rc<Shell>,
    catalogue: Arc<Catalogue>,
}

impl Touch for Terminal {
    fn app(&self) -> &AppWindow {
        &self.app
    }
}

impl Terminal {
    fn start(data_dir: &std::path::Path) -> Terminal {
        let (app, shell, catalogue) = open_screen(data_dir, IDLE_TIMEOUT, None, None);
        Terminal {
            app,
            _shell: shell,
            catalogue,
        }
    }

    fn field_label(&self, service: &str, key: &str, lang: Lang) -> String {
        let form = self.catalogue.submittable(service).expect("service").form();
        let field = form.iter().find(|field| field.key == key).expect("field");
        field.label.get(lang).to_owned()
    }

    fn option_label(&self, service: &str, key: &str, value: &str, lang: Lang) -> String {
        use mahalla_protocol::catalogue::FieldKind;
        let form = self.catalogue.submittable(service).expect("service").form();
        let field = form.iter().find(|field| field.key == key).expect("field");
        let FieldKind::Choice { options } = &field.kind else {
            panic!("{key} is a choice")
        };
        options
            .iter()
            .find(|o| o.value == value)
            .expect("option")
            .label
            .get(lang)
            .to_owned()
    }

    /// The form's row of field `key`, as the screen shows it.
    fn field_row(&self, key: &str) -> Option<FormField> {
        let fields = self.kiosk().get_fields();
        (0..fields.row_count())
            .filter_map(|i| fields.row_data(i))
            .find(|field| field.key == key)
    }

    fn field_error(&self, key: &str) -> String {
        self.field_row(key)
            .map(|field| field.error.to_string())
            .unwrap_or_default()
    }

    /// From the start screen to the doctor-appointment form.
    fn open_doctor_form(&self) {
        self.tap(&self.text("start-begin"));
        self.tap(&self.text("home-services"));
        let name = self
            .catalogue
            .service("doctor-appointment")
            .expect("service")
            .name
            .get(Lang::UzLatn)
            .to_owned();
        self.tap(&name);
        self.tap(&self.text("card-apply"));
        assert_eq!(self.page(), Page::Form);
    }

    fn type_into(&self, key: &str, text: &str) {
        self.fill(
            &self.field_label("doctor-appointment", key, Lang::UzLatn),
            text,
        );
    }

    /// Taps Next, on the keyboard or below a choice, a tick box or the date picker.
    fn next(&self) {
        self.tap(&self.text("kb-enter"));
    }

    /// The key of the form's current field.
    fn focused_key(&self) -> String {
        let index = usize::try_from(self.kiosk().get_focused_field()).expect("a current field");
        self.kiosk()
            .get_fields()
            .row_data(index)
            .map(|field| field.key.to_string())
            .unwrap_or_default()
    }

    /// Picks `date` on the current field's date picker, looking at the picker after each
    /// tap as a person would: the year first, then the month, then the day.
    fn pick_date(&self, date: time::Date) {
        let shown = || {
            let index = usize::try_from(self.kiosk().get_focused_field()).expect("a field");
            let field = self
                .kiosk()
                .get_fields()
                .row_data(index)
                .expect("the field");
            field.date
        };
        let (day, month, year) = (
            self.text("date-day"),
            self.text("date-month"),
            self.text("date-year"),
        );
        let month_name = self.text(&format!("month-{}", u8::from(date.month())));
        for _ in 0..400 {
            let parts = shown();
            let shown_year: i32 = parts.year.parse().expect("a year");
            let shown_day: u8 = parts.day.parse().expect("a day");
            let tap = if shown_year != date.year() {
                format!(
                    "{year} {}",
                    if shown_year < date.year() { "+" } else { "–" }
                )
            } else if parts.month != month_name.as_str() {
                format!("{month} +")
            } else if shown_day != date.day() || !parts.chosen {
                format!("{day} {}", if shown_day < date.day() { "+" } else { "–" })
            } else {
                let field = self.focused_key();
                assert_eq!(
                    self.field_value(&field),
                    mahalla_protocol::form::local_date(date),
                    "the field shows the date picked"
                );
                return;
            };
            self.tap(&tap);
        }
        panic!("{date} was never reached on the picker");
    }

    fn field_value(&self, key: &str) -> String {
        self.field_row(key)
            .map(|field| field.value.to_string())
            .unwrap_or_default()
    }

    fn pick(&self, key: &str, value: &str) {
        let label = self.option_label("doctor-appointment", key, value, Lang::UzLatn);
        self.scroll_to(&label);
        self.tap(&label);
    }
}

fn a_week_ahead() -> time::Date {
    time::OffsetDateTime::now_utc().date() + time::Duration::days(7)
}

#[test]
fn a_resident_uses_the_terminal_by_touch_only() {
    i_slint_backend_testing::init_integration_test_with_mock_time();
    let data_dir = tempfile::tempdir().expect("temp dir");
    let terminal = Terminal::start(data_dir.path());

    // A terminal not connected to a portal says so on every screen.
    pump_until("the demo line", || {
        terminal.shows(&terminal.text("net-demo"))
    });

    // The services' search finds a service across scripts: Cyrillic letters typed on a
    // Latin screen find its Latin name.
    terminal.tap(&terminal.text("start-begin"));
    terminal.tap(&terminal.text("home-services"));
    assert!(terminal.shows(&terminal.text("net-demo")));
    assert!(terminal.offers("household-waste-account"));
    terminal.tap(&terminal.text("services-search"));
    terminal.tap("АБВ");
    terminal.type_on_keyboard("шифокор");
    assert!(
        terminal.offers("doctor-appointment"),
        "found across scripts"
    );
    assert!(
        !terminal.offers("household-waste-account"),
        "and only what was asked for"
    );
    // A word nothing matches: the screen says so and where to turn.
    terminal.type_on_keyboard("жжж");
    assert!(!terminal.offers("doctor-appointment"));
    assert!(terminal.shows(&terminal.text("services-none-found")));
    for _ in 0..3 {
        terminal.tap(&terminal.text("kb-backspace"));
    }
    assert!(
        terminal.offers("doctor-appointment"),
        "deleting brings it back"
    );
    let back = format!("‹ {}", terminal.text("nav-back"));
    terminal.tap(&back);
    terminal.tap(&back);
    assert_eq!(terminal.page(), Page::Start);

    // A full submission, every character typed on the on-screen keyboard, every field after
    // the first reached with Next.
    terminal.open_doctor_form();
    let name = terminal.field_label("doctor-appointment", "full_name", Lang::UzLatn);
    terminal.tap(&name);
    assert!(
        terminal.has_key("Q") && !terminal.has_key("q"),
        "a name starts with a capital"
    );
    // An apostrophe, a hyphen, oʻ and gʻ are keys; each part of the name starts with a
    // capital by itself.
    for key in ["Oʻ", "gʻ", "i", "l", "o", "y"] {
        terminal.tap(key);
    }
    terminal.tap(&terminal.text("kb-space"));
    assert!(
        terminal.has_key("Gʻ"),
        "the next part starts with a capital"
    );
    terminal.type_on_keyboard("Gʻulomova-Maʼrufova");
    assert_eq!(terminal.input_text(&name), "Oʻgʻiloy Gʻulomova-Maʼrufova");
    terminal.next();
    assert_eq!(terminal.focused_key(), "pinfl", "Next goes to the PINFL");
    // The PINFL's pad has digits only; the phone's adds +.
    assert!(
        terminal.has_key("0") && !terminal.has_key("q"),
        "a digit pad for the PINFL"
    );
    assert!(
        !terminal.shows("+") && !terminal.shows("."),
        "no + or . for a PINFL"
    );
    terminal.type_on_keyboard("62802050010028");
    terminal.next();
    assert_eq!(terminal.focused_key(), "phone");
    assert!(
        terminal.shows("+") && !terminal.shows("."),
        "a phone pad has +"
    );
    terminal.type_on_keyboard("901234567");
    // The SMS consent starts unticked; ticking it is one tap on its row.
    terminal.next();
    assert_eq!(terminal.focused_key(), "notify_consent");
    let consent = terminal.field_label("doctor-appointment", "notify_consent", Lang::UzLatn);
    assert!(
        !terminal.ticked(&consent),
        "consent is not given by default"
    );
    terminal.tap(&consent);
    assert!(terminal.ticked(&consent));
    terminal.next();
    assert_eq!(terminal.focused_key(), "specialty");
    terminal.pick("specialty", "dentist");
    terminal.next();
    assert_eq!(terminal.focused_key(), "visit_date");
    terminal.pick_date(a_week_ahead());
    terminal.next();
    assert_eq!(terminal.focused_key(), "time_of_day");
    terminal.pick("time_of_day", "morning");
    // Next from the last field does what Continue does.
    terminal.next();
    assert_eq!(
        terminal.page(),
        Page::Review,
        "a valid form goes to review: {:?}",
        ["phone", "specialty", "visit_date"].map(|k| terminal.field_error(k))
    );
    let review = terminal.kiosk().get_review();
    let shown: Vec<String> = (0..review.row_count())
        .filter_map(|i| review.row_data(i))
        .map(|l| l.value.to_string())
        .collect();
    assert!(
        shown.contains(&"+998 90 123 45 67".to_owned()),
        "the phone is read back formatted: {shown:?}"
    );
    assert!(
        shown.contains(&terminal.text("review-consent-given")),
        "the review says an SMS was asked for: {shown:?}"
    );
    // Personal values are masked from whoever stands behind, until the resident asks.
    assert!(!terminal.shows("+998 90 123 45 67") && terminal.shows("+••• •• ••• 45 67"));
    assert!(terminal.shows("••••••••••0028"), "the PINFL is masked");
    terminal.tap(&terminal.text("review-show"));
    assert!(terminal.shows("+998 90 123 45 67") && terminal.shows("62802050010028"));
    terminal.tap(&terminal.text("review-hide"));
    assert!(!terminal.shows("62802050010028"));

    let send = terminal.text("review-submit");
    terminal.tap(&send);
    assert_eq!(
        terminal.page(),
        Page::Review,
        "nothing is sent without consent"
    );
    assert!(
        terminal.shows(&terminal.text("review-consent-needed")),
        "the screen says why Send does nothing"
    );
    terminal.tap(&terminal.text("review-consent"));
    terminal.tap(&send);
    pump_until("the screen", || terminal.page() == Page::Receipt);
    let code =
        ReceiptCode::parse(&terminal.kiosk().get_receipt_code()).expect("a receipt code on screen");
    {
        let store = Store::open(data_dir.path()).expect("second connection");
        assert!(
            store.has_receipt_code(&code).expect("lookup"),
            "the receipt on screen is stored"
        );
        assert_eq!(
            store.queue().expect("queue").len(),
            1,
            "one tap on send, one submission"
        );
    }
    pump_until("the screen", || terminal.kiosk().get_waiting() == 1);
    terminal.tap(&terminal.text("receipt-done"));
    assert_eq!(terminal.page(), Page::Start);

    // Switching language mid-form keeps what was typed.
    terminal.open_doctor_form();
    terminal.type_into("full_name", "Gʻayrat");
    terminal.tap("Русский");
    let russian_label = terminal.field_label("doctor-appointment", "full_name", Lang::Ru);
    assert_eq!(
        terminal.input_text(&russian_label),
        "Gʻayrat",
        "typed text survives the switch"
    );
    assert_eq!(terminal.app.global::<Tr>().get_lang(), "ru");
    // On a Russian screen the keyboard has Russian letters, and one key away the Latin ones
    // of a name as a passport writes it.
    terminal.tap(&russian_label);
    assert!(terminal.has_key("ж") && !terminal.has_key("q"));
    terminal.tap("ABC");
    terminal.type_on_keyboard(" Karimov");
    assert_eq!(terminal.input_text(&russian_label), "Gʻayrat Karimov");
    terminal.tap("АБВ");
    assert!(terminal.has_key("ж"), "and back to Cyrillic");
    terminal.tap("Oʻzbekcha");

    // An invalid PINFL blocks the way to review and says why.
    terminal.type_into("pinfl", "30101990123458");
    terminal.tap(&terminal.text("form-next"));
    assert_eq!(terminal.page(), Page::Form);
    assert_eq!(
        terminal.field_error("pinfl"),
        terminal.text("error-pinfl-check-digit")
    );

    // The reading aids are in the header on every screen and last the whole visit.
    let theme = || terminal.app.global::<Theme>();
    terminal.tap(&terminal.text("a11y-large-text"));
    terminal.tap(&terminal.text("a11y-high-contrast"));
    assert!(theme().get_large_text() && theme().get_high_contrast());
    terminal.tap(&format!("‹ {}", terminal.text("nav-back")));
    assert_eq!(terminal.page(), Page::Service);
    assert!(
        theme().get_large_text() && theme().get_high_contrast(),
        "Back keeps the reading aids"
    );
    terminal.tap(&terminal.text("card-apply"));

    // Walking away: the question, the countdown, then everything is wiped.
    mock_elapsed_time(IDLE_TIMEOUT + Duration::from_secs(1));
    assert!(
        terminal.kiosk().get_idle_warning(),
        "the terminal asks whether anyone is there"
    );
    assert_eq!(
        terminal.kiosk().get_idle_seconds_left(),
        IDLE_COUNTDOWN_SECS as i32
    );
    for _ in 0..IDLE_COUNTDOWN_SECS {
        mock_elapsed_time(Duration::from_secs(1));
    }
    assert_eq!(terminal.page(), Page::Start, "back at the start screen");
    assert!(!terminal.kiosk().get_idle_warning());
    assert_eq!(terminal.app.global::<Tr>().get_lang(), "uz-Latn");
    assert!(
        !theme().get_large_text() && !theme().get_high_contrast(),
        "the next resident starts with the usual text and colours"
    );
    terminal.open_doctor_form();
    let name_label = terminal.field_label("doctor-appointment", "full_name", Lang::UzLatn);
    assert_eq!(
        terminal.input_text(&name_label),
        "",
        "the typed name is gone"
    );
    assert_eq!(terminal.field_error("pinfl"), "", "and so are the errors");

    // The status check finds the stored receipt, typed on the keyboard.
    terminal.tap(&terminal.text("nav-home"));
    terminal.tap(&terminal.text("home-check"));
    terminal.type_on_keyboard(&code.to_string());
    terminal.tap(&terminal.text("status-find"));
    pump_until("the screen", || terminal.status_settled());
    let status = terminal.kiosk().get_status();
    assert!(status.found, "found: {}", status.problem);
    assert_eq!(status.code, code.to_string());
    assert_eq!(status.state, terminal.text("state-queued"));

    // The portal sends a newer catalogue with one more service: it is not swapped in under
    // the resident's hands, but the next visit shows it.
    let catalogue = catalogue_with_a_new_service();
    let version = catalogue["version"].as_u64().expect("version");
    Store::open(data_dir.path())
        .expect("second connection")
        .apply_updates(&UpdatesPage {
            updates: vec![Update {
                seq: 1,
                change: Change::Catalogue {
                    version: u32::try_from(version).expect("version"),
                    body: catalogue.to_string(),
                },
            }],
            cursor: 1,
            more: false,
            rotation: None,
            software_update: None,
        })
        .expect("store the catalogue");
    terminal.tap(&terminal.text("nav-home"));
    assert!(
        !terminal.offers("street-lights"),
        "not in the middle of a visit"
    );
    mock_elapsed_time(IDLE_TIMEOUT + Duration::from_secs(1));
    for _ in 0..IDLE_COUNTDOWN_SECS {
        mock_elapsed_time(Duration::from_secs(1));
    }
    assert_eq!(terminal.page(), Page::Start);
    pump_until("the screen", || terminal.offers("street-lights"));

    // The terminal is enrolled and the agency answers the receipt.
    let key = enrol_without_a_portal(data_dir.path(), "Navroʻz");
    let mut store = Store::open(data_dir.path()).expect("second connection");
    let submission_id = store
        .receipts_to_print()
        .expect("receipts")
        .into_iter()
        .find(|receipt| receipt.receipt_code == code)
        .expect("the receipt")
        .submission_id;
    let answer = "Qabulingiz 12-dekabr, soat 10:00 ga belgilandi.";
    store
        .apply_updates(&UpdatesPage {
            updates: vec![Update {
                seq: 2,
                change: Change::Status {
                    submission_id: submission_id.parse().expect("id"),
                    status: Status::Approved,
                    answer: Some(answer.into()),
                    changed_at: "2026-12-06T10:00:00Z".into(),
                },
            }],
            cursor: 2,
            more: false,
            rotation: None,
            software_update: None,
        })
        .expect("the answer arrives");
    let answers_shown = |terminal: &Terminal| {
        let history = terminal.kiosk().get_status().history;
        (0..history.row_count())
            .filter_map(|i| history.row_data(i))
            .any(|line| line.answer == answer)
    };

    // Typed, the code shows the state but not the answer, and says how to see it.
    terminal.tap(&terminal.text("start-begin"));
    terminal.tap(&terminal.text("home-check"));
    terminal.type_on_keyboard(&code.to_string());
    terminal.tap(&terminal.text("status-find"));
    pump_until("the screen", || terminal.status_settled());
    assert!(terminal.kiosk().get_status().found);
    assert!(
        !answers_shown(&terminal),
        "a typed code does not show the answer"
    );
    assert_eq!(
        terminal.kiosk().get_status().withheld,
        terminal.text("status-answer-withheld-qr")
    );

    // Scanned: the scanner types the receipt QR's whole text and Enter; the answer shows.
    let qr = key.receipt_qr(PORTAL_URL, code);
    terminal
        .app
        .window()
        .dispatch_event(WindowEvent::KeyPressed {
            text: qr.text().into(),
        });
    terminal
        .app
        .window()
        .dispatch_event(WindowEvent::KeyPressed {
            text: Key::Return.into(),
        });
    pump_until("the screen", || answers_shown(&terminal));
    assert_eq!(terminal.kiosk().get_status().withheld, "");
}
