//! The service catalogue: public services, the three appeals, and the forms residents fill.
//!
//! A catalogue is versioned data (the bundled `assets/catalogue.json`, later versions from the
//! portal). [`Catalogue::from_json`] parses and checks it as a whole, so the rest of the code can
//! rely on unique ids, known categories and sane form limits.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::lang::LocalText;
use crate::term::{APPEAL_DAYS, Term};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Catalogue {
    /// Grows with every published change; submissions record the version they were made with.
    pub version: u32,
    pub fee_policy: FeePolicy,
    pub categories: Vec<Category>,
    pub services: Vec<Service>,
    pub appeals: Vec<Appeal>,
}

/// How much cheaper a fee is when paid through the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeePolicy {
    pub portal_discount_percent: u8,
    pub disability_discount_percent: u8,
}

/// A fee in so'm, with the prices that apply when it is paid through the portal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fee {
    pub amount_uzs: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FeeQuote {
    pub at_office_uzs: u64,
    pub via_portal_uzs: u64,
    pub via_portal_with_disability_uzs: u64,
}

impl FeePolicy {
    pub fn quote(&self, fee: Fee) -> FeeQuote {
        FeeQuote {
            at_office_uzs: fee.amount_uzs,
            via_portal_uzs: discounted(fee.amount_uzs, self.portal_discount_percent),
            via_portal_with_disability_uzs: discounted(
                fee.amount_uzs,
                self.disability_discount_percent,
            ),
        }
    }
}

/// `amount` less `percent` %, rounded to the nearest so'm (halves up).
fn discounted(amount: u64, percent: u8) -> u64 {
    let kept = u128::from(100 - percent.min(100));
    ((u128::from(amount) * kept + 50) / 100) as u64
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub name: LocalText,
}

/// The portal's own classification of public services.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ServiceKind {
    /// Where, by whom, at what address: nothing to submit.
    Informational,
    /// Apply at the terminal, collect the result at the office.
    Interactive,
    /// From application to final result without visiting an office.
    Transactional,
}

impl ServiceKind {
    /// The name as written in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceKind::Informational => "informational",
            ServiceKind::Interactive => "interactive",
            ServiceKind::Transactional => "transactional",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Service {
    pub id: String,
    pub category: String,
    pub kind: ServiceKind,
    pub name: LocalText,
    pub summary: LocalText,
    pub agency: LocalText,
    pub location: Location,
    pub fee: Fee,
    /// Working days until the result; 0 means the same day.
    pub term_days: u32,
    pub documents: Vec<LocalText>,
    /// What happens after submitting, and where the result is collected.
    pub next_steps: LocalText,
    /// Empty for an informational service.
    pub form: Vec<Field>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    pub address: LocalText,
    pub hours: LocalText,
}

/// The three kinds of appeal a resident can send.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppealKind {
    /// Ariza.
    Application,
    /// Taklif.
    Proposal,
    /// Shikoyat.
    Complaint,
}

impl AppealKind {
    /// The name as written in the catalogue.
    pub fn as_str(self) -> &'static str {
        match self {
            AppealKind::Application => "application",
            AppealKind::Proposal => "proposal",
            AppealKind::Complaint => "complaint",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Appeal {
    pub id: String,
    pub kind: AppealKind,
    pub name: LocalText,
    pub summary: LocalText,
    pub next_steps: LocalText,
    pub form: Vec<Field>,
}

/// The key of the consent field: the resident ticked "send me an SMS when the status
/// changes". Every form with a phone field has one; the portal sends notices only with it.
pub const NOTIFY_CONSENT_KEY: &str = "notify_consent";

/// The value of a ticked consent field; unticked, the field is left out.
pub const CONSENT_GIVEN: &str = "yes";

/// One field of a form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Field {
    pub key: String,
    pub label: LocalText,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hint: Option<LocalText>,
    pub required: bool,
    /// The value may be printed on the receipt (the date of an appointment, the addressee of
    /// an appeal). Only choices and dates may be: never identifiers, phones or free text.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub printable: bool,
    #[serde(flatten)]
    pub kind: FieldKind,
}

/// What a field holds, with its limits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum FieldKind {
    /// One line of text; lengths in characters.
    Text {
        #[serde(default)]
        min_len: u32,
        max_len: u32,
    },
    /// Several lines of free text; lengths in characters.
    LongText {
        #[serde(default)]
        min_len: u32,
        max_len: u32,
    },
    Pinfl,
    Passport,
    Phone,
    Date {
        #[serde(default)]
        range: DateRange,
    },
    Choice {
        options: Vec<ChoiceOption>,
    },
    /// A tick box, unticked until the resident ticks it: [`NOTIFY_CONSENT_KEY`].
    Consent,
}

