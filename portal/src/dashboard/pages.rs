//! The dashboard's HTML. `maud` escapes every interpolated value, so resident-entered text
//! can never become markup.

use mahalla_protocol::software_update::UpdateState;
use mahalla_protocol::wire::Status;
use maud::{DOCTYPE, Markup, html};

use super::monitoring::{Figures, Monitoring, Place};
use super::queries::{DUE_SOON_DAYS, Deadline, Detail, FilterError, Filters, Page};
use super::words::{LANGUAGES, Words};
use super::{EXTENSION_REASON_CHARS, LANGUAGE_PATH, LOGIN_PATH, MONITORING_PATH};

/// The dashboard's style sheet, served at [`STYLE_PATH`] (the pages allow no inline style).
pub const STYLE: &str = "body{font-family:sans-serif;margin:2rem;max-width:90rem}main{overflow-x:auto}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}
nav a{margin-right:1rem}.error{color:#a00}label{display:block;margin:.5rem 0}form.inline{display:inline}
.overdue{color:#a00;font-weight:bold}.due-soon{color:#8a4b00;font-weight:bold}
header{display:flex;justify-content:space-between;flex-wrap:wrap;gap:.5rem}
#languages a,#languages span,#languages button{margin-left:.5rem}
#filters{display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:0 1rem;align-items:end}
dl#about{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem}dd{margin:0}
a:focus,button:focus,input:focus,select:focus,textarea:focus{outline:3px solid #0b4f8a;outline-offset:2px}
label>span{display:block;font-size:.9rem;color:#333}#filters input,#filters select{width:100%;box-sizing:border-box}
#user{margin:0 .5rem}button{padding:.3rem .8rem}form#extend,form#set-status{margin:1rem 0}
figure{margin:1rem 0}figcaption{font-weight:bold;margin-bottom:.3rem}dl#summary{display:flex;flex-wrap:wrap;gap:.2rem 1rem}
dl#summary dt{font-weight:bold}dl#summary dt::after{content:':'}dl#summary dd{margin:0 1rem 0 0}
#monitoring{font-size:.9rem}tbody th{text-align:left;font-weight:normal}";
pub const STYLE_PATH: &str = "/dashboard/style.css";

/// Who is signed in, the token their forms carry, and the page they are on.
pub struct Signed<'a> {
    pub user: &'a str,
    pub form_token: &'a str,
    /// Whether the staff member works on submissions (a mahalla monitor does not).
    pub sees_submissions: bool,
    pub words: Words,
    /// This page's address, to come back to after choosing another language.
    pub here: String,
}

/// The hidden field with a form's token.
fn token_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

/// The languages to switch to: for a signed-in staff member a form that keeps their choice,
/// on the sign-in page links.
fn languages(words: Words, signed: Option<&Signed>) -> Markup {
    html! {
        @match signed {
            Some(signed) => {
                form method="post" action=(LANGUAGE_PATH) class="inline" id="languages" {
                    (token_field(signed.form_token))
                    input type="hidden" name="back" value=(signed.here);
                    @for lang in LANGUAGES {
                        button type="submit" name="lang" value=(lang.tag()) lang=(lang.tag())
                            id={ "lang-" (lang.tag()) } disabled[lang == words.lang()] { (lang.native_name()) }
                    }
                }
            }
            None => {
                span id="languages" {
                    @for lang in LANGUAGES {
                        @if lang == words.lang() {
                            span lang=(lang.tag()) { (lang.native_name()) }
                        } @else {
                            a href={ (LOGIN_PATH) "?lang=" (lang.tag()) } lang=(lang.tag()) id={ "lang-" (lang.tag()) } { (lang.native_name()) }
                        }
                    }
                }
            }
        }
    }
}

fn layout(words: Words, title: &str, signed: Option<&Signed>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(words.lang().tag()) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " — " (words.get("portal")) }
                link rel="stylesheet" href=(STYLE_PATH);
            }
            body {
                header {
                    @if let Some(signed) = signed {
                        nav {
                            @if signed.sees_submissions {
                                a href="/dashboard" id="nav-submissions" { (words.get("nav-submissions")) }
                            }
                            a href="/dashboard/monitoring" id="nav-monitoring" { (words.get("nav-monitoring")) }
                            span id="user" { (signed.user) }
                            form method="post" action="/dashboard/logout" class="inline" {
                                (token_field(signed.form_token))
                                button type="submit" { (words.get("nav-sign-out")) }
                            }
                        }
                    }
                    (languages(words, signed))
                }
                main {
                    h1 { (title) }
                    (body)
                }
            }
        }
    }
}

