//! The records isnad emits, shaped exactly as `shared/spec/claims.md` §2–§5 define them.
//!
//! Every offset is a byte offset into the untouched original text of a document.
//! Field names are a contract read by other tools: add fields, never rename them.

use serde::{Deserialize, Serialize, Serializer};

mod day;
pub use day::{days, ymd, DaySpan, Ymd};

/// How the text bounds a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Qualifier {
    Exact,
    Approx,
    AtLeast,
    AtMost,
    Range,
    Vague,
}

impl Qualifier {
    pub fn as_str(self) -> &'static str {
        match self {
            Qualifier::Exact => "exact",
            Qualifier::Approx => "approx",
            Qualifier::AtLeast => "at_least",
            Qualifier::AtMost => "at_most",
            Qualifier::Range => "range",
            Qualifier::Vague => "vague",
        }
    }

    pub fn parse(s: &str) -> Option<Qualifier> {
        Some(match s {
            "exact" => Qualifier::Exact,
            "approx" => Qualifier::Approx,
            "at_least" => Qualifier::AtLeast,
            "at_most" => Qualifier::AtMost,
            "range" => Qualifier::Range,
            "vague" => Qualifier::Vague,
            _ => return None,
        })
    }
}

/// What sort of thing a quantity measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    People,
    Vehicles,
    Money,
    Distance,
    Duration,
    Percent,
    Weight,
    Other,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::People => "people",
            Kind::Vehicles => "vehicles",
            Kind::Money => "money",
            Kind::Distance => "distance",
            Kind::Duration => "duration",
            Kind::Percent => "percent",
            Kind::Weight => "weight",
            Kind::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "people" => Kind::People,
            "vehicles" => Kind::Vehicles,
            "money" => Kind::Money,
            "distance" => Kind::Distance,
            "duration" => Kind::Duration,
            "percent" => Kind::Percent,
            "weight" => Kind::Weight,
            "other" => Kind::Other,
            _ => return None,
        })
    }
}

/// Whether the speaker puts the figure forward or denies it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stance {
    #[default]
    Assert,
    Deny,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
        }
    }
}

/// A party named in the text (a speaker or a relaying outlet), with its span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Party {
    pub text: String,
    pub start: usize,
    pub end: usize,
    /// Canonical entity id after alias resolution, when one is known.
    pub id: Option<String>,
}

/// One quantity claim (spec §2).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(serialize_with = "number_or_null")]
    pub min: Option<f64>,
    #[serde(serialize_with = "number_or_null")]
    pub max: Option<f64>,
    pub qualifier: Qualifier,
    pub kind: Kind,
    pub counted: Option<String>,
    pub unit: Option<String>,
    pub speaker: Option<Party>,
    pub cue: Option<String>,
    pub stance: Stance,
    /// The relaying party, outward from the speaker (e.g. the outlet quoting a driver).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Party>,
    /// What the figure may reach, not what it is (`قد يصل إلى 60`, `is expected to
    /// reach`): a projection. Omitted when false.
    #[serde(default, skip_serializing_if = "is_false")]
    pub projection: bool,
    /// What the claim is about (class, action, place, event date, marks): read by the
    /// frame stage after attribution, so the ledger never re-reads the text.
    #[serde(flatten)]
    pub frame: Frame,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a quantity claim measures, as the words around it say: the fields the ledger
/// groups by. Every field is optional and omitted from JSON when unknown.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Frame {
    /// Counted class after modifiers: `fighters`, `people`, `children`, `family_members`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class: Option<String>,
    /// The word the class was read from, as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub class_word: Option<String>,
    /// What happened to what is counted: `killed`, `wounded`, `missing`, `left`, ...
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action_word: Option<String>,
    /// A casualty toll: who the victims were does not split the figure.
    #[serde(default, skip_serializing_if = "is_false")]
    pub toll: bool,
    /// The place the claim's sentence names (folded key) and as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place_text: Option<String>,
    /// The event date the claim's sentence gives (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// A rate or per-unit count (`$600 per person`, `112 in my truck alone`): never a total.
    #[serde(default, skip_serializing_if = "is_false")]
    pub rate: bool,
    /// "with their families" followed the count: it counts everyone.
    #[serde(default, skip_serializing_if = "is_false")]
    pub with_families: bool,
    /// A running total since a war or campaign began (`منذ بداية الحرب`), not one event's toll.
    #[serde(default, skip_serializing_if = "is_false")]
    pub cumulative: bool,
    /// A family count completing the fighters count that starts at this offset
    /// (`250 fighters with 3,500 family members`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub completes: Option<usize>,
    /// Byte span of the sentence (or a window of it) the claim stands in; two plain
    /// numbers, so that every reader (JSON, CSV, Python dicts) sees the same shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_start: Option<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence_end: Option<usize>,
}

impl Frame {
    /// The sentence's span, when both ends are known.
    pub fn sentence(&self) -> Option<(usize, usize)> {
        Some((self.sentence_start?, self.sentence_end?))
    }
}

/// A claim's frame with the claim's own marks beside it, as one JSON object: what a
/// store keeps in its one frame column, so that a mark added to the record needs no
/// new column (and reads as unset from rows written before it).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct StoredFrame<F = Frame> {
    #[serde(flatten)]
    pub frame: F,
    #[serde(default, skip_serializing_if = "is_false")]
    pub projection: bool,
}

