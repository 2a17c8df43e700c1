//! What a status check shows, put together from this terminal's record and the portal's
//! answer: the portal's history when it answered (it knows every terminal's receipts and the
//! agency's latest word), this terminal's record when it did not, and whether the agency's
//! answers are shown or why not. No I/O: the touchscreen and `kioskctl status` both use it.

use mahalla_protocol::receipt_code::ReceiptCode;
use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::wire::{AnswerAccess, StatusReply};

use crate::store::{OutboxState, StatusChange, StatusRecord};
use crate::sync::PortalAnswer;

/// Where the shown history comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// The portal answered.
    Portal,
    /// The portal does not have it yet: this terminal's record is all there is.
    NotYetAtPortal,
    /// Only this terminal's records: the portal was not reached (when it last was, if ever).
    ThisTerminal { last_reached: Option<String> },
    /// Only this terminal's records, and it has no portal: it is not enrolled.
    NotEnrolled,
}

/// Whether the agency's answers are shown, and if not what would show them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answers {
    /// Shown, or there are none yet.
    Shown,
    /// A typed code alone: the QR or the PINFL would show them.
    NeedProof,
    /// The PINFL typed is not the one in the application.
    PinflMismatch,
    /// Too many wrong PINFLs: try later, or scan the receipt's QR.
    TooManyTries,
    /// A PINFL was typed but only the portal can check it, and it was not reached.
    PinflNotChecked,
}

/// A receipt as the status check shows it. No personal data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusReport {
    pub code: ReceiptCode,
    pub target_id: String,
    pub created_at: String,
    /// This terminal's delivery state, when it issued the receipt.
    pub local_state: Option<OutboxState>,
    /// Oldest first; the last is the current status.
    pub history: Vec<StatusChange>,
    pub answers: Answers,
    pub source: Source,
}

/// Puts the two sources together; `None` when neither knows the receipt.
pub fn combine(
    query: &StatusQuery,
    pinfl_given: bool,
    local: Option<StatusRecord>,
    portal: &PortalAnswer,
) -> Option<StatusReport> {
    let code = query.code();
    let local_state = local.as_ref().map(|record| record.state);
    if let PortalAnswer::Found(reply) = portal {
        return Some(from_portal(code, local_state, reply));
    }
    let record = local?;
    let answers = match (record.answers_withheld, pinfl_given) {
        (false, _) => Answers::Shown,
        (true, true) => Answers::PinflNotChecked,
        (true, false) => Answers::NeedProof,
    };
    let source = match portal {
        PortalAnswer::NotEnrolled => Source::NotEnrolled,
        PortalAnswer::Unreachable { last_reached } => Source::ThisTerminal {
            last_reached: last_reached.clone(),
        },
        PortalAnswer::Unknown | PortalAnswer::Found(_) => Source::NotYetAtPortal,
    };
    Some(StatusReport {
        code,
        target_id: record.target_id,
        created_at: record.created_at,
        local_state,
        history: record.history,
        answers,
        source,
    })
}

fn from_portal(
    code: ReceiptCode,
    local_state: Option<OutboxState>,
    reply: &StatusReply,
) -> StatusReport {
    let answers = match reply.access {
        AnswerAccess::Shown => Answers::Shown,
        AnswerAccess::NoProof if reply.answers_withheld => Answers::NeedProof,
        AnswerAccess::NoProof => Answers::Shown,
        AnswerAccess::PinflMismatch => Answers::PinflMismatch,
        AnswerAccess::TooManyTries => Answers::TooManyTries,
    };
    let history: Vec<StatusChange> = reply
        .history
        .iter()
        .map(|entry| StatusChange {
            status: entry.status.as_str().to_owned(),
            answer: entry.answer.clone(),
            changed_at: entry.changed_at.clone(),
        })
        .collect();
    StatusReport {
        code,
        target_id: reply.target_id.clone(),
        created_at: reply.created_at.clone(),
        // The portal holds it, whatever this terminal's queue last recorded.
        local_state: local_state.map(|_| OutboxState::Delivered),
        history,
        answers,
        source: Source::Portal,
    }
}
