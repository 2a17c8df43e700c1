//! The mahalla kiosk: the store, configuration and services behind the touchscreen and `kioskctl`.

pub mod catalogue;
pub mod config;
pub mod device_key;
pub mod diagnostics;
pub mod disk;
pub mod i18n;
pub mod kms;
pub mod logging;
pub mod printer;
pub mod report;
pub mod reset;
pub mod staff;
pub mod store;
pub mod store_worker;
pub mod sync;
pub mod systemd;
pub mod ui;
