//! `kioskctl staff …`: mahalla staff who may sign in on this terminal. PINs come from
//! standard input; the list never shows a hash.

use std::path::Path;

use clap::Subcommand;
use mahalla_kiosk_core::store::{StaffError, Store};

use crate::input::{Input, pin_failure};
use crate::{Failure, print_json};

/// Who the audit log names for these commands.
const ACTOR: &str = "technician";

#[derive(Subcommand)]
pub enum StaffCommand {
    /// Add a staff member; their PIN (4 to 8 digits) is read from standard input, twice on a
    /// terminal.
    Add {
        #[arg(long)]
        name: String,
    },
    /// Give a staff member a new PIN, read from standard input like `add`.
    SetPin {
        #[arg(long)]
        name: String,
    },
    /// List the staff: number, name, when added.
    List {
        #[arg(long)]
        json: bool,
    },
}

fn failure(error: StaffError) -> Failure {
    match error {
        StaffError::Pin(pin) => pin_failure(pin),
        StaffError::NameEmpty | StaffError::NameTaken(_) | StaffError::Unknown(_) => {
            Failure::Input(error.to_string())
        }
        StaffError::Hash(_) | StaffError::Store(_) => Failure::Terminal(error.to_string()),
    }
}

pub fn run(data_dir: &Path, command: StaffCommand) -> Result<(), Failure> {
    let open = || Store::open(data_dir).map_err(|error| Failure::Terminal(error.to_string()));
    match command {
        StaffCommand::Add { name } => {
            let pin = Input::stdin().new_pin()?;
            let member = open()?.add_staff(&name, &pin, ACTOR).map_err(failure)?;
            println!("staff #{} {} added", member.id, member.name);
            Ok(())
        }
        StaffCommand::SetPin { name } => {
            let pin = Input::stdin().new_pin()?;
            let member = open()?.set_staff_pin(&name, &pin, ACTOR).map_err(failure)?;
            println!("staff #{} {}: new PIN set", member.id, member.name);
            Ok(())
        }
        StaffCommand::List { json } => {
            let staff = open()?
                .staff()
                .map_err(|error| Failure::Terminal(error.to_string()))?;
            if json {
                return print_json(&staff);
            }
            for member in &staff {
                println!("{:>4}  {}  {}", member.id, member.created_at, member.name);
            }
            Ok(())
        }
    }
}
