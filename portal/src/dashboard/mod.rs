//! The agency dashboard: server-rendered HTML behind a staff sign-in. Submissions per mahalla
//! with filters, one submission with its status and answer, and per-mahalla monitoring.
//! Sessions are an HttpOnly, SameSite=Strict cookie (`Secure` over HTTPS); every form carries
//! a token and is accepted only from the dashboard's own origin (`guard.rs`).

mod export;
mod guard;
mod known_browser;
mod monitoring;
mod pages;
mod queries;
pub mod staff;
mod words;

use std::net::SocketAddr;
use std::sync::Arc;

use axum::extract::{Form, FromRequest, FromRequestParts, Path, Query, Request, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Extension, Router};
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use mahalla_protocol::wire::Status;

use mahalla_portal_store::{AuditEntry, Role, StoreError, TermExtension};

use crate::due;
use crate::peer::{self, Peer};
use crate::state::AppState;
use crate::status_change;
pub use guard::ServedOverTls;
use mahalla_host::clock;
use pages::Signed;
use queries::Filters;
use staff::{Asker, SignIn};
use words::Words;

const COOKIE: &str = "mahalla_session";
/// The sign-in form's own token, as a cookie that only the sign-in page sees.
const LOGIN_COOKIE: &str = "mahalla_sign_in";
const LOGIN_PATH: &str = "/dashboard/login";
const LANGUAGE_PATH: &str = "/dashboard/language";
/// The longest reason for extending a term that is kept.
const EXTENSION_REASON_CHARS: usize = 500;
const MONITORING_PATH: &str = "/dashboard/monitoring";

pub fn routes() -> Router<Arc<AppState>> {
    Router::new()
        .route("/dashboard", get(list))
        .route(LOGIN_PATH, get(login_form).post(login))
        .route(LANGUAGE_PATH, post(choose_language))
        .route("/dashboard/logout", post(logout))
        .route(MONITORING_PATH, get(monitoring))
        .route(
            "/dashboard/export/submissions/{file}",
            get(export_submissions),
        )
        .route(
            "/dashboard/export/monitoring/{file}",
            get(export_monitoring),
        )
        .route("/dashboard/submissions/{id}", get(detail))
        .route("/dashboard/submissions/{id}/status", post(set_status))
        .route("/dashboard/submissions/{id}/term", post(extend_term))
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

impl From<export::ExportError> for PageError {
    fn from(error: export::ExportError) -> Self {
        tracing::error!(%error, "dashboard export");
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
            pages::message(Words::default(), "error-store"),
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
        pages::message(Words::default(), "error-forbidden"),
    )
        .into_response()
}

fn not_found(words: Words) -> Response {
    (
        StatusCode::NOT_FOUND,
        pages::message(words, "error-not-found"),
    )
        .into_response()
}

async fn style() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/css; charset=utf-8")],
        pages::STYLE,
    )
}

/// A signed-in staff member, the token their forms carry and the language they read.
struct Session {
    user: String,
    role: Role,
    form_token: String,
    words: Words,
}

impl Session {
    /// What every page shows of the session, on the page at `here`.
    fn signed(&self, here: String) -> Signed<'_> {
        Signed {
            user: &self.user,
            sees_submissions: self.role.submissions().is_some(),
            form_token: &self.form_token,
            words: self.words,
            here,
        }
    }
}

/// The signed-in staff member, or a redirect to the sign-in page.
async fn signed_in(
    state: &Arc<AppState>,
    jar: &CookieJar,
) -> Result<Result<Session, Redirect>, PageError> {
    let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) else {
        return Ok(Err(Redirect::to(LOGIN_PATH)));
    };
    let form_token = guard::form_token(&token);
    let user = staff::session(state.store.as_ref(), &token, clock::now_ms()).await?;
    Ok(user
        .map(|member| Session {
            words: words::language(&member.language).map_or_else(Words::default, Words::of),
            user: member.username,
            role: member.role,
            form_token,
        })
        .ok_or_else(|| Redirect::to(LOGIN_PATH)))
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

/// The signed-in staff member a page is for; without a session the answer is the sign-in
/// page.
struct SignedIn(Session);

