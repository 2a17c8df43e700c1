//! The dashboard's HTML. `maud` escapes every interpolated value, so resident-entered text
//! can never become markup.

use mahalla_protocol::form::local_date;
use mahalla_protocol::wire::Status;
use maud::{DOCTYPE, Markup, html};

use super::queries::{DUE_SOON_DAYS, Deadline, Detail, FilterError, Filters, MahallaFigures, Page};
use mahalla_host::clock;

/// The dashboard's style sheet, served at [`STYLE_PATH`] (the pages allow no inline style).
pub const STYLE: &str = "body{font-family:sans-serif;margin:2rem;max-width:70rem}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ccc;padding:.3rem;text-align:left}
nav a{margin-right:1rem}.error{color:#a00}label{display:block;margin:.5rem 0}form.inline{display:inline}
.overdue{color:#a00;font-weight:bold}.due-soon{color:#8a4b00;font-weight:bold}";
pub const STYLE_PATH: &str = "/dashboard/style.css";

/// Who is signed in, and the token their forms carry.
pub struct Signed<'a> {
    pub user: &'a str,
    pub form_token: &'a str,
    /// Whether the staff member works on submissions (a mahalla monitor does not).
    pub sees_submissions: bool,
}

/// The hidden field with a form's token.
fn token_field(token: &str) -> Markup {
    html! { input type="hidden" name="csrf" value=(token); }
}

fn layout(title: &str, signed: Option<&Signed>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="uz" {
            head {
                meta charset="utf-8";
                title { (title) " — Mahalla portal" }
                link rel="stylesheet" href=(STYLE_PATH);
            }
            body {
                @if let Some(signed) = signed {
                    nav {
                        @if signed.sees_submissions {
                            a href="/dashboard" { "Submissions" }
                        }
                        a href="/dashboard/monitoring" { "Monitoring" }
                        span id="user" { (signed.user) }
                        form method="post" action="/dashboard/logout" class="inline" {
                            (token_field(signed.form_token))
                            button type="submit" { "Sign out" }
                        }
                    }
                }
                h1 { (title) }
                (body)
            }
        }
    }
}

pub fn message(text: &str) -> Markup {
    layout("Mahalla portal", None, html! { p { (text) } })
}

/// The sign-in form, carrying `token` (also set as a cookie for this form alone).
pub fn login(error: Option<&str>, token: &str) -> Markup {
    layout(
        "Sign in",
        None,
        html! {
            @if let Some(error) = error { p class="error" id="error" { (error) } }
            form method="post" action="/dashboard/login" {
                (token_field(token))
                label { "User name " input name="username" id="username" required; }
                label { "Password " input name="password" id="password" type="password" required; }
                button type="submit" id="sign-in" { "Sign in" }
            }
        },
    )
}

fn status_options(selected: &str) -> Markup {
    html! {
        @for status in Status::ALL {
            option value=(status.as_str()) selected[selected == status.as_str()] { (status.as_str()) }
        }
    }
}

/// `count` days, in words.
fn days(count: i64) -> String {
    if count == 1 {
        "1 day".to_owned()
    } else {
        format!("{count} days")
    }
}

/// Where the answer stands against its term, marked when overdue or due within three days.
fn deadline(deadline: Option<Deadline>) -> Markup {
    match deadline {
        None => html! { "—" },
        Some(Deadline::Decided) => html! { "decided" },
        Some(Deadline::Due {
            last_day,
            days_left: 0,
        }) => {
            html! { span class="due-soon" { "due today, " (local_date(last_day)) } }
        }
        Some(Deadline::Due {
            last_day,
            days_left,
        }) if days_left <= DUE_SOON_DAYS => {
            html! { span class="due-soon" { "due " (local_date(last_day)) ", in " (days(days_left)) } }
        }
        Some(Deadline::Due {
            last_day,
            days_left,
        }) => {
            html! { "due " (local_date(last_day)) ", in " (days(days_left)) }
        }
        Some(Deadline::Overdue {
            last_day,
            days_late,
        }) => {
            html! { span class="overdue" { "overdue by " (days(days_late)) " (due " (local_date(last_day)) ")" } }
        }
    }
}

/// The list's address with `filters`, leaving out the empty ones.
fn list_link(filters: &Filters) -> String {
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
        FilterError::NotAReceiptCode => {
            "That is not a receipt code: it has ten letters and digits, as 000-100-001B, and the last one checks the others. Look at the receipt again."
        }
        FilterError::NotADay => "Give days as on a calendar, for example 2026-12-07.",
        FilterError::UnknownStatus => "Choose one of the listed statuses.",
    }
}

fn choice(value: &str, selected: &str, label: &str) -> Markup {
    html! { option value=(value) selected[selected == value] { (label) } }
}

