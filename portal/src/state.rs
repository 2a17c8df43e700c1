//! What every request handler shares: the store, the portal's keys, the checked catalogues
//! and the load limits.

use std::sync::Arc;

use tokio::sync::Semaphore;

use mahalla_portal_store::Store;

use crate::ingest::Catalogues;
use crate::keys::KeyRing;

pub struct AppState {
    pub store: Arc<dyn Store>,
    pub keys: KeyRing,
    pub catalogues: Catalogues,
    /// Requests handled at once; beyond it the portal answers 429 with `Retry-After`.
    pub in_flight: Semaphore,
    /// The largest `Retry-After` in seconds given when busy.
    pub retry_after_max_secs: u64,
    /// Dashboard passwords checked at once (each argon2 check takes about 19 MiB and one
    /// core); beyond it a sign-in is answered 429 at once.
    pub sign_ins: Semaphore,
}
