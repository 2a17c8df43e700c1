//! The installer's side (root): take a bundle from a USB stick, install what the app asked
//! for, and after a boot tell whether the installed version took or was rolled back from.
//! Writing the slot itself is systemd-sysupdate's, given to [`Installer::install`].

use std::path::Path;

use mahalla_protocol::ErrorCode;
use mahalla_protocol::software_update::{Source, UpdateError, UpdateState, Version};

use super::bundle::{self, BundleError, Installable};
use super::request::{self, InstallRequest};
use super::status::InstallerStatus;
use super::{STICK_DIR, Versions, bundle_dir, ready_dir};
use crate::config::UpdateConfig;

/// Why an install did not happen.
#[derive(Debug, thiserror::Error)]
pub enum InstallError {
    #[error("the install request cannot be read: {0}")]
    Request(std::io::Error),
    #[error(transparent)]
    Bundle(#[from] BundleError),
    #[error("writing the other slot failed: {0}")]
    Slot(String),
    #[error("the update's state cannot be kept in {path}: {source}")]
    Status {
        path: String,
        source: std::io::Error,
    },
}

impl ErrorCode for InstallError {
    fn code(&self) -> &'static str {
        match self {
            Self::Request(_) => "update-request",
            Self::Bundle(error) => error.code(),
            Self::Slot(_) => "update-slot",
            Self::Status { .. } => "update-disk",
        }
    }
}

pub struct Installer<'a> {
    pub data_dir: &'a Path,
    pub config: &'a UpdateConfig,
    pub versions: Versions,
}

impl Installer<'_> {
    fn save(&self, status: &InstallerStatus) -> Result<(), InstallError> {
        status
            .write(&self.config.system_dir)
            .map_err(|source| InstallError::Status {
                path: self.config.system_dir.display().to_string(),
                source,
            })
    }

    /// Copies the bundle from `from` into the installer's directory, checking it.
    fn stage(
        &self,
        from: &Path,
        status: &InstallerStatus,
    ) -> Result<mahalla_protocol::software_update::Manifest, BundleError> {
        let key = bundle::read_key(&self.config.key)?;
        bundle::copy_checked(
            from,
            &bundle_dir(&self.config.system_dir),
            &key,
            Installable {
                running: self.versions.image,
                rolled_back: &status.rolled_back,
            },
        )
    }

    /// A USB stick mounted at `stick`: keeps the update it carries, checked, for staff to
    /// install, or says why not. A stick without an update (any other stick), one left in
    /// after its update was installed (seen again at every boot), and any stick while an
    /// install runs change nothing.
    pub fn take_stick(&self, stick: &Path) -> Result<UpdateState, InstallError> {
        let mut status = InstallerStatus::read(&self.config.system_dir);
        let carries_update =
            std::fs::symlink_metadata(stick.join(STICK_DIR)).is_ok_and(|meta| meta.is_dir());
        if !carries_update || matches!(status.state, UpdateState::Installing { .. }) {
            return Ok(status.state);
        }
        status.state = match self.stage(&stick.join(STICK_DIR), &status) {
            Err(BundleError::Refused(UpdateError::Installed(_))) => return Ok(status.state),
            Ok(manifest) => UpdateState::Ready {
                version: manifest.version,
                source: Source::Usb,
            },
            Err(error) => refusal(None, Source::Usb, &error),
        };
        self.save(&status)?;
        Ok(status.state)
    }

    /// Installs the update the app asked for: the bundle already kept here if it is that
    /// version, else the app's download, copied and checked; then `write_slot` (systemd-
    /// sysupdate) writes it into the other slot. `Ok(None)` when nothing was asked for.
    pub fn install(
        &self,
        write_slot: impl FnOnce(Version) -> Result<(), String>,
    ) -> Result<Option<Version>, InstallError> {
        let Some(InstallRequest { version, source }) =
            request::take(self.data_dir).map_err(InstallError::Request)?
        else {
            return Ok(None);
        };
        let mut status = InstallerStatus::read(&self.config.system_dir);
        // Asked twice (a second tap, a request written while the first was installing): the
        // version is installed already, or runs.
        let installed =
            matches!(status.state, UpdateState::Installed { version: v } if v == version);
        if installed || self.versions.image == Some(version) {
            return Ok(None);
        }
        let kept = bundle_dir(&self.config.system_dir);
        let staged = match bundle::read_key(&self.config.key) {
            Err(error) => Err(BundleError::from(error)),
            Ok(key) => {
                let installable = Installable {
                    running: self.versions.image,
                    rolled_back: &status.rolled_back,
                };
                match bundle::check(&kept, &key, installable) {
                    Ok(manifest) if manifest.version == version => Ok(manifest),
                    _ => self.stage(&ready_dir(self.data_dir).join(version.to_string()), &status),
                }
            }
        };
        let manifest = match staged {
            Ok(manifest) if manifest.version == version => manifest,
            Ok(manifest) => {
                let error = BundleError::from(UpdateError::Malformed(format!(
                    "{version} was asked for, the bundle is {}",
                    manifest.version
                )));
                status.state = refusal(Some(version), source, &error);
                self.save(&status)?;
                return Err(error.into());
            }
            Err(error) => {
                status.state = refusal(Some(version), source, &error);
                self.save(&status)?;
                return Err(error.into());
            }
        };
        // The app's copy is not needed any more.
        bundle::remove(&ready_dir(self.data_dir));
        status.state = UpdateState::Installing {
            version: manifest.version,
            source,
        };
        self.save(&status)?;
        if let Err(message) = write_slot(manifest.version) {
            let error = InstallError::Slot(message);
            status.state = refusal(Some(version), source, &error);
            self.save(&status)?;
            return Err(error);
        }
        status.state = UpdateState::Installed {
            version: manifest.version,
        };
        self.save(&status)?;
        bundle::remove(&kept);
        Ok(Some(manifest.version))
    }

    /// After a boot: an installed version that does not run is one the terminal rolled back
    /// from (systemd-boot went back to the slot before after three failed starts); an install
    /// cut short (power) leaves its checked bundle ready to install again.
    pub fn settle(&self) -> Result<UpdateState, InstallError> {
        let mut status = InstallerStatus::read(&self.config.system_dir);
        let settled = match status.state {
            UpdateState::Installed { version } if self.versions.image != Some(version) => {
                if !status.rolled_back.contains(&version) {
                    status.rolled_back.push(version);
                }
                UpdateState::RolledBack { version }
            }
            UpdateState::Installing { version, source } => {
                let kept = bundle::read_key(&self.config.key).ok().and_then(|key| {
                    bundle::check(
                        &bundle_dir(&self.config.system_dir),
                        &key,
                        Installable {
                            running: self.versions.image,
                            rolled_back: &status.rolled_back,
                        },
                    )
                    .ok()
                });
                match kept {
                    Some(manifest) if manifest.version == version => {
                        UpdateState::Ready { version, source }
                    }
                    _ => UpdateState::Idle,
                }
            }
            ref other => other.clone(),
        };
        if settled != status.state {
            status.state = settled;
            self.save(&status)?;
        }
        Ok(status.state)
    }
}

