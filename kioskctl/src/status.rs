//! `kioskctl status`: what the touchscreen's status check shows, by the same code path
//! (`Store::look_up`): the local state and history, the answers only for a scanned QR.

use mahalla_kiosk_core::store::Store;
use mahalla_protocol::status_query::StatusQuery;
use mahalla_protocol::{ErrorCode, tashkent_time};
use serde::Serialize;

use crate::{Failure, print_json};

#[derive(Serialize)]
struct Shown<'a> {
    receipt_code: String,
    target_id: &'a str,
    state: &'static str,
    created_at: &'a str,
    history: Vec<Change<'a>>,
    /// The agency answered, but a typed code does not show the answer.
    answers_withheld: bool,
}

#[derive(Serialize)]
struct Change<'a> {
    status: &'a str,
    changed_at: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    answer: Option<&'a str>,
}

pub fn run(store: &Store, receipt: &str, json: bool) -> Result<(), Failure> {
    let query = StatusQuery::parse(receipt)
        .map_err(|error| Failure::Input(format!("receipt: {}", error.code())))?;
    let code = query.code();
    let record = store
        .look_up(&query)
        .map_err(|error| Failure::Terminal(error.to_string()))?
        .ok_or_else(|| Failure::Input(format!("no receipt {code} on this terminal")))?;
    let shown = Shown {
        receipt_code: code.to_string(),
        target_id: &record.target_id,
        state: record.state.as_str(),
        created_at: &record.created_at,
        history: record
            .history
            .iter()
            .map(|change| Change {
                status: &change.status,
                changed_at: &change.changed_at,
                answer: change.answer.as_deref(),
            })
            .collect(),
        answers_withheld: record.answers_withheld,
    };
    if json {
        return print_json(&shown);
    }
    println!(
        "{}  {}  {}  {}",
        shown.receipt_code,
        shown.target_id,
        shown.state,
        tashkent_time(shown.created_at)
    );
    for change in &shown.history {
        println!("  {}  {}", tashkent_time(change.changed_at), change.status);
        if let Some(answer) = change.answer {
            println!("    {answer}");
        }
    }
    if shown.answers_withheld {
        println!("(the agency's answer is shown for the receipt's QR code, not for a typed code)");
    }
    Ok(())
}
