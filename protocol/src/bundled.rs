//! The catalogue shipped with the terminal and the portal (`assets/catalogue.json`): what a
//! terminal shows until the portal sends a newer version, and what a new portal publishes first.

use crate::catalogue::{Catalogue, CatalogueError};

/// The bundled catalogue as shipped, byte for byte.
pub const CATALOGUE_JSON: &str = include_str!("../../assets/catalogue.json");

/// Parses and checks the bundled catalogue.
pub fn catalogue() -> Result<Catalogue, CatalogueError> {
    Catalogue::from_json(CATALOGUE_JSON)
}

/// The bundled catalogue's version, read once without building the catalogue; `None` when
/// the file has none (then [`catalogue`] fails too).
pub fn version() -> Option<u32> {
    #[derive(serde::Deserialize)]
    struct Head {
        version: u32,
    }
    static VERSION: std::sync::OnceLock<Option<u32>> = std::sync::OnceLock::new();
    *VERSION.get_or_init(|| {
        serde_json::from_str::<Head>(CATALOGUE_JSON)
            .ok()
            .map(|head| head.version)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalogue::{AppealKind, Catalogue, FieldKind, ServiceKind};
    use crate::lang::Lang;

    #[test]
    fn the_version_is_read_without_building_the_catalogue() {
        assert_eq!(version(), Some(catalogue().expect("bundled").version));
    }

    /// The seed services every terminal must offer (docs/DOMAIN.md), by id.
    const SEED_SERVICES: [&str; 11] = [
        "doctor-appointment",
        "household-waste-account",
        "archive-salary-certificate",
        "university-applicant-registration",
        "archive-study-certificate",
        "enforcement-debt-check",
        "migration-passport-queue",
        "childbirth-allowance",
        "housing-ownership-certificate",
        "permanent-residence-registration",
        "residence-period-certificate",
    ];

    fn checked() -> Catalogue {
        match catalogue() {
            Ok(catalogue) => catalogue,
            Err(error) => panic!("bundled catalogue: {error}"),
        }
    }

    #[test]
    fn every_seed_service_is_there_with_a_form_and_documents() {
        let catalogue = checked();
        for id in SEED_SERVICES {
            let service = catalogue
                .service(id)
                .unwrap_or_else(|| panic!("seed service {id} is missing"));
            assert_ne!(service.kind, ServiceKind::Informational, "{id}");
            assert!(!service.form.is_empty(), "{id} has no form");
            assert!(!service.documents.is_empty(), "{id} lists no documents");
            assert!(
                catalogue.submittable(id).is_some(),
                "{id} cannot be submitted"
            );
        }
    }

    #[test]
    fn the_three_appeals_are_there() {
        let catalogue = checked();
        let kinds: Vec<_> = catalogue.appeals.iter().map(|appeal| appeal.kind).collect();
        for kind in [
            AppealKind::Application,
            AppealKind::Proposal,
            AppealKind::Complaint,
        ] {
            assert_eq!(kinds.iter().filter(|k| **k == kind).count(), 1, "{kind:?}");
        }
    }

    #[test]
    fn an_informational_service_offers_nothing_to_submit() {
        let catalogue = checked();
        let informational = catalogue
            .services
            .iter()
            .find(|service| service.kind == ServiceKind::Informational)
            .expect("at least one informational service");
        assert!(catalogue.submittable(&informational.id).is_none());
    }

    #[test]
    fn texts_in_cyrillic_locales_are_cyrillic_and_latin_ones_are_not() {
        let catalogue = checked();
        let cyrillic = |s: &str| s.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c));
        for service in &catalogue.services {
            assert!(cyrillic(service.name.get(Lang::UzCyrl)), "{}", service.id);
            assert!(cyrillic(service.name.get(Lang::Ru)), "{}", service.id);
            assert!(!cyrillic(service.name.get(Lang::UzLatn)), "{}", service.id);
            assert!(!cyrillic(service.name.get(Lang::En)), "{}", service.id);
        }
    }

    #[test]
    fn uzbek_latin_texts_use_the_turned_comma_not_substitutes() {
        let json = CATALOGUE_JSON;
        for bad in ['\u{2018}', '\u{2019}', '`'] {
            assert!(!json.contains(bad), "the catalogue contains {bad:?}");
        }
        let catalogue = checked();
        for service in &catalogue.services {
            assert!(
                !service.name.get(Lang::UzLatn).contains('\''),
                "{}",
                service.id
            );
        }
    }

    #[test]
    fn every_form_with_a_phone_asks_for_consent_and_only_choices_and_dates_print() {
        let catalogue = checked();
        let forms = catalogue
            .services
            .iter()
            .map(|service| &service.form)
            .chain(catalogue.appeals.iter().map(|appeal| &appeal.form));
        for form in forms {
            let has = |kind: &FieldKind| form.iter().any(|field| &field.kind == kind);
            assert_eq!(has(&FieldKind::Phone), has(&FieldKind::Consent));
        }
        let mut json: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).expect("json");
        let form = json["appeals"][0]["form"].as_array_mut().expect("form");
        form.retain(|field| field["type"] != "consent");
        let refused = Catalogue::from_json(&json.to_string()).expect_err("no consent field");
        assert!(refused.to_string().contains("consent"), "{refused}");

        let mut json: serde_json::Value = serde_json::from_str(CATALOGUE_JSON).expect("json");
        let pinfl = json["appeals"][0]["form"]
            .as_array_mut()
            .expect("form")
            .iter_mut()
            .find(|field| field["type"] == "pinfl")
            .expect("pinfl field");
        pinfl["printable"] = true.into();
        let refused = Catalogue::from_json(&json.to_string()).expect_err("printable PINFL");
        assert!(refused.to_string().contains("print"), "{refused}");
    }
}
