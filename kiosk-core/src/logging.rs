//! Log output: plain lines on stderr that journald reads well.

use tracing_subscriber::EnvFilter;

/// The environment variable that sets the log filter, e.g. `KIOSK_LOG=debug`.
pub const FILTER_VARIABLE: &str = "KIOSK_LOG";

/// Sends `tracing` events to stderr as plain lines, without colours. Under systemd (when
/// `JOURNAL_STREAM` is set) the time stamp is left to journald.
pub fn init() {
    let filter =
        EnvFilter::try_from_env(FILTER_VARIABLE).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(false)
        .with_writer(std::io::stderr);
    if std::env::var_os("JOURNAL_STREAM").is_some() {
        builder.without_time().init();
    } else {
        builder.init();
    }
}
