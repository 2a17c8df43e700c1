//! Exports for the monthly report: the filtered list of submissions and the monitoring
//! figures of a place, as CSV (UTF-8 with a byte-order mark, so spreadsheet programs read
//! Cyrillic and Oʻ right) or XLSX, in the staff member's language. They hold no personal
//! data: receipt codes, places, services, statuses and days only. Every export is kept in
//! the audit log.

use mahalla_portal_store::{ListQuery, Scope, Store, StoreError};
use time::Date;

use super::monitoring::{Figures, Monitoring};
use super::queries::{self, Deadline, Listed};
use super::words::Words;
use crate::ingest::Catalogues;

/// The most rows one export holds; a larger list is narrowed first.
pub const MOST_ROWS: usize = 100_000;
/// Rows read from the store at a time.
const CHUNK: u32 = 1_000;

/// A file format an export is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    /// The format a file name asks for by its extension.
    pub fn of(file: &str) -> Option<Format> {
        if file.ends_with(".csv") {
            Some(Format::Csv)
        } else if file.ends_with(".xlsx") {
            Some(Format::Xlsx)
        } else {
            None
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// A table to write: its column headings and its rows of cells.
pub struct Table {
    pub headings: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// One cell: text, or a number a spreadsheet can add up.
pub enum Cell {
    Text(String),
    Number(u64),
}

#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("writing the CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("writing the spreadsheet: {0}")]
    Xlsx(#[from] rust_xlsxwriter::XlsxError),
}

/// Every submission within `scope` that `query` lists, up to [`MOST_ROWS`], page after
/// page from the store, with deadlines on `today` and service names in `w`'s language.
pub async fn submissions(
    store: &dyn Store,
    catalogues: &Catalogues,
    query: &ListQuery,
    scope: &Scope,
    today: Date,
    w: Words,
) -> Result<Table, ExportError> {
    let mut listed: Vec<Listed> = Vec::new();
    let mut query = ListQuery {
        limit: CHUNK + 1,
        ..query.clone()
    };
    loop {
        let page = queries::submissions(store, catalogues, &query, scope, today, w.lang()).await?;
        let Some(last) = page.rows.last() else {
            break;
        };
        query.after = Some(last.row.cursor(query.order));
        let done = !page.more;
        listed.extend(page.rows);
        if done || listed.len() >= MOST_ROWS {
            break;
        }
    }
    listed.truncate(MOST_ROWS);
    let headings = [
        "column-receipt",
        "column-mahalla",
        "filter-district",
        "filter-region",
        "column-service",
        "column-status",
        "column-submitted",
        "column-term",
        "monitoring-overdue",
    ];
    Ok(Table {
        headings: headings.iter().map(|key| w.get(key)).collect(),
        rows: listed
            .into_iter()
            .map(|listed| {
                let row = listed.row;
                let (due, late) = match listed.deadline {
                    Some(Deadline::Due { last_day, .. }) => (w.date(last_day), 0),
                    Some(Deadline::Overdue {
                        last_day,
                        days_late,
                    }) => (w.date(last_day), days_late.unsigned_abs()),
                    Some(Deadline::Decided) => (w.get("term-decided"), 0),
                    None => (String::new(), 0),
                };
                vec![
                    Cell::Text(row.receipt_code),
                    Cell::Text(format!("{} ({})", row.mahalla_name, row.mahalla)),
                    Cell::Text(row.district),
                    Cell::Text(row.region),
                    Cell::Text(listed.service),
                    Cell::Text(w.status(&row.status)),
                    Cell::Text(w.signed_time(&row.created_at)),
                    Cell::Text(due),
                    Cell::Number(late),
                ]
            })
            .collect(),
    })
}

/// The monitoring figures of a place's rows, as the page shows them.
pub fn monitoring(view: &Monitoring, w: Words) -> Table {
    let headings = [
        "monitoring-place",
        "monitoring-terminals",
        "monitoring-online",
        "monitoring-silent",
        "monitoring-waiting",
        "monitoring-quarantined",
        "monitoring-printer-faults",
        "monitoring-handed-in",
        "monitoring-open",
        "monitoring-overdue",
        "monitoring-answered",
        "monitoring-on-time",
    ];
    let row = |f: &Figures| {
        vec![
            Cell::Text(f.name.clone()),
            Cell::Number(f.terminals.into()),
            Cell::Number(f.online.into()),
            Cell::Number(f.silent.into()),
            Cell::Number(f.queued),
            Cell::Number(f.quarantined),
            Cell::Number(f.printer_faults.into()),
            Cell::Number(f.per_day.iter().map(|&n| u64::from(n)).sum()),
            Cell::Number(f.open.into()),
            Cell::Number(f.overdue.into()),
            Cell::Number(f.answered.into()),
            Cell::Number(f.answered_on_time.into()),
        ]
    };
    Table {
        headings: headings.iter().map(|key| w.get(key)).collect(),
        rows: view.rows.iter().map(row).collect(),
    }
}

/// `table` written in `format`.
pub fn write(table: &Table, format: Format) -> Result<Vec<u8>, ExportError> {
    match format {
        Format::Csv => {
            let mut writer = csv::Writer::from_writer(b"\xEF\xBB\xBF".to_vec());
            writer.write_record(&table.headings)?;
            for row in &table.rows {
                writer.write_record(row.iter().map(|cell| match cell {
                    Cell::Text(text) => text.clone(),
                    Cell::Number(number) => number.to_string(),
                }))?;
            }
            writer
                .into_inner()
                .map_err(|error| ExportError::Csv(error.into_error().into()))
        }
        Format::Xlsx => {
            let mut workbook = rust_xlsxwriter::Workbook::new();
            let sheet = workbook.add_worksheet();
            let bold = rust_xlsxwriter::Format::new().set_bold();
            for (column, heading) in (0u16..).zip(&table.headings) {
                sheet.write_string_with_format(0, column, heading, &bold)?;
                sheet.set_column_width(column, 18)?;
            }
            for (line, row) in (1u32..).zip(&table.rows) {
                for (column, cell) in (0u16..).zip(row) {
                    match cell {
                        Cell::Text(text) => sheet.write_string(line, column, text)?,
                        // Counts far below 2^53, which a spreadsheet's numbers hold exactly.
                        #[allow(clippy::cast_precision_loss)]
                        Cell::Number(number) => sheet.write_number(line, column, *number as f64)?,
                    };
                }
            }
            Ok(workbook.save_to_buffer()?)
        }
    }
}
