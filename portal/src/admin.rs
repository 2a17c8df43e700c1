//! The admin commands: they work on the store directly (while the server runs, too) and
//! say what they did.

use std::io::Write;
use std::path::Path;

use mahalla_protocol::bundled;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::enrol_link::{self, EnrolLink, EnrolLinkError, PlainHttp};
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::wire::{Mahalla, Status};

use mahalla_portal_store::{Device, Role, Scope, Store, StoreError, StoredSubmission};

use crate::enrol_code;
use crate::enrol_sheet::{self, SheetError};
use crate::keys::KeyRing;
use crate::status_change;
use mahalla_host::clock;

#[derive(Debug, thiserror::Error)]
pub enum AdminError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot read {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}: {message}")]
    Format { path: String, message: String },
    #[error("{0} exists already: an enrolment sheet is only written to a new file")]
    SheetExists(String),
    #[error("the enrolment sheet {path}: {source}")]
    Sheet { path: String, source: SheetError },
    #[error(transparent)]
    Link(#[from] EnrolLinkError),
    #[error("no mahalla {0} in the register; import it first")]
    UnknownMahalla(String),
    #[error("no device {0}")]
    UnknownDevice(String),
    #[error("no submission {0}")]
    UnknownSubmission(String),
    #[error("catalogue version {0} is already published")]
    CatalogueExists(u32),
    #[error("{0}")]
    Role(&'static str),
}

/// Reads a register of mahallas: CSV with the header `code,name,district,region`, or a JSON
/// array of objects with those keys (by the file's extension).
pub fn read_mahallas(path: &Path) -> Result<Vec<Mahalla>, AdminError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| AdminError::Read {
        path: shown.clone(),
        source,
    })?;
    let format = |message: String| AdminError::Format {
        path: shown.clone(),
        message,
    };
    let mahallas: Vec<Mahalla> = if path.extension().is_some_and(|ext| ext == "json") {
        serde_json::from_str(&text).map_err(|error| format(error.to_string()))?
    } else {
        csv::Reader::from_reader(text.as_bytes())
            .deserialize()
            .collect::<Result<_, _>>()
            .map_err(|error| format(error.to_string()))?
    };
    if let Some(blank) = mahallas
        .iter()
        .find(|m| m.code.trim().is_empty() || m.name.trim().is_empty())
    {
        return Err(format(format!(
            "a row has an empty code or name: {blank:?}"
        )));
    }
    Ok(mahallas)
}

pub async fn import_mahallas(store: &dyn Store, path: &Path) -> Result<usize, AdminError> {
    Ok(store.import_mahallas(&read_mahallas(path)?).await?)
}

/// A one-time enrolment code as issued.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssuedCode {
    /// The code in its display form `XXXX-XXXX-XXXX`.
    pub code: String,
    /// When it stops working, Unix ms.
    pub expires_at: i64,
}

/// Issues a one-time code for `mahalla`, valid for `valid_ms`.
pub async fn enrol_code(
    store: &dyn Store,
    mahalla: &str,
    valid_ms: i64,
) -> Result<IssuedCode, AdminError> {
    if store.mahalla(mahalla).await?.is_none() {
        return Err(AdminError::UnknownMahalla(mahalla.to_owned()));
    }
    let code = enrol_code::generate();
    let now = clock::now_ms();
    let expires_at = now.saturating_add(valid_ms);
    store
        .add_enrol_code(
            &sha256_hex(enrol_code::normalise(&code).as_bytes()),
            mahalla,
            now,
            expires_at,
        )
        .await?;
    Ok(IssuedCode { code, expires_at })
}

