//! The mahalla kiosk's touchscreen: the screens and the Rust that drives them ([`ui`]), the
//! workers and the shell put together ([`terminal`]), the device build's display backend
//! ([`kms`]) and systemd's readiness and watchdog ([`systemd`]). Everything behind the
//! screens is `mahalla_kiosk_core`'s.

pub mod kms;
pub mod systemd;
pub mod terminal;
pub mod ui;
