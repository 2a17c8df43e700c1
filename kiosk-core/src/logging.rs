//! Log output: plain lines on stderr that journald reads well.

use tracing::Level;
use tracing_subscriber::filter::Targets;
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;

/// The environment variable that sets the log filter: a level (`KIOSK_LOG=debug`), or levels
/// per module (`KIOSK_LOG=warn,mahalla_kiosk_core::sync=debug`).
pub const FILTER_VARIABLE: &str = "KIOSK_LOG";

/// Sends `tracing` events to stderr as plain lines, without colours. Under systemd (when
/// `JOURNAL_STREAM` is set) the time stamp is left to journald. A filter that does not parse
/// is reported and `info` applies.
pub fn init() {
    let (filter, unreadable) = match std::env::var(FILTER_VARIABLE) {
        Ok(text) => match text.parse::<Targets>() {
            Ok(filter) => (filter, None),
            Err(error) => (Targets::new().with_default(Level::INFO), Some(error)),
        },
        Err(_) => (Targets::new().with_default(Level::INFO), None),
    };
    let lines = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_target(false)
        .with_writer(std::io::stderr);
    let registry = tracing_subscriber::registry().with(filter);
    if std::env::var_os("JOURNAL_STREAM").is_some() {
        registry.with(lines.without_time()).init();
    } else {
        registry.with(lines).init();
    }
    if let Some(error) = unreadable {
        tracing::warn!(%error, "{FILTER_VARIABLE} is not a log filter: logging at info");
    }
}
