//! The technician's first-boot wizard and the staff's way in, on the real screens through
//! Slint's testing backend: a real portal on loopback, a virtual printer on a pseudo-terminal,
//! every character typed on the on-screen keyboard, and a power cut in the middle.
//!
//! The testing backend can be set up once per process, so the scenarios run in order inside
//! one test.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod touch;

use std::path::Path;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use i_slint_backend_testing::mock_elapsed_time;
use mahalla_escpos::profile::Profile;
use mahalla_kiosk::ui::{
    AppWindow, Dependencies, Kiosk, Page, Setup, Shell, Staff, Tr, Wizard, WizardStep,
};
use mahalla_kiosk_core::config::{Config, PrinterConfig};
use mahalla_kiosk_core::device_key::DeviceKey;
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::printer::emulator::VirtualPrinter;
use mahalla_kiosk_core::store::{DATABASE_FILE, Store, SyncProblem};
use mahalla_kiosk_core::store_worker::StoreWorker;
use mahalla_protocol::lang::Lang;
use mahalla_test_support::relay::KeySwappingRelay;
use mahalla_test_support::{MAHALLA, Portal, qr};
use slint::platform::WindowEvent;
use slint::{ComponentHandle, Model};
use touch::{Touch, pump_until};

struct Terminal {
    app: AppWindow,
    _shell: Rc<Shell>,
}

impl Touch for Terminal {
    fn app(&self) -> &AppWindow {
        &self.app
    }
}

impl Terminal {
    fn start(config: &Config) -> Terminal {
        let catalogue = Arc::new(mahalla_protocol::bundled::catalogue().expect("catalogue"));
        let store =
            StoreWorker::start(Store::open(&config.data_dir).expect("store")).expect("worker");
        let app = mahalla_kiosk::ui::open_window().expect("window");
        app.window().set_size(slint::PhysicalSize::new(1920, 1080));
        let (events, _) = std::sync::mpsc::channel();
        let shell = Shell::attach(
            &app,
            Dependencies {
                catalogue,
                translations: Translations::load().expect("translations"),
                store,
                default_lang: Lang::UzLatn,
                idle_timeout: Duration::from_secs(90),
                printer: None,
                sync: None,
                setup: Some(Setup {
                    config: config.clone(),
                    printer_events: events,
                }),
                software_update: None,
            },
        );
        app.show().expect("show");
        Terminal { app, _shell: shell }
    }

    /// A new terminal's wizard, tapped on to the portal's address (step 3).
    fn at_portal_step(config: &Config) -> Terminal {
        let terminal = Terminal::start(config);
        pump_until("the wizard", || terminal.page() == Page::Wizard);
        terminal.next();
        pump_until("the network check", || !terminal.wizard().get_busy());
        terminal.next();
        assert_eq!(terminal.wizard().get_step(), WizardStep::Portal);
        terminal
    }

    fn wizard(&self) -> Wizard<'_> {
        self.app.global::<Wizard>()
    }

    fn staff(&self) -> Staff<'_> {
        self.app.global::<Staff>()
    }

    /// A barcode scanner reads `text`: it types it and ends with Enter, as a keyboard would.
    fn scan(&self, text: &str) {
        let window = self.app.window();
        window.dispatch_event(WindowEvent::KeyPressed { text: text.into() });
        window.dispatch_event(WindowEvent::KeyPressed {
            text: slint::platform::Key::Return.into(),
        });
    }

    fn next(&self) {
        self.tap(&format!("{} ›", self.text("wizard-next")));
    }
}

/// The text of the QR on an enrolment sheet the portal writes to `sheet` for `url`.
fn sheet_text(portal: &Portal, url: &str, sheet: &Path) -> String {
    portal.admin(&[
        "enrol-code",
        "--mahalla",
        MAHALLA,
        "--qr",
        sheet.to_str().expect("UTF-8 path"),
        "--portal-url",
        url,
    ]);
    let scanned = qr::qr_texts(sheet);
    assert_eq!(scanned.len(), 1, "one QR on the sheet");
    scanned[0].clone()
}

fn enrolled_and_staffed(data_dir: &Path) -> (bool, usize) {
    let store = Store::open(data_dir).expect("store");
    (
        store.enrolment().expect("enrolment").is_some(),
        store.staff().expect("staff").len(),
    )
}