/// A page that only says `key`'s message.
pub fn message(words: Words, key: &str) -> Markup {
    let text = words.get(key);
    layout(words, &words.get("portal"), None, html! { p { (text) } })
}

/// The sign-in form, carrying `token` (also set as a cookie for this form alone).
pub fn login(words: Words, error: Option<&str>, token: &str) -> Markup {
    layout(
        words,
        &words.get("sign-in-title"),
        None,
        html! {
            @if let Some(error) = error { p class="error" id="error" role="alert" { (words.get(error)) } }
            form method="post" action=(LOGIN_PATH) {
                (token_field(token))
                input type="hidden" name="lang" value=(words.lang().tag());
                label { (words.get("sign-in-user")) " " input name="username" id="username" autocomplete="username" required; }
                label { (words.get("sign-in-password")) " " input name="password" id="password" type="password" autocomplete="current-password" required; }
                button type="submit" id="sign-in" { (words.get("sign-in-button")) }
            }
        },
    )
}

fn status_options(words: Words, selected: &str) -> Markup {
    html! {
        @for status in Status::ALL {
            option value=(status.as_str()) selected[selected == status.as_str()] { (words.status(status.as_str())) }
        }
    }
}

/// Where the answer stands against its term, marked when overdue or due within three days.
fn deadline(words: Words, deadline: Option<Deadline>) -> Markup {
    match deadline {
        None => html! { "—" },
        Some(Deadline::Decided) => html! { (words.get("term-decided")) },
        Some(Deadline::Due {
            last_day,
            days_left: 0,
        }) => {
            html! { span class="due-soon" { (words.with("term-due-today", &[("date", &words.date(last_day))])) } }
        }
        Some(Deadline::Due {
            last_day,
            days_left,
        }) => {
            let text = words.count("term-due", days_left, &[("date", &words.date(last_day))]);
            html! { @if days_left <= DUE_SOON_DAYS { span class="due-soon" { (text) } } @else { (text) } }
        }
        Some(Deadline::Overdue {
            last_day,
            days_late,
        }) => {
            html! { span class="overdue" { (words.count("term-overdue", days_late, &[("date", &words.date(last_day))])) } }
        }
    }
}

/// The address of an export of `what` in `format`, with the query of the page at `page`.
fn export_link(what: &str, format: &str, page: &str) -> String {
    let query = page.split_once('?').map_or("", |(_, query)| query);
    format!("/dashboard/export/{what}/{what}.{format}?{query}")
}

/// The list's address with `filters`, leaving out the empty ones.
pub fn list_link(filters: &Filters) -> String {
    let query = serde_urlencoded::to_string(filters).unwrap_or_default();
    let set: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.ends_with('='))
        .collect();
    if set.is_empty() {
        "/dashboard".to_owned()
    } else {
        format!("/dashboard?{}", set.join("&"))
    }
}

fn filter_error(error: FilterError) -> &'static str {
    match error {
        FilterError::NotAReceiptCode => "error-code",
        FilterError::NotADay => "error-day",
        FilterError::UnknownStatus => "error-status",
    }
}

fn choice(value: &str, selected: &str, label: &str) -> Markup {
    html! { option value=(value) selected[selected == value] { (label) } }
}

