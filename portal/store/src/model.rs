//! What goes in and out of the store: plain data, shared by every backend. Personal data
//! appears only as the terminals' ciphertext (`payload`) or sealed to the portal's own key
//! (`notice`); the portal decrypts when someone looks.

use mahalla_protocol::software_update::Version;
use mahalla_protocol::wire::{self, Change, Status, StatusEntry, Update};
use time::Date;
use uuid::Uuid;

use crate::StoreError;

/// A registered terminal.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Device {
    pub number: u32,
    pub device_id: String,
    pub public_key: String,
    pub mahalla: String,
    pub enrolled_at: i64,
    pub revoked_at: Option<i64>,
    pub last_seen_at: Option<i64>,
    pub last_skew_ms: Option<i64>,
    pub last_heartbeat: Option<serde_json::Value>,
}

/// When a terminal was seen (Unix ms) and how far its clock was from the portal's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Seen {
    pub now_ms: i64,
    pub skew_ms: i64,
}

/// What an enrolment code is good for, without using it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CodeState {
    Usable {
        mahalla: String,
    },
    Invalid,
    /// Used to enrol the device `by`.
    Used {
        by: String,
    },
    Expired,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnrolOutcome {
    Enrolled(Device),
    Invalid,
    Used,
    Expired,
    /// This key is already enrolled with another code.
    AlreadyEnrolled,
}

/// A submission ready to be stored: checked, with its payload still encrypted as the
/// terminal sent it.
#[derive(Debug, Clone)]
pub struct NewSubmission {
    pub id: Uuid,
    pub receipt_code: String,
    pub target_id: String,
    pub catalogue_version: u32,
    /// The terminal's own time of the submission, as it signed it (RFC 3339).
    pub created_at: String,
    pub payload_sha256: String,
    pub payload: Vec<u8>,
    pub dates: Dates,
    /// The `received` notice for the resident, sealed to the portal, when they asked for
    /// notices.
    pub notice: Option<Vec<u8>>,
}

/// One item of a batch as the store sees it: either ready to store or already judged (but a
/// stored twin still decides duplicate or conflict).
#[derive(Debug, Clone)]
pub enum BatchEntry {
    Ready(NewSubmission),
    Judged { id: Uuid, payload_sha256: String },
}

impl BatchEntry {
    pub fn id(&self) -> Uuid {
        match self {
            BatchEntry::Ready(new) => new.id,
            BatchEntry::Judged { id, .. } => *id,
        }
    }

    pub fn payload_sha256(&self) -> &str {
        match self {
            BatchEntry::Ready(new) => &new.payload_sha256,
            BatchEntry::Judged { payload_sha256, .. } => payload_sha256,
        }
    }
}

/// What storing one item did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StoreOutcome {
    Inserted,
    /// The same submission was stored before.
    Duplicate,
    /// Another submission with this id was stored before.
    Conflict,
    /// The terminal used this receipt code for another submission.
    ReceiptCodeTaken,
}

/// An agency's (or an administrator's) status change.
#[derive(Debug, Clone)]
pub struct StatusChange {
    pub submission_id: String,
    pub status: Status,
    pub answer: Option<String>,
    /// A dashboard user name, or `command line`.
    pub changed_by: String,
    pub now_ms: i64,
    /// The notice for the resident, sealed to the portal, when they asked for notices.
    pub notice: Option<Vec<u8>>,
}

/// A stored submission as the portal's command line lists it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct StoredSubmission {
    pub id: String,
    pub device_id: String,
    pub receipt_code: String,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub received_at: i64,
    pub payload_sha256: String,
    pub status: String,
    pub answer: Option<String>,
    /// Encrypted; never listed as it is.
    #[serde(skip)]
    pub payload: Vec<u8>,
}

/// A receipt as its public status page shows it.
#[derive(Debug, Clone)]
pub struct ReceiptRecord {
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    /// The terminal's mahalla, by name.
    pub mahalla: String,
    pub status: String,
    pub answer: Option<String>,
    pub changed_at: String,
    /// Every status the submission has had, oldest first, with the agency's answers.
    pub history: Vec<StatusEntry>,
    /// Encrypted; read only for the language the resident used.
    pub payload: Vec<u8>,
}

