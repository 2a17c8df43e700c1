//! What every request handler shares: the store, the portal's keys, the checked catalogues,
//! where published software updates are kept, and the load limits.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::Semaphore;

use mahalla_portal_store::Store;

use crate::ingest::Catalogues;
use crate::keys::KeyRing;
use crate::password::PasswordChecks;

pub struct AppState {
    pub store: Arc<dyn Store>,
    pub keys: KeyRing,
    pub catalogues: Catalogues,
    /// The directory of each published software update's files (`software-updates/`).
    pub software_updates: PathBuf,
    /// Requests handled at once; beyond it the portal answers 429 with `Retry-After`.
    pub in_flight: Semaphore,
    /// The largest `Retry-After` in seconds given when busy.
    pub retry_after_max_secs: u64,
    /// Dashboard passwords checked at once, each in a memory area kept for the next; beyond
    /// them a sign-in is answered 429 at once.
    pub password_checks: PasswordChecks,
}