/// A labelled field of the filter form.
fn field(label: &str, control: Markup) -> Markup {
    html! { label { span { (label) } " " (control) } }
}

pub fn list(signed: &Signed, filters: &Filters, page: &Result<Page, FilterError>) -> Markup {
    let w = signed.words;
    layout(
        w,
        &w.get("list-title"),
        Some(signed),
        html! {
            form method="get" action="/dashboard" id="filters" {
                (field(&w.get("filter-code"), html! { input name="code" id="code" value=(filters.code) autocomplete="off"; }))
                (field(&w.get("filter-status"), html! { select name="status" id="status" {
                    (choice("", &filters.status, &w.get("filter-any")))
                    (choice("open", &filters.status, &w.get("filter-open")))
                    (status_options(w, &filters.status))
                } }))
                (field(&w.get("filter-term"), html! { select name="due" id="due" {
                    (choice("", &filters.due, &w.get("filter-any")))
                    (choice("soon", &filters.due, &w.get("filter-due-soon")))
                    (choice("overdue", &filters.due, &w.get("filter-overdue")))
                } }))
                (field(&w.get("filter-service"), html! { input name="target" id="target" value=(filters.target); }))
                (field(&w.get("filter-mahalla"), html! { input name="mahalla" id="mahalla" value=(filters.mahalla) inputmode="numeric"; }))
                (field(&w.get("filter-district"), html! { input name="district" id="district" value=(filters.district); }))
                (field(&w.get("filter-region"), html! { input name="region" id="region" value=(filters.region); }))
                (field(&w.get("filter-from"), html! { input type="date" name="from" id="from" value=(filters.from); }))
                (field(&w.get("filter-to"), html! { input type="date" name="to" id="to" value=(filters.to); }))
                (field(&w.get("filter-order"), html! { select name="sort" id="sort" {
                    (choice("", &filters.sort, &w.get("order-due")))
                    (choice("newest", &filters.sort, &w.get("order-newest")))
                } }))
                button type="submit" id="filter" { (w.get("filter-button")) }
            }
            @match page {
                Err(error) => { p class="error" id="error" role="alert" { (w.get(filter_error(*error))) } }
                Ok(page) => {
                    table id="submissions" {
                        thead { tr {
                            th scope="col" { (w.get("column-receipt")) }
                            th scope="col" { (w.get("column-mahalla")) }
                            th scope="col" { (w.get("column-service")) }
                            th scope="col" { (w.get("column-status")) }
                            th scope="col" { (w.get("column-submitted")) }
                            th scope="col" { (w.get("column-term")) }
                        } }
                        tbody {
                            @for listed in &page.rows {
                                @let row = &listed.row;
                                tr {
                                    td { a href={ "/dashboard/submissions/" (row.id) } { (row.receipt_code) } }
                                    td title=(row.mahalla) { (row.mahalla_name) }
                                    td title=(row.target_id) { (listed.service) }
                                    td class="status" data-status=(row.status) { (w.status(&row.status)) }
                                    td { (w.signed_time(&row.created_at)) }
                                    td class="deadline" { (deadline(w, listed.deadline)) }
                                }
                            }
                        }
                    }
                    @if page.rows.is_empty() { p id="none" { (w.get("list-none")) } }
                    p id="exports" { (w.get("export")) ": "
                        a id="export-csv" href=(export_link("submissions", "csv", &list_link(&Filters { after: String::new(), ..filters.clone() }))) { "CSV" } " "
                        a id="export-xlsx" href=(export_link("submissions", "xlsx", &list_link(&Filters { after: String::new(), ..filters.clone() }))) { "XLSX" } }
                    nav class="pages" {
                        @if !filters.after.is_empty() {
                            a id="first-page" href=(list_link(&Filters { after: String::new(), ..filters.clone() })) { (w.get("page-first")) }
                        }
                        @if let (true, Some(last)) = (page.more, page.rows.last()) {
                            a id="next-page" href=(list_link(&filters.after(&last.row))) { (w.get("page-next")) }
                        }
                    }
                }
            }
        },
    )
}

