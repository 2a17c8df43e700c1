//! Turns the domain into what the screens show, in one language. No state, no I/O.

use mahalla_protocol::ErrorCode;
use mahalla_protocol::catalogue::{
    Appeal, Catalogue, Field, FieldKind, Service, ServiceKind, Submittable,
};
use mahalla_protocol::form::{self, FieldError, FormErrors, Values};
use mahalla_protocol::lang::Lang;
use mahalla_protocol::phone::PhoneNumber;
use mahalla_protocol::search;
use slint::{ModelRc, SharedString, VecModel};
use time::Date;

use super::icons::Icons;
use super::{
    CategoryItem, ChoiceItem, DateParts, FormField, LanguageItem, ReviewLine, ServiceDetail,
    ServiceItem,
};
use mahalla_kiosk_core::i18n::Translations;
use mahalla_kiosk_core::store::OutboxState;

fn model<T: Clone + 'static>(items: Vec<T>) -> ModelRc<T> {
    ModelRc::new(VecModel::from(items))
}

/// The languages on the start screen and in the header, each named in itself.
pub fn languages() -> Vec<LanguageItem> {
    [
        (Lang::UzLatn, "Oʻz"),
        (Lang::UzCyrl, "Ўз"),
        (Lang::Ru, "Ру"),
        (Lang::En, "En"),
        (Lang::Kaa, "Qq"),
    ]
    .into_iter()
    .map(|(lang, short)| LanguageItem {
        tag: lang.tag().into(),
        name: lang.native_name().into(),
        short: short.into(),
    })
    .collect()
}

/// How much of a summary a tile shows: the card shows it whole.
const TILE_SUMMARY_CHARS: usize = 80;

/// `summary` cut at a word before [`TILE_SUMMARY_CHARS`], with "…" where it was cut.
fn tile_summary(summary: &str) -> SharedString {
    if summary.chars().count() <= TILE_SUMMARY_CHARS {
        return summary.into();
    }
    let cut: String = summary.chars().take(TILE_SUMMARY_CHARS).collect();
    let at_word = cut
        .rfind(' ')
        .map_or(cut.as_str(), |space| &cut[..space])
        .trim_end_matches([',', ':', ';', ' ']);
    format!("{at_word}…").into()
}

fn service_item(service: &Service, lang: Lang, icons: &Icons) -> ServiceItem {
    ServiceItem {
        id: service.id.as_str().into(),
        name: service.name.get(lang).into(),
        summary: tile_summary(service.summary.get(lang)),
        icon: icons.service(&service.id),
    }
}

fn appeal_item(appeal: &Appeal, lang: Lang, icons: &Icons) -> ServiceItem {
    ServiceItem {
        id: appeal.id.as_str().into(),
        name: appeal.name.get(lang).into(),
        summary: tile_summary(appeal.summary.get(lang)),
        icon: icons.appeal(&appeal.id),
    }
}

/// Whether `service` is what a search for `query` looks for: its name in any language, or
/// its summary in the one on screen, in either script.
fn found(service: &Service, lang: Lang, query: &str) -> bool {
    let mut texts: Vec<&str> = Lang::ALL
        .iter()
        .map(|&lang| service.name.get(lang))
        .collect();
    texts.push(service.summary.get(lang));
    search::matches(query, &texts)
}

/// The catalogue by category, only the services a search for `query` finds (all for an
/// empty one), categories left without services left out.
pub fn categories(
    catalogue: &Catalogue,
    lang: Lang,
    query: &str,
    icons: &Icons,
) -> Vec<CategoryItem> {
    catalogue
        .categories
        .iter()
        .filter_map(|category| {
            let services: Vec<_> = catalogue
                .services_in(&category.id)
                .filter(|service| found(service, lang, query))
                .map(|service| service_item(service, lang, icons))
                .collect();
            (!services.is_empty()).then(|| CategoryItem {
                id: category.id.as_str().into(),
                name: category.name.get(lang).into(),
                icon: icons.category(&category.id),
                services: model(services),
            })
        })
        .collect()
}

