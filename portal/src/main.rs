//! `mahalla-portal`: the reference central portal and its admin commands.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use mahalla_portal::keys::KeyRing;
use mahalla_portal::{Limits, Tls, admin, software_update, storage};
use mahalla_portal_store::Store;
use mahalla_protocol::enrol_link::PlainHttp;
use mahalla_protocol::wire::Status;

#[derive(Parser)]
#[command(version, about = "Reference central portal for mahalla kiosks")]
struct Cli {
    /// The portal's data dir: its keys, and its database unless --database names another.
    #[arg(
        long,
        global = true,
        default_value = "portal-data",
        env = "PORTAL_DATA_DIR"
    )]
    data_dir: PathBuf,
    /// The database as a `postgres://user@host:port/name` URL (every portal process of one
    /// deployment names the same); without it, a SQLite file in the data dir.
    #[arg(long, global = true, value_name = "URL", env = storage::DATABASE_ENV)]
    database: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the kiosk API (creates the data dir and keys on first start).
    Serve {
        #[arg(long, default_value = "127.0.0.1:8080")]
        listen: SocketAddr,
        /// Requests handled at once; more get 429 with Retry-After.
        #[arg(long, default_value_t = Limits::default().max_in_flight)]
        max_in_flight: usize,
        /// The largest Retry-After (seconds) given when busy.
        #[arg(long, default_value_t = Limits::default().retry_after_max_secs)]
        retry_after_max: u64,
        /// Serve HTTPS with this certificate chain (PEM), for a portal without a TLS proxy in
        /// front; behind one, leave it out and listen on loopback.
        #[arg(long, value_name = "FILE.pem", requires = "tls_key")]
        tls_cert: Option<PathBuf>,
        /// The private key (PEM) of --tls-cert.
        #[arg(long, value_name = "FILE.pem", requires = "tls_cert")]
        tls_key: Option<PathBuf>,
    },
    /// The portal's own keys: terminals encrypt to them and check its answers with them.
    Keys {
        #[command(subcommand)]
        command: KeysCommand,
    },
    /// The register of mahallas.
    Mahalla {
        #[command(subcommand)]
        command: MahallaCommand,
    },
    /// Issue a one-time enrolment code for a mahalla, and with --qr its enrolment sheet.
    EnrolCode {
        /// The mahalla's code in the register.
        #[arg(long)]
        mahalla: String,
        /// How long the code is valid: `30m`, `24h`, `7d`.
        #[arg(long, default_value = "24h", value_parser = parse_duration_ms)]
        expires: i64,
        /// Write the enrolment sheet to this new PNG file (mode 0600): a QR with the portal's
        /// address and the code, for the terminal's scanner.
        #[arg(long, value_name = "FILE.png", requires = "portal_url")]
        qr: Option<PathBuf>,
        /// The portal's address as terminals reach it (`https://…`), for the sheet.
        #[arg(long, value_name = "URL", requires = "qr", value_parser = parse_portal_url)]
        portal_url: Option<String>,
    },
    /// List enrolled terminals with their last heartbeat.
    Devices {
        #[arg(long)]
        json: bool,
    },
    /// Revoke a terminal (by device id or number): its requests are refused from now on.
    Revoke { device: String },
    /// List received submissions (decrypted).
    Submissions {
        #[arg(long)]
        json: bool,
    },
    /// Set a submission's status and the agency's answer; the terminal gets it in its feed.
    SetStatus {
        submission: String,
        #[arg(long, value_parser = parse_status)]
        status: Status,
        #[arg(long)]
        answer: Option<String>,
    },
    /// Publish a new catalogue version to every terminal.
    PublishCatalogue { file: PathBuf },
    /// Publish a signed software update to every terminal: checks the manifest's signature,
    /// every file's size and SHA-256, and that the version is newer than every one published;
    /// keeps the files in the data dir (`software-updates/<version>/`) and offers the update
    /// in the terminals' feed.
    PublishUpdate {
        /// The bundle: `manifest.json`, its signature `manifest.sig` and the files it names.
        dir: PathBuf,
        /// The project's public update key (PEM, as `openssl pkey -pubout` writes it).
        #[arg(long, value_name = "PEM")]
        update_key: PathBuf,
        /// The Debian architecture of the terminals' images.
        #[arg(long, default_value = "amd64")]
        architecture: String,
    },
    /// Show the audit log, newest first: each export from the dashboard, who, when, of what.
    Audit {
        /// How many records to show.
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// Agency staff who sign in to the dashboard.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
}