pub fn detail(signed: &Signed, detail: &Detail) -> Markup {
    let w = signed.words;
    let row = &detail.row;
    let resident = detail.lang.native_name();
    layout(
        w,
        &w.with("detail-title", &[("code", &row.receipt_code)]),
        Some(signed),
        html! {
            dl id="about" {
                dt { (w.get("column-mahalla")) } dd { (row.mahalla_name) " (" (row.mahalla) ")" }
                dt { (w.get("column-service")) } dd { (detail.service) }
                dt { (w.get("column-submitted")) } dd { (w.signed_time(&row.created_at)) }
                dt { (w.get("detail-language")) } dd { strong id="resident-language" { (resident) } }
                @if let Some(assistance) = &detail.assistance {
                    dt { (w.get("detail-assisted")) }
                    dd id="assistance" { (w.with("detail-assisted-by", &[
                        ("staff", &assistance.staff_id.to_string()),
                        ("checked", &w.get(if assistance.identity_document_checked { "yes" } else { "no" })),
                    ])) }
                }
            }
            table id="values" {
                @for (label, value) in &detail.values {
                    tr { th scope="row" { (label) } td { (value) } }
                }
            }
            p id="deadline" { (w.get("column-term")) ": " (deadline(w, detail.deadline)) }
            @if let Some(extension) = &detail.extension {
                p id="extension" { (w.with("detail-extended", &[
                    ("user", &extension.by),
                    ("time", &w.signed_time(&extension.at)),
                    ("reason", &extension.reason),
                ])) }
            }
            @if detail.extendable {
                form method="post" action={ "/dashboard/submissions/" (row.id) "/term" } id="extend" {
                    (token_field(signed.form_token))
                    (field(&w.get("extend-reason"), html! {
                        textarea name="reason" id="extend-reason" rows="2" cols="60" maxlength=(EXTENSION_REASON_CHARS) required {} }))
                    button type="submit" id="extend-term" { (w.get("extend-button")) }
                }
            }
            p { (w.get("column-status")) ": " strong id="status" data-status=(row.status) { (w.status(&row.status)) }
                @if let Some((by, at)) = &detail.changed {
                    " — " span id="changed-by" { (by) } ", " (w.signed_time(at))
                } }
            @if let Some(answer) = &detail.answer { p { (w.get("detail-answer")) ": " span id="answer" { (answer) } } }
            h2 { (w.get("detail-history")) }
            ol id="history" {
                @for entry in &detail.history {
                    li { (w.signed_time(&entry.changed_at)) " — " strong { (w.status(entry.status.as_str())) }
                        @if let Some(answer) = &entry.answer { ": " (answer) } }
                }
            }
            form method="post" action={ "/dashboard/submissions/" (row.id) "/status" } id="set-status" {
                (token_field(signed.form_token))
                (field(&w.get("detail-new-status"), html! { select name="status" id="new-status" { (status_options(w, &row.status)) } }))
                (field(&w.with("detail-answer-in", &[("language", resident)]), html! {
                    textarea name="answer" id="answer-text" rows="4" cols="60" lang=(detail.lang.tag()) {} }))
                button type="submit" id="save" { (w.get("detail-save")) }
            }
        },
    )
}

