//! The claims table as Arrow record batches: the columns of `isnad claims --format
//! parquet`, built in one place so that the binary's export, the Python package's
//! Arrow entry and the Spark job write exactly the same schema.
//!
//! Offsets are integers, values doubles (null when the bound is open), everything else
//! UTF-8. Only quantity claims are rows; dates are not claims.

use arrow_array::builder::{Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema};
use isnad_model::Quantity;
use std::sync::Arc;

/// The text columns, in order, after `start`, `end`, `min`, `max`.
pub const TEXT_COLUMNS: [&str; 15] = [
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
];

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
        let vals: [Option<&str>; 15] = [
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
        ];
        for (b, v) in self.text.iter_mut().zip(vals) {
            b.append_option(v);
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
        self.rows = 0;
        RecordBatch::try_new(self.schema.clone(), cols)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::{Array, Float64Array, StringArray};
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
        assert_eq!(batch.schema().fields().len(), 19);
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
}