impl FieldKind {
    /// The name of the field type as written in the catalogue.
    pub fn type_name(&self) -> &'static str {
        match self {
            FieldKind::Text { .. } => "text",
            FieldKind::LongText { .. } => "long-text",
            FieldKind::Pinfl => "pinfl",
            FieldKind::Passport => "passport",
            FieldKind::Phone => "phone",
            FieldKind::Date { .. } => "date",
            FieldKind::Choice { .. } => "choice",
            FieldKind::Consent => "consent",
        }
    }
}

/// Which dates a date field accepts, relative to the day of submission.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateRange {
    #[default]
    Any,
    /// Today or earlier (a birth date).
    Past,
    /// Today or later (an appointment).
    Future,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceOption {
    pub value: String,
    pub label: LocalText,
}

/// Something a resident can submit: a non-informational service or an appeal.
#[derive(Debug, Clone, Copy)]
pub enum Submittable<'a> {
    Service(&'a Service),
    Appeal(&'a Appeal),
}

impl<'a> Submittable<'a> {
    /// How long the agency has to answer it: the service's own term, an appeal's by law.
    pub fn term(&self) -> Term {
        match self {
            Submittable::Service(service) => Term::WorkingDays(service.term_days),
            Submittable::Appeal(_) => Term::Days(APPEAL_DAYS),
        }
    }

    pub fn id(&self) -> &'a str {
        match self {
            Submittable::Service(service) => &service.id,
            Submittable::Appeal(appeal) => &appeal.id,
        }
    }

    pub fn name(&self) -> &'a LocalText {
        match self {
            Submittable::Service(service) => &service.name,
            Submittable::Appeal(appeal) => &appeal.name,
        }
    }

    pub fn form(&self) -> &'a [Field] {
        match self {
            Submittable::Service(service) => &service.form,
            Submittable::Appeal(appeal) => &appeal.form,
        }
    }

    pub fn next_steps(&self) -> &'a LocalText {
        match self {
            Submittable::Service(service) => &service.next_steps,
            Submittable::Appeal(appeal) => &appeal.next_steps,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CatalogueError {
    #[error("the catalogue is not valid JSON of the expected shape: {0}")]
    Format(#[from] serde_json::Error),
    #[error("the catalogue is inconsistent: {}", .0.join("; "))]
    Inconsistent(Vec<String>),
}

impl Catalogue {
    /// Parses a catalogue and checks it as a whole.
    pub fn from_json(json: &str) -> Result<Catalogue, CatalogueError> {
        let catalogue: Catalogue = serde_json::from_str(json)?;
        let problems = catalogue.problems();
        if problems.is_empty() {
            Ok(catalogue)
        } else {
            Err(CatalogueError::Inconsistent(problems))
        }
    }

    pub fn service(&self, id: &str) -> Option<&Service> {
        self.services.iter().find(|service| service.id == id)
    }

    pub fn appeal(&self, id: &str) -> Option<&Appeal> {
        self.appeals.iter().find(|appeal| appeal.id == id)
    }

    /// The service or appeal with this id, if a resident can submit it.
    pub fn submittable(&self, id: &str) -> Option<Submittable<'_>> {
        match self.service(id) {
            Some(service) if service.kind == ServiceKind::Informational => None,
            Some(service) => Some(Submittable::Service(service)),
            None => self.appeal(id).map(Submittable::Appeal),
        }
    }

    /// The services of one category, in catalogue order.
    pub fn services_in<'a>(&'a self, category: &'a str) -> impl Iterator<Item = &'a Service> {
        self.services
            .iter()
            .filter(move |service| service.category == category)
    }

    /// Everything that makes the catalogue unusable, as sentences for the technician.
    fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.fee_policy.portal_discount_percent > 100
            || self.fee_policy.disability_discount_percent > 100
        {
            problems.push("fee_policy: a discount above 100 %".to_owned());
        }
        let mut ids = BTreeSet::new();
        let mut category_ids = BTreeSet::new();
        for category in &self.categories {
            if !category_ids.insert(category.id.as_str()) {
                problems.push(format!("category {}: the id is used twice", category.id));
            }
            check_text(
                &mut problems,
                &format!("category {}", category.id),
                "name",
                &category.name,
            );
        }
        for service in &self.services {
            let at = format!("service {}", service.id);
            if !ids.insert(service.id.as_str()) {
                problems.push(format!("{at}: the id is used twice"));
            }
            if !category_ids.contains(service.category.as_str()) {
                problems.push(format!("{at}: unknown category {}", service.category));
            }
            for (name, text) in [
                ("name", &service.name),
                ("summary", &service.summary),
                ("agency", &service.agency),
                ("location.address", &service.location.address),
                ("location.hours", &service.location.hours),
                ("next_steps", &service.next_steps),
            ] {
                check_text(&mut problems, &at, name, text);
            }
            for (index, document) in service.documents.iter().enumerate() {
                check_text(&mut problems, &at, &format!("documents[{index}]"), document);
            }
            match (service.kind, service.form.is_empty()) {
                (ServiceKind::Informational, false) => {
                    problems.push(format!("{at}: an informational service has no form"))
                }
                (ServiceKind::Interactive | ServiceKind::Transactional, true) => {
                    problems.push(format!("{at}: a service residents apply for needs a form"))
                }
                _ => {}
            }
            check_form(&mut problems, &at, &service.form);
        }
        for appeal in &self.appeals {
            let at = format!("appeal {}", appeal.id);
            if !ids.insert(appeal.id.as_str()) {
                problems.push(format!("{at}: the id is used twice"));
            }
            for (name, text) in [
                ("name", &appeal.name),
                ("summary", &appeal.summary),
                ("next_steps", &appeal.next_steps),
            ] {
                check_text(&mut problems, &at, name, text);
            }
            if appeal.form.is_empty() {
                problems.push(format!("{at}: an appeal needs a form"));
            }
            check_form(&mut problems, &at, &appeal.form);
        }
        problems
    }
}

