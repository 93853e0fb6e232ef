//! The frame stage: what each quantity claim is about, read from the words around it
//! once, at extraction, so that the ledger groups by fields and never re-reads a text.
//!
//! For each claim it fills [`isnad_model::Frame`]: the counted class (after modifiers
//! such as "with their families" or "foreign"), the action (what happened to what is
//! counted), the place and event date its sentence names, and the marks that keep a
//! count out of a total (a rate, a running total since a war began) or join it to
//! another (the family count that completes a fighters count).
//!
//! Places are names after a settlement noun in the same document (`مدينة درنة`,
//! `بلدة خان شيخون`) or names of the shipped gazetteer (`data/places.tsv`: countries and
//! large cities, the places news names without a noun before them).

mod lexicon;
mod places;
mod read;

pub use lexicon::{lexicon, variants, Action, Lexicon, Modifier};
pub use places::{DocPlaces, PlaceHit};
pub use read::{annotate, implied_action, is_person_class, is_victim_class};

/// The name to show for a gazetteer place id (`derna` → `درنة`).
pub fn place_name(key: &str) -> Option<&'static str> {
    places::shown(key)
}

/// A country of the gazetteer (`syria`): it says less about which story a report tells
/// than a town does.
pub fn is_country(key: &str) -> bool {
    places::is_country(key)
}

/// The gazetteer id of a place by its folded Arabic name (`سوريا` → `syria`).
pub fn gazetteer_place(folded: &str) -> Option<&'static str> {
    places::gazetteer_id(folded)
}

/// The gazetteer id of a place written in English (`Raqqa` → `raqqa`).
pub fn place_by_english(name: &str) -> Option<&'static str> {
    places::by_english(name)
}