#[derive(Subcommand)]
enum KeysCommand {
    /// Print the fingerprint terminals pin (as on enrolment sheets) and any rotation under way.
    Show,
    /// Make new keys current, signed over from the old ones; terminals follow at their next
    /// sync. Restart `serve` afterwards. The old keys stay until `keys retire`.
    Rotate,
    /// Stop using the previous keys once every terminal follows the current ones (`devices`
    /// shows the keys each terminal uses): uploads encrypted to them are refused after; what
    /// was stored with them stays readable.
    Retire,
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff member (or set a new password and role); the password is read from stdin.
    Add {
        username: String,
        /// administrator: every submission and figure. agency-staff: the submissions of each
        /// --service from each --region or --district (all of them when left out), to answer.
        /// mahalla-monitor: the monitoring figures of each --mahalla, no submission.
        #[arg(long, value_enum)]
        role: admin::RoleName,
        /// A service (catalogue id) an agency's staff answer; repeat for several.
        #[arg(long = "service", value_name = "ID")]
        services: Vec<String>,
        /// A region whose mahallas an agency's staff serve; repeat for several.
        #[arg(long = "region", value_name = "NAME")]
        regions: Vec<String>,
        /// A district whose mahallas an agency's staff serve; repeat for several.
        #[arg(long = "district", value_name = "NAME")]
        districts: Vec<String>,
        /// A mahalla (code) a monitor watches; repeat for several.
        #[arg(long = "mahalla", value_name = "CODE")]
        mahallas: Vec<String>,
    },
}

#[derive(Subcommand)]
enum MahallaCommand {
    /// Import a register (CSV `code,name,district,region`, or a JSON array).
    Import { file: PathBuf },
}

fn parse_duration_ms(text: &str) -> Result<i64, String> {
    let (number, unit) = text.split_at(text.len().saturating_sub(1));
    let scale: i64 = match unit {
        "m" => 60_000,
        "h" => 3_600_000,
        "d" => 86_400_000,
        _ => return Err(format!("{text:?}: use a number with m, h or d, e.g. 24h")),
    };
    number
        .parse::<i64>()
        .ok()
        .filter(|n| *n > 0)
        .and_then(|n| n.checked_mul(scale))
        .ok_or_else(|| format!("{text:?}: use a positive number with m, h or d"))
}

fn parse_portal_url(text: &str) -> Result<String, String> {
    mahalla_protocol::enrol_link::check_portal_url(text, PlainHttp::LoopbackOnly)
        .map(|()| text.to_owned())
        .map_err(|error| error.to_string())
}

fn parse_status(text: &str) -> Result<Status, String> {
    Status::from_name(text).ok_or_else(|| {
        let names: Vec<_> = Status::ALL.iter().map(|s| s.as_str()).collect();
        format!("{text:?} is not one of {}", names.join(", "))
    })
}

fn main() -> ExitCode {
    // The schema tools announce every start; only their warnings are worth a line.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(
            "info,refinery_core=warn,tokio_postgres=warn,rusqlite_migration=warn",
        )
    });
    tracing_subscriber::fmt()
        .with_ansi(false)
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn print_json(value: &impl serde::Serialize) -> Result<(), String> {
    let text = serde_json::to_string_pretty(value).map_err(|error| error.to_string())?;
    println!("{text}");
    Ok(())
}

/// The fingerprint of the keys terminals enrol with now.
fn fingerprint(data_dir: &std::path::Path) -> Result<String, String> {
    KeyRing::load_or_create(data_dir)
        .map(|ring| ring.current().fingerprint())
        .map_err(|error| error.to_string())
}

