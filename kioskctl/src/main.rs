//! `kioskctl`: the command line for technicians, mahalla staff and scripted tests. It uses the
//! same validation and store code as the touchscreen.

mod input;
mod printer;
mod report;
mod reset;
mod staff;
mod status;
mod sync;
mod update;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use mahalla_kiosk_core::backup;
use mahalla_kiosk_core::config::{Config, ConfigError};
use mahalla_kiosk_core::logging;
use mahalla_kiosk_core::store::{DATABASE_FILE, Store, SubmitError};
use mahalla_protocol::ErrorCode;
use mahalla_protocol::catalogue::{Catalogue, FieldKind};
use mahalla_protocol::form::Values;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::lang::LocalText;
use serde::Serialize;

#[derive(Parser)]
#[command(
    version,
    about = "Command line for mahalla kiosk technicians and staff"
)]
struct Cli {
    /// The configuration file (defaults apply when the default one is absent).
    #[arg(long, global = true, env = "KIOSK_CONFIG")]
    config: Option<PathBuf>,
    /// Where the database lives; overrides the configuration file.
    #[arg(long, global = true, env = "KIOSK_DATA_DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate and store a submission; prints its receipt code once it is durable.
    Submit {
        /// The service or appeal id, as listed by `kioskctl catalogue`.
        #[arg(long)]
        service: String,
        /// A form value, KEY=VALUE; repeat for each field.
        #[arg(long = "field", value_name = "KEY=VALUE", value_parser = parse_field)]
        fields: Vec<(String, String)>,
        /// The resident's language, recorded with the submission.
        #[arg(long, value_parser = parse_lang)]
        lang: Option<Lang>,
        /// Submit the same values this many times, printing each code as it commits.
        #[arg(long, default_value_t = 1)]
        repeat: u64,
    },
    /// List the local queue: receipt code, service, state and time. No personal data.
    Queue {
        #[arg(long)]
        json: bool,
    },
    /// The status of a receipt of any terminal, as the portal knows it (this terminal's
    /// records when the portal is not reached): give its code as typed, or the whole text of
    /// its QR as a scanner reads it. The agency's answer is shown for the QR, or with the
    /// PINFL of the application.
    Status {
        /// The receipt code (any case, dashes or not) or the receipt QR's text.
        receipt: String,
        /// Read the applicant's PINFL from standard input, to see the agency's answer for a
        /// typed code.
        #[arg(long)]
        with_pinfl: bool,
        #[arg(long)]
        json: bool,
    },
    /// List the services and appeals with their form fields.
    Catalogue {
        #[arg(long)]
        json: bool,
    },
    /// Enrol this terminal with the portal using a one-time code. An enrolled terminal refuses
    /// and its queue stays as it is: changing the portal means `kioskctl reset` first, which
    /// refuses while submissions are undelivered.
    Enroll(sync::EnrollArgs),
    /// Sync with the portal: `--once` for one round now, `status` for the queue and errors.
    Sync(sync::SyncArgs),
    /// Receipt printer: find it, test page, sample bytes, status, virtual printer.
    Printer {
        #[command(subcommand)]
        command: printer::PrinterCommand,
    },
    /// Mahalla staff: add, set a PIN (read from standard input), list.
    Staff {
        #[command(subcommand)]
        command: staff::StaffCommand,
    },
    /// The configuration in use, without secrets.
    Config {
        #[command(subcommand)]
        command: report::ConfigCommand,
    },
    /// Write a diagnostics archive (.tar.gz): versions, configuration, queue and sync figures,
    /// printer, disk, audit log, recent journal. No personal data, no keys.
    Diagnostics(report::DiagnosticsArgs),
    /// Factory reset: removes the database, the device key and the receipts. Asks for a staff
    /// PIN and the word RESET on standard input; refuses while submissions are undelivered.
    /// Stop the kiosk first.
    Reset(reset::ResetArgs),
    /// Copy the database and the device key together into a new directory (mode 0700). They
    /// belong together: keep the copy as safe as the terminal.
    Backup {
        /// The new directory, e.g. on a USB stick.
        #[arg(long, value_name = "DIR")]
        out: std::path::PathBuf,
    },
    /// Software updates: status, checking a bundle, asking for the install; the installer's
    /// own steps (root).
    Update {
        #[command(subcommand)]
        command: update::UpdateCommand,
    },
    /// The boot check: the database opens and passes its integrity check. A new version is
    /// kept only once this passed with the app running.
    Health,
    /// Put a backup back into a data dir that has no database (a replaced disk, a lost file):
    /// the queue goes on under the same device and receipt numbers.
    Restore {
        /// The directory `kioskctl backup` wrote.
        from: std::path::PathBuf,
    },
}