/// The state of a refused update.
fn refusal(
    version: Option<Version>,
    source: Source,
    error: &(impl ErrorCode + std::fmt::Display),
) -> UpdateState {
    UpdateState::Refused {
        version,
        source,
        reason: error.code().to_owned(),
        detail: error.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::software_update::bundle::tests::{project_key, write_bundle};
    use crate::software_update::status;
    use ed25519_dalek::pkcs8::EncodePublicKey;
    use ed25519_dalek::pkcs8::spki::der::pem::LineEnding;

    struct Terminal {
        _dir: tempfile::TempDir,
        data: std::path::PathBuf,
        stick: std::path::PathBuf,
        config: UpdateConfig,
    }

    fn terminal() -> Terminal {
        let dir = tempfile::tempdir().expect("dir");
        let (signing, _) = project_key();
        let key = dir.path().join("update-key.pem");
        let pem = signing
            .verifying_key()
            .to_public_key_pem(LineEnding::LF)
            .expect("pem");
        std::fs::write(&key, pem).expect("key");
        Terminal {
            data: dir.path().join("data"),
            stick: dir.path().join("stick"),
            config: UpdateConfig {
                key,
                system_dir: dir.path().join("system"),
                ..UpdateConfig::default()
            },
            _dir: dir,
        }
    }

    fn running<'t>(terminal: &'t Terminal, version: &str) -> Installer<'t> {
        Installer {
            data_dir: &terminal.data,
            config: &terminal.config,
            versions: Versions {
                app: "0.1.0",
                image: Some(version.parse().expect("version")),
            },
        }
    }

    fn v(text: &str) -> Version {
        text.parse().expect("version")
    }

    #[test]
    fn a_stick_update_is_kept_installed_and_then_runs_or_is_rolled_back_from() {
        let t = terminal();
        let (signing, _) = project_key();
        write_bundle(&t.stick.join(STICK_DIR), &signing, "0.2.0", 100_000);
        let v1 = running(&t, "0.1.0");
        assert_eq!(
            v1.take_stick(&t.stick).expect("taken"),
            UpdateState::Ready {
                version: v("0.2.0"),
                source: Source::Usb
            }
        );
        // The app, another user, reads the state; only root reads the bundle.
        use std::os::unix::fs::PermissionsExt;
        let mode =
            |path: &Path| std::fs::metadata(path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode(&t.config.system_dir), 0o755);
        assert_eq!(mode(&t.config.system_dir.join("status.json")), 0o644);
        assert_eq!(mode(&bundle_dir(&t.config.system_dir)), 0o700);
        // Staff press "install"; the stick may be gone by then.
        std::fs::remove_dir_all(&t.stick).expect("stick out");
        request::ask(
            &t.data,
            InstallRequest {
                version: v("0.2.0"),
                source: Source::Usb,
            },
        )
        .expect("ask");
        let mut written = None;
        let installed = v1
            .install(|version| {
                written = Some(version);
                Ok(())
            })
            .expect("installed");
        assert_eq!((installed, written), (Some(v("0.2.0")), Some(v("0.2.0"))));
        assert!(
            !bundle_dir(&t.config.system_dir).exists(),
            "the bundle is freed"
        );
        assert_eq!(v1.install(|_| Ok(())).expect("nothing asked"), None);
        // Asked again while it was being installed: nothing happens, it stays installed.
        request::ask(
            &t.data,
            InstallRequest {
                version: v("0.2.0"),
                source: Source::Usb,
            },
        )
        .expect("ask again");
        assert_eq!(
            v1.install(|_| panic!("written twice"))
                .expect("asked twice"),
            None
        );
        assert_eq!(
            InstallerStatus::read(&t.config.system_dir).state,
            UpdateState::Installed {
                version: v("0.2.0")
            }
        );

        // The first boot of 0.2.0: it stays "installed".
        let v2 = running(&t, "0.2.0");
        assert_eq!(
            v2.settle().expect("settle"),
            UpdateState::Installed {
                version: v("0.2.0")
            }
        );
        // The stick, left in, is seen again at the next boot: nothing changes.
        write_bundle(&t.stick.join(STICK_DIR), &signing, "0.2.0", 100_000);
        assert_eq!(
            v2.take_stick(&t.stick).expect("state"),
            UpdateState::Installed {
                version: v("0.2.0")
            }
        );
        std::fs::remove_dir_all(&t.stick).expect("stick out");
        // Had 0.2.0 failed three times, the terminal runs 0.1.0 again.
        assert_eq!(
            v1.settle().expect("settle"),
            UpdateState::RolledBack {
                version: v("0.2.0")
            }
        );
        assert_eq!(
            InstallerStatus::read(&t.config.system_dir).rolled_back,
            [v("0.2.0")]
        );
        // It is not taken again.
        write_bundle(&t.stick.join(STICK_DIR), &signing, "0.2.0", 100_000);
        assert!(matches!(
            v1.take_stick(&t.stick).expect("state"),
            UpdateState::Refused { ref reason, .. } if reason == "update-rolled-back"
        ));
    }

    #[test]
    fn a_download_is_installed_from_a_checked_copy_and_an_interrupted_install_is_ready_again() {
        let t = terminal();
        let (signing, _) = project_key();
        write_bundle(&ready_dir(&t.data).join("0.3.0"), &signing, "0.3.0", 50_000);
        assert!(matches!(
            status::current(&t.data, &t.config.system_dir, None),
            UpdateState::Ready {
                source: Source::Portal,
                ..
            }
        ));
        request::ask(
            &t.data,
            InstallRequest {
                version: v("0.3.0"),
                source: Source::Portal,
            },
        )
        .expect("ask");
        let v2 = running(&t, "0.2.0");
        // The power goes while the slot is written: the process never returns.
        let error = v2
            .install(|_| Err("the power went".into()))
            .expect_err("slot failed");
        assert_eq!(error.code(), "update-slot");
        // Say the failure itself was not recorded (the power cut before it was).
        let mut status = InstallerStatus::read(&t.config.system_dir);
        status.state = UpdateState::Installing {
            version: v("0.3.0"),
            source: Source::Portal,
        };
        status.write(&t.config.system_dir).expect("write");
        write_bundle(&bundle_dir(&t.config.system_dir), &signing, "0.3.0", 50_000);
        assert_eq!(
            v2.settle().expect("settle"),
            UpdateState::Ready {
                version: v("0.3.0"),
                source: Source::Portal
            }
        );
        assert!(!ready_dir(&t.data).exists(), "the app's copy was freed");
    }

    #[test]
    fn a_stick_without_an_update_changes_nothing() {
        let t = terminal();
        std::fs::create_dir_all(t.stick.join("photos")).expect("another stick");
        assert_eq!(
            running(&t, "0.1.0").take_stick(&t.stick).expect("state"),
            UpdateState::Idle
        );
        assert!(
            !t.config.system_dir.join("status.json").exists(),
            "nothing to tell staff"
        );
    }

    #[test]
    fn a_wrongly_signed_stick_is_refused_with_its_reason() {
        let t = terminal();
        let stranger = ed25519_dalek::SigningKey::from_bytes(&[3; 32]);
        write_bundle(&t.stick.join(STICK_DIR), &stranger, "0.2.0", 1000);
        let state = running(&t, "0.1.0").take_stick(&t.stick).expect("state");
        assert!(
            matches!(&state, UpdateState::Refused { reason, source: Source::Usb, .. } if reason == "update-bad-signature"),
            "{state:?}"
        );
        assert_eq!(InstallerStatus::read(&t.config.system_dir).state, state);
    }
}