fn check_text(problems: &mut Vec<String>, at: &str, name: &str, text: &LocalText) {
    for lang in text.blank_languages() {
        problems.push(format!("{at}: {name} is blank in {lang}"));
    }
}

fn check_form(problems: &mut Vec<String>, at: &str, form: &[Field]) {
    let phones = form.iter().filter(|f| f.kind == FieldKind::Phone).count();
    let consents = form.iter().filter(|f| f.kind == FieldKind::Consent).count();
    if phones > 0 && consents != 1 {
        problems.push(format!(
            "{at}: a form with a phone field has one consent field ({NOTIFY_CONSENT_KEY})"
        ));
    }
    if phones == 0 && consents > 0 {
        problems.push(format!("{at}: a consent field needs a phone field"));
    }
    let mut keys = BTreeSet::new();
    for field in form {
        let at = format!("{at}, field {}", field.key);
        if field.key.is_empty()
            || !field
                .key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '_')
        {
            problems.push(format!("{at}: a key is lower-case ASCII letters and '_'"));
        }
        if !keys.insert(field.key.as_str()) {
            problems.push(format!("{at}: the key is used twice"));
        }
        check_text(problems, &at, "label", &field.label);
        if let Some(hint) = &field.hint {
            check_text(problems, &at, "hint", hint);
        }
        match &field.kind {
            FieldKind::Text { min_len, max_len } | FieldKind::LongText { min_len, max_len } => {
                if *max_len == 0 || min_len > max_len {
                    problems.push(format!(
                        "{at}: lengths {min_len}..{max_len} are not a range"
                    ));
                }
            }
            FieldKind::Choice { options } => {
                if options.len() < 2 {
                    problems.push(format!("{at}: a choice needs at least two options"));
                }
                let mut values = BTreeSet::new();
                for option in options {
                    if !values.insert(option.value.as_str()) {
                        problems.push(format!("{at}: option {} is listed twice", option.value));
                    }
                    check_text(
                        problems,
                        &at,
                        &format!("option {}", option.value),
                        &option.label,
                    );
                }
            }
            FieldKind::Consent => {
                if field.key != NOTIFY_CONSENT_KEY || field.required {
                    problems.push(format!(
                        "{at}: a consent field is the optional {NOTIFY_CONSENT_KEY}"
                    ));
                }
            }
            FieldKind::Pinfl | FieldKind::Passport | FieldKind::Phone | FieldKind::Date { .. } => {}
        }
        if field.printable
            && !matches!(
                field.kind,
                FieldKind::Choice { .. } | FieldKind::Date { .. }
            )
        {
            problems.push(format!(
                "{at}: only choices and dates may print on a receipt"
            ));
        }
    }
}
