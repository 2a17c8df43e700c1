//! The touchscreen: the Slint screens in `ui/`, and the Rust side that fills and drives them.

mod controller;
pub mod headless;
mod keyboard;
mod present;
mod session;
pub mod tour;

pub use controller::{Controller, Dependencies, IDLE_COUNTDOWN_SECS};

slint::include_modules!();
