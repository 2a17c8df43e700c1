//! The reference central portal: the signed sync API mahalla kiosks talk to, and the admin
//! commands behind `mahalla-portal`.

pub mod admin;
pub mod api;
pub mod dashboard;
pub mod due;
pub mod enrol_code;
pub mod enrol_sheet;
pub mod ingest;
pub mod keys;
pub mod notice;
pub mod notify;
pub mod password;
pub mod peer;
pub mod software_update;
pub mod state;
pub mod status_change;
pub mod status_page;
pub mod storage;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::middleware;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;

use mahalla_portal_store::StoreError;

use crate::keys::{KeyError, KeyRing};
use crate::state::AppState;

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error(transparent)]
    Keys(#[from] KeyError),
    #[error("cannot seed the catalogue: {0}")]
    Seed(#[from] admin::AdminError),
    #[error("cannot listen on {addr}: {source}")]
    Listen {
        addr: SocketAddr,
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Server(std::io::Error),
    #[error("cannot use the certificate {cert} with the key {key}: {source}")]
    Tls {
        cert: PathBuf,
        key: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Notify(#[from] notify::ChannelsError),
    #[error("cannot create the data dir {path}: {source}")]
    DataDir {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// How the server sheds load.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub max_in_flight: usize,
    pub retry_after_max_secs: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_in_flight: 512,
            retry_after_max_secs: 5,
        }
    }
}

/// Opens the data dir (keys, and the database unless `database` names another), publishes
/// the bundled catalogue on first start, and builds the shared state.
pub async fn open(
    data_dir: &Path,
    database: Option<&str>,
    limits: Limits,
) -> Result<Arc<AppState>, ServeError> {
    std::fs::create_dir_all(data_dir).map_err(|source| ServeError::DataDir {
        path: data_dir.to_owned(),
        source,
    })?;
    let store = storage::open(data_dir, database).await?;
    admin::seed_catalogue(store.as_ref()).await?;
    let keys = KeyRing::load_or_create(data_dir)?;
    let catalogues = ingest::Catalogues::default();
    let dated = due::date_kept_submissions(store.as_ref(), &catalogues).await?;
    if dated > 0 {
        tracing::info!(dated, "kept submissions dated");
    }
    Ok(Arc::new(AppState {
        store,
        keys,
        catalogues,
        software_updates: software_update::files_dir(data_dir),
        in_flight: Semaphore::new(limits.max_in_flight),
        retry_after_max_secs: limits.retry_after_max_secs,
        password_checks: password::PasswordChecks::new(
            std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get),
        ),
    }))
}

/// The certificate chain and key for serving HTTPS directly.
#[derive(Debug, Clone)]
pub struct Tls {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// Serves the portal on `listen` until Ctrl-C or SIGTERM, over HTTPS when `tls` is given.
/// Prints the bound address on stdout first, so a caller that asked for port 0 learns the
/// real one.
pub async fn serve(
    listen: SocketAddr,
    data_dir: &Path,
    database: Option<&str>,
    limits: Limits,
    tls: Option<Tls>,
) -> Result<(), ServeError> {
    let state = open(data_dir, database, limits).await?;
    let channels = notify::Channels::load(data_dir)?;
    if !channels.is_empty() {
        tokio::spawn(notify::run(
            state.clone(),
            channels,
            std::time::Duration::from_secs(2),
        ));
    }
    let listener = TcpListener::bind(listen)
        .await
        .map_err(|source| ServeError::Listen {
            addr: listen,
            source,
        })?;
    let bound = listener.local_addr().map_err(ServeError::Server)?;
    let scheme = if tls.is_some() { "https" } else { "http" };
    tracing::info!(%bound, scheme, data_dir = %data_dir.display(), keys = %state.keys.current().fingerprint(), "portal serving");
    match tls {
        None => {
            println!("listening on http://{bound}");
            serve_until(listener, state, shutdown_signal()).await
        }
        Some(tls) => {
            let _ = rustls::crypto::ring::default_provider().install_default();
            let config =
                axum_server::tls_rustls::RustlsConfig::from_pem_chain_file(&tls.cert, &tls.key)
                    .await
                    .map_err(|source| ServeError::Tls {
                        cert: tls.cert.clone(),
                        key: tls.key.clone(),
                        source,
                    })?;
            let listener = listener.into_std().map_err(ServeError::Server)?;
            let handle = axum_server::Handle::new();
            let stopping = handle.clone();
            tokio::spawn(async move {
                shutdown_signal().await;
                stopping.graceful_shutdown(Some(std::time::Duration::from_secs(10)));
            });
            println!("listening on https://{bound}");
            axum_server::from_tcp_rustls(listener, config)
                .map_err(ServeError::Server)?
                .handle(handle)
                .serve(router(state).into_make_service_with_connect_info::<SocketAddr>())
                .await
                .map_err(ServeError::Server)
        }
    }
}

/// Serves `state` on `listener` until `shutdown` completes (benchmarks embed the portal so).
pub async fn serve_until(
    listener: TcpListener,
    state: Arc<AppState>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> Result<(), ServeError> {
    axum::serve(
        listener,
        router(state).into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await
    .map_err(ServeError::Server)
}

/// Every route the portal answers: the kiosk API and the agency dashboard, each answer
/// stamped with the portal's clock.
pub fn router(state: Arc<AppState>) -> Router {
    Router::new()
        .merge(api::routes(&state))
        .merge(dashboard::routes())
        .fallback(api::not_found)
        .layer(middleware::from_fn(api::stamp_server_time))
        .with_state(state)
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {}
            _ = terminate.recv() => {}
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}