/// Issues a one-time code for `mahalla` as [`enrol_code`] does and writes its enrolment sheet
/// for the portal at `portal_url`, whose keys have `fingerprint`, to `sheet`: a new file readable by its owner only, since the
/// code is a secret until it is used. An existing file is refused before any code is issued;
/// on a later failure the new file is removed again.
pub async fn enrol_sheet(
    store: &dyn Store,
    mahalla: &str,
    valid_ms: i64,
    portal_url: &str,
    fingerprint: &str,
    sheet: &Path,
) -> Result<IssuedCode, AdminError> {
    enrol_link::check_portal_url(portal_url, PlainHttp::LoopbackOnly)?;
    let shown = sheet.display().to_string();
    let mut file = mahalla_host::private_file(sheet).map_err(|source| {
        if source.kind() == std::io::ErrorKind::AlreadyExists {
            AdminError::SheetExists(shown.clone())
        } else {
            AdminError::Write {
                path: shown.clone(),
                source,
            }
        }
    })?;
    let written = enrol_code(store, mahalla, valid_ms)
        .await
        .and_then(|issued| {
            let link = EnrolLink::new(portal_url, &issued.code, Some(fingerprint))?;
            let png = enrol_sheet::png(&link).map_err(|source| AdminError::Sheet {
                path: shown.clone(),
                source,
            })?;
            file.write_all(&png)
                .and_then(|()| file.sync_all())
                .map_err(|source| AdminError::Write {
                    path: shown.clone(),
                    source,
                })?;
            Ok(issued)
        });
    if written.is_err() {
        drop(file);
        let _ = std::fs::remove_file(sheet);
    }
    written
}

pub async fn devices(store: &dyn Store) -> Result<Vec<Device>, AdminError> {
    Ok(store.devices().await?)
}

pub async fn revoke(store: &dyn Store, device: &str) -> Result<(), AdminError> {
    if store.revoke(device, clock::now_ms()).await? {
        Ok(())
    } else {
        Err(AdminError::UnknownDevice(device.to_owned()))
    }
}

/// A stored submission as `mahalla-portal submissions` lists it, its form decrypted.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Listed {
    #[serde(flatten)]
    pub submission: StoredSubmission,
    /// The form as the resident filled it in; `null` when it does not decrypt with the
    /// portal's keys.
    pub payload: serde_json::Value,
}

/// Every stored submission, oldest first, decrypted with `keys`.
pub async fn submissions(store: &dyn Store, keys: &KeyRing) -> Result<Vec<Listed>, AdminError> {
    Ok(store
        .submissions()
        .await?
        .into_iter()
        .map(|submission| Listed {
            payload: keys
                .open_stored(&submission.payload)
                .and_then(|plaintext| serde_json::from_slice(&plaintext).ok())
                .unwrap_or(serde_json::Value::Null),
            submission,
        })
        .collect())
}

/// Who a status set with `mahalla-portal status` is recorded as set by.
pub const COMMAND_LINE: &str = "command line";

pub async fn set_status(
    store: &dyn Store,
    keys: &KeyRing,
    submission: &str,
    status: Status,
    answer: Option<&str>,
) -> Result<(), AdminError> {
    let change = status_change::Change {
        submission_id: submission,
        status,
        answer,
        changed_by: COMMAND_LINE,
        now_ms: clock::now_ms(),
    };
    if status_change::set(store, keys, &Scope::default(), change).await? {
        Ok(())
    } else {
        Err(AdminError::UnknownSubmission(submission.to_owned()))
    }
}

/// The roles `staff add --role` names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RoleName {
    Administrator,
    AgencyStaff,
    MahallaMonitor,
}

/// What `staff add` was given to narrow a role.
#[derive(Debug, Clone, Default)]
pub struct Places {
    pub services: Vec<String>,
    pub regions: Vec<String>,
    pub districts: Vec<String>,
    pub mahallas: Vec<String>,
}

/// The role `name` narrowed to `places`, refused when they do not fit it or a mahalla is not
/// in the register.
pub async fn staff_role(
    store: &dyn Store,
    name: RoleName,
    places: Places,
) -> Result<Role, AdminError> {
    let Places {
        services,
        regions,
        districts,
        mahallas,
    } = places;
    let scoped = !(services.is_empty() && regions.is_empty() && districts.is_empty());
    match name {
        RoleName::Administrator if scoped || !mahallas.is_empty() => Err(AdminError::Role(
            "an administrator sees everything: leave out --service, --region, --district and --mahalla",
        )),
        RoleName::Administrator => Ok(Role::Administrator),
        RoleName::AgencyStaff if !mahallas.is_empty() => Err(AdminError::Role(
            "agency staff are narrowed by --service, --region and --district, not --mahalla",
        )),
        RoleName::AgencyStaff => Ok(Role::AgencyStaff {
            scope: Scope {
                services,
                regions,
                districts,
            },
        }),
        RoleName::MahallaMonitor if scoped || mahallas.is_empty() => Err(AdminError::Role(
            "a mahalla monitor watches the mahallas given with --mahalla, and only those",
        )),
        RoleName::MahallaMonitor => {
            for code in &mahallas {
                if store.mahalla(code).await?.is_none() {
                    return Err(AdminError::UnknownMahalla(code.clone()));
                }
            }
            Ok(Role::MahallaMonitor { mahallas })
        }
    }
}