fn keys(data_dir: &std::path::Path, command: KeysCommand) -> Result<(), String> {
    match command {
        KeysCommand::Show => {
            let ring = KeyRing::load_or_create(data_dir).map_err(|e| e.to_string())?;
            println!("keys     {}", ring.current().fingerprint());
            if let Some(previous) = ring.previous() {
                println!("previous {} (still accepted)", previous.fingerprint());
            }
        }
        KeysCommand::Rotate => {
            let rotation = KeyRing::rotate(data_dir).map_err(|e| e.to_string())?;
            println!("keys     {}", rotation.to.fingerprint());
            println!("previous {} (still accepted)", rotation.from);
            println!("restart `mahalla-portal serve` to announce the new keys");
        }
        KeysCommand::Retire => {
            let retired = KeyRing::retire(data_dir).map_err(|e| e.to_string())?;
            println!("retired  {retired}");
            println!("restart `mahalla-portal serve` to stop accepting them");
        }
    }
    Ok(())
}

fn run(cli: Cli) -> Result<(), String> {
    let runtime = tokio::runtime::Runtime::new()
        .map_err(|error| format!("cannot start the runtime: {error}"))?;
    runtime.block_on(command(cli))
}

async fn open(
    data_dir: &std::path::Path,
    database: Option<&str>,
) -> Result<Arc<dyn Store>, String> {
    storage::open(data_dir, database)
        .await
        .map_err(|error| error.to_string())
}

fn ring(data_dir: &std::path::Path) -> Result<KeyRing, String> {
    KeyRing::load_or_create(data_dir).map_err(|error| error.to_string())
}

