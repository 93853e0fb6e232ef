//! The claims table as Arrow record batches: the columns of `isnad claims --format
//! parquet`, built in one place so that the binary's export, the Python package's
//! Arrow entry and the Spark job write exactly the same schema.
//!
//! Offsets are integers, values doubles (null when the bound is open), the frame's marks
//! booleans, everything else UTF-8. Only quantity claims are rows; dates are not claims.

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use isnad_model::Quantity;
use std::sync::Arc;

/// The text columns, in order, after `start`, `end`, `min`, `max`; the last four are
/// the claim's frame (what the ledger groups by).
pub const TEXT_COLUMNS: [&str; 19] = [
    "doc",
    "title",
    "outlet",
    "url",
    "published",
    "text",
    "qualifier",
    "kind",
    "counted",
    "unit",
    "speaker",
    "speaker_id",
    "cue",
    "stance",
    "source",
    "class",
    "action",
    "place",
    "event_date",
];

/// The frame's marks, after the text columns: never null (a mark is there or not).
pub const FLAG_COLUMNS: [&str; 5] = ["toll", "rate", "with_families", "cumulative", "projection"];

/// The schema of a claims batch.
pub fn schema() -> Arc<Schema> {
    let mut fields = vec![
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("min", DataType::Float64, true),
        Field::new("max", DataType::Float64, true),
    ];
    for t in TEXT_COLUMNS {
        let required = matches!(t, "doc" | "text" | "qualifier" | "kind" | "stance");
        fields.push(Field::new(t, DataType::Utf8, !required));
    }
    for f in FLAG_COLUMNS {
        fields.push(Field::new(f, DataType::Boolean, false));
    }
    Arc::new(Schema::new(fields))
}

/// What a claims row says about the document it comes from.
#[derive(Debug, Clone, Copy, Default)]
pub struct DocCols<'a> {
    pub doc: &'a str,
    pub title: Option<&'a str>,
    pub outlet: Option<&'a str>,
    pub url: Option<&'a str>,
    pub published: Option<&'a str>,
}

/// Accumulates claims rows; [`ClaimsBuilder::finish`] turns them into a batch and starts over.
pub struct ClaimsBuilder {
    schema: Arc<Schema>,
    start: Int64Builder,
    end: Int64Builder,
    min: Float64Builder,
    max: Float64Builder,
    text: Vec<StringBuilder>,
    flags: Vec<BooleanBuilder>,
    rows: usize,
}

impl Default for ClaimsBuilder {
    fn default() -> Self {
        ClaimsBuilder::new()
    }
}

impl ClaimsBuilder {
    pub fn new() -> ClaimsBuilder {
        ClaimsBuilder {
            schema: schema(),
            start: Int64Builder::new(),
            end: Int64Builder::new(),
            min: Float64Builder::new(),
            max: Float64Builder::new(),
            text: TEXT_COLUMNS.iter().map(|_| StringBuilder::new()).collect(),
            flags: FLAG_COLUMNS.iter().map(|_| BooleanBuilder::new()).collect(),
            rows: 0,
        }
    }

    pub fn schema(&self) -> &Arc<Schema> {
        &self.schema
    }

    /// Rows pushed since the last batch.
    pub fn len(&self) -> usize {
        self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows == 0
    }

    pub fn push(&mut self, d: DocCols<'_>, q: &Quantity) {
        self.start.append_value(q.start as i64);
        self.end.append_value(q.end as i64);
        self.min.append_option(q.min);
        self.max.append_option(q.max);
        let f = &q.frame;
        let vals: [Option<&str>; 19] = [
            Some(d.doc),
            d.title,
            d.outlet,
            d.url,
            d.published,
            Some(&q.text),
            Some(q.qualifier.as_str()),
            Some(q.kind.as_str()),
            q.counted.as_deref(),
            q.unit.as_deref(),
            q.speaker.as_ref().map(|s| s.text.as_str()),
            q.speaker.as_ref().and_then(|s| s.id.as_deref()),
            q.cue.as_deref(),
            Some(q.stance.as_str()),
            q.source.as_ref().map(|s| s.text.as_str()),
            f.class.as_deref(),
            f.action.as_deref(),
            f.place.as_deref(),
            f.event_date.as_deref(),
        ];
        for (b, v) in self.text.iter_mut().zip(vals) {
            b.append_option(v);
        }
        for (b, v) in self.flags.iter_mut().zip([f.toll, f.rate, f.with_families, f.cumulative, q.projection]) {
            b.append_value(v);
        }
        self.rows += 1;
    }

