//! The touchscreen: the Slint screens in `ui/`, and the Rust side that fills and drives them.

mod controller;
pub mod headless;
mod keyboard;
mod present;
mod session;
mod staff;
pub mod tour;
mod wizard;

pub use controller::{Controller, Dependencies, IDLE_COUNTDOWN_SECS, PrinterLink};
pub use wizard::Setup;

slint::include_modules!();