/// Which terminal issued a receipt.
#[derive(Debug, Clone)]
pub enum Issuer {
    /// From a scanned QR whose signature was checked.
    DeviceId(String),
    /// From the device number inside a typed code. Number 0 (printed before enrolment) names
    /// no terminal, so it is looked for among the receipts of `asker`, the terminal asking.
    Number { number: u32, asker: String },
}

/// A receipt as a terminal's lookup finds it.
#[derive(Debug, Clone)]
pub struct LookedUp {
    pub submission_id: String,
    pub target_id: String,
    pub catalogue_version: u32,
    pub created_at: String,
    pub received_at: i64,
    /// Oldest first, with the agency's answers.
    pub history: Vec<StatusEntry>,
    /// Encrypted; read only for the PINFL check.
    pub payload: Vec<u8>,
}

/// How many wrong PINFLs are allowed before no more are checked, and over what window.
#[derive(Debug, Clone, Copy)]
pub struct PinflLimits {
    pub per_receipt: u32,
    pub per_receipt_window_ms: i64,
    pub per_terminal: u32,
    pub per_terminal_window_ms: i64,
}

impl Default for PinflLimits {
    /// Five wrong tries a day for one receipt; twenty an hour from one terminal.
    fn default() -> Self {
        PinflLimits {
            per_receipt: 5,
            per_receipt_window_ms: 24 * 3_600_000,
            per_terminal: 20,
            per_terminal_window_ms: 3_600_000,
        }
    }
}

/// What a staff member may see and do on the dashboard.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(tag = "role", rename_all = "kebab-case")]
pub enum Role {
    /// Every submission and every figure; may answer.
    Administrator,
    /// The submissions within `scope`, to answer, and the figures of its places.
    AgencyStaff { scope: Scope },
    /// The monitoring figures of these mahallas (codes), and no submission.
    MahallaMonitor { mahallas: Vec<String> },
}

impl Role {
    /// The role as the stores keep it (JSON).
    pub fn to_stored(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A role as the stores keep it.
    pub fn from_stored(text: &str) -> Result<Role, StoreError> {
        serde_json::from_str(text).map_err(|error| StoreError::Corrupt(format!("role: {error}")))
    }

    /// The submissions this role works on; `None`: none at all.
    pub fn submissions(&self) -> Option<Scope> {
        match self {
            Role::Administrator => Some(Scope::default()),
            Role::AgencyStaff { scope } => Some(scope.clone()),
            Role::MahallaMonitor { .. } => None,
        }
    }

    /// Whether this role sees the figures of mahalla `code` in `region` and `district`.
    pub fn sees_mahalla(&self, code: &str, region: &str, district: &str) -> bool {
        match self {
            Role::Administrator => true,
            Role::AgencyStaff { scope } => scope.covers_place(region, district),
            Role::MahallaMonitor { mahallas } => mahallas.iter().any(|m| m == code),
        }
    }
}

/// Which submissions an agency's staff work on: of these services, from mahallas in these
/// regions or these districts. An empty list does not narrow.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Scope {
    #[serde(default)]
    pub services: Vec<String>,
    #[serde(default)]
    pub regions: Vec<String>,
    #[serde(default)]
    pub districts: Vec<String>,
}

impl Scope {
    pub fn covers_service(&self, target_id: &str) -> bool {
        self.services.is_empty() || self.services.iter().any(|s| s == target_id)
    }

    pub fn covers_place(&self, region: &str, district: &str) -> bool {
        (self.regions.is_empty() && self.districts.is_empty())
            || self.regions.iter().any(|r| r == region)
            || self.districts.iter().any(|d| d == district)
    }

    /// Whether a submission to `target_id` from a mahalla in `region` and `district` is
    /// within the scope; [`Store::list`](crate::Store::list) narrows by the same rule.
    pub fn covers(&self, target_id: &str, region: &str, district: &str) -> bool {
        self.covers_service(target_id) && self.covers_place(region, district)
    }
}

