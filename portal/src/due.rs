//! When each submission's answer is due. A submission is dated at ingest from the catalogue
//! version it was made with: the day it was handed in and the last day of its term, both in
//! Uzbekistan. Submissions kept before dating existed are dated once when the portal opens
//! its store. An appeal's term may be extended once, to 30 days.

use mahalla_portal_store::{Dates, Store, StoreError};
use mahalla_protocol::UZBEKISTAN;
use mahalla_protocol::catalogue::Catalogue;
use mahalla_protocol::term::{APPEAL_DAYS, APPEAL_EXTENDED_DAYS, Term};
use time::format_description::well_known::Rfc3339;
use time::{Date, OffsetDateTime};

use crate::ingest::Catalogues;

/// How many kept submissions are dated in one transaction.
const DATING_BATCH: u32 = 1_000;

/// The dates of a submission handed in at `created` whose target has `term`.
pub fn dates(term: Term, created: OffsetDateTime) -> Dates {
    Dates {
        created_on: created.to_offset(UZBEKISTAN).date(),
        due_on: term.last_day(created),
    }
}

/// The last day of an appeal's term once it is extended for further study, for one handed
/// in at `created`; `None` for a service, whose term is not extended.
pub fn extended(catalogue: &Catalogue, target_id: &str, created: &str) -> Option<Date> {
    catalogue.appeal(target_id)?;
    let created = OffsetDateTime::parse(created, &Rfc3339).ok()?;
    Some(Term::Days(APPEAL_EXTENDED_DAYS).last_day(created))
}

/// Dates every submission kept before dating existed; returns how many it dated. A kept
/// submission whose time or target cannot be read any more (ingest checked both) is dated
/// from when the portal received it, with an appeal's term, and logged.
pub async fn date_kept_submissions(
    store: &dyn Store,
    catalogues: &Catalogues,
) -> Result<usize, StoreError> {
    let mut dated_count = 0;
    loop {
        let undated = store.undated(DATING_BATCH).await?;
        if undated.is_empty() {
            return Ok(dated_count);
        }
        let mut dated = Vec::with_capacity(undated.len());
        for kept in undated {
            let catalogue = catalogues.get(store, kept.catalogue_version).await?;
            let created = OffsetDateTime::parse(&kept.created_at, &Rfc3339).ok();
            let term = catalogue.and_then(|catalogue| {
                catalogue
                    .submittable(&kept.target_id)
                    .map(|submittable| submittable.term())
            });
            let (created, term) = match (created, term) {
                (Some(created), Some(term)) => (created, term),
                (created, term) => {
                    tracing::warn!(id = %kept.id, target = %kept.target_id,
                        "a kept submission's time or target cannot be read: dated from its receipt as an appeal");
                    let received = OffsetDateTime::from_unix_timestamp_nanos(
                        i128::from(kept.received_at) * 1_000_000,
                    )
                    .unwrap_or(OffsetDateTime::UNIX_EPOCH);
                    (
                        created.unwrap_or(received),
                        term.unwrap_or(Term::Days(APPEAL_DAYS)),
                    )
                }
            };
            dated.push((kept.id, dates(term, created)));
        }
        store.set_dates(&dated).await?;
        dated_count += dated.len();
    }
}

#[cfg(test)]
mod tests {
    use mahalla_protocol::term::Term;
    use time::macros::{date, datetime};

    use super::*;

    #[test]
    fn an_appeal_is_due_fifteen_days_after_the_day_it_was_handed_in() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        let proposal = catalogue.submittable("taklif").expect("proposals");
        // Thursday 3 December 2026, 23:30 in Tashkent, which is still the 3rd there.
        let dated = dates(proposal.term(), datetime!(2026-12-03 18:30 UTC));
        assert_eq!(dated.created_on, date!(2026 - 12 - 03));
        assert_eq!(dated.due_on, date!(2026 - 12 - 18));
    }

    #[test]
    fn only_an_appeal_is_extended_and_to_thirty_days() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        assert_eq!(
            extended(&catalogue, "taklif", "2026-12-03T23:30:00+05:00"),
            Some(date!(2027 - 01 - 02))
        );
        let service = &catalogue.services[0].id;
        assert_eq!(
            extended(&catalogue, service, "2026-12-03T23:30:00+05:00"),
            None
        );
    }

    #[test]
    fn a_service_counts_its_own_working_days() {
        let catalogue = mahalla_protocol::bundled::catalogue().expect("bundled");
        let service = catalogue
            .services
            .iter()
            .find(|service| service.term_days > 0 && !service.form.is_empty())
            .expect("a service with a term");
        let submittable = catalogue.submittable(&service.id).expect("submittable");
        let created = datetime!(2026-12-03 05:00 UTC);
        assert_eq!(
            dates(submittable.term(), created).due_on,
            Term::WorkingDays(service.term_days).last_day(created)
        );
    }
}
