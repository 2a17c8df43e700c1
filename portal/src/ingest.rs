//! Checking one uploaded item before it is stored: encrypted to us, the hash matches, it
//! decrypts, the payload agrees with the item and passes the form's validation, and its
//! receipt code belongs to the sending terminal.

use std::collections::BTreeMap;
use std::sync::{Arc, RwLock};

use data_encoding::BASE64URL_NOPAD;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::form;
use mahalla_protocol::receipt_code::UNENROLLED_DEVICE;
use mahalla_protocol::signing::sha256_hex;
use mahalla_protocol::wire::{PayloadFormat, RejectReason, Status, SubmissionPayload, UploadItem};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use mahalla_portal_store::{BatchEntry, NewSubmission, Store, StoreError};

use crate::due;
use crate::keys::KeyRing;
use crate::notice;

/// Parsed catalogue versions, loaded from the store on demand.
#[derive(Default)]
pub struct Catalogues {
    parsed: RwLock<BTreeMap<u32, Arc<Catalogue>>>,
}

impl Catalogues {
    /// The catalogue of `version`, or the newest one when that version is unknown.
    pub async fn get(
        &self,
        store: &dyn Store,
        version: u32,
    ) -> Result<Option<Arc<Catalogue>>, StoreError> {
        if let Some(found) = self.read().get(&version) {
            return Ok(Some(found.clone()));
        }
        self.reload(store).await?;
        let parsed = self.read();
        Ok(parsed
            .get(&version)
            .or_else(|| parsed.values().next_back())
            .cloned())
    }

    /// The newest catalogue read so far (reading them when none was), for names.
    pub async fn newest_read(
        &self,
        store: &dyn Store,
    ) -> Result<Option<Arc<Catalogue>>, StoreError> {
        if let Some(found) = self.read().values().next_back() {
            return Ok(Some(found.clone()));
        }
        self.reload(store).await?;
        Ok(self.read().values().next_back().cloned())
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, BTreeMap<u32, Arc<Catalogue>>> {
        match self.parsed.read() {
            Ok(parsed) => parsed,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    async fn reload(&self, store: &dyn Store) -> Result<(), StoreError> {
        let mut loaded = BTreeMap::new();
        for (version, body) in store.catalogues().await? {
            match Catalogue::from_json(&body) {
                Ok(catalogue) => {
                    loaded.insert(version, Arc::new(catalogue));
                }
                Err(error) => tracing::warn!(version, %error, "stored catalogue does not parse"),
            }
        }
        let mut parsed = match self.parsed.write() {
            Ok(parsed) => parsed,
            Err(poisoned) => poisoned.into_inner(),
        };
        *parsed = loaded;
        Ok(())
    }

    /// The newest version known.
    pub async fn newest(&self, store: &dyn Store) -> Result<Option<Arc<Catalogue>>, StoreError> {
        self.reload(store).await?;
        Ok(self.read().values().next_back().cloned())
    }
}

/// Checks `item` from the terminal with `device_number`. A rejected item still goes to the
/// store as [`BatchEntry::Judged`], so a stored twin turns it into a duplicate or conflict.
/// An accepted one carries its `received` notice, sealed, when the resident asked for one.
pub fn check(
    item: &UploadItem,
    device_number: u32,
    keys: &KeyRing,
    catalogue: Option<&Catalogue>,
) -> (BatchEntry, Option<RejectReason>) {
    match prepare(item, device_number, keys, catalogue) {
        Ok(ready) => (BatchEntry::Ready(ready), None),
        Err(reason) => (
            BatchEntry::Judged {
                id: item.id,
                payload_sha256: item.payload_sha256.clone(),
            },
            Some(reason),
        ),
    }
}

fn prepare(
    item: &UploadItem,
    device_number: u32,
    keys: &KeyRing,
    catalogue: Option<&Catalogue>,
) -> Result<NewSubmission, RejectReason> {
    if item.payload_format != PayloadFormat::Age {
        return Err(RejectReason::UnencryptedPayload);
    }
    let issuer = item.receipt_code.device();
    if issuer != device_number && issuer != UNENROLLED_DEVICE {
        return Err(RejectReason::ReceiptDeviceMismatch);
    }
    let payload = BASE64URL_NOPAD
        .decode(item.payload.as_bytes())
        .map_err(|_| RejectReason::MalformedPayload)?;
    if sha256_hex(&payload) != item.payload_sha256 {
        return Err(RejectReason::PayloadHashMismatch);
    }
    let plaintext = keys.decrypt(&payload).ok_or(RejectReason::Undecryptable)?;
    let content: SubmissionPayload =
        serde_json::from_slice(&plaintext).map_err(|_| RejectReason::MalformedPayload)?;
    if content.target_id != item.target_id || content.catalogue_version != item.catalogue_version {
        return Err(RejectReason::MetadataMismatch);
    }
    let created = OffsetDateTime::parse(&item.created_at, &Rfc3339)
        .map_err(|_| RejectReason::MalformedPayload)?;
    let target = catalogue
        .and_then(|catalogue| catalogue.submittable(&content.target_id))
        .ok_or(RejectReason::UnknownTarget)?;
    let today = created.to_offset(mahalla_protocol::UZBEKISTAN).date();
    form::validate(target.form(), &content.values, today).map_err(|_| RejectReason::InvalidForm)?;
    let receipt_code = item.receipt_code.to_string();
    let notice = notice::sealed_for(keys, &content, &receipt_code, Status::Received, None);
    Ok(NewSubmission {
        id: item.id,
        receipt_code,
        target_id: content.target_id,
        catalogue_version: content.catalogue_version,
        created_at: item.created_at.clone(),
        payload_sha256: item.payload_sha256.clone(),
        payload,
        dates: due::dates(target.term(), created),
        notice,
    })
}
