//! The status check: a receipt code typed on the keyboard or the receipt's QR scanned, looked
//! up on this terminal at once and then at the portal (which knows every terminal's
//! receipts), and the PINFL step that shows the agency's answer for a typed code. The
//! portal's answer replaces the local one when it comes; a late answer to an earlier search
//! is dropped. The PINFL is sent to the portal and kept nowhere.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use mahalla_escpos::status_slip::{SlipLine, StatusSlip};
use mahalla_kiosk_core::status_check::{self, Answers, Source, StatusReport};
use mahalla_kiosk_core::store::StatusRecord;
use mahalla_kiosk_core::sync::PortalAnswer;
use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::{ErrorCode, tashkent_time};
use slint::{ComponentHandle, ModelRc, SharedString, VecModel};
use time::macros::format_description;

use super::shell::Shell;
use super::{Kiosk, StatusLine, StatusView, present};

/// The current search of this visit.
#[derive(Default)]
struct Search {
    query: Option<StatusQuery>,
    local: Option<StatusRecord>,
    portal: Option<PortalAnswer>,
    report: Option<StatusReport>,
    /// A message id when the search could not be made at all.
    problem: Option<String>,
    /// Waiting for the store or the portal.
    checking: bool,
    /// How printing the status went, as a message id.
    print_note: Option<&'static str>,
}

#[derive(Default)]
pub struct StatusCheck {
    search: RefCell<Search>,
    /// Numbers the searches, so an answer to an earlier one is dropped.
    generation: Cell<u64>,
}

impl StatusCheck {
    pub fn forget(&self) {
        self.generation.set(self.generation.get() + 1);
        *self.search.borrow_mut() = Search::default();
    }

    pub fn open(&self, shell: &Shell) {
        self.forget();
        self.show(shell);
    }

    /// Looks up what was typed or scanned: a receipt code, or the receipt QR's whole text.
    pub fn check(&self, shell: &Rc<Shell>, typed: &str) {
        self.forget();
        let query = match StatusQuery::parse(typed) {
            Ok(query) => query,
            Err(error) => {
                self.search.borrow_mut().problem = Some(format!("error-{}", error.code()));
                return self.show(shell);
            }
        };
        {
            let mut search = self.search.borrow_mut();
            search.query = Some(query.clone());
            search.checking = true;
        }
        self.show(shell);
        let generation = self.generation.get();
        shell.when_ready(shell.store.look_up(query), move |shell, found| {
            let check = &shell.status_check;
            if check.generation.get() != generation {
                return;
            }
            match found {
                Ok(Ok(local)) => check.search.borrow_mut().local = local,
                Ok(Err(error)) => tracing::error!(%error, "status lookup failed"),
                Err(error) => tracing::error!(%error, "status lookup failed"),
            }
            check.ask_portal(shell, None);
        });
    }

    /// Asks the portal again with the PINFL typed, to see the answer of a typed code.
    pub fn show_answer(&self, shell: &Rc<Shell>, pinfl: &str) {
        let pinfl = pinfl.trim();
        if pinfl.is_empty() || self.search.borrow().query.is_none() {
            return;
        }
        self.generation.set(self.generation.get() + 1);
        self.search.borrow_mut().checking = true;
        self.show(shell);
        self.ask_portal(shell, Some(pinfl.to_owned()));
    }

    /// Shows what is known so far, then asks the portal and shows what it said.
    fn ask_portal(&self, shell: &Rc<Shell>, pinfl: Option<String>) {
        let Some(query) = self.search.borrow().query.clone() else {
            return;
        };
        let Some(sync) = &shell.sync else {
            return self.portal_answered(shell, &query, false, PortalAnswer::NotEnrolled);
        };
        if pinfl.is_none() {
            // This terminal's record at once, while the portal is asked.
            let mut search = self.search.borrow_mut();
            let local = search.local.clone();
            search.report = status_check::combine(
                &query,
                false,
                local,
                &PortalAnswer::Unreachable { last_reached: None },
            );
        }
        self.show(shell);
        let generation = self.generation.get();
        let pinfl_given = pinfl.is_some();
        shell.when_ready(
            sync.ask_portal(query.clone(), pinfl),
            move |shell, answer| {
                let check = &shell.status_check;
                if check.generation.get() == generation {
                    check.portal_answered(shell, &query, pinfl_given, answer);
                }
            },
        );
    }

