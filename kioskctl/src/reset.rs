//! `kioskctl reset`: factory reset, with a staff PIN and the word RESET from standard input;
//! the rules are in `mahalla_kiosk_core::reset`.

use std::path::Path;

use clap::Args;
use mahalla_kiosk_core::reset::{CONFIRMATION_WORD, Confirmed, FactoryReset, ResetError};

use crate::Failure;
use crate::input::Input;

#[derive(Args)]
pub struct ResetArgs {
    /// Reset although submissions are undelivered; N must be exactly their number, and they
    /// are lost.
    #[arg(long, value_name = "N")]
    force_lose_data: Option<u64>,
    /// Do not ask for the word RESET.
    #[arg(long)]
    yes: bool,
}

fn failure(error: ResetError) -> Failure {
    match error {
        ResetError::Store(_) | ResetError::Lock(_) | ResetError::Remove { .. } => {
            Failure::Terminal(error.to_string())
        }
        refused => Failure::Input(format!("reset refused: {refused}")),
    }
}

pub fn run(data_dir: &Path, args: ResetArgs) -> Result<(), Failure> {
    let mut reset = FactoryReset::open(data_dir).map_err(failure)?;
    reset.check_loss(args.force_lose_data).map_err(failure)?;
    let mut input = Input::stdin();
    let pin = if reset.needs_pin() {
        Some(input.pin("staff PIN: ")?)
    } else {
        None
    };
    let authorised = reset.authorise(pin.as_deref()).map_err(failure)?;
    let confirmed = if args.yes {
        Confirmed::beforehand()
    } else {
        eprintln!(
            "this removes the database, the device key and the receipts in {}{}",
            data_dir.display(),
            match reset.undelivered() {
                0 => String::new(),
                lost => format!(", and loses {lost} undelivered submissions"),
            }
        );
        let word = input.line(
            &format!("type {CONFIRMATION_WORD} to confirm: "),
            "confirmation",
        )?;
        Confirmed::by_word(&word).map_err(failure)?
    };
    let report = reset
        .perform(authorised, confirmed, args.force_lose_data)
        .map_err(failure)?;
    for path in &report.removed {
        println!("removed {}", path.display());
    }
    println!(
        "factory reset done ({}); {} undelivered submissions lost",
        report.actor, report.lost
    );
    Ok(())
}