async fn command(cli: Cli) -> Result<(), String> {
    let data_dir = cli.data_dir;
    let database = cli.database.as_deref();
    let store = || open(&data_dir, database);
    match cli.command {
        Command::Serve {
            listen,
            max_in_flight,
            retry_after_max,
            tls_cert,
            tls_key,
        } => {
            let limits = Limits {
                max_in_flight,
                retry_after_max_secs: retry_after_max,
            };
            let tls = tls_cert.zip(tls_key).map(|(cert, key)| Tls { cert, key });
            mahalla_portal::serve(listen, &data_dir, database, limits, tls)
                .await
                .map_err(|error| error.to_string())
        }
        Command::Keys { command } => keys(&data_dir, command),
        Command::Mahalla {
            command: MahallaCommand::Import { file },
        } => {
            let count = admin::import_mahallas(store().await?.as_ref(), &file)
                .await
                .map_err(|e| e.to_string())?;
            println!("imported {count} mahallas");
            Ok(())
        }
        Command::EnrolCode {
            mahalla,
            expires,
            qr: None,
            ..
        } => {
            let issued = admin::enrol_code(store().await?.as_ref(), &mahalla, expires)
                .await
                .map_err(|e| e.to_string())?;
            println!("{}", issued.code);
            println!("keys     {}", fingerprint(&data_dir)?);
            Ok(())
        }
        Command::EnrolCode {
            mahalla,
            expires,
            qr: Some(sheet),
            portal_url,
        } => {
            // clap holds --qr to --portal-url.
            let portal_url = portal_url.ok_or("--qr needs --portal-url")?;
            let fingerprint = fingerprint(&data_dir)?;
            let issued = admin::enrol_sheet(
                store().await?.as_ref(),
                &mahalla,
                expires,
                &portal_url,
                &fingerprint,
                &sheet,
            )
            .await
            .map_err(|e| e.to_string())?;
            let expires_at = mahalla_host::clock::rfc3339(issued.expires_at);
            println!("{}", issued.code);
            println!("keys     {fingerprint}");
            println!("portal   {portal_url}");
            println!(
                "expires  {expires_at} ({} in Tashkent)",
                mahalla_protocol::tashkent_time(&expires_at)
            );
            println!("sheet    {}", sheet.display());
            Ok(())
        }
        Command::Audit { limit, json } => {
            let log = store()
                .await?
                .audit_log(limit)
                .await
                .map_err(|e| e.to_string())?;
            if json {
                return print_json(&log);
            }
            for entry in &log {
                println!(
                    "{}  {}  {}  {}",
                    mahalla_host::clock::rfc3339(entry.at_ms),
                    entry.actor,
                    entry.action,
                    entry.detail
                );
            }
            Ok(())
        }
        Command::Devices { json } => {
            let devices = admin::devices(store().await?.as_ref())
                .await
                .map_err(|e| e.to_string())?;
            if json {
                return print_json(&devices);
            }
            for device in devices {
                println!(
                    "{:>5}  {}  mahalla {}  {}  last seen {}  keys {}",
                    device.number,
                    device.device_id,
                    device.mahalla,
                    if device.revoked_at.is_some() {
                        "REVOKED"
                    } else {
                        "active"
                    },
                    device
                        .last_seen_at
                        .map_or("never".to_owned(), mahalla_host::clock::rfc3339),
                    device
                        .last_heartbeat
                        .as_ref()
                        .and_then(|heartbeat| heartbeat.get("portal_keys"))
                        .and_then(|keys| keys.as_str())
                        .unwrap_or("unknown")
                );
            }
            Ok(())
        }
        Command::Revoke { device } => {
            admin::revoke(store().await?.as_ref(), &device)
                .await
                .map_err(|e| e.to_string())?;
            println!("revoked {device}");
            Ok(())
        }
        Command::Submissions { json } => {
            let submissions = admin::submissions(store().await?.as_ref(), &ring(&data_dir)?)
                .await
                .map_err(|e| e.to_string())?;
            if json {
                return print_json(&submissions);
            }
            for s in submissions.iter().map(|listed| &listed.submission) {
                println!(
                    "{}  {}  {}  {:<10}  {}",
                    s.receipt_code, s.device_id, s.id, s.status, s.target_id
                );
            }
            Ok(())
        }
        Command::SetStatus {
            submission,
            status,
            answer,
        } => {
            let store = store().await?;
            let keys = ring(&data_dir)?;
            admin::set_status(
                store.as_ref(),
                &keys,
                &submission,
                status,
                answer.as_deref(),
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("{submission}: {}", status.as_str());
            Ok(())
        }
        Command::Staff {
            command:
                StaffCommand::Add {
                    username,
                    role,
                    services,
                    regions,
                    districts,
                    mahallas,
                },
        } => {
            let store = store().await?;
            let role = admin::staff_role(
                store.as_ref(),
                role,
                admin::Places {
                    services,
                    regions,
                    districts,
                    mahallas,
                },
            )
            .await
            .map_err(|e| e.to_string())?;
            let mut password = String::new();
            std::io::stdin()
                .read_line(&mut password)
                .map_err(|error| format!("cannot read the password from stdin: {error}"))?;
            let password = password.trim_end_matches(['\r', '\n']);
            mahalla_portal::dashboard::staff::set_password(
                store.as_ref(),
                &username,
                password,
                &role,
            )
            .await
            .map_err(|e| e.to_string())?;
            println!("staff {username} can sign in");
            Ok(())
        }
        Command::PublishUpdate {
            dir,
            update_key,
            architecture,
        } => {
            let key = software_update::read_key(&update_key).map_err(|e| e.to_string())?;
            let manifest = software_update::publish(
                store().await?.as_ref(),
                &data_dir,
                &dir,
                &key,
                &architecture,
            )
            .await
            .map_err(|e| e.to_string())?;
            println!(
                "published software update {}: {} files, {} bytes, in {}",
                manifest.version,
                manifest.files.len(),
                manifest.total_bytes(),
                software_update::files_dir(&data_dir)
                    .join(manifest.version.to_string())
                    .display()
            );
            Ok(())
        }
        Command::PublishCatalogue { file } => {
            let version = admin::publish_catalogue(store().await?.as_ref(), &file)
                .await
                .map_err(|e| e.to_string())?;
            println!("published catalogue version {version}");
            Ok(())
        }
    }
}