    fn portal_answered(
        &self,
        shell: &Shell,
        query: &StatusQuery,
        pinfl_given: bool,
        answer: PortalAnswer,
    ) {
        {
            let mut search = self.search.borrow_mut();
            let local = search.local.clone();
            let unanswered = matches!(
                answer,
                PortalAnswer::Unreachable { .. } | PortalAnswer::NotEnrolled
            );
            search.report = match search.report.take() {
                // A PINFL the portal could not check leaves what was found as it was.
                Some(mut found) if pinfl_given && unanswered => {
                    if found.answers != Answers::Shown {
                        found.answers = Answers::PinflNotChecked;
                    }
                    Some(found)
                }
                _ => status_check::combine(query, pinfl_given, local, &answer),
            };
            search.portal = Some(answer);
            search.checking = false;
        }
        self.show(shell);
    }

    /// Prints the status on screen on the receipt printer.
    pub fn print(&self, shell: &Shell) {
        let Some(report) = self.search.borrow().report.clone() else {
            return;
        };
        let note = if shell.printer.print_slip(slip(shell, &report)) {
            "status-printing"
        } else {
            "printer-offline"
        };
        self.search.borrow_mut().print_note = Some(note);
        self.show(shell);
    }

    /// The printer printed the slip of `code`, or says why not (`problem`, an error code).
    pub fn slip_printed(&self, shell: &Shell, code: ReceiptCode, problem: Option<&str>) {
        let current = self
            .search
            .borrow()
            .report
            .as_ref()
            .map(|report| report.code);
        if current != Some(code) {
            return;
        }
        self.search.borrow_mut().print_note = Some(match problem {
            None => "status-printed",
            Some(error) => present::print_problem(error),
        });
        self.show(shell);
    }

    /// The search on screen, in the current language.
    pub fn show(&self, shell: &Shell) {
        let search = self.search.borrow();
        let view = match (&search.problem, &search.report, &search.query) {
            (Some(problem), _, _) => StatusView {
                searched: true,
                problem: shell.tr(problem).into(),
                ..StatusView::default()
            },
            (None, Some(report), _) => report_view(shell, &search, report),
            (None, None, None) => StatusView::default(),
            (None, None, Some(_)) if search.checking => StatusView {
                searched: true,
                checking: true,
                note: shell.tr("status-checking").into(),
                ..StatusView::default()
            },
            (None, None, Some(_)) => StatusView {
                searched: true,
                problem: not_found(shell, search.portal.as_ref()).into(),
                ..StatusView::default()
            },
        };
        shell.with_app(|app| app.global::<Kiosk>().set_status(view));
    }
}

/// Why nothing was found, by what the portal said.
fn not_found(shell: &Shell, portal: Option<&PortalAnswer>) -> String {
    match portal {
        Some(PortalAnswer::Unreachable { .. }) => shell.tr("status-not-found-offline"),
        Some(PortalAnswer::NotEnrolled) => shell.tr("status-not-found-here"),
        _ => shell.tr("status-not-found"),
    }
}

/// A found receipt's texts in the language on screen: what the screen shows and the slip
/// prints.
struct Shown {
    service: String,
    created: String,
    /// This terminal's delivery state, when there is no status from the portal yet.
    state: String,
    /// (when, status, answer) oldest first.
    history: Vec<(String, String, Option<String>)>,
    next: String,
    withheld: String,
    ask_pinfl: bool,
    /// Where the status comes from, when not the portal.
    source: String,
}