/// Publishes the catalogue in `path` (checked first); returns its version.
pub async fn publish_catalogue(store: &dyn Store, path: &Path) -> Result<u32, AdminError> {
    let shown = path.display().to_string();
    let body = std::fs::read_to_string(path).map_err(|source| AdminError::Read {
        path: shown.clone(),
        source,
    })?;
    let catalogue = Catalogue::from_json(&body).map_err(|error| AdminError::Format {
        path: shown,
        message: error.to_string(),
    })?;
    publish(store, catalogue.version, &body).await
}

async fn publish(store: &dyn Store, version: u32, body: &str) -> Result<u32, AdminError> {
    if store
        .publish_catalogue(version, body, clock::now_ms())
        .await?
    {
        Ok(version)
    } else {
        Err(AdminError::CatalogueExists(version))
    }
}

/// Publishes the bundled catalogue when the portal has none yet.
pub async fn seed_catalogue(store: &dyn Store) -> Result<(), AdminError> {
    if !store.catalogues().await?.is_empty() {
        return Ok(());
    }
    let catalogue = bundled::catalogue().map_err(|error| AdminError::Format {
        path: "bundled catalogue".to_owned(),
        message: error.to_string(),
    })?;
    publish(store, catalogue.version, bundled::CATALOGUE_JSON)
        .await
        .map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;
    use mahalla_portal_store::EnrolOutcome;

    #[test]
    fn the_sample_register_reads_as_csv_and_json() {
        let sample = Path::new(env!("CARGO_MANIFEST_DIR")).join("../assets/mahallas.sample.csv");
        let mahallas = read_mahallas(&sample).expect("sample CSV");
        assert!(mahallas.len() >= 3);
        let dir = tempfile::tempdir().expect("temp dir");
        let json = dir.path().join("register.json");
        std::fs::write(&json, serde_json::to_string(&mahallas).expect("JSON")).expect("write");
        assert_eq!(read_mahallas(&json).expect("JSON register"), mahallas);
        let bad = dir.path().join("bad.csv");
        std::fs::write(&bad, "code,name,district,region\n,Nameless,X,Y\n").expect("write");
        assert!(matches!(
            read_mahallas(&bad),
            Err(AdminError::Format { .. })
        ));
    }

    #[tokio::test]
    async fn codes_are_one_time_and_scoped_to_a_known_mahalla() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = mahalla_portal_sqlite::SqliteStore::open(dir.path()).expect("open");
        assert!(matches!(
            enrol_code(&store, "1", 60_000).await,
            Err(AdminError::UnknownMahalla(_))
        ));
        store
            .import_mahallas(&[Mahalla {
                code: "1".into(),
                name: "Navroʻz".into(),
                district: "Chilonzor".into(),
                region: "Toshkent shahri".into(),
            }])
            .await
            .expect("import");
        let code = enrol_code(&store, "1", 60_000).await.expect("code").code;
        let hash = sha256_hex(enrol_code::normalise(&code).as_bytes());
        let now = clock::now_ms();
        assert!(matches!(
            store.enrol(&hash, "DEV1", "key1", now).await.expect("enrol"),
            EnrolOutcome::Enrolled(ref d) if d.number == 1
        ));
        assert!(matches!(
            store
                .enrol(&hash, "DEV2", "key2", now)
                .await
                .expect("other"),
            EnrolOutcome::Used
        ));
        seed_catalogue(&store).await.expect("seed");
        seed_catalogue(&store).await.expect("seed twice is a no-op");
        assert_eq!(store.catalogues().await.expect("list").len(), 1);
    }
}