impl Quantity {
    /// The claim's [`StoredFrame`], to serialise.
    pub fn stored_frame(&self) -> StoredFrame<&Frame> {
        StoredFrame { frame: &self.frame, projection: self.projection }
    }

    /// An exact quantity at a span with nothing else known yet: what attribution tests,
    /// tools and benches start from before filling the fields they care about.
    pub fn bare(start: usize, end: usize, text: impl Into<String>) -> Quantity {
        Quantity {
            start,
            end,
            text: text.into(),
            min: None,
            max: None,
            qualifier: Qualifier::Exact,
            kind: Kind::Other,
            counted: None,
            unit: None,
            speaker: None,
            cue: None,
            stance: Stance::Assert,
            source: None,
            projection: false,
            frame: Frame::default(),
        }
    }
}

/// One date mention (spec §4). `date` is `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; it is
/// null when the text leaves the year implicit and nothing resolves it, in which
/// case `month` and `day` still say what the text gives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u8>,
}

/// A record of either type, as it appears on one JSON line (without `doc`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
// Records travel in vectors, one per claim or date; boxing the larger variant would cost
// an allocation per claim for no gain in memory (dates are the minority).
#[allow(clippy::large_enum_variant)]
pub enum Record {
    Quantity(Quantity),
    Date(DateMention),
}

impl Record {
    pub fn start(&self) -> usize {
        match self {
            Record::Quantity(q) => q.start,
            Record::Date(d) => d.start,
        }
    }
    pub fn end(&self) -> usize {
        match self {
            Record::Quantity(q) => q.end,
            Record::Date(d) => d.end,
        }
    }
}

/// One JSON line of `isnad extract --jsonl`: the document, then the record's fields.
#[derive(Debug, Clone, Serialize)]
pub struct DocRecord<'a> {
    pub doc: &'a str,
    #[serde(flatten)]
    pub record: &'a Record,
}

/// Integral values print as JSON integers (4000, not 4000.0): other tools compare them as text.
fn number_or_null<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        None => s.serialize_none(),
        Some(x) if x.fract() == 0.0 && x.abs() < 9.0e15 => s.serialize_i64(*x as i64),
        Some(x) => s.serialize_f64(*x),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_line_has_the_contract_fields_in_order() {
        let q = Record::Quantity(Quantity {
            start: 3,
            end: 10,
            text: "نحو".into(),
            min: Some(4000.0),
            max: Some(2.5),
            qualifier: Qualifier::AtLeast,
            kind: Kind::People,
            counted: Some("شخص".into()),
            unit: None,
            speaker: None,
            cue: None,
            stance: Stance::Assert,
            source: None,
            projection: false,
            frame: Frame::default(),
        });
        let line = serde_json::to_string(&DocRecord { doc: "a.txt", record: &q }).unwrap();
        assert_eq!(
            line,
            r#"{"doc":"a.txt","type":"quantity","start":3,"end":10,"text":"نحو","min":4000,"max":2.5,"qualifier":"at_least","kind":"people","counted":"شخص","unit":null,"speaker":null,"cue":null,"stance":"assert"}"#
        );
    }

    #[test]
    fn projection_is_written_only_when_set_and_kept_in_the_stored_frame() {
        let mut q = Quantity::bare(0, 3, "60");
        let line = |q: &Quantity| serde_json::to_string(&Record::Quantity(q.clone())).unwrap();
        assert!(!line(&q).contains("projection"));
        q.projection = true;
        q.frame.class = Some("people".into());
        assert!(line(&q).ends_with(r#""stance":"assert","projection":true,"class":"people"}"#), "{}", line(&q));
        let stored = serde_json::to_string(&q.stored_frame()).unwrap();
        assert_eq!(stored, r#"{"class":"people","projection":true}"#);
        let back: StoredFrame = serde_json::from_str(&stored).unwrap();
        assert!(back.projection && back.frame == q.frame);
        // a frame stored before the mark existed reads as no projection
        let old: StoredFrame = serde_json::from_str(r#"{"class":"people"}"#).unwrap();
        assert!(!old.projection);
    }

    #[test]
    fn date_line_omits_partial_fields_when_resolved() {
        let d = Record::Date(DateMention {
            start: 0,
            end: 4,
            text: "x".into(),
            date: Some("2017-10-12".into()),
            month: None,
            day: None,
        });
        let line = serde_json::to_string(&DocRecord { doc: "d", record: &d }).unwrap();
        assert_eq!(line, r#"{"doc":"d","type":"date","start":0,"end":4,"text":"x","date":"2017-10-12"}"#);
    }
}

/// What event clustering reads of a document, computed once at ingest: its day, the
/// days it names, its places, its speakers and its vocabulary.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DocProfile {
    /// Days since 1970-01-01 of the document's own date: its publication date, else
    /// the latest full date it gives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<i64>,
    /// The day came from the text, not from metadata.
    #[serde(default, skip_serializing_if = "is_false")]
    pub day_inferred: bool,
    /// Day spans of the dates the text names (`[lo, hi]`; a month is its days).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub named_days: Vec<(i64, i64)>,
    /// Places it names (gazetteer id or folded name) with how often, most often first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub places: Vec<(String, u32)>,
    /// Entity ids of the parties it quotes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<String>,
    /// Its most frequent content terms (search keys) with their counts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub terms: Vec<(String, u32)>,
}
