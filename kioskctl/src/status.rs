//! `kioskctl status`: what the touchscreen's status check shows, by the same code path: this
//! terminal's record (`Store::look_up`), the portal's answer (`sync::ask_portal`), put
//! together by `status_check::combine`. The agency's answer is shown for a scanned QR, or for
//! a typed code with the PINFL of the application, which the portal checks.

use std::io::BufRead;
use std::path::Path;

use mahalla_kiosk_core::status_check::{self, Answers, Source};
use mahalla_kiosk_core::store::Store;
use mahalla_kiosk_core::sync::{self, LOOKUP_TIMEOUT, PortalTls};
use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::{ErrorCode, tashkent_time};
use serde::Serialize;

use crate::{Failure, print_json};

#[derive(Serialize)]
struct Shown<'a> {
    receipt_code: String,
    target_id: &'a str,
    /// This terminal's delivery state, when it issued the receipt.
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<&'static str>,
    created_at: &'a str,
    history: Vec<Change<'a>>,
    /// `shown`, `need-proof`, `pinfl-mismatch`, `too-many-tries`, `pinfl-not-checked`.
    answers: &'static str,
    /// `portal`, `not-yet-at-portal`, `this-terminal` (the portal was not reached) or
    /// `not-enrolled`.
    source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    portal_last_reached: Option<&'a str>,
}

#[derive(Serialize)]
struct Change<'a> {
    status: &'a str,
    changed_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

/// Looks `receipt` up; with `pinfl_on_stdin`, the PINFL is read from standard input (so it
/// never shows in the process list or the shell history).
pub fn run(
    data_dir: &Path,
    tls: &PortalTls,
    store: &Store,
    receipt: &str,
    pinfl_on_stdin: bool,
    json: bool,
) -> Result<(), Failure> {
    let query = StatusQuery::parse(receipt)
        .map_err(|error| Failure::Input(format!("receipt: {}", error.code())))?;
    let pinfl = if pinfl_on_stdin {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|error| Failure::Input(format!("PINFL from standard input: {error}")))?;
        Some(line.trim().to_owned())
    } else {
        None
    };
    let code = query.code();
    let local = store
        .look_up(&query)
        .map_err(|error| Failure::Terminal(error.to_string()))?;
    let portal = sync::ask_portal_now(data_dir, tls, &query, pinfl.as_deref(), LOOKUP_TIMEOUT);
    let report = status_check::combine(&query, pinfl.is_some(), local, &portal)
        .ok_or_else(|| Failure::Input(format!("no receipt {code} is known")))?;
    let (source, last_reached) = match &report.source {
        Source::Portal => ("portal", None),
        Source::NotYetAtPortal => ("not-yet-at-portal", None),
        Source::ThisTerminal { last_reached } => ("this-terminal", last_reached.as_deref()),
        Source::NotEnrolled => ("not-enrolled", None),
    };
    let shown = Shown {
        receipt_code: code.to_string(),
        target_id: &report.target_id,
        state: report.local_state.map(|state| state.as_str()),
        created_at: &report.created_at,
        history: report
            .history
            .iter()
            .map(|change| Change {
                status: &change.status,
                changed_at: &change.changed_at,
                answer: change.answer.as_deref(),
            })
            .collect(),
        answers: match report.answers {
            Answers::Shown => "shown",
            Answers::NeedProof => "need-proof",
            Answers::PinflMismatch => "pinfl-mismatch",
            Answers::TooManyTries => "too-many-tries",
            Answers::PinflNotChecked => "pinfl-not-checked",
        },
        source,
        portal_last_reached: last_reached,
    };
    if json {
        return print_json(&shown);
    }
    println!(
        "{}  {}  {}  {}",
        shown.receipt_code,
        shown.target_id,
        shown.state.unwrap_or("-"),
        tashkent_time(shown.created_at)
    );
    for change in &shown.history {
        println!("  {}  {}", tashkent_time(change.changed_at), change.status);
        if let Some(answer) = change.answer {
            println!("    {answer}");
        }
    }
    match report.answers {
        Answers::Shown => {}
        Answers::NeedProof => println!(
            "(the agency's answer is shown for the receipt's QR code, or with the PINFL: --with-pinfl)"
        ),
        Answers::PinflMismatch => println!("(the PINFL is not the one in the application)"),
        Answers::TooManyTries => println!("(too many wrong PINFLs: try later, or scan the QR)"),
        Answers::PinflNotChecked => println!("(the portal was not reached to check the PINFL)"),
    }
    match report.source {
        Source::Portal => {}
        Source::NotYetAtPortal => println!("(not at the portal yet: this terminal's record)"),
        Source::ThisTerminal { last_reached } => println!(
            "(the portal was not reached, last reached {}: only this terminal's records)",
            last_reached
                .as_deref()
                .map_or("never".to_owned(), tashkent_time)
        ),
        Source::NotEnrolled => println!("(not enrolled: only this terminal's records)"),
    }
    Ok(())
}