fn audit_actions(data_dir: &Path) -> Vec<String> {
    Store::open(data_dir)
        .expect("store")
        .recent_audit(50)
        .expect("audit")
        .into_iter()
        .map(|entry| format!("{} {}", entry.actor, entry.action))
        .collect()
}

#[test]
fn a_technician_sets_up_the_terminal_and_staff_get_in() {
    i_slint_backend_testing::init_integration_test_with_mock_time();
    let portal_dir = tempfile::tempdir().expect("portal dir");
    let portal = Portal::start(portal_dir.path(), &[]);
    let (code, fingerprint) = portal.enrol_code_and_fingerprint();
    let printer = VirtualPrinter::start(Profile::named("epson-tm-t20").expect("profile"), None)
        .expect("virtual printer");
    let kiosk_dir = tempfile::tempdir().expect("kiosk dir");
    let defaults = Config::default();
    let config = Config {
        data_dir: kiosk_dir.path().to_owned(),
        first_boot_wizard: true,
        portal_url: None,
        printer: PrinterConfig {
            port: Some(printer.path().into()),
            profile: "xprinter-58".to_owned(),
            ..defaults.printer.clone()
        },
        ..defaults
    };

    // A terminal that is not set up opens the wizard.
    let terminal = Terminal::start(&config);
    pump_until("the wizard", || terminal.page() == Page::Wizard);
    assert_eq!(terminal.wizard().get_step(), WizardStep::Language);
    // The hidden staff entry does nothing before there are staff.
    terminal.hold_emblem(Duration::from_secs(4));
    assert_eq!(terminal.page(), Page::Wizard);

    // 1. Language. The terminal cannot record where the wizard is (a failing disk): the
    //    technician is told that a restart would start the setup over.
    terminal.tap("English");
    assert_eq!(terminal.app.global::<Tr>().get_lang(), "en");
    let database = rusqlite::Connection::open(kiosk_dir.path().join(DATABASE_FILE))
        .expect("the terminal's database");
    database
        .execute_batch(
            "CREATE TRIGGER settings_unwritable BEFORE INSERT ON settings
             BEGIN SELECT RAISE(ABORT, 'disk error'); END;
             CREATE TRIGGER settings_unchangeable BEFORE UPDATE ON settings
             BEGIN SELECT RAISE(ABORT, 'disk error'); END;",
        )
        .expect("break the settings");
    terminal.next();
    pump_until("the problem", || {
        terminal.wizard().get_problem() == terminal.text("wizard-progress-not-saved").as_str()
    });
    database
        .execute_batch("DROP TRIGGER settings_unwritable; DROP TRIGGER settings_unchangeable;")
        .expect("heal the settings");

    // 2. The network check runs by itself; with no portal address yet it says so.
    assert_eq!(terminal.wizard().get_step(), WizardStep::Network);
    pump_until("the network check", || !terminal.wizard().get_busy());
    assert!(
        terminal
            .wizard()
            .get_checks()
            .iter()
            .any(|line| !line.ok && line.detail == terminal.text("wizard-check-no-portal").as_str()),
        "the portal is not checked before its address is known"
    );
    // The terminal's device id, the one its key gives, and each network interface with its
    // link and addresses.
    let device_id = DeviceKey::load_or_create(kiosk_dir.path())
        .expect("device key")
        .device_id()
        .to_owned();
    let checks: Vec<_> = terminal.wizard().get_checks().iter().collect();
    assert_eq!(
        checks[0].label,
        terminal.text("wizard-check-device").as_str()
    );
    assert_eq!(checks[0].detail, device_id.as_str());
    assert!(terminal.shows(&device_id), "the device id is on screen");
    let interfaces = mahalla_kiosk_core::network::interfaces().expect("interfaces");
    for interface in &interfaces {
        assert!(
            checks
                .iter()
                .any(|line| line.label == interface.name.as_str()),
            "{} is shown",
            interface.name
        );
    }
    terminal.next();

    // 3. The portal's address, typed by touch on the address keys after the prefilled
    //    "https://" (the test portal on loopback speaks plain HTTP).
    assert_eq!(terminal.wizard().get_step(), WizardStep::Portal);
    assert_eq!(terminal.wizard().get_portal_url(), "https://");
    for _ in 0.."https://".len() {
        terminal.tap(&terminal.text("kb-backspace"));
    }
    //    Plain http to another machine is refused before anything is sent.
    terminal.type_on_keyboard("http://portal.example.uz");
    terminal.tap(&terminal.text("kb-enter"));
    assert_eq!(
        terminal.wizard().get_problem(),
        terminal.text("wizard-error-plain-http").as_str()
    );
    assert_eq!(terminal.wizard().get_step(), WizardStep::Portal);
    for _ in 0.."http://portal.example.uz".len() {
        terminal.tap(&terminal.text("kb-backspace"));
    }
    terminal.type_on_keyboard(&portal.url);
    assert_eq!(terminal.wizard().get_portal_url(), portal.url.as_str());
    // A typed step goes on with the keyboard's Next.
    terminal.tap(&terminal.text("kb-enter"));
    pump_until("the code step", || {
        terminal.wizard().get_step() == WizardStep::Code
    });

    // 4. A wrong code is refused with the portal's reason; the right one shows its mahalla.
    //    The keyboard's Next goes from the code to the fingerprint, and on from there.
    terminal.type_on_keyboard("0000-0000-0000");
    terminal.tap(&terminal.text("kb-enter"));
    terminal.tap(&terminal.text("kb-enter"));
    pump_until("the refusal", || {
        !terminal.wizard().get_problem().is_empty()
    });
    assert_eq!(
        terminal.wizard().get_problem(),
        terminal.text("wizard-error-code-invalid").as_str()
    );
    terminal.tap(&terminal.text("wizard-code-label"));
    for _ in 0.."0000-0000-0000".len() {
        terminal.tap(&terminal.text("kb-backspace"));
    }
    assert_eq!(terminal.wizard().get_code(), "");
    terminal.type_on_keyboard(&code);
    terminal.tap(&terminal.text("kb-enter"));
    terminal.tap(&terminal.text("kb-enter"));
    pump_until("the confirmation", || {
        terminal.wizard().get_step() == WizardStep::Confirm
    });
    //    Without the fingerprint the keys are not checked, and the screen says so with the
    //    portal's fingerprint to compare; typed from the sheet, they are.
    assert!(!terminal.wizard().get_keys_checked());
    assert_eq!(
        terminal.wizard().get_keys_label(),
        terminal.text("wizard-keys-unchecked").as_str()
    );
    assert!(
        terminal.wizard().get_keys_detail().contains(&fingerprint),
        "{}",
        terminal.wizard().get_keys_detail()
    );
    terminal.tap(&terminal.text("wizard-confirm-no"));
    assert_eq!(terminal.wizard().get_step(), WizardStep::Code);
    terminal.tap(&terminal.text("wizard-fingerprint-label"));
    terminal.type_on_keyboard("8F3K-T2QX");
    terminal.tap(&terminal.text("kb-enter"));
    pump_until("the refusal", || {
        !terminal.wizard().get_problem().is_empty()
    });
    assert_eq!(
        terminal.wizard().get_problem(),
        terminal.text("wizard-error-fingerprint").as_str()
    );
    for _ in 0.."8F3K-T2QX".len() {
        terminal.tap(&terminal.text("kb-backspace"));
    }
    terminal.type_on_keyboard(&fingerprint);
    terminal.tap(&terminal.text("kb-enter"));
    pump_until("the confirmation", || {
        terminal.wizard().get_step() == WizardStep::Confirm
    });
    assert!(terminal.wizard().get_keys_checked());
    assert_eq!(
        terminal.wizard().get_keys_label(),
        terminal.text("wizard-keys-matched").as_str()
    );

    // 5. The mahalla's name is shown before anything is enrolled.
    assert_eq!(terminal.wizard().get_mahalla_name(), "Navroʻz");
    assert!(terminal.shows("Navroʻz"));
    assert!(terminal.wizard().get_mahalla_place().contains(MAHALLA));
    assert_eq!(enrolled_and_staffed(kiosk_dir.path()), (false, 0));
    terminal.tap(&terminal.text("wizard-confirm-yes"));
    pump_until("the printer step", || {
        terminal.wizard().get_step() == WizardStep::Printer
    });
    assert_eq!(enrolled_and_staffed(kiosk_dir.path()), (true, 0));

    // 6. The printer on the pseudo-terminal is found, its model named, its profile suggested.
    pump_until("the printer search", || {
        !terminal.wizard().get_busy() && terminal.wizard().get_chosen_port() >= 0
    });
    let ports = terminal.wizard().get_ports();
    let chosen = ports
        .row_data(usize::try_from(terminal.wizard().get_chosen_port()).expect("index"))
        .expect("chosen port");
    assert_eq!(chosen.port.as_str(), printer.path());
    assert!(chosen.detail.contains("TM-T20"), "{}", chosen.detail);
    assert!(
        terminal
            .wizard()
            .get_printer_profile()
            .contains("Epson TM-T20"),
        "{}",
        terminal.wizard().get_printer_profile()
    );
    terminal.tap(&terminal.text("wizard-printer-test"));
    pump_until("the test print", || {
        !terminal.wizard().get_test_result().is_empty()
    });
    assert_eq!(
        terminal.wizard().get_test_result(),
        terminal.text("wizard-printer-test-sent").as_str()
    );
    let page = printer
        .next_printout(Duration::from_secs(10))
        .expect("the test page reached the printer");
    assert!(page.printout.cut, "the test page was cut");
    terminal.next();
    pump_until("the staff step", || {
        terminal.wizard().get_step() == WizardStep::Staff
    });
    let stored = Store::open(kiosk_dir.path())
        .expect("store")
        .printer_setup()
        .expect("setting")
        .expect("the printer was saved");
    assert_eq!(stored.port, Path::new(printer.path()));
    assert_eq!(stored.profile, "epson-tm-t20");

    // A power cut: the terminal starts again where the technician was, in their language.
    drop(terminal);
    let terminal = Terminal::start(&config);
    pump_until("the resumed wizard", || {
        terminal.page() == Page::Wizard && terminal.wizard().get_step() == WizardStep::Staff
    });
    assert_eq!(terminal.app.global::<Tr>().get_lang(), "en");

    // 7. The first staff PIN: a name on the letters, the PIN twice on the digits, Next on
    //    the keyboard walking from field to field and finishing.
    let next = terminal.text("kb-enter");
    terminal.tap(&terminal.text("wizard-staff-name"));
    terminal.type_on_keyboard("Aziz Rahimov");
    terminal.tap(&next);
    terminal.type_on_keyboard("1234");
    terminal.tap(&next);
    terminal.type_on_keyboard("1234");
    terminal.tap(&next);
    pump_until("the PIN rule", || {
        !terminal.wizard().get_problem().is_empty()
    });
    assert_eq!(
        terminal.wizard().get_problem(),
        terminal.text("error-pin-too-simple").as_str()
    );
    let delete = terminal.text("kb-backspace");
    terminal.tap(&terminal.text("wizard-staff-pin"));
    for _ in 0..4 {
        terminal.tap(&delete);
    }
    terminal.type_on_keyboard("2580");
    terminal.tap(&next);
    for _ in 0..4 {
        terminal.tap(&delete);
    }
    terminal.type_on_keyboard("2580");
    terminal.tap(&next);
    pump_until("the start screen", || terminal.page() == Page::Start);
    assert_eq!(enrolled_and_staffed(kiosk_dir.path()), (true, 1));
    assert!(
        terminal.wizard().get_staff_pin().is_empty(),
        "the PIN is not kept"
    );

    // A provisioned terminal starts at the resident start screen.
    drop(terminal);
    let terminal = Terminal::start(&config);
    pump_until("the settled start", || true);
    mock_elapsed_time(Duration::from_millis(500));
    pump_until("the settled start", || true);
    assert_eq!(terminal.page(), Page::Start);
    // Enrolled, it no longer calls itself a demo.
    pump_until("the demo line gone", || {
        !terminal.shows(&terminal.text("net-demo"))
    });

    // Staff: a short press does nothing; three seconds on the emblem opens the PIN pad.
    terminal.hold_emblem(Duration::from_millis(800));
    assert_eq!(terminal.page(), Page::Start);
    terminal.open_pin_pad();
    terminal.type_pin("1111");
    pump_until("the wrong PIN", || {
        !terminal.staff().get_pin_problem().is_empty()
    });
    assert!(
        terminal.staff().get_pin_problem().contains('4'),
        "{}",
        terminal.staff().get_pin_problem()
    );
    terminal.type_pin("2580");
    pump_until("the staff menu", || terminal.page() == Page::StaffMenu);
    assert_eq!(terminal.staff().get_name(), "Aziz Rahimov");

    // Idle signs staff out.
    mock_elapsed_time(Duration::from_secs(91));
    pump_until("the idle question", || {
        terminal.app.global::<Kiosk>().get_idle_warning()
    });
    for _ in 0..=mahalla_kiosk::ui::IDLE_COUNTDOWN_SECS {
        mock_elapsed_time(Duration::from_secs(1));
        pump_until("a tick", || true);
    }
    pump_until("the sign-out", || terminal.page() == Page::Start);
    assert_eq!(terminal.staff().get_name(), "");
    // The store writes the audit line on its own thread.
    pump_until("the idle sign-out in the audit log", || {
        audit_actions(kiosk_dir.path()).contains(&"staff:1 staff.signed-out-idle".to_owned())
    });
    let actions = audit_actions(kiosk_dir.path());
    for expected in [
        "technician terminal.enrolled",
        "technician printer.configured",
        "technician staff.added",
        "unknown staff.sign-in-failed",
        "staff:1 staff.signed-in",
        "staff:1 staff.signed-out-idle",
    ] {
        assert!(
            actions.iter().any(|action| action == expected),
            "{expected:?} is not in the audit log: {actions:?}"
        );
    }

    // An assisted submission: marked, with the identity check, and counted for the staff.
    terminal.open_pin_pad();
    terminal.type_pin("2580");
    pump_until("the staff menu", || terminal.page() == Page::StaffMenu);
    terminal.tap(&terminal.text("staff-assisted"));
    assert_eq!(terminal.page(), Page::Home);
    assert!(terminal.staff().get_assisted());
    let kiosk = terminal.app.global::<Kiosk>();
    kiosk.invoke_open_appeal("taklif".into());
    for (index, value) in [
        (0, "Oʻrinboy Qodirov"),
        (5, "Bolalar maydonchasi"),
        (6, "Mahallamizda bolalar maydonchasini taʼmirlash kerak."),
    ] {
        kiosk.invoke_field_edited(index, value.into());
    }
    kiosk.invoke_to_review();
    assert_eq!(terminal.page(), Page::Review);
    // The review speaks to staff; the consent is the resident's, confirmed by staff.
    assert!(terminal.shows(&terminal.text("review-title-assisted")));
    assert!(!terminal.shows(&terminal.text("review-title")));
    assert!(!terminal.shows(&terminal.text("review-consent")));
    terminal.tap(&terminal.text("review-identity-checked"));
    terminal.tap(&terminal.text("review-consent-assisted"));
    terminal.tap(&terminal.text("review-submit"));
    pump_until("the receipt", || terminal.page() == Page::Receipt);
    terminal.tap(&terminal.text("receipt-done"));
    assert_eq!(terminal.page(), Page::StaffMenu, "staff stay signed in");
    assert!(!terminal.staff().get_assisted());
    terminal.tap(&terminal.text("staff-counts"));
    pump_until("the counts", || {
        terminal.staff().get_counts_today().row_count() == 1
    });
    let today = terminal
        .staff()
        .get_counts_today()
        .row_data(0)
        .expect("row");
    assert_eq!((today.count, today.assisted), (1, 1));
    terminal.tap(&terminal.text("nav-home"));
    assert_eq!(terminal.page(), Page::StaffMenu);
    // The local queue cannot be read (a broken table here, a failing disk in the field):
    // the page says so in the staff's language instead of showing an empty queue.
    database
        .execute_batch("ALTER TABLE submissions RENAME TO submissions_unreadable")
        .expect("break the queue");
    terminal.tap(&terminal.text("staff-queue"));
    pump_until("the problem", || {
        !terminal.staff().get_page_problem().is_empty()
    });
    assert_eq!(
        terminal.staff().get_page_problem(),
        terminal.text("staff-records-failed").as_str()
    );
    assert!(!terminal.shows(&terminal.text("staff-queue-empty")));
    database
        .execute_batch("ALTER TABLE submissions_unreadable RENAME TO submissions")
        .expect("heal the queue");
    terminal.tap(&terminal.text("nav-home"));
    terminal.tap(&terminal.text("staff-queue"));
    pump_until("the queue", || {
        terminal.staff().get_page_problem().is_empty()
    });
    terminal.tap(&terminal.text("nav-home"));
    // The last sync failed for want of the device key: staff read what happened and what to
    // do in their language, not the technician's English.
    Store::open(kiosk_dir.path())
        .expect("store")
        .record_sync_error(
            SyncProblem::DeviceKey,
            "the device key in /var/lib/mahalla-kiosk is missing",
        )
        .expect("record the failure");
    terminal.tap(&terminal.text("staff-sync"));
    pump_until("the sync error", || {
        !terminal.staff().get_sync_last_error().is_empty()
    });
    let shown = terminal.staff().get_sync_last_error();
    assert!(
        shown.contains(terminal.text("staff-sync-problem-device-key").as_str()),
        "{shown}"
    );
    assert!(!shown.contains("missing"), "{shown}");
    terminal.tap(&terminal.text("nav-home"));
    terminal.tap(&terminal.text("staff-sign-out"));
    assert_eq!(terminal.page(), Page::Start);
    // The PIN cannot be checked (the staff records unreadable): the pad says so in words for
    // staff, not the resident's "your application could not be saved".
    database
        .execute_batch("ALTER TABLE staff RENAME TO staff_unreadable")
        .expect("break the staff records");
    terminal.open_pin_pad();
    terminal.type_pin("2580");
    pump_until("the problem", || {
        !terminal.staff().get_pin_problem().is_empty()
    });
    assert_eq!(
        terminal.staff().get_pin_problem(),
        terminal.text("staff-records-failed").as_str()
    );
    database
        .execute_batch("ALTER TABLE staff_unreadable RENAME TO staff")
        .expect("heal the staff records");
    assert_eq!(terminal.staff().get_name(), "");
    drop(terminal);

    // Another terminal, set up from an enrolment sheet: the portal prints its QR, the
    // technician scans it at the address step, and the wizard goes on to the mahalla.
    let sheet_dir = tempfile::tempdir().expect("sheet dir");
    let scanned = sheet_text(&portal, &portal.url, &sheet_dir.path().join("sheet.png"));
    let second_dir = tempfile::tempdir().expect("second kiosk dir");
    let terminal = Terminal::at_portal_step(&Config {
        data_dir: second_dir.path().to_owned(),
        ..config.clone()
    });
    terminal.scan(&scanned);
    pump_until("the mahalla of the sheet", || {
        terminal.wizard().get_step() == WizardStep::Confirm
    });
    assert_eq!(terminal.wizard().get_portal_url(), portal.url.as_str());
    assert_eq!(terminal.wizard().get_mahalla_name(), "Navroʻz");
    assert!(
        terminal.wizard().get_keys_checked(),
        "the sheet carries the fingerprint"
    );
    terminal.tap(&terminal.text("wizard-confirm-yes"));
    pump_until("the printer step", || {
        terminal.wizard().get_step() == WizardStep::Printer
    });
    assert_eq!(enrolled_and_staffed(second_dir.path()), (true, 0));
    drop(terminal);

    // A third terminal on a network where someone relays the portal and swaps its keys: the
    // sheet's fingerprint gives it away before the technician is even asked to confirm.
    let relay = KeySwappingRelay::start(&portal.url);
    relay.set_swapping(true);
    let scanned = sheet_text(
        &portal,
        &relay.url,
        &sheet_dir.path().join("relayed-sheet.png"),
    );
    let third_dir = tempfile::tempdir().expect("third kiosk dir");
    let terminal = Terminal::at_portal_step(&Config {
        data_dir: third_dir.path().to_owned(),
        ..config.clone()
    });
    terminal.scan(&scanned);
    pump_until("the refusal", || {
        terminal.wizard().get_step() == WizardStep::Code
            && !terminal.wizard().get_busy()
            && !terminal.wizard().get_problem().is_empty()
    });
    assert_eq!(
        terminal.wizard().get_problem(),
        terminal.text("wizard-error-keys-mismatch").as_str()
    );
    assert_eq!(enrolled_and_staffed(third_dir.path()), (false, 0));
}