/// A signed-in staff member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffMember {
    pub username: String,
    pub role: Role,
    /// The tag of the language they chose for the dashboard; empty until they choose.
    pub language: String,
}

/// The form a day is kept in: `YYYY-MM-DD`, which sorts as the days do.
const DAY: &[time::format_description::BorrowedFormatItem<'static>] =
    time::macros::format_description!("[year]-[month]-[day]");

/// A day in Uzbekistan as the stores keep it.
pub fn day_text(day: Date) -> String {
    day.format(DAY).unwrap_or_default()
}

/// A day kept as [`day_text`] wrote it; `None` for anything else (a submission not yet
/// dated keeps an empty text).
pub fn parse_day(text: &str) -> Option<Date> {
    Date::parse(text, DAY).ok()
}

/// The days the dashboard sorts and filters a submission by, in Uzbekistan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// The day the resident handed it in.
    pub created_on: Date,
    /// The last day of its term.
    pub due_on: Date,
}

/// A submission kept before it was dated, to date once.
#[derive(Debug, Clone)]
pub struct Undated {
    pub id: String,
    pub target_id: String,
    pub catalogue_version: u32,
    /// As the terminal signed it (RFC 3339).
    pub created_at: String,
    pub received_at: i64,
}

/// Which statuses a list holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum StatusFilter {
    #[default]
    Any,
    /// Not yet decided: the answer is still due.
    Open,
    Is(Status),
}

/// Days from `from` to `to`, both included; an end left out does not bound.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DayRange {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

/// The order of the dashboard's list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Order {
    /// Open submissions first, the soonest due first; then the decided ones.
    #[default]
    Due,
    /// The last received first.
    Newest,
}

/// Where a page of the list ends, so the next one starts after it without counting rows
/// (keyset paging): the last row's place in the list's order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cursor {
    Due {
        decided: bool,
        due_on: String,
        id: String,
    },
    Newest {
        received_at: i64,
        id: String,
    },
}

/// What the dashboard's list is narrowed to and where the page starts; `None` and `Any` do
/// not narrow.
#[derive(Debug, Clone, Default)]
pub struct ListQuery {
    /// A receipt code in its printed form.
    pub receipt_code: Option<String>,
    pub status: StatusFilter,
    pub target: Option<String>,
    pub mahalla: Option<String>,
    pub district: Option<String>,
    pub region: Option<String>,
    /// The day it was handed in.
    pub created: DayRange,
    /// The last day of its term.
    pub due: DayRange,
    pub order: Order,
    /// The end of the page before.
    pub after: Option<Cursor>,
    pub limit: u32,
}

impl ListQuery {
    /// The first last day of a term a listed row can have: the due range's start, or the
    /// first day it can have been handed in when that is later, since a term never ends
    /// before the day it starts. Bounding both lets a list by creation day start in the
    /// index of terms.
    pub fn due_from(&self) -> Option<Date> {
        match (self.due.from, self.created.from) {
            (Some(due), Some(created)) => Some(due.max(created)),
            (due, created) => due.or(created),
        }
    }
}

/// A column of a submission the list narrows by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    ReceiptCode,
    Decided,
    Status,
    Target,
    Mahalla,
    /// The district of its mahalla.
    District,
    /// The region of its mahalla.
    Region,
    CreatedOn,
    DueOn,
}

/// A value a condition compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Flag(bool),
}

/// One condition of a list, for a backend to write in its SQL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Condition {
    Is(Column, Value),
    /// The column's text at or after this one (days and codes compare bytewise).
    AtLeast(Column, String),
    AtMost(Column, String),
    OneOf(Column, Vec<String>),
    /// Its mahalla is in one of the regions or one of the districts.
    InPlaces {
        regions: Vec<String>,
        districts: Vec<String>,
    },
    /// After this place in the list's order.
    After(Cursor),
}