pub fn appeals(catalogue: &Catalogue, lang: Lang, icons: &Icons) -> Vec<ServiceItem> {
    catalogue
        .appeals
        .iter()
        .map(|appeal| appeal_item(appeal, lang, icons))
        .collect()
}

/// So'm with a space between thousands: 34 000.
pub fn money(amount: u64) -> String {
    let digits = amount.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push('\u{00A0}');
        }
        grouped.push(digit);
    }
    grouped
}

pub fn service_detail(
    catalogue: &Catalogue,
    service: &Service,
    lang: Lang,
    tr: &Translations,
) -> ServiceDetail {
    let quote = catalogue.fee_policy.quote(service.fee);
    let fee_lines: Vec<SharedString> = if quote.at_office_uzs == 0 {
        vec![tr.text(lang, "fee-free").into()]
    } else {
        [
            ("fee-at-office", quote.at_office_uzs),
            ("fee-via-portal", quote.via_portal_uzs),
            ("fee-disability", quote.via_portal_with_disability_uzs),
        ]
        .into_iter()
        .map(|(id, amount)| tr.with(lang, id, &[("amount", &money(amount))]).into())
        .collect()
    };
    let term = match service.term_days {
        0 => tr.text(lang, "term-same-day"),
        days => tr.count(lang, "term-days", i64::from(days)),
    };
    let kind = match service.kind {
        ServiceKind::Informational => "kind-informational",
        ServiceKind::Interactive => "kind-interactive",
        ServiceKind::Transactional => "kind-transactional",
    };
    ServiceDetail {
        id: service.id.as_str().into(),
        name: service.name.get(lang).into(),
        summary: service.summary.get(lang).into(),
        kind: tr.text(lang, kind).into(),
        agency: service.agency.get(lang).into(),
        address: service.location.address.get(lang).into(),
        hours: service.location.hours.get(lang).into(),
        fee_lines: model(fee_lines),
        term: term.into(),
        documents: model(
            service
                .documents
                .iter()
                .map(|document| SharedString::from(document.get(lang)))
                .collect(),
        ),
        next_steps: service.next_steps.get(lang).into(),
        submittable: service.kind != ServiceKind::Informational,
    }
}

/// The keyboard layer a field brings up: a digit pad with only what the field accepts for
/// numbers, capitals and digits for document numbers, the language's own letters for text;
/// none for a field that is tapped (a choice, a tick box) or picked (a date).
pub fn keyboard_for(kind: &FieldKind, lang: Lang) -> &'static str {
    match kind {
        FieldKind::Pinfl => "numbers",
        FieldKind::Phone => "phone",
        FieldKind::Passport => "code",
        FieldKind::Text { .. } | FieldKind::LongText { .. } => letter_layout(lang),
        FieldKind::Date { .. } | FieldKind::Choice { .. } | FieldKind::Consent => "",
    }
}

/// Whether the next letter typed after `typed` in `field` is a capital: the first letter of
/// a text, of a sentence, and in a name field (a key that is or ends in `name`) of every
/// part of the name ("Abdulla Oʻgʻli-Karimov").
pub fn capital_next(field: &Field, typed: &str) -> bool {
    if !matches!(
        field.kind,
        FieldKind::Text { .. } | FieldKind::LongText { .. }
    ) {
        return false;
    }
    let name = field.key == "name" || field.key.ends_with("_name");
    let before = typed.trim_end_matches(' ');
    match before.chars().last() {
        None => true,
        Some('.' | '!' | '?') => before.len() < typed.len(),
        Some(_) if name => typed.ends_with([' ', '-']),
        Some(_) => false,
    }
}

/// The letter layout of a language's keyboard.
pub fn letter_layout(lang: Lang) -> &'static str {
    lang.tag()
}

