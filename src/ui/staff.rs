//! Mahalla staff on the touchscreen: the PIN pad behind the hidden entry, and the staff
//! menu (assisted submission, local queue, sync, printer, counts, sign-out). Staff are signed
//! out with the rest of the visit when the terminal goes idle.

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::wire::Assistance;
use mahalla_protocol::{ErrorCode, tashkent_time};
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};

use super::shell::Shell;
use super::{CountLine, Page, QueueLine, Staff, present};
use mahalla_kiosk_core::store::{SignIn, StaffMember, SubmissionCount};
use mahalla_kiosk_core::sync::SyncHandle;

/// At most this many lines of the local queue are shown.
const QUEUE_LINES: usize = 200;

/// `1 min 30 s`-style text for a lockout.
fn minutes_and_seconds(left: Duration) -> (u64, u64) {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    (seconds / 60, seconds % 60)
}

/// Who is signed in, and whether they are filling a form in with a resident.
#[derive(Default)]
pub struct StaffFlow {
    /// Signed out with everything else when the visit is wiped.
    member: RefCell<Option<StaffMember>>,
    /// Staff fill this form in with the resident.
    assisted: Cell<bool>,
}

impl StaffFlow {
    pub fn signed_in(&self) -> bool {
        self.member.borrow().is_some()
    }

    pub fn member(&self) -> Option<StaffMember> {
        self.member.borrow().clone()
    }

    /// A new visit with `member` still signed in (or nobody), not assisting anyone yet.
    pub fn start_visit(&self, member: Option<StaffMember>) {
        *self.member.borrow_mut() = member;
        self.assisted.set(false);
    }

    /// What an assisted submission carries: who helped, and whether they checked the
    /// identity document. `None` for a resident on their own.
    pub fn assistance(&self, shell: &Shell) -> Option<Assistance> {
        if !self.assisted.get() {
            return None;
        }
        let staff_id = self.member.borrow().as_ref()?.id;
        Some(Assistance {
            staff_id,
            identity_document_checked: shell
                .read_app(|app| app.global::<Staff>().get_identity_checked())
                .unwrap_or(false),
        })
    }

