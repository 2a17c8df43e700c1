//! The mahalla kiosk: the store, configuration and services behind the touchscreen and `kioskctl`.

pub mod catalogue;
pub mod config;
pub mod logging;
pub mod printer;
pub mod store;