fn hint(field: &Field, lang: Lang, tr: &Translations) -> String {
    if let Some(hint) = &field.hint {
        return hint.get(lang).to_owned();
    }
    match field.kind {
        FieldKind::Pinfl => tr.text(lang, "hint-pinfl"),
        FieldKind::Passport => tr.text(lang, "hint-passport"),
        FieldKind::Phone => tr.text(lang, "hint-phone"),
        FieldKind::Date { .. } => tr.text(lang, "hint-date"),
        _ => String::new(),
    }
}

/// The translated message for one field error.
pub fn error_text(error: &FieldError, lang: Lang, tr: &Translations) -> String {
    let id = format!("error-{}", error.code());
    match error {
        FieldError::TooShort { min } => tr.with(lang, &id, &[("min", &min.to_string())]),
        FieldError::TooLong { max } => tr.with(lang, &id, &[("max", &max.to_string())]),
        _ => tr.text(lang, &id),
    }
}

/// What a date field's picker shows: the date chosen, or `today` until one is.
fn date_parts(value: Option<&str>, today: Date, lang: Lang, tr: &Translations) -> DateParts {
    let chosen = value.and_then(form::parse_date);
    let date = chosen.unwrap_or(today);
    DateParts {
        day: date.day().to_string().into(),
        month: tr
            .text(lang, &format!("month-{}", u8::from(date.month())))
            .into(),
        year: date.year().to_string().into(),
        chosen: chosen.is_some(),
    }
}

/// The rows of a form, with what was typed and the errors of the last check; date pickers
/// start at `today`.
pub fn form_rows(
    form: &[Field],
    values: &Values,
    errors: &FormErrors,
    today: Date,
    lang: Lang,
    tr: &Translations,
) -> Vec<FormField> {
    form.iter()
        .map(|field| {
            let options = match &field.kind {
                FieldKind::Choice { options } => options
                    .iter()
                    .map(|option| ChoiceItem {
                        value: option.value.as_str().into(),
                        label: option.label.get(lang).into(),
                    })
                    .collect(),
                _ => Vec::new(),
            };
            FormField {
                key: field.key.as_str().into(),
                label: field.label.get(lang).into(),
                hint: hint(field, lang, tr).into(),
                kind: field.kind.type_name().into(),
                required: field.required,
                value: values
                    .get(&field.key)
                    .map(String::as_str)
                    .unwrap_or("")
                    .into(),
                error: errors
                    .for_field(&field.key)
                    .first()
                    .map(|error| error_text(error, lang, tr))
                    .unwrap_or_default()
                    .into(),
                options: model(options),
                keyboard: keyboard_for(&field.kind, lang).into(),
                date: match field.kind {
                    FieldKind::Date { .. } => {
                        date_parts(values.get(&field.key).map(String::as_str), today, lang, tr)
                    }
                    _ => DateParts::default(),
                },
            }
        })
        .collect()
}

/// The accepted values as the resident reads them back before sending.
pub fn review_lines(
    form: &[Field],
    accepted: &Values,
    lang: Lang,
    tr: &Translations,
) -> Vec<ReviewLine> {
    form.iter()
        .map(|field| {
            let value = accepted.get(&field.key);
            let shown = match (&field.kind, value) {
                (FieldKind::Consent, None) => tr.text(lang, "review-consent-not-given"),
                (FieldKind::Consent, Some(_)) => tr.text(lang, "review-consent-given"),
                (_, None) => tr.text(lang, "review-empty"),
                (FieldKind::Choice { options }, Some(value)) => options
                    .iter()
                    .find(|option| &option.value == value)
                    .map(|option| option.label.get(lang).to_owned())
                    .unwrap_or_else(|| value.clone()),
                (FieldKind::Date { .. }, Some(value)) => form::parse_date(value)
                    .map(form::local_date)
                    .unwrap_or_else(|| value.clone()),
                (FieldKind::Phone, Some(value)) => PhoneNumber::parse(value)
                    .map(|phone| phone.display())
                    .unwrap_or_else(|_| value.clone()),
                (_, Some(value)) => value.clone(),
            };
            let personal = matches!(
                field.kind,
                FieldKind::Pinfl | FieldKind::Passport | FieldKind::Phone
            );
            ReviewLine {
                label: field.label.get(lang).into(),
                masked: if personal && value.is_some() {
                    masked(&shown).into()
                } else {
                    SharedString::new()
                },
                value: shown.into(),
            }
        })
        .collect()
}