fn shown(shell: &Shell, report: &StatusReport) -> Shown {
    let lang = shell.lang();
    let current = report.history.last().map(|change| change.status.as_str());
    let next = match (current, report.local_state) {
        (Some(status), _) => shell.tr(&format!("status-next-{status}")),
        (None, Some(state)) => shell.tr(&format!("status-next-{}", state.as_str())),
        (None, None) => String::new(),
    };
    let source = match &report.source {
        Source::Portal => String::new(),
        Source::NotYetAtPortal => shell.tr("status-not-yet-at-portal"),
        Source::ThisTerminal {
            last_reached: Some(at),
        } => shell.translations.with(
            lang,
            "status-only-here-since",
            &[("date", &tashkent_time(at))],
        ),
        Source::ThisTerminal { last_reached: None } => shell.tr("status-only-here"),
        Source::NotEnrolled => shell.tr("status-not-enrolled"),
    };
    // The PINFL can show the answer only where the portal can be asked.
    let ask_pinfl = matches!(
        report.answers,
        Answers::NeedProof | Answers::PinflMismatch | Answers::PinflNotChecked
    ) && shell.sync.is_some()
        && report.source != Source::NotEnrolled;
    let withheld = match report.answers {
        Answers::Shown => None,
        Answers::NeedProof if ask_pinfl => Some("status-answer-withheld"),
        Answers::NeedProof => Some("status-answer-withheld-qr"),
        Answers::PinflMismatch => Some("status-pinfl-mismatch"),
        Answers::TooManyTries => Some("status-too-many-tries"),
        Answers::PinflNotChecked => Some("status-pinfl-not-checked"),
    };
    Shown {
        service: present::target_name(&shell.catalogue(), &report.target_id, lang),
        created: shell.translations.with(
            lang,
            "status-created",
            &[("date", &tashkent_time(&report.created_at))],
        ),
        state: report
            .local_state
            .filter(|_| report.history.is_empty())
            .map(|state| shell.tr(present::state_id(state)))
            .unwrap_or_default(),
        history: report
            .history
            .iter()
            .map(|change| {
                (
                    tashkent_time(&change.changed_at),
                    shell.tr(&format!("portal-status-{}", change.status)),
                    change.answer.clone(),
                )
            })
            .collect(),
        next,
        withheld: withheld.map(|id| shell.tr(id)).unwrap_or_default(),
        ask_pinfl,
        source,
    }
}

fn report_view(shell: &Shell, search: &Search, report: &StatusReport) -> StatusView {
    let shown = shown(shell, report);
    let history: Vec<StatusLine> = shown
        .history
        .into_iter()
        .map(|(at, status, answer)| StatusLine {
            status: status.into(),
            at: at.into(),
            answer: answer.unwrap_or_default().into(),
        })
        .collect();
    let note = if search.checking {
        shell.tr("status-checking")
    } else {
        shown.source
    };
    StatusView {
        searched: true,
        found: true,
        problem: SharedString::new(),
        code: report.code.to_string().into(),
        service: shown.service.into(),
        created: shown.created.into(),
        state: shown.state.into(),
        history: ModelRc::new(VecModel::from(history)),
        next: shown.next.into(),
        withheld: shown.withheld.into(),
        ask_pinfl: shown.ask_pinfl,
        note: note.into(),
        checking: search.checking,
        can_print: shell.printer.is_present() && !search.checking,
        print_note: search
            .print_note
            .map(|id| shell.tr(id))
            .unwrap_or_default()
            .into(),
    }
}

/// The status on screen as a slip for the receipt printer, in the language on screen.
fn slip(shell: &Shell, report: &StatusReport) -> StatusSlip {
    let shown = shown(shell, report);
    StatusSlip {
        lang: shell.lang(),
        code: report.code,
        service: shown.service,
        submitted: shown.created,
        history: shown
            .history
            .into_iter()
            .map(|(at, status, answer)| SlipLine { at, status, answer })
            .collect(),
        notes: [shown.state, shown.next, shown.withheld, shown.source]
            .into_iter()
            .filter(|text| !text.is_empty())
            .collect(),
        printed_at: shell
            .now()
            .format(format_description!("[day].[month].[year] [hour]:[minute]"))
            .unwrap_or_default(),
    }
}