fn parse_field(text: &str) -> Result<(String, String), String> {
    text.split_once('=')
        .map(|(key, value)| (key.to_owned(), value.to_owned()))
        .ok_or_else(|| format!("{text:?} is not KEY=VALUE"))
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::from_tag(text)
        .ok_or_else(|| format!("{text:?} is not one of uz-Latn, uz-Cyrl, ru, en, kaa"))
}

/// How a command failed: bad input from the person, or the terminal itself.
enum Failure {
    Input(String),
    Terminal(String),
}

impl From<ConfigError> for Failure {
    fn from(error: ConfigError) -> Self {
        Failure::Input(error.to_string())
    }
}

fn main() -> ExitCode {
    logging::init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("{message}");
            ExitCode::from(2)
        }
        Err(Failure::Terminal(message)) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    let mut config = Config::load(cli.config.as_deref())?;
    if let Some(data_dir) = cli.data_dir {
        config.data_dir = data_dir;
    }
    let data_dir = config.data_dir.clone();
    let open_store =
        || Store::open(&data_dir).map_err(|error| Failure::Terminal(error.to_string()));
    match cli.command {
        Command::Submit {
            service,
            fields,
            lang,
            repeat,
        } => {
            let mut values = Values::new();
            for (key, value) in fields {
                if values.insert(key.clone(), value).is_some() {
                    return Err(Failure::Input(format!(
                        "--field {key} is given twice: give each field once"
                    )));
                }
            }
            submit(
                &mut open_store()?,
                &current_catalogue(&data_dir)?,
                &service,
                &values,
                lang.unwrap_or(config.language),
                repeat,
            )
        }
        Command::Queue { json } => {
            let queue = Store::open_to_look(&data_dir)
                .map_err(|error| Failure::Terminal(error.to_string()))?
                .queue()
                .map_err(|error| Failure::Terminal(error.to_string()))?;
            if json {
                print_json(&queue)
            } else {
                for entry in &queue {
                    println!(
                        "{}  {:<11}  {}  {}",
                        entry.receipt_code,
                        entry.state.as_str(),
                        entry.created_at,
                        entry.target_id
                    );
                }
                Ok(())
            }
        }
        Command::Enroll(args) => sync::enroll(&data_dir, &config.tls, args),
        Command::Sync(args) => sync::run(&data_dir, &config.tls, &config.update, args),
        Command::Printer { command } => {
            printer::run(command, &config, &current_catalogue(&data_dir)?)
        }
        Command::Staff { command } => staff::run(&data_dir, command),
        Command::Config { command } => report::config(&config, command),
        Command::Diagnostics(args) => report::diagnostics(&config, &args.out),
        Command::Reset(args) => reset::run(&data_dir, args),
        Command::Update { command } => update::run(&config, command),
        Command::Health => update::health(&data_dir),
        Command::Backup { out } => {
            let store = Store::open_to_look(&data_dir)
                .map_err(|error| Failure::Terminal(error.to_string()))?;
            backup::backup(&store, &data_dir, &out)
                .map_err(|error| Failure::Terminal(error.to_string()))?;
            println!("backed up to {}", out.display());
            Ok(())
        }
        Command::Restore { from } => {
            let restored = backup::restore(&from, &data_dir)
                .map_err(|error| Failure::Terminal(error.to_string()))?;
            println!(
                "restored {} into {}: {} submissions still to deliver",
                restored
                    .device_id
                    .map_or("the demo terminal".to_owned(), |id| format!("device {id}")),
                data_dir.display(),
                restored.undelivered
            );
            Ok(())
        }
        Command::Status {
            receipt,
            with_pinfl,
            json,
        } => status::run(
            &data_dir,
            &config.tls,
            &open_store()?,
            &receipt,
            with_pinfl,
            json,
        ),
        Command::Catalogue { json } => {
            let catalogue = current_catalogue(&data_dir)?;
            let listing = CatalogueListing::of(&catalogue);
            if json {
                print_json(&listing)
            } else {
                for item in &listing.items {
                    let fields: Vec<_> = item
                        .fields
                        .iter()
                        .map(|f| {
                            let required = if f.required { "*" } else { "" };
                            format!("{}:{}{required}", f.id, f.kind.type_name())
                        })
                        .collect();
                    println!("{:<34} {:<13} {}", item.id, item.kind, fields.join(" "));
                }
                Ok(())
            }
        }
    }
}