pub fn list(signed: &Signed, filters: &Filters, page: &Result<Page, FilterError>) -> Markup {
    layout(
        "Submissions",
        Some(signed),
        html! {
            form method="get" action="/dashboard" id="filters" {
                label { "Receipt code " input name="code" id="code" value=(filters.code) autocomplete="off"; }
                label { "Status " select name="status" id="status" {
                    (choice("", &filters.status, "any"))
                    (choice("open", &filters.status, "open (not decided)"))
                    (status_options(&filters.status))
                } }
                label { "Term " select name="due" id="due" {
                    (choice("", &filters.due, "any"))
                    (choice("soon", &filters.due, "due within 3 days"))
                    (choice("overdue", &filters.due, "overdue"))
                } }
                label { "Service or appeal " input name="target" value=(filters.target); }
                label { "Mahalla code " input name="mahalla" value=(filters.mahalla); }
                label { "District " input name="district" value=(filters.district); }
                label { "Region " input name="region" value=(filters.region); }
                label { "Handed in from " input type="date" name="from" value=(filters.from); }
                label { "to " input type="date" name="to" value=(filters.to); }
                label { "Order " select name="sort" id="sort" {
                    (choice("", &filters.sort, "soonest due first"))
                    (choice("newest", &filters.sort, "last received first"))
                } }
                button type="submit" { "Filter" }
            }
            @match page {
                Err(error) => { p class="error" id="error" { (filter_error(*error)) } }
                Ok(page) => {
                    table id="submissions" {
                        tr { th { "Receipt" } th { "Mahalla" } th { "Service" } th { "Status" } th { "Submitted" } th { "Term" } }
                        @for listed in &page.rows {
                            @let row = &listed.row;
                            tr {
                                td { a href={ "/dashboard/submissions/" (row.id) } { (row.receipt_code) } }
                                td { (row.mahalla) }
                                td { (row.target_id) }
                                td class="status" { (row.status) }
                                td { (row.created_at) }
                                td class="deadline" { (deadline(listed.deadline)) }
                            }
                        }
                    }
                    @if page.rows.is_empty() { p id="none" { "No submission passes these filters." } }
                    nav class="pages" {
                        @if !filters.after.is_empty() {
                            a id="first-page" href=(list_link(&Filters { after: String::new(), ..filters.clone() })) { "First page" }
                        }
                        @if let (true, Some(last)) = (page.more, page.rows.last()) {
                            a id="next-page" href=(list_link(&filters.after(&last.row))) { "Next page" }
                        }
                    }
                }
            }
        },
    )
}

pub fn detail(signed: &Signed, detail: &Detail) -> Markup {
    let row = &detail.row;
    layout(
        &format!("Receipt {}", row.receipt_code),
        Some(signed),
        html! {
            p { "Mahalla " (row.mahalla) ", " (row.target_id) ", submitted " (row.created_at)
                ", in the resident's language " strong { (detail.lang) } "." }
            @if let Some(assistance) = &detail.assistance {
                p id="assistance" { "staff-assisted (staff #" (assistance.staff_id)
                    "), identity document checked: "
                    strong { (if assistance.identity_document_checked { "yes" } else { "no" }) } }
            }
            table id="values" {
                @for (key, value) in &detail.values {
                    tr { th { (key) } td { (value) } }
                }
            }
            p id="deadline" { "Term: " (deadline(detail.deadline)) }
            p { "Status: " strong id="status" { (row.status) }
                @if let Some((by, at)) = &detail.changed {
                    ", set by " span id="changed-by" { (by) } " at " (at)
                } }
            @if let Some(answer) = &detail.answer { p { "Answer: " span id="answer" { (answer) } } }
            form method="post" action={ "/dashboard/submissions/" (row.id) "/status" } id="set-status" {
                (token_field(signed.form_token))
                label { "New status " select name="status" { (status_options(&row.status)) } }
                label { "Answer (in " (detail.lang) ") "
                    textarea name="answer" rows="4" cols="60" {} }
                button type="submit" { "Save" }
            }
        },
    )
}

pub fn monitoring(signed: &Signed, figures: &[MahallaFigures], now_ms: i64) -> Markup {
    layout(
        "Monitoring",
        Some(signed),
        html! {
            table id="monitoring" {
                tr {
                    th { "Mahalla" } th { "Terminals" } th { "Online" } th { "Waiting" }
                    th { "Quarantined" } th { "Printer faults" } th { "Catalogue refused" }
                    th { "Last seen" }
                    th { "Today" } th { "Last 7 days" }
                }
                @for f in figures {
                    tr {
                        td { (f.code) " " (f.name) }
                        td { (f.terminals) }
                        td { (f.online) }
                        td { (f.queued) }
                        td { (f.quarantined) }
                        td { (f.printer_faults) }
                        td { @for version in &f.refused_catalogues { "v" (version) " " } }
                        td { @match f.last_seen_at {
                            Some(at) => { (clock::rfc3339(at)) " (" ((now_ms - at) / 1000) " s ago)" }
                            None => { "never" }
                        } }
                        td { (f.today) }
                        td { (f.last_7_days) }
                    }
                }
            }
        },
    )
}
