//! The resident's round trip with real processes on loopback: a portal with a fake SMS
//! gateway, two terminals A and B on their own data dirs (real SQLite, real sync workers, A
//! with the virtual printer), and the agency's dashboard over HTTP.
//!
//! A resident at A sends an application with a phone and SMS consent by touch; the receipt
//! prints; the portal receives it and one "received" SMS carries the code; an agency user
//! answers on the dashboard; A's store gets the answer and A's screen shows it for the
//! scanned QR, and prints it; B shows the state for the typed code, the answer for the QR or the right
//! PINFL, and not for a wrong one; the phone page shows the answer in the resident's
//! language; one SMS per status change; a catalogue published at the portal reaches A in one
//! sync and a submission to its new service is accepted; with the portal gone, B says so.
//!
//! The testing backend can be set up once per process, so all of it runs in one test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod touch;

use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use mahalla_kiosk::ui::{AppWindow, Page, PrinterLink, Shell};
use mahalla_kiosk_core::config::Config;
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::printer::service::PrinterService;
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::sync::{self, Backoff, SyncOptions};
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_test_support::dashboard::Dashboard;
use mahalla_test_support::gateway::FakeGateway;
use mahalla_test_support::offline::{catalogue_with_a_new_service, submit_to_the_new_service};
use mahalla_test_support::{FULL_NAME, PINFL, Portal, browser, enrol, qr};
use slint::platform::{Key, WindowEvent};
use slint::{ComponentHandle, Model};
use touch::{Touch, open_screen, pump_until};

const PHONE_TYPED: &str = "901234567";
const PHONE: &str = "+998901234567";
const WRONG_PINFL: &str = "41508901234563";
const ANSWER: &str = "Koʻcha chiroqlari shu hafta taʼmirlanadi.";
const AGENCY_USER: &str = "nodira";
const AGENCY_PASSWORD: &str = "agentlik-parol-2026";

/// A terminal's screen with its own store, sync worker and (for A) virtual printer.
struct Terminal {
    app: AppWindow,
    shell: Rc<Shell>,
    catalogue: Arc<Catalogue>,
    printer: Option<VirtualPrinter>,
}

impl Touch for Terminal {
    fn app(&self) -> &AppWindow {
        &self.app
    }
}

fn quick_sync() -> SyncOptions {
    SyncOptions {
        backoff: Backoff {
            base: Duration::from_millis(200),
            cap: Duration::from_secs(1),
            first: Duration::from_millis(10),
        },
        interval: Duration::from_millis(300),
        request_timeout: Duration::from_secs(5),
        ..SyncOptions::default()
    }
}

impl Terminal {
    fn start(data_dir: &Path, with_printer: bool) -> Terminal {
        let config = Config {
            data_dir: data_dir.to_owned(),
            ..Config::default()
        };
        let (events_tx, events) = std::sync::mpsc::channel();
        let (worker, printer) = if with_printer {
            let bundled = mahalla_protocol::bundled::catalogue().expect("catalogue");
            let service = PrinterService::start(&config, Arc::new(bundled), events_tx)
                .expect("the virtual printer");
            (Some(service.worker), service.virtual_printer)
        } else {
            (None, None)
        };
        let sync = sync::spawn(data_dir.to_owned(), quick_sync()).expect("sync");
        let (app, shell, catalogue) = open_screen(
            data_dir,
            Duration::from_secs(600),
            Some(PrinterLink { worker, events }),
            Some(sync),
        );
        Terminal {
            app,
            shell,
            catalogue,
            printer,
        }
    }

    fn field_label(&self, key: &str) -> String {
        let form = self.catalogue.submittable("ariza").expect("ariza").form();
        let field = form.iter().find(|field| field.key == key).expect("field");
        field.label.get(Lang::UzLatn).to_owned()
    }

    fn type_into(&self, key: &str, text: &str) {
        self.fill(&self.field_label(key), text);
    }

    /// The scanner types the QR's whole text, then Enter, into the focused code field.
    fn scan(&self, text: &str) {
        for key in [text.into(), Key::Return.into()] {
            self.app
                .window()
                .dispatch_event(WindowEvent::KeyPressed { text: key });
        }
    }

    fn open_status_check(&self) {
        self.tap(&self.text("start-begin"));
        self.tap(&self.text("home-check"));
        assert_eq!(self.page(), Page::StatusCheck);
    }

    fn shown_answers(&self) -> Vec<String> {
        let history = self.kiosk().get_status().history;
        (0..history.row_count())
            .filter_map(|i| history.row_data(i))
            .map(|line| line.answer.to_string())
            .filter(|answer| !answer.is_empty())
            .collect()
    }

    /// Types the code on the keyboard and taps Find; waits for the portal's answer.
    fn look_up_typed(&self, code: &str) {
        self.type_on_keyboard(code);
        self.tap(&self.text("status-find"));
        pump_until("the status", || self.status_settled());
    }

