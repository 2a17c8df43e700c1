//! Status notices for residents, delivered: the server takes the notices the store queued
//! with each change (sealed, see `notice.rs`), opens them and sends them through the configured channels (an SMS gateway over
//! HTTP, the Telegram Bot API), each marking its own delivery, with retries.

mod channels;
mod deliver;

pub use channels::{Channels, ChannelsError, SmsGateway, Telegram};
pub use deliver::run;
