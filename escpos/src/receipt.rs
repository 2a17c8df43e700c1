//! The receipt a resident takes home, and the technician's test page, as layout blocks.

use ed25519_dalek::SigningKey;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::form;
use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::{ReceiptCode, ReceiptCodeError};
use mahalla_protocol::receipt_qr::ReceiptQr;
use time::PrimitiveDateTime;
use time::macros::{datetime, format_description};

use super::layout::{Block, Style};
use super::texts::{self, TextError, Texts};

/// Where the status pages are when the terminal is not enrolled and the configuration names
/// no portal.
pub const DEFAULT_STATUS_URL: &str = "https://portal.example.uz";

/// The seed of the key that signs the sample receipt's QR. It is public and no terminal's
/// key: the sample is the same bytes on every machine, and its QR is exactly as long as a
/// real terminal's signed one.
const SAMPLE_KEY_SEED: [u8; 32] = [0x5A; 32];

/// Everything a receipt says, already in the resident's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub lang: Lang,
    pub mahalla: String,
    pub terminal: String,
    /// The terminal is not enrolled: nothing it takes reaches an agency.
    pub demo: bool,
    /// A service, or one of the appeals.
    pub subject: Subject,
    /// The service's or the appeal's name.
    pub service: String,
    pub agency: String,
    /// What happens next, from the catalogue.
    pub next_steps: String,
    /// Where the result is collected.
    pub collect_at: String,
    /// What the form said that the resident will need, as `(label, value)`: an appointment's
    /// day, time and specialist, an appeal's addressee. Never personal data.
    pub details: Vec<(String, String)>,
    pub code: ReceiptCode,
    /// Local time in Tashkent.
    pub issued_at: PrimitiveDateTime,
    pub qr: ReceiptQr,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReceiptError {
    #[error(transparent)]
    Text(#[from] TextError),
    #[error("no service or appeal {0:?} in the catalogue")]
    UnknownService(String),
    #[error("the date cannot be written: {0}")]
    Date(String),
    #[error("receipt code: {0}")]
    Code(#[from] ReceiptCodeError),
}

/// What a submission was for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    Service,
    Appeal,
}

/// The details of a submission a receipt is made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptFacts<'a> {
    pub lang: Lang,
    pub mahalla: &'a str,
    pub terminal: &'a str,
    /// A receipt of a terminal not yet enrolled: said plainly on the paper.
    pub demo: bool,
    pub target_id: &'a str,
    /// The form's printable values, as `(key, value)`.
    pub details: &'a [(String, String)],
    pub code: ReceiptCode,
    pub issued_at: PrimitiveDateTime,
    pub qr: ReceiptQr,
}

impl Receipt {
    /// Looks the service up in `catalogue` and takes its texts in the resident's language.
    pub fn from_catalogue(
        catalogue: &Catalogue,
        facts: ReceiptFacts,
    ) -> Result<Receipt, ReceiptError> {
        let lang = facts.lang;
        let target = catalogue
            .submittable(facts.target_id)
            .ok_or_else(|| ReceiptError::UnknownService(facts.target_id.to_owned()))?;
        let details = facts
            .details
            .iter()
            .filter_map(|(key, value)| form::shown_detail(target.form(), key, value, lang))
            .collect();
        let (subject, service, agency, next_steps, collect_at) = match catalogue
            .services
            .iter()
            .find(|service| service.id == facts.target_id)
        {
            Some(service) => (
                Subject::Service,
                service.name.get(lang),
                service.agency.get(lang),
                service.next_steps.get(lang),
                service.location.address.get(lang),
            ),
            None => {
                let appeal = catalogue
                    .appeals
                    .iter()
                    .find(|appeal| appeal.id == facts.target_id)
                    .ok_or_else(|| ReceiptError::UnknownService(facts.target_id.to_owned()))?;
                (
                    Subject::Appeal,
                    appeal.name.get(lang),
                    "",
                    appeal.next_steps.get(lang),
                    "",
                )
            }
        };
        Ok(Receipt {
            lang,
            mahalla: facts.mahalla.to_owned(),
            terminal: facts.terminal.to_owned(),
            demo: facts.demo,
            subject,
            service: service.to_owned(),
            agency: agency.to_owned(),
            next_steps: next_steps.to_owned(),
            collect_at: collect_at.to_owned(),
            details,
            code: facts.code,
            issued_at: facts.issued_at,
            qr: facts.qr,
        })
    }