impl ListQuery {
    /// The conditions a row passes: the query's filters, `scope` by the rule of
    /// [`Scope::covers`], and the page's start. Only what is set, so that a backend's
    /// statement is a range of one of its indexes.
    pub fn conditions(&self, scope: &Scope) -> Vec<Condition> {
        let text = |value: &str| Value::Text(value.to_owned());
        let mut conditions = Vec::new();
        if let Some(code) = &self.receipt_code {
            conditions.push(Condition::Is(Column::ReceiptCode, text(code)));
        }
        match self.status {
            StatusFilter::Any => {}
            StatusFilter::Open => {
                conditions.push(Condition::Is(Column::Decided, Value::Flag(false)))
            }
            StatusFilter::Is(status) => {
                conditions.push(Condition::Is(
                    Column::Decided,
                    Value::Flag(status.is_decided()),
                ));
                conditions.push(Condition::Is(Column::Status, text(status.as_str())));
            }
        }
        for (column, value) in [
            (Column::Target, &self.target),
            (Column::Mahalla, &self.mahalla),
            (Column::District, &self.district),
            (Column::Region, &self.region),
        ] {
            if let Some(value) = value {
                conditions.push(Condition::Is(column, text(value)));
            }
        }
        for (column, from, to) in [
            (Column::CreatedOn, self.created.from, self.created.to),
            (Column::DueOn, self.due_from(), self.due.to),
        ] {
            if let Some(from) = from {
                conditions.push(Condition::AtLeast(column, day_text(from)));
            }
            if let Some(to) = to {
                conditions.push(Condition::AtMost(column, day_text(to)));
            }
        }
        if !scope.services.is_empty() {
            conditions.push(Condition::OneOf(Column::Target, scope.services.clone()));
        }
        if !scope.regions.is_empty() || !scope.districts.is_empty() {
            conditions.push(Condition::InPlaces {
                regions: scope.regions.clone(),
                districts: scope.districts.clone(),
            });
        }
        match (&self.after, self.order) {
            (Some(cursor @ Cursor::Due { .. }), Order::Due)
            | (Some(cursor @ Cursor::Newest { .. }), Order::Newest) => {
                conditions.push(Condition::After(cursor.clone()));
            }
            _ => {}
        }
        conditions
    }
}

/// A submission in the dashboard's list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub id: String,
    pub receipt_code: String,
    /// The code of its terminal's mahalla, and the mahalla's name.
    pub mahalla: String,
    pub mahalla_name: String,
    /// Its mahalla's district and region.
    pub district: String,
    pub region: String,
    pub target_id: String,
    /// The catalogue version it was made with, which set its term.
    pub catalogue_version: u32,
    pub status: String,
    pub created_at: String,
    pub received_at: i64,
    /// Whether the agency has decided.
    pub decided: bool,
    /// The last day of its term, as [`day_text`] wrote it (empty until dated).
    pub due_on: String,
}

impl Row {
    /// This row's place in the list's `order`, to start the next page after.
    pub fn cursor(&self, order: Order) -> Cursor {
        match order {
            Order::Due => Cursor::Due {
                decided: self.decided,
                due_on: self.due_on.clone(),
                id: self.id.clone(),
            },
            Order::Newest => Cursor::Newest {
                received_at: self.received_at,
                id: self.id.clone(),
            },
        }
    }
}

/// One submission as the dashboard shows it.
#[derive(Debug, Clone)]
pub struct SubmissionView {
    pub row: Row,
    pub answer: Option<String>,
    /// Who set the status and when; `None` before anyone did.
    pub changed: Option<(String, String)>,
    /// The term's extension, once it was extended.
    pub extension: Option<Extension>,
    /// Every status it has had, oldest first, with the agency's answers.
    pub history: Vec<StatusEntry>,
    pub payload: Vec<u8>,
}

/// An appeal's term extended for further study: who did it, when (RFC 3339) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Extension {
    pub by: String,
    pub at: String,
    pub reason: String,
}

/// Extending an open submission's term, once: its new last day and the reason staff gave.
#[derive(Debug, Clone)]
pub struct TermExtension {
    pub submission_id: String,
    pub due_on: Date,
    pub reason: String,
    pub by: String,
    pub now_ms: i64,
}