impl FromRequestParts<Arc<AppState>> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &Arc<AppState>,
    ) -> Result<Self, Response> {
        let jar = CookieJar::from_request_parts(parts, state)
            .await
            .map_err(|never| match never {})?;
        match signed_in(state, &jar).await {
            Ok(Ok(session)) => Ok(SignedIn(session)),
            Ok(Err(redirect)) => Err(redirect.into_response()),
            Err(error) => Err(error.into_response()),
        }
    }
}

/// A form a signed-in staff member posted from the dashboard's own page with its token.
trait TokenForm {
    fn token(&self) -> &str;
}

/// A form posted by a signed-in staff member from the dashboard's own page with the
/// session's token, with their session and cookies; otherwise the answer is a refusal or a
/// redirect to the sign-in page.
struct Posted<T> {
    session: Session,
    jar: CookieJar,
    form: T,
}

impl<T> FromRequest<Arc<AppState>> for Posted<T>
where
    T: serde::de::DeserializeOwned + TokenForm + Send,
{
    type Rejection = Response;

    async fn from_request(request: Request, state: &Arc<AppState>) -> Result<Self, Response> {
        let (mut parts, body) = request.into_parts();
        let infallible = |never: std::convert::Infallible| match never {};
        let peer = Peer::from_request_parts(&mut parts, state)
            .await
            .map_err(|rejection| rejection.into_response())?;
        let tls = Option::<Extension<ServedOverTls>>::from_request_parts(&mut parts, state)
            .await
            .map_err(|rejection| rejection.into_response())?;
        let jar = CookieJar::from_request_parts(&mut parts, state)
            .await
            .map_err(infallible)?;
        let headers = parts.headers.clone();
        let Form(form) = Form::<T>::from_request(Request::from_parts(parts, body), state)
            .await
            .map_err(IntoResponse::into_response)?;
        let visit = Visit::of(peer, tls, &headers);
        match signed_in_to_post(state, &jar, &visit, &headers, form.token()).await {
            Ok(Ok(session)) => Ok(Posted { session, jar, form }),
            Ok(Err(refused)) => Err(refused),
            Err(error) => Err(error.into_response()),
        }
    }
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

/// The sign-in form in `words` with a fresh token, `status` and an optional message (its
/// key).
fn login_page(
    visit: &Visit,
    jar: CookieJar,
    words: Words,
    status: StatusCode,
    error: Option<&str>,
) -> Response {
    let token = guard::random_token();
    let jar = jar.add(cookie(LOGIN_COOKIE, token.clone(), LOGIN_PATH, visit.https));
    (status, jar, pages::login(words, error, &token)).into_response()
}

/// The language a page without a session is asked in (`?lang=`), or the first.
#[derive(serde::Deserialize, Default)]
struct Language {
    #[serde(default)]
    lang: String,
}

impl Language {
    fn words(&self) -> Words {
        words::language(&self.lang).map_or_else(Words::default, Words::of)
    }
}

async fn login_form(
    peer: Peer,
    tls: Option<Extension<ServedOverTls>>,
    headers: HeaderMap,
    jar: CookieJar,
    Query(language): Query<Language>,
) -> Response {
    login_page(
        &Visit::of(peer, tls, &headers),
        jar,
        language.words(),
        StatusCode::OK,
        None,
    )
}

#[derive(serde::Deserialize)]
struct Credentials {
    username: String,
    password: String,
    #[serde(default)]
    csrf: String,
    #[serde(default)]
    lang: String,
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
    let words = Language {
        lang: credentials.lang.clone(),
    }
    .words();
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
                LOGIN_PATH,
                visit.https,
            );
            known.set_max_age(time::Duration::days(known_browser::LIFETIME_DAYS));
            let jar = jar
                .remove(Cookie::build(LOGIN_COOKIE).path(LOGIN_PATH))
                .add(cookie(COOKIE, token, "/dashboard", visit.https))
                .add(known);
            (jar, Redirect::to("/dashboard")).into_response()
        }
        (SignIn::Busy, _) => {
            let mut busy = login_page(
                &visit,
                jar,
                words,
                StatusCode::TOO_MANY_REQUESTS,
                Some("sign-in-busy"),
            );
            busy.headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            busy
        }
        (SignIn::Throttled, _) => login_page(
            &visit,
            jar,
            words,
            StatusCode::TOO_MANY_REQUESTS,
            Some("sign-in-throttled"),
        ),
        _ => login_page(&visit, jar, words, StatusCode::OK, Some("sign-in-wrong")),
    })
}