/// A personal value as the review shows it to whoever stands behind: every letter and digit
/// but the last four hidden, separators kept.
pub fn masked(value: &str) -> String {
    let visible_from = value
        .chars()
        .filter(|c| c.is_alphanumeric())
        .count()
        .saturating_sub(4);
    let mut seen = 0;
    value
        .chars()
        .map(|c| {
            if !c.is_alphanumeric() {
                return c;
            }
            seen += 1;
            if seen > visible_from { c } else { '•' }
        })
        .collect()
}

/// The message telling a resident why the receipt did not print, for a printer error code.
pub fn print_problem(code: &str) -> &'static str {
    match code {
        "printer-paper-end" => "printer-paper-end",
        "printer-cover-open" => "printer-cover-open",
        "printer-offline" | "printer-timeout" | "printer-port-open" | "printer-port" => {
            "printer-offline"
        }
        _ => "printer-error",
    }
}

/// The title of a form: the service or appeal name.
pub fn form_title(target: &Submittable<'_>, lang: Lang) -> String {
    target.name().get(lang).to_owned()
}

/// The name of the service or appeal `target_id`, or the id itself if the catalogue no
/// longer has it.
pub fn target_name(catalogue: &Catalogue, target_id: &str, lang: Lang) -> String {
    catalogue.submittable(target_id).map_or_else(
        || target_id.to_owned(),
        |target| target.name().get(lang).to_owned(),
    )
}