/// Handed in per day as bars, drawn on the server (no script, no fonts from the network).
fn chart(w: Words, per_day: &[u32], first_day: time::Date) -> Markup {
    const WIDTH: usize = 600;
    const HEIGHT: u32 = 120;
    let most = per_day.iter().copied().max().unwrap_or(0).max(1);
    let total: u32 = per_day.iter().sum();
    let step = WIDTH / per_day.len().max(1);
    let last_day = first_day + time::Duration::days(per_day.len().saturating_sub(1) as i64);
    let label = w.count(
        "monitoring-chart-label",
        i64::from(total),
        &[("most", &most.to_string())],
    );
    html! {
        figure id="chart" {
            figcaption { (w.get("monitoring-chart")) }
            svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label=(label)
                width=(WIDTH + 40) height=(HEIGHT + 24) viewBox={ "0 0 " (WIDTH + 40) " " (HEIGHT + 24) } {
                title { (label) }
                line x1="0" y1=(HEIGHT) x2=(WIDTH) y2=(HEIGHT) stroke="#888" {}
                @for (index, count) in per_day.iter().enumerate() {
                    @let height = count * HEIGHT / most;
                    rect x=(index * step + 1) y=(HEIGHT - height) width=(step - 2) height=(height) fill="#0b6e4f" {
                        title { (w.date(first_day + time::Duration::days(index as i64))) ": " (count) }
                    }
                }
                text x=(WIDTH + 4) y="12" font-size="12" fill="#333" { (most) }
                text x="0" y=(HEIGHT + 18) font-size="12" fill="#333" { (w.date(first_day)) }
                text x=(WIDTH) y=(HEIGHT + 18) font-size="12" fill="#333" text-anchor="end" { (w.date(last_day)) }
            }
        }
    }
}

/// A time to answer, in hours while under two days, then in days.
fn duration(w: Words, ms: Option<i64>) -> String {
    match ms {
        None => "—".to_owned(),
        Some(ms) if ms < 48 * 3_600_000 => w.count("hours", ms / 3_600_000, &[]),
        Some(ms) => w.count("days", (ms + 43_200_000) / 86_400_000, &[]),
    }
}

/// The share answered by their last day, in per cent.
fn on_time(f: &Figures) -> String {
    (f.answered_on_time * 100)
        .checked_div(f.answered)
        .map_or_else(|| "—".to_owned(), |share| format!("{share}%"))
}

/// When a terminal or a place was last seen, and how long ago.
fn last_seen(w: Words, at: Option<i64>, now_ms: i64) -> Markup {
    html! {
        @match at {
            Some(at) => { (w.time_ms(at)) " (" (w.count("minutes-ago", (now_ms - at) / 60_000, &[])) ")" }
            None => { (w.get("monitoring-never")) }
        }
    }
}

/// A system image's version as a terminal reported it.
fn image_version(w: Words, version: Option<&str>) -> String {
    version.map_or_else(|| w.get("monitoring-version-unknown"), str::to_owned)
}

fn monitoring_link(place: &Place) -> String {
    let query = serde_urlencoded::to_string(place).unwrap_or_default();
    format!("{MONITORING_PATH}?{query}")
}

