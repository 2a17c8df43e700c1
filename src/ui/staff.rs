//! Mahalla staff on the touchscreen: the PIN pad behind the hidden entry, and the staff
//! menu (assisted submission, local queue, sync, printer, counts, sign-out). Staff are signed
//! out with the rest of the visit when the terminal goes idle.

use std::rc::Rc;
use std::time::Duration;

use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::{ErrorCode, UZBEKISTAN};
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use time::OffsetDateTime;

use super::controller::{Controller, local_time};
use super::{CountLine, Page, QueueLine, Staff};
use crate::store::{OutboxState, SignIn, SubmissionCount};

/// At most this many lines of the local queue are shown.
const QUEUE_LINES: usize = 200;

/// `1 min 30 s`-style text for a lockout.
fn minutes_and_seconds(left: Duration) -> (u64, u64) {
    let seconds = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    (seconds / 60, seconds % 60)
}

fn now_ms() -> i64 {
    i64::try_from(OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000).unwrap_or(i64::MAX)
}

/// Midnight in Tashkent today, and the Monday midnight that began this week.
fn today_and_week_start(now: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
    let local = now.to_offset(UZBEKISTAN);
    let midnight = local.replace_time(time::Time::MIDNIGHT);
    let days_since_monday = i64::from(local.weekday().number_days_from_monday());
    (midnight, midnight - time::Duration::days(days_since_monday))
}