#[derive(serde::Deserialize)]
struct SignOutForm {
    #[serde(default)]
    csrf: String,
}

impl TokenForm for SignOutForm {
    fn token(&self) -> &str {
        &self.csrf
    }
}

async fn logout(
    State(state): State<Arc<AppState>>,
    Posted { jar, .. }: Posted<SignOutForm>,
) -> Result<Response, PageError> {
    if let Some(token) = jar.get(COOKIE).map(|c| c.value().to_owned()) {
        staff::sign_out(state.store.as_ref(), &token).await?;
    }
    Ok((
        jar.remove(Cookie::build(COOKIE).path("/dashboard")),
        Redirect::to(LOGIN_PATH),
    )
        .into_response())
}

async fn list(
    State(state): State<Arc<AppState>>,
    Query(filters): Query<queries::Filters>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    // A mahalla monitor works on figures, not submissions.
    let Some(scope) = session.role.submissions() else {
        return Ok(Redirect::to(MONITORING_PATH).into_response());
    };
    let today = today();
    let page = match filters.query(today) {
        Ok(query) => Ok(queries::submissions(
            state.store.as_ref(),
            &state.catalogues,
            &query,
            &scope,
            today,
            session.words.lang(),
        )
        .await?),
        Err(error) => Err(error),
    };
    let signed = session.signed(pages::list_link(&filters));
    Ok(pages::list(&signed, &filters, &page).into_response())
}

async fn detail(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    // Outside the staff member's scope, a submission is not there for them.
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found(session.words));
    };
    let found = queries::detail(
        state.store.as_ref(),
        &state.keys,
        &state.catalogues,
        &scope,
        &id,
        today(),
        session.words.lang(),
    )
    .await?;
    Ok(match found {
        Some(detail) => {
            let signed = session.signed(format!("/dashboard/submissions/{id}"));
            pages::detail(&signed, &detail).into_response()
        }
        None => not_found(session.words),
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

impl TokenForm for StatusForm {
    fn token(&self) -> &str {
        &self.csrf
    }
}

async fn set_status(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Posted { session, form, .. }: Posted<StatusForm>,
) -> Result<Response, PageError> {
    let Some(status) = Status::from_name(&form.status) else {
        return Ok((
            StatusCode::BAD_REQUEST,
            pages::message(session.words, "error-status"),
        )
            .into_response());
    };
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found(session.words));
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
        return Ok(not_found(session.words));
    }
    Ok(Redirect::to(&format!("/dashboard/submissions/{id}")).into_response())
}

#[derive(serde::Deserialize)]
struct ExtensionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    csrf: String,
}

impl TokenForm for ExtensionForm {
    fn token(&self) -> &str {
        &self.csrf
    }
}

/// Extends an open appeal's term to 30 days, once, with the reason staff give.
async fn extend_term(
    State(state): State<Arc<AppState>>,
    Path(id): Path<String>,
    Posted { session, form, .. }: Posted<ExtensionForm>,
) -> Result<Response, PageError> {
    let words = session.words;
    let refused = |key: &str| (StatusCode::BAD_REQUEST, pages::message(words, key)).into_response();
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found(words));
    };
    let Some(view) = state.store.submission_within(&id, &scope).await? else {
        return Ok(not_found(words));
    };
    let reason = form.reason.trim();
    if reason.is_empty() || reason.chars().count() > EXTENSION_REASON_CHARS {
        return Ok(refused("error-reason"));
    }
    let catalogue = state
        .catalogues
        .get(state.store.as_ref(), view.row.catalogue_version)
        .await?;
    let Some(due_on) = catalogue
        .and_then(|catalogue| due::extended(&catalogue, &view.row.target_id, &view.row.created_at))
    else {
        return Ok(refused("error-not-appeal"));
    };
    let extension = TermExtension {
        submission_id: id.clone(),
        due_on,
        reason: reason.to_owned(),
        by: session.user.clone(),
        now_ms: clock::now_ms(),
    };
    if !state.store.extend_term(extension).await? {
        return Ok((
            StatusCode::CONFLICT,
            pages::message(words, "error-extended"),
        )
            .into_response());
    }
    Ok(Redirect::to(&format!("/dashboard/submissions/{id}")).into_response())
}

