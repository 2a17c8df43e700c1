//! The notice channels, configured in `notify.json` in the data dir:
//!
//! ```json
//! { "sms": { "url": "https://sms.example.uz/send", "token": "…" },
//!   "telegram": { "api_base": "https://api.telegram.org", "bot_token": "…", "chat_id": "…" } }
//! ```
//!
//! The SMS gateway gets `POST url` with `Authorization: Bearer token` and
//! `{"to": phone, "text": text}`. The Telegram Bot API cannot address a phone number, so the
//! bot posts to the configured chat (e.g. the mahalla office's group), with the receipt code
//! and no phone number.

use std::path::Path;
use std::time::Duration;

use serde::{Deserialize, Serialize};

pub const CONFIG_FILE: &str = "notify.json";

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsGateway {
    pub url: String,
    pub token: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Telegram {
    #[serde(default = "telegram_api")]
    pub api_base: String,
    pub bot_token: String,
    pub chat_id: String,
}

fn telegram_api() -> String {
    "https://api.telegram.org".to_owned()
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Channels {
    pub sms: Option<SmsGateway>,
    pub telegram: Option<Telegram>,
}

#[derive(Debug, thiserror::Error)]
pub enum ChannelsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: String, message: String },
}

#[derive(Serialize)]
struct SmsBody<'a> {
    to: &'a str,
    text: &'a str,
}

#[derive(Serialize)]
struct TelegramBody<'a> {
    chat_id: &'a str,
    text: &'a str,
}

impl Channels {
    /// Reads `notify.json` from the data dir; no file means no channels.
    pub fn load(data_dir: &Path) -> Result<Channels, ChannelsError> {
        let path = data_dir.join(CONFIG_FILE);
        let shown = path.display().to_string();
        match std::fs::read_to_string(&path) {
            Ok(text) => serde_json::from_str(&text).map_err(|error| ChannelsError::Format {
                path: shown,
                message: error.to_string(),
            }),
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(Channels::default()),
            Err(source) => Err(ChannelsError::Read {
                path: shown,
                source,
            }),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sms.is_none() && self.telegram.is_none()
    }
}

pub(super) fn client() -> Result<reqwest::Client, String> {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder()
        .timeout(Duration::from_secs(20))
        .build()
        .map_err(|error| error.to_string())
}

async fn post<B: Serialize>(request: reqwest::RequestBuilder, body: &B) -> Result<(), String> {
    let response = request
        .json(body)
        .send()
        .await
        .map_err(|error| error.to_string())?;
    if response.status().is_success() {
        Ok(())
    } else {
        Err(format!("HTTP {}", response.status()))
    }
}

impl SmsGateway {
    pub(super) async fn send(
        &self,
        http: &reqwest::Client,
        phone: &str,
        text: &str,
    ) -> Result<(), String> {
        let request = http.post(&self.url).bearer_auth(&self.token);
        post(request, &SmsBody { to: phone, text }).await
    }
}

impl Telegram {
    pub(super) async fn send(&self, http: &reqwest::Client, text: &str) -> Result<(), String> {
        let url = format!(
            "{}/bot{}/sendMessage",
            self.api_base.trim_end_matches('/'),
            self.bot_token
        );
        post(
            http.post(url),
            &TelegramBody {
                chat_id: &self.chat_id,
                text,
            },
        )
        .await
    }
}