    /// Clears what the last visit put on the staff screens.
    pub fn clear_screens(&self, shell: &Shell, name: String) {
        staff_global(shell, |staff| {
            staff.set_name(name.into());
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
    }

    /// Who the audit log names for what is done now.
    fn actor(&self) -> String {
        self.member
            .borrow()
            .as_ref()
            .map_or_else(|| "staff".to_owned(), StaffMember::actor)
    }

    /// The hidden entry was held: the PIN pad, unless the terminal is not set up yet.
    pub fn open_pin_pad(&self, shell: &Shell) {
        if shell.wizard.is_active() || self.signed_in() {
            return;
        }
        staff_global(shell, |staff| staff.set_pin_problem(SharedString::new()));
        shell.navigate(|nav| nav.go(Page::Pin));
    }

    /// Checks the PIN on the store thread (argon2 is slow on purpose).
    pub fn enter_pin(&self, shell: &Rc<Shell>, pin: String) {
        shell.when_ready(shell.store.sign_in(pin), |shell, outcome| {
            let staff = &shell.staff;
            match outcome {
                Ok(Ok(outcome)) => staff.pin_checked(shell, outcome),
                Ok(Err(error)) => {
                    tracing::error!(%error, "sign-in");
                    pin_problem(shell, shell.tr("staff-records-failed"));
                }
                Err(error) => {
                    tracing::error!(%error, "sign-in");
                    pin_problem(shell, shell.tr("staff-records-failed"));
                }
            }
        });
    }

    fn pin_checked(&self, shell: &Shell, outcome: SignIn) {
        let lang = shell.lang();
        let t = &shell.translations;
        let locked = |left: Duration| {
            let (minutes, seconds) = minutes_and_seconds(left);
            t.with(
                lang,
                "pin-locked",
                &[
                    ("minutes", &minutes.to_string()),
                    ("seconds", &seconds.to_string()),
                ],
            )
        };
        match outcome {
            SignIn::Accepted(member) => {
                tracing::info!(staff = member.id, "staff signed in");
                let name = member.name.clone();
                *self.member.borrow_mut() = Some(member);
                staff_global(shell, |staff| {
                    staff.set_name(name.into());
                    staff.set_pin_problem(SharedString::new());
                });
                shell.navigate(|nav| nav.page = Page::StaffMenu);
            }
            SignIn::Rejected {
                locked_for: Some(left),
                ..
            }
            | SignIn::LockedOut { remaining: left } => pin_problem(shell, locked(left)),
            SignIn::Rejected { tries_left, .. } => {
                pin_problem(shell, t.count(lang, "pin-wrong", i64::from(tries_left)));
            }
        }
    }

    pub fn open_page(&self, shell: &Rc<Shell>, page: Page) {
        if !self.signed_in() {
            return;
        }
        if page == Page::StaffPrinter {
            staff_global(shell, |staff| staff.set_reprint_result(SharedString::new()));
        }
        shell.navigate(|nav| nav.go(page));
        self.show_page(shell);
    }

    /// Fills the staff page on screen, in the current language.
    pub fn show_page(&self, shell: &Rc<Shell>) {
        match shell.page() {
            Page::StaffQueue => self.load_queue(shell),
            Page::StaffSync => self.show_sync(shell),
            Page::StaffPrinter => self.show_printer_state(shell),
            Page::StaffCounts => self.load_counts(shell),
            _ => {}
        }
    }

    /// The resident's flow, marked staff-assisted, with the identity-document confirmation.
    pub fn assisted_submission(&self, shell: &Shell) {
        if !self.signed_in() {
            return;
        }
        self.assisted.set(true);
        staff_global(shell, |staff| {
            staff.set_assisted(true);
            staff.set_identity_checked(false);
        });
        shell.navigate(|nav| nav.go(Page::Home));
    }

    fn load_queue(&self, shell: &Rc<Shell>) {
        shell.when_ready(shell.store.queue(), |shell, queue| match queue {
            Ok(Ok(queue)) => {
                let lang = shell.lang();
                let lines: Vec<QueueLine> = queue
                    .iter()
                    .take(QUEUE_LINES)
                    .map(|entry| QueueLine {
                        code: entry.receipt_code.clone().into(),
                        service: present::target_name(&shell.catalogue(), &entry.target_id, lang)
                            .into(),
                        at: tashkent_time(&entry.created_at).into(),
                        state: shell.tr(present::state_id(entry.state)).into(),
                    })
                    .collect();
                staff_global(shell, |staff| {
                    staff.set_queue(ModelRc::new(VecModel::from(lines)));
                });
                page_problem(shell, None);
            }
            Ok(Err(error)) => queue_unreadable(shell, &error),
            Err(error) => queue_unreadable(shell, &error),
        });
    }

    /// The sync page: last success, last error, and how far the backlog has drained since
    /// the page was opened or "sync now" was tapped.
    pub fn show_sync(&self, shell: &Rc<Shell>) {
        shell.when_ready(shell.store.sync_overview(), |shell, found| {
            let (state, summary) = match found {
                Ok(Ok(found)) => found,
                Ok(Err(error)) => return sync_unreadable(shell, &error),
                Err(error) => return sync_unreadable(shell, &error),
            };
            page_problem(shell, None);
            let lang = shell.lang();
            let t = &shell.translations;
            let waiting = summary.depths.queued + summary.depths.sending;
            let waiting = i32::try_from(waiting).unwrap_or(i32::MAX);
            let last = match &state.last_success_at {
                Some(at) => t.with(lang, "staff-sync-last", &[("time", &tashkent_time(at))]),
                None => t.text(lang, "staff-sync-never"),
            };
            let online = shell.sync.as_ref().is_some_and(SyncHandle::online);
            let summary_text = format!(
                "{} · {}",
                t.text(lang, if online { "net-online" } else { "net-offline" }),
                last
            );
            let error = match &state.last_error_at {
                Some(at) => {
                    let problem = state
                        .last_problem
                        .map_or_else(|| "staff-sync-problem-other".to_owned(), |p| p.message_id());
                    t.with(
                        lang,
                        "staff-sync-error",
                        &[
                            ("time", &tashkent_time(at)),
                            ("error", &t.text(lang, &problem)),
                        ],
                    )
                }
                None => String::new(),
            };
            staff_global(shell, |staff| {
                let total = staff.get_sync_total().max(waiting);
                staff.set_sync_total(if waiting == 0 { 0 } else { total });
                staff.set_sync_waiting(waiting);
                staff.set_sync_summary(summary_text.into());
                staff.set_sync_last_error(error.into());
            });
        });
    }

    pub fn sync_now(&self, shell: &Rc<Shell>) {
        if let Some(sync) = &shell.sync {
            sync.nudge();
        }
        shell.when_ready(shell.store.audit(self.actor(), "sync.requested"), |_, _| {});
        staff_global(shell, |staff| staff.set_sync_total(0));
        self.show_sync(shell);
    }

    pub fn show_printer_state(&self, shell: &Shell) {
        let state = shell.tr(&shell.printer.state_id());
        staff_global(shell, |staff| staff.set_printer_state(state.into()));
    }

    /// Queues the receipt `typed` for printing again, if this terminal issued it.
    pub fn reprint(&self, shell: &Rc<Shell>, typed: &str) {
        let code = match ReceiptCode::parse(typed) {
            Ok(code) => code,
            Err(error) => {
                let text = shell.tr(&format!("error-{}", error.code()));
                return staff_global(shell, |staff| staff.set_reprint_result(text.into()));
            }
        };
        shell.when_ready(
            shell.store.request_reprint(code, self.actor()),
            move |shell, requested| {
                let id = match requested {
                    Ok(Ok(true)) => {
                        shell.printer.print_waiting();
                        "staff-reprint-queued"
                    }
                    Ok(Ok(false)) => "status-not-found",
                    Ok(Err(error)) => {
                        tracing::error!(%error, "reprint");
                        "staff-save-failed"
                    }
                    Err(error) => {
                        tracing::error!(%error, "reprint");
                        "staff-save-failed"
                    }
                };
                let text =
                    shell
                        .translations
                        .with(shell.lang(), id, &[("code", &code.to_string())]);
                staff_global(shell, |staff| staff.set_reprint_result(text.into()));
            },
        );
    }

    fn load_counts(&self, shell: &Rc<Shell>) {
        shell.when_ready(shell.store.counts_today_and_this_week(), |shell, counts| {
            let (today, week) = match counts {
                Ok(Ok(counts)) => counts,
                Ok(Err(error)) => return counts_unreadable(shell, &error),
                Err(error) => return counts_unreadable(shell, &error),
            };
            page_problem(shell, None);
            let lang = shell.lang();
            let lines = |counts: Vec<SubmissionCount>| -> Vec<CountLine> {
                counts
                    .into_iter()
                    .map(|count| CountLine {
                        service: present::target_name(&shell.catalogue(), &count.target_id, lang)
                            .into(),
                        count: i32::try_from(count.count).unwrap_or(i32::MAX),
                        assisted: i32::try_from(count.assisted).unwrap_or(i32::MAX),
                    })
                    .collect()
            };
            let (today, week) = (lines(today), lines(week));
            staff_global(shell, |staff| {
                staff.set_counts_today(ModelRc::new(VecModel::from(today)));
                staff.set_counts_week(ModelRc::new(VecModel::from(week)));
            });
        });
    }

    pub fn sign_out(&self, shell: &Rc<Shell>) {
        shell.when_ready(
            shell.store.audit(self.actor(), "staff.signed-out"),
            |_, _| {},
        );
        shell.wipe();
    }

    /// The terminal went idle: if staff were signed in, the audit log says they were signed
    /// out for it.
    pub fn note_idle_sign_out(&self, shell: &Rc<Shell>) {
        if self.signed_in() {
            shell.when_ready(
                shell.store.audit(self.actor(), "staff.signed-out-idle"),
                |_, _| {},
            );
        }
    }
}

fn staff_global(shell: &Shell, f: impl FnOnce(&Staff<'_>)) {
    shell.with_app(|app| f(&app.global::<Staff>()));
}

fn pin_problem(shell: &Shell, text: String) {
    staff_global(shell, |staff| staff.set_pin_problem(text.into()));
}

/// The queue page when the queue cannot be read: no stale lines, and the problem said.
pub fn queue_unreadable(shell: &Shell, error: &dyn std::fmt::Display) {
    staff_global(shell, |staff| {
        staff.set_queue(ModelRc::new(VecModel::from(Vec::<QueueLine>::new())));
    });
    page_problem(shell, Some(("the local queue", error)));
}

/// The sync page when the sync state cannot be read: no stale figures, and the problem said.
fn sync_unreadable(shell: &Shell, error: &dyn std::fmt::Display) {
    staff_global(shell, |staff| {
        staff.set_sync_summary(SharedString::new());
        staff.set_sync_last_error(SharedString::new());
        staff.set_sync_total(0);
    });
    page_problem(shell, Some(("the sync state", error)));
}

/// The counts page when the counts cannot be read: no stale numbers, and the problem said.
fn counts_unreadable(shell: &Shell, error: &dyn std::fmt::Display) {
    staff_global(shell, |staff| {
        staff.set_counts_today(ModelRc::new(VecModel::from(Vec::<CountLine>::new())));
        staff.set_counts_week(ModelRc::new(VecModel::from(Vec::<CountLine>::new())));
    });
    page_problem(shell, Some(("the counts", error)));
}

/// Says on the staff page that `what` could not be read (and logs why), or clears that.
fn page_problem(shell: &Shell, failed: Option<(&str, &dyn std::fmt::Display)>) {
    let text = match failed {
        Some((what, error)) => {
            tracing::error!(%error, "the staff page cannot read {what}");
            shell.tr("staff-records-failed")
        }
        None => String::new(),
    };
    staff_global(shell, |staff| staff.set_page_problem(text.into()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lockout_reads_in_minutes_and_seconds() {
        assert_eq!(minutes_and_seconds(Duration::from_millis(89_500)), (1, 30));
    }
}