/// The catalogue the terminal works with (the newest the portal sent, else the bundled one);
/// the bundled one when this data dir has no database yet, which is not created for it.
fn current_catalogue(data_dir: &std::path::Path) -> Result<Catalogue, Failure> {
    if data_dir.join(DATABASE_FILE).exists() {
        let store =
            Store::open_to_look(data_dir).map_err(|error| Failure::Terminal(error.to_string()))?;
        return store
            .current_catalogue()
            .map_err(|error| Failure::Terminal(error.to_string()));
    }
    mahalla_protocol::bundled::catalogue()
        .map_err(|error| Failure::Terminal(format!("bundled catalogue: {error}")))
}

fn submit(
    store: &mut Store,
    catalogue: &Catalogue,
    target_id: &str,
    values: &Values,
    lang: Lang,
    repeat: u64,
) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    for _ in 0..repeat {
        match store.submit(catalogue, target_id, values, lang) {
            Ok(submitted) => {
                writeln!(stdout, "{}", submitted.receipt_code)
                    .and_then(|()| stdout.flush())
                    .map_err(|error| Failure::Terminal(format!("stdout: {error}")))?;
            }
            Err(SubmitError::Invalid(errors)) => {
                let lines: Vec<_> = errors
                    .0
                    .iter()
                    .flat_map(|(key, errors)| {
                        errors
                            .iter()
                            .map(move |error| format!("field {key}: {}", error.code()))
                    })
                    .collect();
                return Err(Failure::Input(lines.join("\n")));
            }
            Err(error @ SubmitError::UnknownTarget(_)) => {
                return Err(Failure::Input(error.to_string()));
            }
            Err(error) => return Err(Failure::Terminal(error.to_string())),
        }
    }
    Ok(())
}

fn print_json(value: &impl Serialize) -> Result<(), Failure> {
    let text = serde_json::to_string_pretty(value)
        .map_err(|error| Failure::Terminal(format!("cannot encode JSON: {error}")))?;
    println!("{text}");
    Ok(())
}

/// What `kioskctl catalogue` lists: each service and appeal with its form fields.
#[derive(Serialize)]
struct CatalogueListing<'a> {
    version: u32,
    items: Vec<ListedItem<'a>>,
}

#[derive(Serialize)]
struct ListedItem<'a> {
    id: &'a str,
    kind: &'static str,
    name: &'a str,
    fields: Vec<ListedField<'a>>,
}

/// A form field as a script needs it to fill the form: its type with its limits (lengths,
/// date range) or its choice options with their labels, flattened from the catalogue.
#[derive(Serialize)]
struct ListedField<'a> {
    id: &'a str,
    required: bool,
    label: &'a LocalText,
    #[serde(flatten)]
    kind: &'a FieldKind,
}

impl<'a> CatalogueListing<'a> {
    fn of(catalogue: &'a Catalogue) -> Self {
        use mahalla_protocol::catalogue::Field;
        let fields = |form: &'a [Field]| {
            form.iter()
                .map(|field| ListedField {
                    id: &field.key,
                    required: field.required,
                    label: &field.label,
                    kind: &field.kind,
                })
                .collect()
        };
        let services = catalogue.services.iter().map(|service| ListedItem {
            id: &service.id,
            kind: service.kind.as_str(),
            name: service.name.get(Lang::En),
            fields: fields(&service.form),
        });
        let appeals = catalogue.appeals.iter().map(|appeal| ListedItem {
            id: &appeal.id,
            kind: appeal.kind.as_str(),
            name: appeal.name.get(Lang::En),
            fields: fields(&appeal.form),
        });
        CatalogueListing {
            version: catalogue.version,
            items: services.chain(appeals).collect(),
        }
    }
}