impl Controller {
    fn staff_global(&self, f: impl FnOnce(&Staff<'_>)) {
        self.with_app(|app| f(&app.global::<Staff>()));
    }

    /// Who the audit log names for what is done now.
    fn actor(&self) -> String {
        self.session
            .borrow()
            .staff
            .as_ref()
            .map_or_else(|| "staff".to_owned(), |staff| staff.actor())
    }

    /// The hidden entry was held: the PIN pad, unless the terminal is not set up yet.
    pub(super) fn open_pin_pad(&self) {
        if self.wizard.borrow().active || self.session.borrow().staff.is_some() {
            return;
        }
        self.staff_global(|staff| staff.set_pin_problem(SharedString::new()));
        self.navigate(|session| session.go(Page::Pin));
    }

    /// Checks the PIN on the store thread (argon2 is slow on purpose).
    pub(super) fn enter_pin(self: &Rc<Self>, pin: String) {
        let now = now_ms();
        self.with_store(
            move |store| store.sign_in(&pin, now),
            |controller, outcome| match outcome {
                Ok(Ok(outcome)) => controller.signed_in(outcome),
                Ok(Err(error)) => {
                    tracing::error!(%error, "sign-in");
                    controller.pin_problem(controller.tr("submit-failed"));
                }
                Err(error) => {
                    tracing::error!(%error, "sign-in");
                    controller.pin_problem(controller.tr("submit-failed"));
                }
            },
        );
    }

    fn signed_in(&self, outcome: SignIn) {
        let lang = self.lang();
        let t = &self.deps.translations;
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
                {
                    let mut session = self.session.borrow_mut();
                    session.staff = Some(member);
                    session.page = Page::StaffMenu;
                }
                self.staff_global(|staff| {
                    staff.set_name(name.into());
                    staff.set_pin_problem(SharedString::new());
                });
                self.show_page();
            }
            SignIn::Rejected {
                locked_for: Some(left),
                ..
            }
            | SignIn::LockedOut { remaining: left } => self.pin_problem(locked(left)),
            SignIn::Rejected { tries_left, .. } => {
                self.pin_problem(t.count(lang, "pin-wrong", i64::from(tries_left)))
            }
        }
    }

    fn pin_problem(&self, text: String) {
        self.staff_global(|staff| staff.set_pin_problem(text.into()));
    }

    pub(super) fn open_staff_page(self: &Rc<Self>, page: Page) {
        if self.session.borrow().staff.is_none() {
            return;
        }
        if page == Page::StaffPrinter {
            self.staff_global(|staff| staff.set_reprint_result(SharedString::new()));
        }
        self.navigate(|session| session.go(page));
        self.show_staff_page();
    }

    /// Fills the staff page on screen, in the current language.
    pub(super) fn show_staff_page(self: &Rc<Self>) {
        let page = self.session.borrow().page;
        match page {
            Page::StaffQueue => self.load_queue(),
            Page::StaffSync => self.show_sync(),
            Page::StaffPrinter => self.show_printer_state(),
            Page::StaffCounts => self.load_counts(),
            _ => {}
        }
    }

    /// The resident's flow, marked staff-assisted, with the identity-document confirmation.
    pub(super) fn assisted_submission(&self) {
        if self.session.borrow().staff.is_none() {
            return;
        }
        self.session.borrow_mut().assisted = true;
        self.staff_global(|staff| {
            staff.set_assisted(true);
            staff.set_identity_checked(false);
        });
        self.navigate(|session| session.go(Page::Home));
    }

    fn load_queue(self: &Rc<Self>) {
        self.with_store(
            |store| store.queue(),
            |controller, queue| match queue {
                Ok(Ok(queue)) => {
                    let lines: Vec<QueueLine> = queue
                        .iter()
                        .take(QUEUE_LINES)
                        .map(|entry| QueueLine {
                            code: entry.receipt_code.clone().into(),
                            service: controller.target_name(&entry.target_id).into(),
                            at: local_time(&entry.created_at).into(),
                            state: controller.tr(state_id(entry.state)).into(),
                        })
                        .collect();
                    controller.staff_global(|staff| {
                        staff.set_queue(ModelRc::new(VecModel::from(lines)));
                    });
                }
                _ => tracing::error!("cannot read the local queue"),
            },
        );
    }

    fn target_name(&self, target_id: &str) -> String {
        self.deps.catalogue.submittable(target_id).map_or_else(
            || target_id.to_owned(),
            |target| target.name().get(self.lang()).to_owned(),
        )
    }

    /// The sync page: last success, last error, and how far the backlog has drained since
    /// the page was opened or "sync now" was tapped.
    pub(super) fn show_sync(self: &Rc<Self>) {
        self.with_store(
            |store| -> Result<_, crate::store::StoreError> {
                Ok((store.sync_state()?, store.outbox_summary()?))
            },
            |controller, found| {
                let Ok(Ok((state, summary))) = found else {
                    return tracing::error!("cannot read the sync state");
                };
                let lang = controller.lang();
                let t = &controller.deps.translations;
                let waiting = summary.depths.queued + summary.depths.sending;
                let waiting = i32::try_from(waiting).unwrap_or(i32::MAX);
                let last = match &state.last_success_at {
                    Some(at) => t.with(lang, "staff-sync-last", &[("time", &local_time(at))]),
                    None => t.text(lang, "staff-sync-never"),
                };
                let online = controller
                    .deps
                    .sync
                    .as_ref()
                    .is_some_and(crate::sync::SyncHandle::online);
                let summary_text = format!(
                    "{} · {}",
                    t.text(lang, if online { "net-online" } else { "net-offline" }),
                    last
                );
                let error = match (&state.last_error, &state.last_error_at) {
                    (Some(error), Some(at)) => t.with(
                        lang,
                        "staff-sync-error",
                        &[("time", &local_time(at)), ("error", error)],
                    ),
                    _ => String::new(),
                };
                controller.staff_global(|staff| {
                    let total = staff.get_sync_total().max(waiting);
                    staff.set_sync_total(if waiting == 0 { 0 } else { total });
                    staff.set_sync_waiting(waiting);
                    staff.set_sync_summary(summary_text.into());
                    staff.set_sync_last_error(error.into());
                });
            },
        );
    }

    pub(super) fn sync_now(self: &Rc<Self>) {
        if let Some(sync) = &self.deps.sync {
            sync.nudge();
        }
        let actor = self.actor();
        self.with_store(
            move |store| store.audit(&actor, "sync.requested", ""),
            |_, _| {},
        );
        self.staff_global(|staff| staff.set_sync_total(0));
        self.show_sync();
    }

    pub(super) fn show_printer_state(&self) {
        let state = self.tr(&self.printer_state.borrow());
        self.staff_global(|staff| staff.set_printer_state(state.into()));
    }

    /// Queues the receipt `typed` for printing again, if this terminal issued it.
    pub(super) fn reprint(self: &Rc<Self>, typed: &str) {
        let code = match ReceiptCode::parse(typed) {
            Ok(code) => code,
            Err(error) => {
                let text = self.tr(&format!("error-{}", error.code()));
                return self.staff_global(|staff| staff.set_reprint_result(text.into()));
            }
        };
        let actor = self.actor();
        self.with_store(
            move |store| store.request_reprint(code, &actor),
            move |controller, requested| {
                let id = match requested {
                    Ok(Ok(true)) => {
                        if let Some(printer) = controller.printer.borrow().as_ref() {
                            printer.print_waiting();
                        }
                        "staff-reprint-queued"
                    }
                    Ok(Ok(false)) => "status-not-found",
                    _ => "submit-failed",
                };
                let text = controller.deps.translations.with(
                    controller.lang(),
                    id,
                    &[("code", &code.to_string())],
                );
                controller.staff_global(|staff| staff.set_reprint_result(text.into()));
            },
        );
    }

    fn load_counts(self: &Rc<Self>) {
        let (today, week) = today_and_week_start(OffsetDateTime::now_utc());
        self.with_store(
            move |store| -> Result<_, crate::store::StoreError> {
                Ok((
                    store.submission_counts(today)?,
                    store.submission_counts(week)?,
                ))
            },
            |controller, counts| {
                let Ok(Ok((today, week))) = counts else {
                    return tracing::error!("cannot count the submissions");
                };
                let lines = |counts: Vec<SubmissionCount>| -> Vec<CountLine> {
                    counts
                        .into_iter()
                        .map(|count| CountLine {
                            service: controller.target_name(&count.target_id).into(),
                            count: i32::try_from(count.count).unwrap_or(i32::MAX),
                            assisted: i32::try_from(count.assisted).unwrap_or(i32::MAX),
                        })
                        .collect()
                };
                let (today, week) = (lines(today), lines(week));
                controller.staff_global(|staff| {
                    staff.set_counts_today(ModelRc::new(VecModel::from(today)));
                    staff.set_counts_week(ModelRc::new(VecModel::from(week)));
                });
            },
        );
    }

    pub(super) fn sign_out(self: &Rc<Self>) {
        let actor = self.actor();
        self.with_store(
            move |store| store.audit(&actor, "staff.signed-out", ""),
            |_, _| {},
        );
        self.wipe();
    }
}

/// The message id of an outbox state.
pub(super) fn state_id(state: OutboxState) -> &'static str {
    match state {
        OutboxState::Queued => "state-queued",
        OutboxState::Sending => "state-sending",
        OutboxState::Delivered => "state-delivered",
        OutboxState::Quarantined => "state-quarantined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_week_starts_on_monday_midnight_in_tashkent() {
        // Wednesday 2 December 2026, 20:30 UTC is Thursday 01:30 in Tashkent.
        let now = time::macros::datetime!(2026-12-02 20:30 UTC);
        let (today, week) = today_and_week_start(now);
        assert_eq!(today, time::macros::datetime!(2026-12-03 00:00 +5));
        assert_eq!(week, time::macros::datetime!(2026-11-30 00:00 +5));
        assert_eq!(minutes_and_seconds(Duration::from_millis(89_500)), (1, 30));
    }
}
