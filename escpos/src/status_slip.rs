//! The status slip a resident can print at the status check: the receipt code, the service,
//! the history with the agency's answer (only when the screen showed it), what to do next.
//! Every text comes already in the resident's language from the screen; only the headings
//! are this crate's (`locales/<lang>/receipt.ftl`). No personal data.

use mahalla_protocol::lang::Lang;
use mahalla_protocol::receipt_code::ReceiptCode;

use super::layout::{Block, Style};
use super::receipt::ReceiptError;
use super::texts::Texts;

/// One status of the history, as the screen showed it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlipLine {
    /// Local date and time, `DD.MM.YYYY HH:MM`.
    pub at: String,
    pub status: String,
    pub answer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusSlip {
    pub lang: Lang,
    pub code: ReceiptCode,
    pub service: String,
    /// "Submitted …", as the screen says it.
    pub submitted: String,
    pub history: Vec<SlipLine>,
    /// What to do next, or why the answer is not shown.
    pub notes: Vec<String>,
    /// Local date and time of printing.
    pub printed_at: String,
}

impl StatusSlip {
    pub fn blocks(&self, texts: &Texts) -> Result<Vec<Block>, ReceiptError> {
        let mut blocks = vec![
            Block::text(texts.get("slip-title", &[])?, Style::TITLE),
            Block::Feed(1),
            Block::text(self.code.to_string(), Style::CODE),
            Block::text(&self.service, Style::BODY),
            Block::text(&self.submitted, Style::BODY),
            Block::Feed(1),
        ];
        for line in &self.history {
            blocks.push(Block::text(
                format!("{} {}", line.at, line.status),
                Style::HEADING,
            ));
            if let Some(answer) = &line.answer {
                blocks.push(Block::text(answer, Style::BODY));
            }
        }
        for note in &self.notes {
            blocks.push(Block::Feed(1));
            blocks.push(Block::text(note, Style::BODY));
        }
        blocks.extend([
            Block::Feed(1),
            Block::text(
                texts.get("slip-printed", &[("printed", &self.printed_at)])?,
                Style::CENTERED,
            ),
            Block::Cut,
        ]);
        Ok(blocks)
    }
}
