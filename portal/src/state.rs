//! What every request handler shares: the database, the portal's keys, the replay cache, the
//! checked catalogues and the load limit.

use std::sync::Arc;

use tokio::sync::Semaphore;

use crate::db::Db;
use crate::ingest::Catalogues;
use crate::keys::KeyRing;
use crate::replay::NonceCache;

pub struct AppState {
    pub db: Arc<Db>,
    pub keys: KeyRing,
    pub nonces: NonceCache,
    pub catalogues: Catalogues,
    /// Requests handled at once; beyond it the portal answers 429 with `Retry-After`.
    pub in_flight: Semaphore,
    /// The largest `Retry-After` in seconds given when busy.
    pub retry_after_max_secs: u64,
    /// Dashboard passwords checked at once (each argon2 check takes about 19 MiB and one
    /// core); beyond it a sign-in is answered 429 at once.
    pub sign_ins: Semaphore,
}
