//! Software updates on the screen: the version, small on the start screen and in the staff
//! menu; where an update stands, in the staff menu, with "update now" when one is checked and
//! ready (from a USB stick the installer just took, or downloaded from the portal); and a
//! downloaded update asked for at the quiet hour while nobody is at the terminal.
//!
//! The installer (root) does the work; the app only reads its state and writes the request
//! (`mahalla_kiosk_core::software_update`), on a background thread.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;
use std::time::Duration;

use mahalla_kiosk_core::config::UpdateConfig;
use mahalla_kiosk_core::software_update::request::{self, InstallRequest};
use mahalla_kiosk_core::software_update::{Versions, status};
use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::software_update::{Source, UpdateState};
use slint::{ComponentHandle, SharedString};

use super::shell::Shell;
use super::{Kiosk, Page, Staff};

/// How often the update's state is read again (a stick may be put in at any time).
const POLL: Duration = Duration::from_secs(5);

/// Where the app finds the update's state and asks for an install.
#[derive(Debug, Clone)]
pub struct UpdateSetup {
    pub data_dir: PathBuf,
    pub config: UpdateConfig,
}

/// What was last read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Seen {
    state: UpdateState,
    asked: bool,
}

pub struct SoftwareUpdates {
    setup: Option<UpdateSetup>,
    versions: Versions,
    seen: RefCell<Seen>,
    timer: slint::Timer,
}

impl SoftwareUpdates {
    pub fn new(setup: Option<UpdateSetup>) -> Self {
        SoftwareUpdates {
            setup,
            versions: Versions::running(),
            seen: RefCell::default(),
            timer: slint::Timer::default(),
        }
    }

    /// Shows the version and starts reading the update's state.
    pub fn start(&self, shell: &Rc<Shell>) {
        shell.with_app(|app| {
            app.global::<Kiosk>()
                .set_version(self.versions.shown().into())
        });
        if self.setup.is_none() {
            return;
        }
        let weak = Rc::downgrade(shell);
        self.timer.start(slint::TimerMode::Repeated, POLL, move || {
            if let Some(shell) = weak.upgrade() {
                shell.software_updates.refresh(&shell);
            }
        });
        self.refresh(shell);
    }

    /// Reads the state again off the UI thread, then shows it.
    pub fn refresh(&self, shell: &Rc<Shell>) {
        let Some(setup) = self.setup.clone() else {
            return;
        };
        let running = self.versions.image;
        shell.in_background(
            move || Seen {
                state: status::current(&setup.data_dir, &setup.config.system_dir, running),
                asked: request::pending(&setup.data_dir),
            },
            |shell, seen| {
                if let Some(seen) = seen {
                    let updates = &shell.software_updates;
                    *updates.seen.borrow_mut() = seen;
                    updates.show(shell);
                    updates.install_at_quiet_hour(shell);
                }
            },
        );
    }

    /// Staff pressed "update now".
    pub fn install(&self, shell: &Rc<Shell>) {
        if !shell.staff.signed_in() {
            return;
        }
        self.ask(shell);
    }

    fn ask(&self, shell: &Rc<Shell>) {
        let (Some(setup), UpdateState::Ready { version, source }) =
            (self.setup.clone(), self.seen.borrow().state.clone())
        else {
            return;
        };
        tracing::info!(%version, ?source, "installing a software update");
        shell.in_background(
            move || request::ask(&setup.data_dir, InstallRequest { version, source }),
            |shell, asked| match asked {
                Some(Ok(())) => shell.software_updates.refresh(shell),
                Some(Err(error)) => {
                    tracing::error!(%error, "the install request cannot be written");
                    shell.software_updates.show_text(
                        shell,
                        shell.translations.with(
                            shell.lang(),
                            "staff-update-refused",
                            &[("reason", &shell.tr("update-disk"))],
                        ),
                        false,
                        true,
                    );
                }
                None => {}
            },
        );
    }

    /// A download from the portal installs by itself at the quiet hour, when nobody is in the
    /// middle of a visit. An update from a USB stick waits for staff.
    fn install_at_quiet_hour(&self, shell: &Rc<Shell>) {
        let (Some(setup), seen) = (&self.setup, self.seen.borrow().clone()) else {
            return;
        };
        let from_portal = matches!(
            seen.state,
            UpdateState::Ready {
                source: Source::Portal,
                ..
            }
        );
        let hour = shell.now().to_offset(UZBEKISTAN).hour();
        if from_portal
            && !seen.asked
            && hour == setup.config.quiet_hour
            && shell.page() == Page::Start
        {
            self.ask(shell);
        }
    }

    /// Puts the state last read on the staff menu, in the current language.
    pub fn show(&self, shell: &Shell) {
        let seen = self.seen.borrow().clone();
        let lang = shell.lang();
        let t = &shell.translations;
        let with = |id: &str, version: &dyn ToString| {
            t.with(lang, id, &[("version", &version.to_string())])
        };
        let (text, ready, problem) = match &seen.state {
            _ if seen.asked => match seen.state.version() {
                Some(version) => (with("staff-update-installing", &version), false, false),
                None => (String::new(), false, false),
            },
            UpdateState::Idle => (String::new(), false, false),
            UpdateState::Downloading {
                version,
                bytes,
                total,
            } => {
                let percent = bytes.saturating_mul(100) / (*total).max(1);
                let text = t.with(
                    lang,
                    "staff-update-downloading",
                    &[
                        ("version", &version.to_string()),
                        ("percent", &percent.to_string()),
                    ],
                );
                (text, false, false)
            }
            UpdateState::Ready {
                version,
                source: Source::Usb,
            } => (with("staff-update-ready-usb", version), true, false),
            UpdateState::Ready {
                version,
                source: Source::Portal,
            } => {
                let hour = self
                    .setup
                    .as_ref()
                    .map_or(0, |setup| setup.config.quiet_hour);
                let text = t.with(
                    lang,
                    "staff-update-ready-portal",
                    &[
                        ("version", &version.to_string()),
                        ("hour", &format!("{hour:02}")),
                    ],
                );
                (text, true, false)
            }
            UpdateState::Installing { version, .. } => {
                (with("staff-update-installing", version), false, false)
            }
            UpdateState::Installed { version } if self.versions.image == Some(*version) => {
                (String::new(), false, false)
            }
            UpdateState::Installed { version } => {
                (with("staff-update-installing", version), false, false)
            }
            UpdateState::Refused { reason, detail, .. } => {
                let reason = if t.has(reason) {
                    t.text(lang, reason)
                } else {
                    detail.clone()
                };
                let text = t.with(lang, "staff-update-refused", &[("reason", &reason)]);
                (text, false, true)
            }
            UpdateState::RolledBack { version } => {
                (with("staff-update-rolled-back", version), false, true)
            }
        };
        self.show_text(shell, text, ready, problem);
    }

    fn show_text(&self, shell: &Shell, text: String, ready: bool, problem: bool) {
        shell.with_app(|app| {
            let staff = app.global::<Staff>();
            staff.set_update_text(SharedString::from(text));
            staff.set_update_ready(ready);
            staff.set_update_problem(problem);
        });
    }
}