async fn monitoring(
    State(state): State<Arc<AppState>>,
    Query(place): Query<monitoring::Place>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    let now = clock::now_ms();
    let view = monitoring::monitoring(
        state.store.as_ref(),
        &state.catalogues,
        &session.role,
        &place,
        now,
        today(),
        session.words.lang(),
    )
    .await?;
    let here = format!(
        "{MONITORING_PATH}?{}",
        serde_urlencoded::to_string(&place).unwrap_or_default()
    );
    let signed = session.signed(here);
    Ok(pages::monitoring(&signed, &view, now).into_response())
}

/// `table` as the file `file` asks for (by its extension), kept in the audit log as
/// `what` by the staff member with `detail`.
async fn exported(
    state: &AppState,
    session: &Session,
    file: &str,
    what: &str,
    detail: String,
    table: &export::Table,
) -> Result<Response, PageError> {
    let Some(format) = export::Format::of(file) else {
        return Ok(not_found(session.words));
    };
    let bytes = export::write(table, format)?;
    state
        .store
        .record_audit(&AuditEntry {
            at_ms: clock::now_ms(),
            actor: session.user.clone(),
            action: format!("export {what}.{}", format.extension()),
            detail: format!("{} rows; {detail}", table.rows.len()),
        })
        .await?;
    let name = format!("{what}-{}.{}", today(), format.extension());
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// The filtered list as a file, every page of it up to [`export::MOST_ROWS`].
async fn export_submissions(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
    Query(filters): Query<queries::Filters>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    let Some(scope) = session.role.submissions() else {
        return Ok(not_found(session.words));
    };
    let today = today();
    let query = match filters.query(today) {
        Ok(query) => query,
        Err(_) => return Ok(not_found(session.words)),
    };
    let table = export::submissions(
        state.store.as_ref(),
        &state.catalogues,
        &query,
        &scope,
        today,
        session.words,
    )
    .await?;
    let detail = pages::list_link(&Filters {
        after: String::new(),
        ..filters
    });
    exported(&state, &session, &file, "submissions", detail, &table).await
}

/// A place's monitoring figures as a file.
async fn export_monitoring(
    State(state): State<Arc<AppState>>,
    Path(file): Path<String>,
    Query(place): Query<monitoring::Place>,
    SignedIn(session): SignedIn,
) -> Result<Response, PageError> {
    let view = monitoring::monitoring(
        state.store.as_ref(),
        &state.catalogues,
        &session.role,
        &place,
        clock::now_ms(),
        today(),
        session.words.lang(),
    )
    .await?;
    let table = export::monitoring(&view, session.words);
    let detail = format!(
        "region={}; district={}",
        view.region.unwrap_or_default(),
        view.district.unwrap_or_default()
    );
    exported(&state, &session, &file, "monitoring", detail, &table).await
}

#[derive(serde::Deserialize)]
struct LanguageForm {
    lang: String,
    #[serde(default)]
    back: String,
    #[serde(default)]
    csrf: String,
}

impl TokenForm for LanguageForm {
    fn token(&self) -> &str {
        &self.csrf
    }
}

/// Keeps the language a staff member chose and shows the page they were on in it.
async fn choose_language(
    State(state): State<Arc<AppState>>,
    Posted { session, form, .. }: Posted<LanguageForm>,
) -> Result<Response, PageError> {
    if let Some(lang) = words::language(&form.lang) {
        state
            .store
            .set_staff_language(&session.user, lang.tag())
            .await?;
    }
    // Back only to a page of the dashboard, never elsewhere.
    let back = if form.back.starts_with("/dashboard") && !form.back.contains("//") {
        form.back.as_str()
    } else {
        "/dashboard"
    };
    Ok(Redirect::to(back).into_response())
}
