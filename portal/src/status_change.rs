//! A submission's status set by agency staff on the dashboard or by an administrator on the
//! command line: the change, its place in the terminal's feed, and the resident's notice
//! when they asked for one, stored together.

use mahalla_portal_store::{Scope, StatusChange, Store, StoreError};
use mahalla_protocol::wire::Status;

use crate::keys::KeyRing;
use crate::notice;

/// What is set, by whom.
pub struct Change<'a> {
    pub submission_id: &'a str,
    pub status: Status,
    pub answer: Option<&'a str>,
    pub changed_by: &'a str,
    pub now_ms: i64,
}

/// Sets the status; false when there is no such submission within `scope`.
pub async fn set(
    store: &dyn Store,
    keys: &KeyRing,
    scope: &Scope,
    change: Change<'_>,
) -> Result<bool, StoreError> {
    let Some(view) = store.submission_within(change.submission_id, scope).await? else {
        return Ok(false);
    };
    // A payload that does not decrypt (logged) gets no notice; the change still counts.
    let notice = keys.open_payload(&view.payload).and_then(|payload| {
        notice::sealed_for(
            keys,
            &payload,
            &view.row.receipt_code,
            change.status,
            change.answer,
        )
    });
    store
        .set_status(StatusChange {
            submission_id: change.submission_id.to_owned(),
            status: change.status,
            answer: change.answer.map(str::to_owned),
            changed_by: change.changed_by.to_owned(),
            now_ms: change.now_ms,
            notice,
        })
        .await
}
