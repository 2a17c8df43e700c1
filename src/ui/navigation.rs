//! Where the person at the terminal is: the language, the page, and the way back.

use mahalla_protocol::lang::Lang;

use super::Page;

pub struct Navigation {
    pub lang: Lang,
    pub page: Page,
    /// Pages to return to with "back", newest last.
    pub history: Vec<Page>,
}

impl Navigation {
    /// At `page` in `lang`, with no way back.
    pub fn at(lang: Lang, page: Page) -> Navigation {
        Navigation {
            lang,
            page,
            history: Vec::new(),
        }
    }

    /// Opens `page`, remembering the current one for "back".
    pub fn go(&mut self, page: Page) {
        if self.page != page {
            self.history.push(self.page);
            self.page = page;
        }
    }

    pub fn back(&mut self) {
        self.page = self.history.pop().unwrap_or(Page::Start);
    }

    /// Goes to `page` and forgets the way back.
    pub fn restart_at(&mut self, page: Page) {
        self.history.clear();
        self.page = page;
    }

    /// Whether anything typed would be lost, or a staff member left signed in, by wiping.
    /// The technician's wizard is not a visit: it keeps its place.
    pub fn is_idle_worthy(&self) -> bool {
        self.page != Page::Start && self.page != Page::Wizard
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_retraces_the_way_and_ends_at_the_start() {
        let mut session = Navigation::at(Lang::UzLatn, Page::Start);
        session.go(Page::Home);
        session.go(Page::Services);
        session.go(Page::Service);
        session.back();
        assert_eq!(session.page, Page::Services);
        session.back();
        session.back();
        assert_eq!(session.page, Page::Start);
        session.back();
        assert_eq!(session.page, Page::Start);
    }

    #[test]
    fn opening_the_same_page_twice_needs_one_back() {
        let mut session = Navigation::at(Lang::Ru, Page::Start);
        session.go(Page::Home);
        session.go(Page::Form);
        session.go(Page::Form);
        session.back();
        assert_eq!(session.page, Page::Home);
    }
}
