//! Staff and a software update on the real screens, by touch only: the installer took an
//! update from a USB stick; staff sign in with the hidden entry and the PIN pad, read that it
//! is checked and ready, and tap "update now", which asks the installer to install it. A
//! refused update is shown with its reason in the staff's language. An update downloaded from
//! the portal installs by itself at the quiet hour, while the start screen waits for a resident.

#![allow(clippy::unwrap_used, clippy::expect_used)] // test code: a failed step is a failed test

mod touch;

use std::time::Duration;

use i_slint_backend_testing::mock_elapsed_time;
use mahalla_kiosk::ui::{AppWindow, Page};
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::software_update::request;
use mahalla_kiosk_core::software_update::status::InstallerStatus;
use mahalla_kiosk_core::store::Store;
use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::software_update::{Source, UpdateError, UpdateState};
use touch::{Touch, installer_dir, open_screen, open_screen_updating, pump_until};

struct Terminal {
    app: AppWindow,
}

impl Touch for Terminal {
    fn app(&self) -> &AppWindow {
        &self.app
    }
}

const PIN: &str = "482913";

#[test]
fn staff_install_an_update_from_a_usb_stick_by_touch() {
    i_slint_backend_testing::init_integration_test_with_mock_time();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path();
    Store::open(data)
        .unwrap()
        .add_staff("Dilnoza Karimova", PIN, "technician")
        .unwrap();
    let version = "0.2.0".parse().unwrap();
    // The installer took the stick's update and checked it.
    InstallerStatus {
        state: UpdateState::Ready {
            version,
            source: Source::Usb,
        },
        rolled_back: Vec::new(),
    }
    .write(&installer_dir(data))
    .unwrap();

    let (app, _shell, _catalogue) = open_screen(data, Duration::from_secs(90), None, None);
    let terminal = Terminal { app };
    let t = Translations::load().unwrap();
    let tr = |id: &str| t.text(Lang::UzLatn, id);

    terminal.open_pin_pad();
    terminal.type_pin(PIN);
    pump_until("the staff menu", || terminal.page() == Page::StaffMenu);
    let ready = t.with(
        Lang::UzLatn,
        "staff-update-ready-usb",
        &[("version", "0.2.0")],
    );
    pump_until("the update offered", || terminal.shows(&ready));
    assert!(terminal.shows(&format!(
        "{} {}",
        tr("app-version"),
        env!("CARGO_PKG_VERSION")
    )));

    assert!(!request::pending(data));
    terminal.tap(&tr("staff-update-install"));
    pump_until("the install asked for", || request::pending(data));
    let installing = t.with(
        Lang::UzLatn,
        "staff-update-installing",
        &[("version", "0.2.0")],
    );
    pump_until("the terminal says it installs", || {
        terminal.shows(&installing)
    });
    assert!(
        !terminal.has_key(&tr("staff-update-install")),
        "no second install while one is asked for"
    );
    assert_eq!(
        request::take(data).unwrap(),
        Some(request::InstallRequest {
            version,
            source: Source::Usb
        })
    );

    // The installer refused the next stick; in Russian the reason is Russian.
    InstallerStatus {
        state: UpdateState::refused(
            Some(version),
            Source::Usb,
            &UpdateError::Truncated("x".into()),
        ),
        rolled_back: Vec::new(),
    }
    .write(&installer_dir(data))
    .unwrap();
    terminal.tap("Русский");
    mock_elapsed_time(Duration::from_secs(6));
    let refused = t.with(
        Lang::Ru,
        "staff-update-refused",
        &[("reason", &t.text(Lang::Ru, "update-truncated"))],
    );
    pump_until("the refusal shown", || terminal.shows(&refused));
    assert!(!terminal.has_key(&t.text(Lang::Ru, "staff-update-install")));

    drop(terminal);

    // Another terminal downloaded an update from the portal; its quiet hour is now.
    let other = tempfile::tempdir().unwrap();
    let downloaded = other.path().join("update/ready/0.3.0");
    std::fs::create_dir_all(&downloaded).unwrap();
    let hour = time::OffsetDateTime::now_utc().to_offset(UZBEKISTAN).hour();
    let (app, _shell, _catalogue) =
        open_screen_updating(other.path(), Duration::from_secs(90), None, None, hour);
    let terminal = Terminal { app };
    assert_eq!(terminal.page(), Page::Start);
    mock_elapsed_time(Duration::from_secs(6));
    pump_until("the install asked for at the quiet hour", || {
        request::pending(other.path())
    });
    assert_eq!(
        request::take(other.path()).unwrap(),
        Some(request::InstallRequest {
            version: "0.3.0".parse().unwrap(),
            source: Source::Portal
        })
    );
}