    /// The fixed sample: the doctor appointment service, device 1, sequence 42. Its QR is
    /// signed with the public sample key ([`Receipt::sample_key`]), so the sample is
    /// deterministic and as large as a receipt signed by a terminal.
    pub fn sample(catalogue: &Catalogue, lang: Lang) -> Result<Receipt, ReceiptError> {
        let code = ReceiptCode::new(1, 42)?;
        let qr = ReceiptQr::sign(&Receipt::sample_key(), DEFAULT_STATUS_URL, code);
        Receipt::from_catalogue(
            catalogue,
            ReceiptFacts {
                lang,
                mahalla: "Navroʻz",
                terminal: "0001",
                demo: false,
                target_id: "doctor-appointment",
                details: &[
                    ("specialty".to_owned(), "therapist".to_owned()),
                    ("visit_date".to_owned(), "2026-12-03".to_owned()),
                    ("time_of_day".to_owned(), "morning".to_owned()),
                ],
                code,
                issued_at: datetime!(2026-12-01 10:30),
                qr,
            },
        )
    }

    /// The key the sample receipt's QR is signed with: fixed, public, and no terminal's.
    pub fn sample_key() -> SigningKey {
        SigningKey::from_bytes(&SAMPLE_KEY_SEED)
    }

    /// The receipt, top to bottom.
    pub fn blocks(&self, texts: &Texts) -> Result<Vec<Block>, ReceiptError> {
        let t = |key: &str| texts.get(key, &[]);
        let issued = self
            .issued_at
            // A no-break space: the date and the time stay on one line.
            .format(format_description!(
                "[day].[month].[year]\u{A0}[hour]:[minute]"
            ))
            .map_err(|error| ReceiptError::Date(error.to_string()))?;
        let mut blocks = vec![Block::text(t("receipt-title")?, Style::TITLE)];
        if self.demo {
            blocks.push(Block::text(t("receipt-demo")?, Style::HEADING));
        }
        blocks.extend([
            Block::Feed(1),
            Block::text(
                texts.get("receipt-mahalla", &[("mahalla", &self.mahalla)])?,
                Style::BODY,
            ),
            Block::text(
                texts.get("receipt-terminal", &[("terminal", &self.terminal)])?,
                Style::BODY,
            ),
            Block::text(
                t(match self.subject {
                    Subject::Service => "receipt-service",
                    Subject::Appeal => "receipt-appeal",
                })?,
                Style::HEADING,
            ),
            Block::text(&self.service, Style::BODY),
        ]);
        if !self.agency.is_empty() {
            blocks.push(Block::text(&self.agency, Style::BODY));
        }
        for (label, value) in &self.details {
            blocks.push(Block::text(format!("{label}: {value}"), Style::BODY));
        }
        blocks.extend([
            Block::Feed(1),
            Block::text(t("receipt-code")?, Style::CENTERED),
            Block::text(self.code.to_string(), Style::CODE),
            Block::text(
                texts.get("receipt-issued", &[("issued", &issued)])?,
                Style::CENTERED,
            ),
            Block::Feed(1),
            Block::text(&self.next_steps, Style::BODY),
        ]);
        if !self.collect_at.is_empty() {
            blocks.push(Block::text(t("receipt-collect")?, Style::HEADING));
            blocks.push(Block::text(&self.collect_at, Style::BODY));
        }
        blocks.extend([
            Block::Feed(1),
            Block::Qr(self.qr.text().into_bytes()),
            // The address in the QR, for a phone without a camera.
            Block::text(self.qr.text(), Style::CENTERED),
            Block::Feed(1),
            Block::text(t("receipt-check")?, Style::CENTERED),
            Block::Cut,
        ]);
        Ok(blocks)
    }
}

/// The technician's test page: every language's own letters, a big code and a QR.
pub fn test_page(printer: &str) -> Result<Vec<Block>, ReceiptError> {
    let mut blocks = vec![
        Block::text(texts::load(Lang::En)?.get("test-title", &[])?, Style::TITLE),
        Block::text(printer, Style::CENTERED),
        Block::Feed(1),
    ];
    for lang in Lang::ALL {
        let texts = texts::load(lang)?;
        blocks.push(Block::text(
            format!("{lang}: {}", texts.get("test-title", &[])?),
            Style::HEADING,
        ));
        blocks.push(Block::text(texts.get("test-letters", &[])?, Style::BODY));
    }
    blocks.extend([
        Block::text("ABC-123-XYZ9", Style::CODE),
        Block::Qr(DEFAULT_STATUS_URL.as_bytes().to_vec()),
        Block::Feed(1),
        Block::Cut,
    ]);
    Ok(blocks)
}
