//! The terminal's configuration as technicians see it (`kioskctl config show`, `config.json`
//! in the diagnostics archive): the file with the stored settings applied, the enrolment and
//! the number of staff. Never PIN hashes, the device key or the portal's age recipient.

use serde::Serialize;

use mahalla_protocol::enrol_link::PlainHttp;

use mahalla_protocol::software_update::UpdateState;

use crate::config::{Config, FlowControl};
use crate::software_update::{self, Versions};
use crate::store::{Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ConfigReport {
    /// The image's and the app's versions.
    pub version: String,
    /// Where a software update stands.
    pub update: UpdateState,
    pub data_dir: String,
    /// The mahalla code the configuration file names, if any.
    pub mahalla: Option<String>,
    /// The portal the configuration file names, if any; the enrolment's is the one used.
    pub portal_url: Option<String>,
    /// The private CA trusted for the portal's certificate, if any.
    pub tls_ca: Option<String>,
    /// Whether plain http may go to another machine (development only).
    pub allow_plain_http: bool,
    pub language: String,
    pub idle_timeout_secs: u64,
    pub printer: PrinterReport,
    pub enrolment: Option<EnrolmentReport>,
    pub staff_count: usize,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrinterReport {
    /// None: the virtual printer.
    pub port: Option<String>,
    pub baud: u32,
    pub profile: String,
    pub flow_control: FlowControl,
    /// `stored` when chosen on the terminal (wizard, `printer detect --save`), else `file`.
    pub source: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrolmentReport {
    pub device_id: String,
    pub device_number: u32,
    pub portal_url: String,
    pub mahalla_code: String,
    pub mahalla_name: String,
    /// The fingerprint of the portal keys answers must be signed with; `None` if enrolled
    /// before keys were pinned.
    pub portal_keys: Option<String>,
}

impl ConfigReport {
    /// Describes `config` (the file, with the data dir in use) as `store` completes it.
    pub fn gather(config: &Config, store: &Store) -> Result<ConfigReport, StoreError> {
        let versions = Versions::running();
        let stored = store.printer_setup()?;
        let effective = config.with_printer_setup(stored.as_ref());
        let printer = &effective.printer;
        Ok(ConfigReport {
            version: versions.describe(),
            update: software_update::status::current(
                &effective.data_dir,
                &effective.update.system_dir,
                versions.image,
            ),
            data_dir: effective.data_dir.display().to_string(),
            mahalla: effective.mahalla.clone(),
            portal_url: effective.portal_url.as_ref().map(|url| url.to_string()),
            tls_ca: effective
                .tls
                .ca_file
                .as_ref()
                .map(|path| path.display().to_string()),
            allow_plain_http: effective.tls.plain_http == PlainHttp::Anywhere,
            language: effective.language.tag().to_owned(),
            idle_timeout_secs: effective.idle_timeout.as_secs(),
            printer: PrinterReport {
                port: printer.port.as_ref().map(|port| port.display().to_string()),
                baud: printer.baud,
                profile: printer.profile.clone(),
                flow_control: printer.flow_control,
                source: if stored.is_some() { "stored" } else { "file" },
            },
            enrolment: store.enrolment()?.map(|enrolment| EnrolmentReport {
                portal_keys: enrolment.portal_keys().map(|keys| keys.fingerprint()),
                device_id: enrolment.device_id,
                device_number: enrolment.device_number,
                portal_url: enrolment.portal_url,
                mahalla_code: enrolment.mahalla_code,
                mahalla_name: enrolment.mahalla_name,
            }),
            staff_count: store.staff()?.len(),
        })
    }

    /// The report as `key  value` lines.
    pub fn lines(&self) -> Vec<String> {
        let or_none = |value: &Option<String>| value.clone().unwrap_or_else(|| "-".to_owned());
        let printer = &self.printer;
        let mut lines = vec![
            format!("version       {}", self.version),
            format!(
                "update        {}",
                software_update::status::describe(&self.update)
            ),
            format!("data dir      {}", self.data_dir),
            format!("language      {}", self.language),
            format!("idle timeout  {} s", self.idle_timeout_secs),
            format!(
                "mahalla       {} (configuration file)",
                or_none(&self.mahalla)
            ),
            format!(
                "portal        {} (configuration file)",
                or_none(&self.portal_url)
            ),
            format!(
                "portal CA     {} (besides the system's)",
                or_none(&self.tls_ca)
            ),
        ];
        if self.allow_plain_http {
            lines.push("plain http    ALLOWED to any machine (development only)".to_owned());
        }
        lines.extend([format!(
            "printer       {} {} baud, profile {}, flow control {} ({})",
            printer
                .port
                .clone()
                .unwrap_or_else(|| "virtual printer".to_owned()),
            printer.baud,
            printer.profile,
            printer.flow_control.as_str(),
            printer.source
        )]);
        match &self.enrolment {
            Some(enrolment) => lines.extend([
                format!(
                    "enrolled as   {} (number {})",
                    enrolment.device_id, enrolment.device_number
                ),
                format!("enrolled at   {}", enrolment.portal_url),
                format!(
                    "for mahalla   {} {}",
                    enrolment.mahalla_code, enrolment.mahalla_name
                ),
                format!(
                    "portal keys   {}",
                    enrolment
                        .portal_keys
                        .as_deref()
                        .unwrap_or("not pinned (enrolled before keys were pinned)")
                ),
            ]),
            None => lines.push("enrolled as   - (not enrolled)".to_owned()),
        }
        lines.push(format!("staff         {}", self.staff_count));
        lines
    }
}
