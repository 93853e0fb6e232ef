//! The alias table (`data/aliases.tsv`) for other crates: an entity's display name by
//! id (the ledger shows names, not slugs), and every name of the entities a text
//! names (search expands `قسد` to `قوات سوريا الديمقراطية`). Read from the same
//! table attribution loads; nothing is copied.

use crate::lexicon::ALIASES;
use isnad_text::normalize_str;
use std::sync::OnceLock;

struct Table {
    /// `(id, name as written, name folded)` in table order; an id's first row is its display name.
    rows: Vec<(&'static str, &'static str, String)>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let rows = ALIASES
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| {
                let mut c = l.split('\t');
                let (id, _kind, name) = (c.next()?, c.next()?, c.next()?);
                (!id.is_empty() && !name.is_empty()).then(|| (id, name, normalize_str(name)))
            })
            .collect();
        Table { rows }
    })
}

/// The display name of an entity id (`sdf` → `قوات سوريا الديمقراطية`).
pub fn entity_name(id: &str) -> Option<&'static str> {
    table().rows.iter().find(|r| r.0 == id).map(|r| r.1)
}

/// Every name the table gives an entity id, display name first.
pub fn entity_names(id: &str) -> Vec<&'static str> {
    table().rows.iter().filter(|r| r.0 == id).map(|r| r.1).collect()
}

/// The other names of every entity that `text` names as a whole word sequence (folded,
/// so `قسد` and `"قسد"` both count), each once, in table order.
pub fn other_names(text: &str) -> Vec<&'static str> {
    let folded = normalize_str(text);
    let words: Vec<&str> = folded.split_whitespace().collect();
    let t = table();
    let mut ids: Vec<&str> = Vec::new();
    for (id, _, f) in &t.rows {
        let fw: Vec<&str> = f.split_whitespace().collect();
        if !fw.is_empty() && words.windows(fw.len()).any(|w| w == fw.as_slice()) && !ids.contains(id) {
            ids.push(id);
        }
    }
    let mut out: Vec<&'static str> = Vec::new();
    for id in ids {
        for (rid, name, f) in &t.rows {
            let fw: Vec<&str> = f.split_whitespace().collect();
            let named = words.windows(fw.len().max(1)).any(|w| w == fw.as_slice());
            if *rid == id && !named && !out.contains(name) {
                out.push(name);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_by_id_and_expansion() {
        assert_eq!(entity_name("sdf"), Some("قوات سوريا الديمقراطية"));
        assert!(entity_names("sdf").contains(&"قسد"));
        assert_eq!(entity_name("no-such-id"), None);
        let more = other_names("قسد");
        assert!(more.contains(&"قوات سوريا الديمقراطية"), "{more:?}");
        assert!(!more.contains(&"قسد"));
        assert!(other_names("كلمة عادية").is_empty());
    }
}