/// One terminal's part of the monitoring figures.
#[derive(Debug, Clone)]
pub struct TerminalFigures {
    /// The device number.
    pub number: u32,
    pub mahalla: String,
    pub mahalla_name: String,
    pub region: String,
    pub district: String,
    pub last_seen_at: Option<i64>,
    pub last_heartbeat: Option<String>,
}

/// How many submissions from a mahalla were handed in on one day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DayCount {
    pub mahalla: String,
    /// As [`day_text`] writes it.
    pub day: String,
    pub count: u32,
}

/// A mahalla's open submissions to one service or appeal, and how many of them are overdue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenCount {
    pub mahalla: String,
    pub target_id: String,
    pub open: u32,
    pub overdue: u32,
}

/// A decision the agency gave: when, for a submission received when, against its last day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub mahalla: String,
    pub received_at: i64,
    pub decided_at: i64,
    /// As [`day_text`] writes it.
    pub due_on: String,
}

/// What a staff member did that the portal keeps a record of (an export).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    /// The staff member's user name.
    pub actor: String,
    /// What was done, as `export submissions.csv`.
    pub action: String,
    /// With what: the filters, the place, how many rows.
    pub detail: String,
}

/// A software update as the portal published it: the manifest exactly as it was signed and
/// the signature, which terminals check themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublishedUpdate {
    pub version: Version,
    /// The manifest's text, byte for byte as signed.
    pub manifest: String,
    /// The 64-byte Ed25519 signature over the manifest.
    pub signature: Vec<u8>,
    pub published_at: i64,
}

/// What publishing a software update did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Publication {
    Published,
    /// Refused: `newest` is published already and the update is not newer.
    NotNewer {
        newest: Version,
    },
}

/// A notice waiting to go out, sealed to the portal.
#[derive(Debug, Clone)]
pub struct PendingNotice {
    pub id: i64,
    pub sealed: Vec<u8>,
    pub sms_sent: bool,
    pub telegram_sent: bool,
    pub attempts: u32,
}

/// What one delivery round did to a notice.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: i64,
    pub sms_sent: bool,
    pub telegram_sent: bool,
    pub error: Option<String>,
    pub next_attempt_ms: i64,
}

/// One row of the updates feed as a backend reads it.
pub struct FeedRow {
    pub seq: u64,
    pub kind: String,
    pub submission_id: Option<String>,
    pub status: Option<String>,
    pub answer: Option<String>,
    pub changed_at: String,
    pub catalogue_version: Option<u32>,
    pub catalogue_body: Option<String>,
}

/// The page of at most [`wire::MAX_UPDATES_PAGE`] updates after `cursor`, from up to one more
/// row than that (which only says there are more).
pub fn updates_page(rows: Vec<FeedRow>, cursor: u64) -> Result<wire::UpdatesPage, StoreError> {
    let mut updates = Vec::with_capacity(rows.len());
    for row in rows {
        let seq = row.seq;
        let change = match (
            row.kind.as_str(),
            row.submission_id,
            row.status,
            row.catalogue_version,
            row.catalogue_body,
        ) {
            ("status", Some(submission), Some(status), _, _) => Change::Status {
                submission_id: Uuid::parse_str(&submission)
                    .map_err(|_| StoreError::Corrupt(format!("submission id {submission}")))?,
                status: parse_status(&status)?,
                answer: row.answer,
                changed_at: row.changed_at,
            },
            ("catalogue", _, _, Some(version), Some(body)) => Change::Catalogue { version, body },
            _ => return Err(StoreError::Corrupt(format!("update {seq}"))),
        };
        updates.push(Update { seq, change });
    }
    let more = updates.len() > wire::MAX_UPDATES_PAGE;
    updates.truncate(wire::MAX_UPDATES_PAGE);
    let cursor = updates.last().map_or(cursor, |update| update.seq);
    Ok(wire::UpdatesPage {
        updates,
        cursor,
        more,
        rotation: None,
        software_update: None,
    })
}

/// A status as stored.
pub fn parse_status(name: &str) -> Result<Status, StoreError> {
    Status::from_name(name).ok_or_else(|| StoreError::Corrupt(format!("status {name}")))
}