/// The message id of an outbox state.
pub fn state_id(state: OutboxState) -> &'static str {
    match state {
        OutboxState::Queued => "state-queued",
        OutboxState::Sending => "state-sending",
        OutboxState::Delivered => "state-delivered",
        OutboxState::Quarantined => "state-quarantined",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(0), "0");
        assert_eq!(money(999), "999");
        assert_eq!(money(34_000), "34\u{a0}000");
        assert_eq!(money(1_234_567), "1\u{a0}234\u{a0}567");
    }

    #[test]
    fn each_field_kind_brings_up_a_fitting_keyboard() {
        assert_eq!(keyboard_for(&FieldKind::Pinfl, Lang::Ru), "numbers");
        assert_eq!(keyboard_for(&FieldKind::Phone, Lang::UzLatn), "phone");
        assert_eq!(keyboard_for(&FieldKind::Passport, Lang::UzCyrl), "code");
        let text = FieldKind::Text {
            min_len: 0,
            max_len: 10,
        };
        assert_eq!(keyboard_for(&text, Lang::UzCyrl), "uz-Cyrl");
        assert_eq!(keyboard_for(&text, Lang::Kaa), "kaa");
        let date = FieldKind::Date {
            range: Default::default(),
        };
        assert_eq!(keyboard_for(&date, Lang::Ru), "", "a date is picked");
    }

    fn field(key: &str, kind: FieldKind) -> Field {
        let form = mahalla_protocol::bundled::catalogue()
            .expect("catalogue")
            .submittable("doctor-appointment")
            .expect("service")
            .form()
            .to_vec();
        let mut field = form.into_iter().next().expect("a field");
        field.key = key.to_owned();
        field.kind = kind;
        field
    }

    #[test]
    fn names_start_each_part_with_a_capital_other_texts_each_sentence() {
        let text = FieldKind::Text {
            min_len: 0,
            max_len: 100,
        };
        let name = field("full_name", text.clone());
        assert!(capital_next(&name, ""));
        assert!(!capital_next(&name, "A"));
        assert!(capital_next(&name, "Abdulla "));
        assert!(capital_next(&name, "Oʻgʻiloy Karimova-"));
        let subject = field("subject", text);
        assert!(capital_next(&subject, ""));
        assert!(!capital_next(&subject, "Suv "));
        assert!(capital_next(&subject, "Suv yoʻq. "));
        assert!(!capital_next(&subject, "Suv yoʻq."));
        assert!(!capital_next(&field("pinfl", FieldKind::Pinfl), ""));
    }

    #[test]
    fn a_date_is_read_back_as_it_was_picked() {
        let tr = Translations::load().expect("translations");
        let form = [field(
            "visit_date",
            FieldKind::Date {
                range: Default::default(),
            },
        )];
        let mut values = Values::new();
        values.insert("visit_date".to_owned(), "2026-12-13".to_owned());
        let lines = review_lines(&form, &values, Lang::Ru, &tr);
        assert_eq!(lines[0].value, "13.12.2026");
        let today = time::macros::date!(2026 - 03 - 08);
        let rows = form_rows(&form, &values, &FormErrors::default(), today, Lang::Ru, &tr);
        assert!(rows[0].date.chosen);
        assert_eq!(rows[0].date.month, tr.text(Lang::Ru, "month-12"));
        let rows = form_rows(
            &form,
            &Values::new(),
            &FormErrors::default(),
            today,
            Lang::En,
            &tr,
        );
        assert!(!rows[0].date.chosen, "nothing chosen yet: today, muted");
        assert_eq!(
            (rows[0].date.day.as_str(), rows[0].date.month.as_str()),
            ("8", "March")
        );
    }

    #[test]
    fn every_error_code_of_the_catalogue_forms_has_a_message_in_every_language() {
        use mahalla_protocol::passport::PassportError;
        use mahalla_protocol::phone::PhoneError;
        use mahalla_protocol::pinfl::PinflError;
        let tr = Translations::load().expect("translations");
        let mut errors = vec![
            FieldError::Required,
            FieldError::TooShort { min: 3 },
            FieldError::TooLong { max: 9 },
            FieldError::DateFormat,
            FieldError::DateInFuture,
            FieldError::DateInPast,
            FieldError::NotAnOption,
            FieldError::UnknownField,
            FieldError::ControlCharacter,
            FieldError::DirectionControl,
        ];
        errors.extend(
            [
                PinflError::Empty,
                PinflError::NotDigits,
                PinflError::Length,
                PinflError::Century,
                PinflError::BirthDate,
                PinflError::CheckDigit,
            ]
            .map(|reason| FieldError::Pinfl { reason }),
        );
        errors.extend(
            [
                PassportError::Empty,
                PassportError::Length,
                PassportError::Series,
                PassportError::Number,
            ]
            .map(|reason| FieldError::Passport { reason }),
        );
        errors.extend(
            [
                PhoneError::Empty,
                PhoneError::InvalidCharacter,
                PhoneError::CountryCode,
                PhoneError::Length,
            ]
            .map(|reason| FieldError::Phone { reason }),
        );
        for lang in Lang::ALL {
            for error in &errors {
                let text = error_text(error, lang, &tr);
                assert!(!text.is_empty(), "{lang}: no message for {}", error.code());
                assert!(!text.contains("{"), "{lang}: unfilled argument in {text}");
            }
        }
        assert!(error_text(&FieldError::TooShort { min: 3 }, Lang::En, &tr).contains('3'));
    }

    #[test]
    fn a_tile_shows_a_long_summary_cut_at_a_word() {
        assert_eq!(tile_summary("Short."), "Short.");
        let long = "Word ".repeat(30);
        let shown = tile_summary(&long);
        assert!(shown.ends_with("Word…"), "{shown}");
        assert!(shown.chars().count() <= TILE_SUMMARY_CHARS + 1);
    }

    #[test]
    fn personal_values_keep_only_their_last_four_signs() {
        assert_eq!(masked("31508901234567"), "••••••••••4567");
        assert_eq!(masked("AB1234567"), "•••••4567");
        assert_eq!(masked("+998 90 123 45 67"), "+••• •• ••• 45 67");
    }
}
