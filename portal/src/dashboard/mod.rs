//! The agency dashboard: server-rendered HTML behind a staff sign-in. Submissions per mahalla
//! with filters, one submission with its status and answer, and per-mahalla monitoring.
//! Sessions are an HttpOnly, SameSite=Strict cookie (`Secure` over HTTPS); every form carries
//! a token and is accepted only from the dashboard's own origin (`guard.rs`).

mod guard;
mod known_browser;
mod pages;
mod queries;
pub mod staff;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use mahalla_protocol::wire::Status;

use mahalla_portal_store::{Role, StoreError};

use crate::peer::{self, Peer};
use crate::state::AppState;
use crate::status_change;
pub use guard::ServedOverTls;
use mahalla_host::clock;
use pages::Signed;
use staff::{Asker, SignIn};

const COOKIE: &str = "mahalla_session";
/// The sign-in form's own token, as a cookie that only the sign-in page sees.
const LOGIN_COOKIE: &str = "mahalla_sign_in";
const LOGIN: &str = "/dashboard/login";
const MONITORING: &str = "/dashboard/monitoring";

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/dashboard", get(list))
        .route(LOGIN, get(login_form).post(login))
        .route("/dashboard/logout", post(logout))
        .route(MONITORING, get(monitoring))
        .route("/dashboard/submissions/{id}", get(detail))
        .route("/dashboard/submissions/{id}/status", post(set_status))
        .route(pages::STYLE_PATH, get(style))
        .layer(middleware::from_fn(guard::headers))
}

/// Today in Uzbekistan, the day terms are counted in.
fn today() -> time::Date {
    time::OffsetDateTime::now_utc()
        .to_offset(mahalla_protocol::UZBEKISTAN)
        .date()
}

/// A page could not be made: the store failed.
struct PageError;

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> Self {
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

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        (
            StatusCode::INTERNAL_SERVER_ERROR,
            pages::message("The portal could not read its data. Try again."),
        )
            .into_response()
    }
}

/// Where the browser is and how it reached the dashboard.
struct Visit {
    peer: Option<SocketAddr>,
    https: bool,
}

impl Visit {
    fn of(peer: Peer, tls: Option<Extension<ServedOverTls>>, headers: &HeaderMap) -> Visit {
        let peer = peer::socket(peer);
        Visit {
            peer,
            https: guard::is_https(tls.is_some(), peer, headers),
        }
    }
}

/// A form post refused: not from the dashboard's own pages, or without its token.
fn forbidden() -> Response {
    (
        StatusCode::FORBIDDEN,
        pages::message(
            "This form was not sent from the dashboard's own page. Open the page again and send it from there.",
        ),
    )
        .into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, pages::message("No such submission.")).into_response()
}

async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
}

/// A signed-in staff member and the token their forms carry.
struct Session {
    user: String,
    role: Role,
    form_token: String,
}

impl Session {
    fn signed(&self) -> Signed<'_> {
        Signed {
            user: &self.user,
            sees_submissions: self.role.submissions().is_some(),
            form_token: &self.form_token,
        }
    }
}

/// The signed-in staff member, or a redirect to the sign-in page.
async fn signed_in(
    state: &Arc<AppState>,
    jar: &CookieJar,
) -> Result<Result<Session, Redirect>, PageError> {
    let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(Err(Redirect::to(LOGIN)));
    };
    let form_token = guard::form_token(&token);
    let user = staff::session(state.store.as_ref(), &token, clock::now_ms()).await?;
    Ok(user
        .map(|member| Session {
            user: member.username,
            role: member.role,
            form_token,
        })
        .ok_or_else(|| Redirect::to(LOGIN)))
}

/// The signed-in staff member for a form posted from the dashboard's own page with its
/// token; otherwise the answer to give instead.
async fn signed_in_to_post(
    state: &Arc<AppState>,
    jar: &CookieJar,
    visit: &Visit,
    headers: &HeaderMap,
    sent_token: &str,
) -> Result<Result<Session, Response>, PageError> {
    if !guard::same_origin(headers, visit.https) {
        return Ok(Err(forbidden()));
    }
    Ok(match signed_in(state, jar).await? {
        Ok(session) if session.form_token == sent_token => Ok(session),
        Ok(_) => Err(forbidden()),
        Err(redirect) => Err(redirect.into_response()),
    })
}

/// A cookie as the dashboard sets them: HttpOnly, SameSite=Strict, `Secure` over HTTPS.
fn cookie(name: &'static str, value: String, path: &'static str, https: bool) -> Cookie<'static> {
    Cookie::build((name, value))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Strict)
        .secure(https)
        .build()
}

/// The sign-in form with a fresh token, `status` and an optional message.
fn login_page(visit: &Visit, jar: CookieJar, status: StatusCode, error: Option<&str>) -> Response {
    let token = guard::random_token();
    let jar = jar.add(cookie(LOGIN_COOKIE, token.clone(), LOGIN, visit.https));
    (status, jar, pages::login(error, &token)).into_response()
}

async fn login_form(
    peer: Peer,
    tls: Option<Extension<ServedOverTls>>,
    headers: HeaderMap,
    jar: CookieJar,
) -> Response {
    login_page(&Visit::of(peer, tls, &headers), jar, StatusCode::OK, None)
}

#[derive(serde::Deserialize)]
struct Credentials {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
}

