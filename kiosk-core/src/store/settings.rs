//! Settings the terminal was given on the spot (the first-boot wizard, `kioskctl printer
//! detect --save`): they live in the data dir, because the configuration file is on the
//! read-only root, and they win over the file.

use rusqlite::{OptionalExtension, params};

use super::{Store, StoreError, audit};
use crate::config::{Config, PrinterSetup};

const PRINTER: &str = "printer";
const WIZARD_STEP: &str = "wizard.step";
const WIZARD_LANGUAGE: &str = "wizard.language";
const WIZARD_PORTAL_URL: &str = "wizard.portal_url";

impl Store {
    fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self
            .connection
            .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
            .query_row(params![key], |row| row.get(0))
            .optional()?)
    }

    fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.connection
            .prepare_cached(
                "INSERT INTO settings (key, value) VALUES (?1, ?2)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute(params![key, value])?;
        Ok(())
    }

    /// The printer chosen on this terminal, if one was.
    pub fn printer_setup(&self) -> Result<Option<PrinterSetup>, StoreError> {
        self.setting(PRINTER)?
            .map(|text| {
                serde_json::from_str(&text)
                    .map_err(|error| StoreError::Corrupt(format!("printer setting: {error}")))
            })
            .transpose()
    }

    /// `config` (the file) with the settings stored on this terminal applied: what the kiosk
    /// and `kioskctl` run with.
    pub fn effective_config(&self, config: &Config) -> Result<Config, StoreError> {
        Ok(config.with_printer_setup(self.printer_setup()?.as_ref()))
    }

    pub fn save_printer_setup(&self, setup: &PrinterSetup, actor: &str) -> Result<(), StoreError> {
        let text =
            serde_json::to_string(setup).map_err(|error| StoreError::Corrupt(error.to_string()))?;
        self.set_setting(PRINTER, &text)?;
        audit::record(
            &self.connection,
            &self.now_text()?,
            actor,
            "printer.configured",
            &format!(
                "{} {} baud {}",
                setup.port.display(),
                setup.baud,
                setup.profile
            ),
        )?;
        Ok(())
    }

    /// Where the first-boot wizard was when it was last left, so a power cut resumes there.
    pub fn wizard_progress(&self) -> Result<WizardProgress, StoreError> {
        Ok(WizardProgress {
            step: self.setting(WIZARD_STEP)?,
            language: self.setting(WIZARD_LANGUAGE)?,
            portal_url: self.setting(WIZARD_PORTAL_URL)?,
        })
    }

    pub fn save_wizard_progress(&self, progress: &WizardProgress) -> Result<(), StoreError> {
        let pairs = [
            (WIZARD_STEP, &progress.step),
            (WIZARD_LANGUAGE, &progress.language),
            (WIZARD_PORTAL_URL, &progress.portal_url),
        ];
        for (key, value) in pairs {
            if let Some(value) = value {
                self.set_setting(key, value)?;
            }
        }
        Ok(())
    }
}

/// The wizard's saved place: the step's name, the technician's language, the portal typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WizardProgress {
    pub step: Option<String>,
    pub language: Option<String>,
    pub portal_url: Option<String>,
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::*;

    #[test]
    fn settings_survive_a_reopen() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(store.printer_setup().expect("none yet"), None);
        let setup = PrinterSetup {
            port: PathBuf::from("/dev/kiosk-printer"),
            baud: 19200,
            profile: "epson-tm-t20".to_owned(),
        };
        store
            .save_printer_setup(&setup, "technician")
            .expect("save");
        store
            .save_wizard_progress(&WizardProgress {
                step: Some("printer".to_owned()),
                language: Some("ru".to_owned()),
                portal_url: None,
            })
            .expect("progress");
        drop(store);
        let store = Store::open(dir.path()).expect("reopen");
        assert_eq!(store.printer_setup().expect("read"), Some(setup));
        let progress = store.wizard_progress().expect("progress");
        assert_eq!(progress.step.as_deref(), Some("printer"));
        assert_eq!(progress.language.as_deref(), Some("ru"));
        assert_eq!(progress.portal_url, None);
    }
}
