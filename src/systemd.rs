//! Telling systemd how the touchscreen is doing: `READY=1` once the first frame is drawn, and
//! `WATCHDOG=1` from the UI thread, so a frozen UI misses its watchdog and gets restarted.
//!
//! The unit (`kiosk-image/rootfs/usr/lib/systemd/system/mahalla-kiosk.service`) is
//! `Type=notify` with `WatchdogSec=`. Without systemd (`NOTIFY_SOCKET` unset) nothing here
//! does anything, and a message that cannot be sent is logged, never fatal.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use sd_notify::NotifyState;
use slint::{RenderingState, Timer, TimerMode};

/// Keeps the watchdog timer alive; drop it when the event loop has ended.
pub struct Notifier {
    _watchdog: Option<Timer>,
}

impl Notifier {
    /// Arranges `READY=1` after the window's first frame and starts the watchdog timer when
    /// systemd asked for one (`WATCHDOG_USEC`). Call it before the event loop runs.
    pub fn attach(window: &slint::Window) -> Notifier {
        if std::env::var_os("NOTIFY_SOCKET").is_none() {
            return Notifier { _watchdog: None };
        }
        notify_ready_after_first_frame(window);
        let watchdog = sd_notify::watchdog_enabled().map(|timeout| {
            let interval = ping_interval(timeout);
            tracing::info!(
                interval_ms = interval.as_millis() as u64,
                "systemd watchdog: pinging from the UI thread"
            );
            let timer = Timer::default();
            timer.start(TimerMode::Repeated, interval, || {
                send(&[NotifyState::Watchdog], "WATCHDOG=1");
            });
            timer
        });
        Notifier {
            _watchdog: watchdog,
        }
    }
}

/// Half the watchdog timeout, as sd_watchdog_enabled(3) advises, and never zero.
pub fn ping_interval(timeout: Duration) -> Duration {
    (timeout / 2).max(Duration::from_millis(1))
}

fn notify_ready_after_first_frame(window: &slint::Window) {
    let sent = Rc::new(Cell::new(false));
    let once = sent.clone();
    let notifier = window.set_rendering_notifier(move |state, _| {
        if matches!(state, RenderingState::AfterRendering) && !once.replace(true) {
            send_ready();
        }
    });
    if notifier.is_ok() {
        return;
    }
    // The software renderer has no rendering notifier. The linuxkms event loop draws a
    // pending frame in every turn after running the callbacks queued with
    // `invoke_from_event_loop`, and picks up newly queued ones only after that frame: a
    // callback queued from a queued callback therefore runs after the first frame.
    let queued = slint::invoke_from_event_loop(|| {
        if slint::invoke_from_event_loop(send_ready).is_err() {
            tracing::warn!("systemd: the event loop ended before the first frame");
        }
    });
    if queued.is_err() {
        tracing::warn!("systemd: cannot queue READY=1, no event loop");
    }
}

fn send_ready() {
    tracing::info!("first frame drawn: telling systemd the kiosk is ready");
    send(
        &[
            NotifyState::Ready,
            NotifyState::Status("showing the touchscreen"),
        ],
        "READY=1",
    );
}

fn send(state: &[NotifyState], what: &str) {
    if let Err(error) = sd_notify::notify(state) {
        tracing::warn!(%error, "systemd: cannot send {what}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pings_at_half_the_timeout() {
        assert_eq!(
            ping_interval(Duration::from_secs(30)),
            Duration::from_secs(15)
        );
        assert_eq!(
            ping_interval(Duration::from_micros(1)),
            Duration::from_millis(1)
        );
    }
}