    /// The rows pushed so far as one batch (possibly empty); the builder is then empty.
    pub fn finish(&mut self) -> Result<RecordBatch, ArrowError> {
        let mut cols: Vec<ArrayRef> = vec![
            Arc::new(self.start.finish()),
            Arc::new(self.end.finish()),
            Arc::new(self.min.finish()),
            Arc::new(self.max.finish()),
        ];
        cols.extend(self.text.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        cols.extend(self.flags.iter_mut().map(|b| Arc::new(b.finish()) as ArrayRef));
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), cols)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, BooleanArray, Float64Array, StringArray};
    use isnad_model::{Kind, Party, Qualifier};

    #[test]
    fn a_row_per_claim_with_open_bounds_null() {
        let mut q = Quantity::bare(4, 9, "نحو 300");
        q.min = Some(300.0);
        q.qualifier = Qualifier::AtLeast;
        q.kind = Kind::People;
        q.speaker = Some(Party { text: "المرصد".into(), start: 0, end: 3, id: Some("sohr".into()) });
        let mut b = ClaimsBuilder::new();
        b.push(DocCols { doc: "a.txt", published: Some("2017-10-12"), ..Default::default() }, &q);
        b.push(DocCols { doc: "b.txt", ..Default::default() }, &Quantity::bare(0, 1, "5"));
        assert_eq!(b.len(), 2);
        let batch = b.finish().unwrap();
        assert!(b.is_empty());
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(batch.schema().fields().len(), 4 + TEXT_COLUMNS.len() + FLAG_COLUMNS.len());
        let col = |n: &str| batch.column_by_name(n).unwrap().clone();
        let max = col("max");
        let max = max.as_any().downcast_ref::<Float64Array>().unwrap();
        assert!(max.is_null(0));
        let sid = col("speaker_id");
        let sid = sid.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(sid.value(0), "sohr");
        assert!(sid.is_null(1));
        let kind = col("kind");
        assert_eq!(kind.as_any().downcast_ref::<StringArray>().unwrap().value(0), "people");
    }

    #[test]
    fn the_frame_is_in_its_columns() {
        let mut q = Quantity::bare(0, 9, "نحو 300");
        q.frame.class = Some("fighters".into());
        q.frame.action = Some("left".into());
        q.frame.place = Some("raqqa".into());
        q.frame.event_date = Some("2017-10-14".into());
        q.frame.cumulative = true;
        q.projection = true;
        let mut b = ClaimsBuilder::new();
        b.push(DocCols { doc: "a.txt", ..Default::default() }, &q);
        b.push(DocCols { doc: "b.txt", ..Default::default() }, &Quantity::bare(0, 1, "5"));
        let batch = b.finish().unwrap();
        let text = |n: &str, row: usize| {
            let c = batch.column_by_name(n).unwrap().clone();
            let s = c.as_any().downcast_ref::<StringArray>().unwrap();
            (!s.is_null(row)).then(|| s.value(row).to_string())
        };
        let flag = |n: &str, row: usize| {
            let c = batch.column_by_name(n).unwrap().clone();
            c.as_any().downcast_ref::<BooleanArray>().unwrap().value(row)
        };
        assert_eq!(
            (text("class", 0), text("action", 0), text("place", 0), text("event_date", 0)),
            (Some("fighters".into()), Some("left".into()), Some("raqqa".into()), Some("2017-10-14".into()))
        );
        assert_eq!(text("class", 1), None);
        assert!(flag("cumulative", 0) && flag("projection", 0) && !flag("toll", 0) && !flag("rate", 0));
        assert!(!flag("cumulative", 1) && !flag("projection", 1));
    }
}
