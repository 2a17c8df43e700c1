//! The pictograms of the home tiles, the categories, the services and the appeals: the SVGs
//! of `assets/icons/` (one line-icon set, see its README), compiled into the program and
//! drawn at whatever size the screen asks. A file is named by what it stands for:
//! `home-services`, `category-<id>`, `service-<id>`, `appeal-<id>`; `fallback` stands for a
//! service the catalogue adds later.

use std::collections::HashMap;

use slint::Image;

include!(concat!(env!("OUT_DIR"), "/icons.rs"));

/// Every pictogram, read once.
pub struct Icons {
    loaded: HashMap<&'static str, Image>,
}

impl Icons {
    pub fn load() -> Icons {
        let mut loaded = HashMap::new();
        for &(name, svg) in ICONS {
            match Image::load_from_svg_data(svg) {
                Ok(image) => {
                    loaded.insert(name, image);
                }
                Err(error) => tracing::error!(name, ?error, "a pictogram cannot be read"),
            }
        }
        Icons { loaded }
    }

    /// The pictogram `name`, or the fallback one.
    pub fn named(&self, name: &str) -> Image {
        self.loaded
            .get(name)
            .or_else(|| self.loaded.get("fallback"))
            .cloned()
            .unwrap_or_default()
    }

    pub fn category(&self, id: &str) -> Image {
        self.named(&format!("category-{id}"))
    }

    pub fn service(&self, id: &str) -> Image {
        self.named(&format!("service-{id}"))
    }

    pub fn appeal(&self, id: &str) -> Image {
        self.named(&format!("appeal-{id}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pictogram_reads_and_everything_in_the_catalogue_has_its_own() {
        let icons = Icons::load();
        assert_eq!(icons.loaded.len(), ICONS.len(), "every SVG reads");
        let catalogue = mahalla_protocol::bundled::catalogue().expect("catalogue");
        let mut names: Vec<String> = ["home-services", "home-appeals", "home-check", "fallback"]
            .map(str::to_owned)
            .to_vec();
        names.extend(
            catalogue
                .categories
                .iter()
                .map(|c| format!("category-{}", c.id)),
        );
        names.extend(
            catalogue
                .services
                .iter()
                .map(|s| format!("service-{}", s.id)),
        );
        names.extend(catalogue.appeals.iter().map(|a| format!("appeal-{}", a.id)));
        for name in names {
            assert!(
                icons.loaded.contains_key(name.as_str()),
                "no pictogram {name}"
            );
        }
        assert_eq!(
            icons.named("service-added-later").size(),
            icons.named("fallback").size(),
            "a service added later takes the fallback"
        );
    }
}
