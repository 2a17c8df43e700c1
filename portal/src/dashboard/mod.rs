//! The agency dashboard: server-rendered HTML behind a staff sign-in. Submissions per mahalla
//! with filters, one submission with its status and answer, and per-mahalla monitoring.
//! Sessions are an HttpOnly, SameSite=Strict cookie, so forms only work from the dashboard.

mod pages;
mod queries;
pub mod staff;

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Form, Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use mahalla_protocol::wire::Status;

use crate::db::DbError;
use crate::state::AppState;
use mahalla_host::clock;
use staff::SignIn;

const COOKIE: &str = "mahalla_session";
const LOGIN: &str = "/dashboard/login";

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/dashboard", get(list))
        .route(LOGIN, get(login_form).post(login))
        .route("/dashboard/logout", post(logout))
        .route("/dashboard/monitoring", get(monitoring))
        .route("/dashboard/submissions/{id}", get(detail))
        .route("/dashboard/submissions/{id}/status", post(set_status))
}

/// A page could not be made: the database failed.
struct PageError;

impl From<DbError> for PageError {
    fn from(error: DbError) -> Self {
        tracing::error!(%error, "dashboard");
        PageError
    }
}

impl From<staff::StaffError> for PageError {
    fn from(error: staff::StaffError) -> Self {
        tracing::error!(%error, "dashboard");
        PageError
    }
}

impl From<tokio::task::JoinError> for PageError {
    fn from(error: tokio::task::JoinError) -> Self {
        tracing::error!(%error, "dashboard task");
        PageError
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        (
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            pages::message("The portal could not read its data. Try again."),
        )
            .into_response()
    }
}

async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, PageError> + Send + 'static,
) -> Result<T, PageError> {
    tokio::task::spawn_blocking(f).await?
}

/// The signed-in staff member, or a redirect to the sign-in page.
async fn signed_in(
    state: &Arc<AppState>,
    jar: &CookieJar,
) -> Result<Result<String, Redirect>, PageError> {
    let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(Err(Redirect::to(LOGIN)));
    };
    let db = state.db.clone();
    let user = blocking(move || Ok(staff::session(&db, &token, clock::now_ms())?)).await?;
    Ok(user.ok_or_else(|| Redirect::to(LOGIN)))
}

async fn login_form() -> maud::Markup {
    pages::login(None)
}

#[derive(serde::Deserialize)]
struct Credentials {
    username: String,
    password: String,
}

/// Where a request comes from: the peer's address, or, when the peer is a proxy on this
/// machine, the address it forwarded (the last `X-Forwarded-For` entry, the one it added).
fn client_address(peer: Option<SocketAddr>, headers: &HeaderMap) -> String {
    let Some(peer) = peer else {
        return "unknown".to_owned();
    };
    let forwarded = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .filter_map(|entry| entry.trim().parse::<IpAddr>().ok())
        .next_back();
    match forwarded {
        Some(client) if peer.ip().is_loopback() => client.to_string(),
        _ => peer.ip().to_string(),
    }
}

async fn login(
    State(state): State<Arc<AppState>>,
    peer: Option<Extension<ConnectInfo<SocketAddr>>>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(credentials): Form<Credentials>,
) -> Result<Response, PageError> {
    // Password checks are heavy: beyond the few that run at once, refuse at once instead of
    // queueing them.
    let Ok(_checking) = state.sign_ins.try_acquire() else {
        return Ok((
            StatusCode::TOO_MANY_REQUESTS,
            [(header::RETRY_AFTER, "1")],
            pages::login(Some(
                "Many sign-ins are being checked right now. Try again in a moment.",
            )),
        )
            .into_response());
    };
    let address = client_address(peer.map(|Extension(ConnectInfo(peer))| peer), &headers);
    let db = state.db.clone();
    let (outcome, token) = blocking(move || {
        Ok(staff::sign_in(
            &db,
            &credentials.username,
            &credentials.password,
            &address,
            clock::now_ms(),
        )?)
    })
    .await?;
    Ok(match (outcome, token) {
        (SignIn::Ok, Some(token)) => {
            let cookie = Cookie::build((COOKIE, token))
                .path("/dashboard")
                .http_only(true)
                .same_site(SameSite::Strict)
                .build();
            (jar.add(cookie), Redirect::to("/dashboard")).into_response()
        }
        (SignIn::Throttled, _) => (
            StatusCode::TOO_MANY_REQUESTS,
            pages::login(Some(
                "Too many failed sign-ins: try again in 15 minutes, or ask an administrator to set a new password.",
            )),
        )
            .into_response(),
        _ => pages::login(Some("Wrong user name or password.")).into_response(),
    })
}

async fn logout(State(state): State<Arc<AppState>>, jar: CookieJar) -> Result<Response, PageError> {
    if let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) {
        let db = state.db.clone();
        blocking(move || Ok(staff::sign_out(&db, &token)?)).await?;
    }
    Ok((jar.remove(Cookie::from(COOKIE)), Redirect::to(LOGIN)).into_response())
}

async fn list(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
    Query(filters): Query<queries::Filters>,
) -> Result<Response, PageError> {
    let user = match signed_in(&state, &jar).await? {
        Ok(user) => user,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let db = state.db.clone();
    let shown = filters.clone();
    let rows = blocking(move || Ok(queries::submissions(&db, &shown)?)).await?;
    Ok(pages::list(&user, &filters, &rows).into_response())
}

async fn detail(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let user = match signed_in(&state, &jar).await? {
        Ok(user) => user,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let db = state.db.clone();
    let found = blocking(move || Ok(queries::detail(&db, &id)?)).await?;
    Ok(match found {
        Some(detail) => pages::detail(&user, &detail).into_response(),
        None => (
            axum::http::StatusCode::NOT_FOUND,
            pages::message("No such submission."),
        )
            .into_response(),
    })
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: String,
    #[serde(default)]
    answer: String,
}

async fn set_status(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    if let Err(redirect) = signed_in(&state, &jar).await? {
        return Ok(redirect.into_response());
    }
    let Some(status) = Status::from_name(&form.status) else {
        return Ok((
            axum::http::StatusCode::BAD_REQUEST,
            pages::message("Choose one of the listed statuses."),
        )
            .into_response());
    };
    let db = state.db.clone();
    let target = id.clone();
    let answer = Some(form.answer.trim().to_owned()).filter(|a| !a.is_empty());
    blocking(move || {
        Ok(db.set_status(
            &target,
            status,
            answer.as_deref(),
            &clock::rfc3339(clock::now_ms()),
        )?)
    })
    .await?;
    Ok(Redirect::to(&format!("/dashboard/submissions/{id}")).into_response())
}

async fn monitoring(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
) -> Result<Response, PageError> {
    let user = match signed_in(&state, &jar).await? {
        Ok(user) => user,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let db = state.db.clone();
    let now = clock::now_ms();
    let figures = blocking(move || Ok(queries::monitoring(&db, now)?)).await?;
    Ok(pages::monitoring(&user, &figures, now).into_response())
}