    /// Types a PINFL into the PINFL field and taps "Show the answer".
    fn show_answer_with(&self, pinfl: &str) {
        assert!(self.kiosk().get_status().ask_pinfl, "the PINFL is offered");
        self.tap(&self.text("status-pinfl-label"));
        self.type_on_keyboard(pinfl);
        self.tap(&self.text("status-show-answer"));
        pump_until("the status", || self.status_settled());
    }

    /// The resident walks away: the idle timeout wipes the visit.
    fn finish_visit(&self) {
        self.shell.wipe();
        assert_eq!(self.page(), Page::Start);
    }
}

fn wait_for<T>(what: &str, mut found: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(value) = found() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn submission_at(portal: &Portal, code: &str) -> Option<serde_json::Value> {
    portal
        .submissions()
        .into_iter()
        .find(|submission| submission["receipt_code"] == code)
}

fn data_dir(root: &Path, name: &str, portal: &Portal) -> PathBuf {
    let dir = root.join(name);
    enrol(&dir, portal);
    dir
}

#[test]
fn an_application_goes_to_the_agency_and_its_answer_comes_back() {
    i_slint_backend_testing::init_integration_test_with_mock_time();
    mahalla_test_support::install_tls_provider();
    let root = tempfile::tempdir().expect("temp dir");
    let gateway = FakeGateway::start();
    let portal_dir = root.path().join("portal");
    std::fs::create_dir_all(&portal_dir).expect("portal dir");
    std::fs::write(
        portal_dir.join("notify.json"),
        serde_json::json!({ "sms": { "url": format!("{}/sms", gateway.url), "token": "t" } })
            .to_string(),
    )
    .expect("notify.json");
    let mut portal = Portal::start(&portal_dir, &[]);
    portal.add_staff(AGENCY_USER, AGENCY_PASSWORD);
    let a_dir = data_dir(root.path(), "a", &portal);
    let b_dir = data_dir(root.path(), "b", &portal);

    // At A, by touch: an application with a phone number and the SMS consent ticked.
    let a = Terminal::start(&a_dir, true);
    a.tap(&a.text("start-begin"));
    a.tap(&a.text("home-appeals"));
    a.tap(
        a.catalogue
            .appeal("ariza")
            .expect("ariza")
            .name
            .get(Lang::UzLatn),
    );
    assert_eq!(a.page(), Page::Form);
    a.type_into("full_name", FULL_NAME);
    a.type_into("pinfl", PINFL);
    a.type_into("phone", PHONE_TYPED);
    let consent = a.field_label("notify_consent");
    a.scroll_to(&consent);
    a.tap(&consent);
    let addressee = "Tuman (shahar) hokimligi";
    a.scroll_to(addressee);
    a.tap(addressee);
    a.type_into("subject", "Koʻcha chiroqlari");
    a.type_into("message", "Bizning koʻchada chiroqlar yonmayapti");
    a.tap(&a.text("form-next"));
    assert_eq!(a.page(), Page::Review);
    a.tap(&a.text("review-consent"));
    a.tap(&a.text("review-submit"));
    pump_until("the receipt", || a.page() == Page::Receipt);
    let code = a.kiosk().get_receipt_code().to_string();
    ReceiptCode::parse(&code).expect("a receipt code on screen");

    // The virtual printer printed it; its QR is the status address.
    let printed = a
        .printer
        .as_ref()
        .expect("A's printer")
        .next_printout(Duration::from_secs(30))
        .expect("the receipt prints");
    let qr_text = qr::qr_texts(&printed.png.expect("a PNG of the receipt"))
        .into_iter()
        .find(|text| text.starts_with(&portal.url))
        .expect("the receipt's QR points at the portal");

    // The portal has it; one SMS says so, with the code, nothing personal.
    let submission = wait_for("the application at the portal", || {
        submission_at(&portal, &code)
    });
    assert_eq!(submission["payload"]["values"]["notify_consent"], "yes");
    let received = wait_for("the received SMS", || {
        let texts = gateway.texts_to(PHONE);
        (!texts.is_empty()).then_some(texts)
    });
    assert_eq!(received.len(), 1, "{received:?}");
    assert!(received[0].contains(&code) && received[0].contains("qabul qilindi"));
    for personal in [PINFL, FULL_NAME] {
        assert!(
            !received[0].contains(personal),
            "{personal} in {received:?}"
        );
    }

    // The agency answers on the dashboard; A's next sync brings the answer home.
    Dashboard::sign_in(&portal.url, AGENCY_USER, AGENCY_PASSWORD).answer(
        submission["id"].as_str().expect("id"),
        "approved",
        ANSWER,
    );
    let parsed = ReceiptCode::parse(&code).expect("code");
    wait_for("the answer in A's store", || {
        let store = Store::open(&a_dir).expect("A's store");
        let record = store.status(&parsed).expect("lookup")?;
        record
            .history
            .iter()
            .any(|change| change.answer.as_deref() == Some(ANSWER))
            .then_some(())
    });
    a.finish_visit();
    a.open_status_check();
    a.scan(&qr_text);
    pump_until("A's status", || a.status_settled());
    assert_eq!(a.shown_answers(), [ANSWER], "A shows the answer for its QR");
    // The resident prints the status and the answer on the receipt printer.
    a.tap(&a.text("status-print"));
    pump_until("the slip", || {
        a.kiosk().get_status().print_note == a.text("status-printed")
    });
    a.printer
        .as_ref()
        .expect("A's printer")
        .next_printout(Duration::from_secs(10))
        .expect("the status slip came out");
    a.finish_visit();

    // At B, which never saw this receipt.
    let b = Terminal::start(&b_dir, false);
    b.open_status_check();
    b.look_up_typed(&code);
    let status = b.kiosk().get_status();
    assert!(status.found, "B finds it at the portal: {}", status.problem);
    assert!(
        b.shown_answers().is_empty(),
        "a typed code hides the answer"
    );
    assert_eq!(status.withheld, b.text("status-answer-withheld"));
    b.show_answer_with(WRONG_PINFL);
    assert!(b.shown_answers().is_empty(), "a wrong PINFL shows nothing");
    assert_eq!(
        b.kiosk().get_status().withheld,
        b.text("status-pinfl-mismatch")
    );
    b.show_answer_with(PINFL);
    assert_eq!(b.shown_answers(), [ANSWER], "the right PINFL shows it");
    b.finish_visit();
    b.open_status_check();
    b.scan(&qr_text);
    pump_until("B's status", || b.status_settled());
    assert_eq!(b.shown_answers(), [ANSWER], "B shows the answer for the QR");
    b.finish_visit();

    // A phone that scans the QR gets the page in the resident's language, with the answer.
    let page = reqwest::blocking::Client::new()
        .get(&qr_text)
        .header("accept", "text/html")
        .send()
        .expect("the phone page")
        .text()
        .expect("HTML");
    assert!(
        page.contains("lang=\"uz-Latn\"") && page.contains(ANSWER),
        "{page}"
    );
    if let Some(dom) = browser::dump_dom(&qr_text, root.path()) {
        assert!(dom.contains(ANSWER), "Chromium shows the answer: {dom}");
    }

    // One SMS per status change: received, then approved with the start of the answer.
    let texts = wait_for("the approved SMS", || {
        let texts = gateway.texts_to(PHONE);
        (texts.len() >= 2).then_some(texts)
    });
    std::thread::sleep(Duration::from_secs(2));
    assert_eq!(gateway.texts_to(PHONE), texts, "no notice twice");
    assert_eq!(texts.len(), 2, "{texts:?}");
    assert!(
        texts[1].contains(&code) && texts[1].contains(ANSWER),
        "{texts:?}"
    );

    // A catalogue published at the portal reaches A in one sync, between visits.
    let published = root.path().join("catalogue.json");
    std::fs::write(&published, catalogue_with_a_new_service().to_string()).expect("write");
    portal.admin(&["publish-catalogue", published.to_str().expect("UTF-8 path")]);
    a.shell.sync.as_ref().expect("A's sync").nudge();
    wait_for("the catalogue at A", || {
        let catalogue = Store::open(&a_dir)
            .expect("A's store")
            .current_catalogue()
            .expect("read");
        catalogue.submittable("street-lights").map(|_| ())
    });
    a.shell.wipe();
    pump_until("the new service on A's screen", || {
        a.offers("street-lights")
    });
    let new_code = submit_to_the_new_service(&a_dir);
    a.shell.sync.as_ref().expect("A's sync").nudge();
    let accepted = wait_for("the new service's application at the portal", || {
        submission_at(&portal, &new_code)
    });
    assert_eq!(accepted["target_id"], "street-lights");
    assert_eq!(accepted["catalogue_version"], 4);

    // The connection drops while a resident at B asks: what was found stays on screen and
    // the screen says the PINFL could not be checked; a new search says the portal is out
    // of reach, not that the code is unknown.
    b.open_status_check();
    b.look_up_typed(&code);
    assert!(b.kiosk().get_status().found);
    portal.stop();
    b.show_answer_with(PINFL);
    let status = b.kiosk().get_status();
    assert!(status.found, "the status found stays");
    assert_eq!(status.withheld, b.text("status-pinfl-not-checked"));
    b.finish_visit();
    b.open_status_check();
    b.look_up_typed(&code);
    let status = b.kiosk().get_status();
    assert!(!status.found);
    assert_eq!(status.problem, b.text("status-not-found-offline"));
}
