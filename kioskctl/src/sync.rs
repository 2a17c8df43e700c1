//! `kioskctl enroll` and `kioskctl sync …`: enrolment with the portal and the sync worker's
//! one-shot run and status.

use std::path::Path;

use clap::{Args, Subcommand};
use mahalla_kiosk_core::config::UpdateConfig;
use mahalla_kiosk_core::store::{Store, SyncProblem};
use mahalla_kiosk_core::sync::{self, PortalTls, SyncOptions};
use mahalla_protocol::enrol_link;
use serde::Serialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::{Failure, print_json};

#[derive(Args)]
pub struct EnrollArgs {
    /// The portal's address, e.g. https://portal.example.uz (plain http:// only to this
    /// machine, unless the configuration says `allow_plain_http = true`).
    #[arg(long)]
    portal: String,
    /// The one-time code from `mahalla-portal enrol-code`.
    #[arg(long)]
    code: String,
    /// The fingerprint of the portal's keys that `enrol-code` printed with the code: the
    /// portal's answer is refused unless its keys match. Without it the first answer is
    /// trusted.
    #[arg(long, value_name = "XXXX-XXXX-XXXX-XXXX")]
    fingerprint: Option<String>,
}

#[derive(Args)]
pub struct SyncArgs {
    /// Run one round now (upload, updates, heartbeat) ignoring backoff times, then exit.
    #[arg(long)]
    once: bool,
    #[command(subcommand)]
    command: Option<SyncCommand>,
}

#[derive(Subcommand)]
enum SyncCommand {
    /// Queue depth by state, last success, last error, age of the oldest undelivered item.
    Status {
        #[arg(long)]
        json: bool,
    },
}

fn terminal(error: impl std::fmt::Display) -> Failure {
    Failure::Terminal(error.to_string())
}

pub fn enroll(data_dir: &Path, tls: &PortalTls, args: EnrollArgs) -> Result<(), Failure> {
    let url = args.portal.trim().trim_end_matches('/');
    enrol_link::check_portal_url(url, tls.plain_http)
        .map_err(|error| Failure::Input(error.to_string()))?;
    let enrolled = sync::enrol(data_dir, url, tls, &args.code, args.fingerprint.as_deref())
        .map_err(terminal)?;
    println!(
        "enrolled as device {} (number {}) for mahalla {}; {} waiting submissions encrypted; clock offset {} ms",
        enrolled.device_id,
        enrolled.device_number,
        enrolled.mahalla,
        enrolled.encrypted,
        enrolled.clock_offset_ms
    );
    if enrolled.keys_checked {
        println!(
            "portal keys {} match the enrolment sheet; pinned",
            enrolled.portal_keys
        );
    } else {
        println!(
            "portal keys {} pinned WITHOUT a check: no --fingerprint was given; compare it with the enrolment sheet",
            enrolled.portal_keys
        );
    }
    Ok(())
}

#[derive(Serialize)]
struct StatusReport {
    enrolled_as: Option<String>,
    portal_url: Option<String>,
    /// The fingerprint of the portal keys answers must be signed with.
    portal_keys: Option<String>,
    queued: u64,
    sending: u64,
    delivered: u64,
    quarantined: u64,
    oldest_undelivered_at: Option<String>,
    oldest_undelivered_secs: Option<i64>,
    last_success_at: Option<String>,
    last_error: Option<String>,
    /// The kind of the last error, as staff are told it.
    last_problem: Option<SyncProblem>,
    last_error_at: Option<String>,
    clock_offset_ms: i64,
    cursor: u64,
}

pub fn run(
    data_dir: &Path,
    tls: &PortalTls,
    update: &UpdateConfig,
    args: SyncArgs,
) -> Result<(), Failure> {
    match (args.once, args.command) {
        (_, Some(SyncCommand::Status { json })) => status(data_dir, json),
        (true, None) => {
            let (report, applied) = sync::run_once(
                data_dir,
                SyncOptions {
                    tls: tls.clone(),
                    update: update.clone(),
                    ..SyncOptions::default()
                },
            )
            .map_err(terminal)?;
            println!(
                "delivered {}, quarantined {}, in {} batches ({} bytes); {} status updates, {} catalogues",
                report.delivered,
                report.quarantined,
                report.batches,
                report.bytes_sent,
                applied.statuses,
                applied.catalogues
            );
            Ok(())
        }
        (false, None) => Err(Failure::Input(
            "use `kioskctl sync --once` or `kioskctl sync status`".to_owned(),
        )),
    }
}

fn status(data_dir: &Path, json: bool) -> Result<(), Failure> {
    let store = Store::open_to_look(data_dir).map_err(terminal)?;
    let enrolment = store.enrolment().map_err(terminal)?;
    let summary = store.outbox_summary().map_err(terminal)?;
    let state = store.sync_state().map_err(terminal)?;
    let now = store.now().map_err(terminal)?;
    let oldest_undelivered_secs = summary
        .oldest_undelivered_at
        .as_deref()
        .and_then(|at| OffsetDateTime::parse(at, &Rfc3339).ok())
        .map(|at| (now - at).whole_seconds());
    let report = StatusReport {
        enrolled_as: enrolment
            .as_ref()
            .map(|e| format!("{} #{}", e.device_id, e.device_number)),
        portal_keys: enrolment
            .as_ref()
            .and_then(|e| e.portal_keys())
            .map(|keys| keys.fingerprint()),
        portal_url: enrolment.map(|e| e.portal_url),
        queued: summary.depths.queued,
        sending: summary.depths.sending,
        delivered: summary.depths.delivered,
        quarantined: summary.depths.quarantined,
        oldest_undelivered_at: summary.oldest_undelivered_at,
        oldest_undelivered_secs,
        last_success_at: state.last_success_at,
        last_error: state.last_error,
        last_problem: state.last_problem,
        last_error_at: state.last_error_at,
        clock_offset_ms: state.clock_offset_ms,
        cursor: state.cursor,
    };
    if json {
        return print_json(&report);
    }
    let or_none = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
    println!("enrolled as   {}", or_none(&report.enrolled_as));
    println!("portal        {}", or_none(&report.portal_url));
    println!("portal keys   {}", or_none(&report.portal_keys));
    println!(
        "queue         queued {}  sending {}  delivered {}  quarantined {}",
        report.queued, report.sending, report.delivered, report.quarantined
    );
    println!(
        "oldest item   {}",
        report
            .oldest_undelivered_secs
            .map_or("-".to_owned(), |secs| format!("{secs} s old"))
    );
    println!("last success  {}", or_none(&report.last_success_at));
    println!("last error    {}", or_none(&report.last_error));
    println!("clock offset  {} ms", report.clock_offset_ms);
    Ok(())
}
