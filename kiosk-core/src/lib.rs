//! The mahalla kiosk without its screen: everything the touchscreen and `kioskctl` share.
//! The store (SQLite) and the thread it runs on, the staff rules, the sync with the portal,
//! the printer (finding it, the serial transport, the print worker, the virtual printer),
//! the configuration, the device key, the network facts for the technician, diagnostics,
//! factory reset, backup and restore, and the screens' texts.
//!
//! No Slint: `kioskctl` builds from this crate alone.

pub mod backup;
pub mod config;
pub mod device_key;
pub mod diagnostics;
pub mod disk;
pub mod i18n;
pub mod logging;
pub mod network;
pub mod printer;
pub mod report;
pub mod reset;
pub mod software_update;
pub mod staff;
pub mod status_check;
pub mod store;
pub mod store_worker;
pub mod sync;