pub fn monitoring(signed: &Signed, view: &Monitoring, now_ms: i64) -> Markup {
    let w = signed.words;
    let total = &view.total;
    layout(
        w,
        &w.get("monitoring-title"),
        Some(signed),
        html! {
            nav id="places" aria-label=(w.get("monitoring-places")) {
                a href=(MONITORING_PATH) { (w.get("monitoring-all")) }
                @if let Some(region) = &view.region {
                    " › " a href=(monitoring_link(&Place { region: region.clone(), district: String::new() })) { (region) }
                }
                @if let (Some(region), Some(district)) = (&view.region, &view.district) {
                    " › " a href=(monitoring_link(&Place { region: region.clone(), district: district.clone() })) { (district) }
                }
            }
            (chart(w, &total.per_day, view.first_day))
            dl id="summary" {
                dt { (w.get("monitoring-open")) } dd id="open" { (total.open) }
                dt { (w.get("monitoring-overdue")) } dd id="overdue" class=[(total.overdue > 0).then_some("overdue")] { (total.overdue) }
                dt { (w.get("monitoring-answered")) } dd { (total.answered) }
                dt { (w.get("monitoring-on-time")) } dd id="on-time" { (on_time(total)) }
                dt { (w.get("monitoring-median")) } dd id="median" { (duration(w, total.median_answer_ms)) }
            }
            table id="monitoring" {
                thead { tr {
                    @for key in ["monitoring-place", "monitoring-terminals", "monitoring-online",
                        "monitoring-silent", "monitoring-waiting", "monitoring-quarantined",
                        "monitoring-printer-faults", "monitoring-catalogue-refused",
                        "monitoring-last-seen", "monitoring-handed-in", "monitoring-open",
                        "monitoring-overdue", "monitoring-on-time", "monitoring-median"] {
                        th scope="col" { (w.get(key)) }
                    }
                } }
                tbody {
                    @for f in &view.rows {
                        tr {
                            th scope="row" { @match &f.place {
                                Some(place) => { a href=(monitoring_link(place)) { (f.name) } }
                                None => { (f.name) }
                            } }
                            td { (f.terminals) }
                            td { (f.online) }
                            td class=[(f.silent > 0).then_some("overdue")] { (f.silent) }
                            td { (f.queued) }
                            td { (f.quarantined) }
                            td { (f.printer_faults) }
                            td { @for version in &f.refused_catalogues { "v" (version) " " } }
                            td { (last_seen(w, f.last_seen_at, now_ms)) }
                            td { (f.per_day.iter().sum::<u32>()) }
                            td { (f.open) }
                            td class=[(f.overdue > 0).then_some("overdue")] { (f.overdue) }
                            td { (on_time(f)) }
                            td { (duration(w, f.median_answer_ms)) }
                        }
                    }
                }
            }
            @if !view.versions.is_empty() {
                h2 { (w.get("monitoring-versions")) }
                table id="versions" {
                    thead { tr {
                        th scope="col" { (w.get("monitoring-version")) }
                        th scope="col" { (w.get("monitoring-terminals")) }
                    } }
                    tbody {
                        @for (version, count) in &view.versions {
                            tr {
                                th scope="row" { (image_version(w, version.as_deref())) }
                                td { (count) }
                            }
                        }
                    }
                }
            }
            @if !view.terminals.is_empty() {
                h2 { (w.get("monitoring-terminal-list")) }
                table id="terminals" {
                    thead { tr {
                        @for key in ["monitoring-terminal", "column-mahalla", "monitoring-last-seen",
                            "monitoring-version", "monitoring-software-update"] {
                            th scope="col" { (w.get(key)) }
                        }
                    } }
                    tbody {
                        @for terminal in &view.terminals {
                            tr {
                                th scope="row" { (terminal.number) }
                                td { (terminal.mahalla_name) }
                                td { (last_seen(w, terminal.last_seen_at, now_ms)) }
                                td { (image_version(w, terminal.image_version.as_deref())) }
                                @match terminal.update.as_ref() {
                                    Some(state) => {
                                        @let detail = match state {
                                            UpdateState::Refused { detail, .. } => Some(detail),
                                            _ => None,
                                        };
                                        @let trouble = matches!(state, UpdateState::Refused { .. } | UpdateState::RolledBack { .. });
                                        td class=[trouble.then_some("overdue")] title=[detail] { (w.update(state)) }
                                    }
                                    None => { td { "—" } }
                                }
                            }
                        }
                    }
                }
            }
            p id="exports" { (w.get("export")) ": "
                a id="export-csv" href=(export_link("monitoring", "csv", &signed.here)) { "CSV" } " "
                a id="export-xlsx" href=(export_link("monitoring", "xlsx", &signed.here)) { "XLSX" } }
            @if !view.services.is_empty() {
                h2 { (w.get("monitoring-services")) }
                table id="services" {
                    thead { tr {
                        th scope="col" { (w.get("column-service")) }
                        th scope="col" { (w.get("monitoring-open")) }
                        th scope="col" { (w.get("monitoring-overdue")) }
                    } }
                    tbody {
                        @for service in &view.services {
                            tr {
                                th scope="row" { (service.name) }
                                td { (service.open) }
                                td class=[(service.overdue > 0).then_some("overdue")] { (service.overdue) }
                            }
                        }
                    }
                }
            }
        },
    )
}