async fn login(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    tls: Option<Extension<ServedOverTls>>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(credentials): Form<Credentials>,
) -> Result<Response, PageError> {
    let visit = Visit::of(peer, tls, &headers);
    let form_token = jar.get(LOGIN_COOKIE).map(|c| c.value().to_owned());
    if !guard::same_origin(&headers, visit.https)
        || form_token.is_none_or(|token| token != credentials.csrf)
    {
        return Ok(forbidden());
    }
    let now = clock::now_ms();
    let known = jar
        .get(known_browser::COOKIE)
        .and_then(|cookie| known_browser::user(&state.keys, cookie.value(), now))
        .is_some_and(|user| user == credentials.username);
    let address = peer::client_address(visit.peer, &headers);
    let asker = if known {
        Asker::KnownBrowser
    } else {
        Asker::Address(&address)
    };
    // Password checks are heavy: beyond the few that run at once, refuse at once instead of
    // queueing them. Known browsers have one kept for them.
    let (outcome, token) = staff::sign_in(
        state.store.as_ref(),
        &state.password_checks,
        &credentials.username,
        &credentials.password,
        asker,
        now,
    )
    .await?;
    Ok(match (outcome, token) {
        (SignIn::Ok, Some(token)) => {
            let mut known = cookie(
                known_browser::COOKIE,
                known_browser::token(&state.keys, &credentials.username, now),
                LOGIN,
                visit.https,
            );
            known.set_max_age(time::Duration::days(known_browser::LIFETIME_DAYS));
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path(LOGIN))
                .add(cookie(COOKIE, token, "/dashboard", visit.https))
                .add(known);
            (jar, Redirect::to("/dashboard")).into_response()
        }
        (SignIn::Busy, _) => {
            let mut busy = login_page(
                &visit,
                jar,
                StatusCode::TOO_MANY_REQUESTS,
                Some("Many sign-ins are being checked right now. Try again in a moment."),
            );
            busy.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            busy
        }
        (SignIn::Throttled, _) => login_page(
            &visit,
            jar,
            StatusCode::TOO_MANY_REQUESTS,
            Some(
                "Too many failed sign-ins: try again in 15 minutes, or ask an administrator to set a new password.",
            ),
        ),
        _ => login_page(
            &visit,
            jar,
            StatusCode::OK,
            Some("Wrong user name or password."),
        ),
    })
}

#[derive(serde::Deserialize)]
struct TokenForm {
    #[serde(default)]
    csrf: String,
}

async fn logout(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    tls: Option<Extension<ServedOverTls>>,
    headers: HeaderMap,
    jar: CookieJar,
    Form(form): Form<TokenForm>,
) -> Result<Response, PageError> {
    let visit = Visit::of(peer, tls, &headers);
    if let Err(refused) = signed_in_to_post(&state, &jar, &visit, &headers, &form.csrf).await? {
        return Ok(refused);
    }
    if let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) {
        staff::sign_out(state.store.as_ref(), &token).await?;
    }
    Ok((
        jar.remove(Cookie::build(COOKIE).path("/dashboard")),
        Redirect::to(LOGIN),
    )
        .into_response())
}

async fn list(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
    Query(filters): Query<queries::Filters>,
) -> Result<Response, PageError> {
    let session = match signed_in(&state, &jar).await? {
        Ok(session) => session,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    // A mahalla monitor works on figures, not submissions.
    let Some(scope) = session.role.submissions() else {
        return Ok(Redirect::to(MONITORING).into_response());
    };
    let today = today();
    let page = match filters.query(today) {
        Ok(query) => Ok(queries::submissions(state.store.as_ref(), &query, &scope, today).await?),
        Err(error) => Err(error),
    };
    Ok(pages::list(&session.signed(), &filters, &page).into_response())
}

async fn detail(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
    Path(id): Path<String>,
) -> Result<Response, PageError> {
    let session = match signed_in(&state, &jar).await? {
        Ok(session) => session,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    // Outside the staff member's scope, a submission is not there for them.
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found());
    };
    let found = queries::detail(state.store.as_ref(), &state.keys, &scope, &id, today()).await?;
    Ok(match found {
        Some(detail) => pages::detail(&session.signed(), &detail).into_response(),
        None => not_found(),
    })
}

#[derive(serde::Deserialize)]
struct StatusForm {
    status: String,
    #[serde(default)]
    answer: String,
    #[serde(default)]
    csrf: String,
}

async fn set_status(
    State(state): State<Arc<AppState>>,
    peer: Peer,
    tls: Option<Extension<ServedOverTls>>,
    headers: HeaderMap,
    jar: CookieJar,
    Path(id): Path<String>,
    Form(form): Form<StatusForm>,
) -> Result<Response, PageError> {
    let visit = Visit::of(peer, tls, &headers);
    let session = match signed_in_to_post(&state, &jar, &visit, &headers, &form.csrf).await? {
        Ok(session) => session,
        Err(refused) => return Ok(refused),
    };
    let Some(status) = Status::from_name(&form.status) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            pages::message("Choose one of the listed statuses."),
        )
            .into_response());
    };
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found());
    };
    let answer = Some(form.answer.trim()).filter(|a| !a.is_empty());
    let change = status_change::Change {
        submission_id: &id,
        status,
        answer,
        changed_by: &session.user,
        now_ms: clock::now_ms(),
    };
    let changed = status_change::set(state.store.as_ref(), &state.keys, &scope, change).await?;
    if !changed {
        return Ok(not_found());
    }
    Ok(Redirect::to(&format!("/dashboard/submissions/{id}")).into_response())
}

async fn monitoring(
    State(state): State<Arc<AppState>>,
    jar: CookieJar,
) -> Result<Response, PageError> {
    let session = match signed_in(&state, &jar).await? {
        Ok(session) => session,
        Err(redirect) => return Ok(redirect.into_response()),
    };
    let now = clock::now_ms();
    let figures = queries::monitoring(state.store.as_ref(), &session.role, now).await?;
    Ok(pages::monitoring(&session.signed(), &figures, now).into_response())
}
