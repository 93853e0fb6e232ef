//! The ledger in pieces, for engines that cut a dossier into blocks (Spark): every step
//! is the binary's own code, called on the documents of one block.
//!
//! * [`ledger_docs_arrow`]: files in, one row per document out, with what `isnad ingest`
//!   stores of it (claims as the store keeps them, their sentences, date mentions, the
//!   event profile, the content hash) in a JSON `payload`, plus the columns blocking needs.
//! * [`cluster_events`]: documents of one block clustered into events by
//!   `isnad_ledger::events::Clusterer`, in the order ingest assigns them (day, then input
//!   order), starting from term statistics the caller counted over the earlier documents.
//! * [`ledger_of_events`]: documents whose events are decided, made into the ledger
//!   `isnad report --json` writes (events, then figures inside them).

use std::collections::{BTreeMap, HashMap};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use arrow_array::builder::{Int64Builder, ListBuilder, StringBuilder};
use arrow_array::{Array, BinaryArray, LargeBinaryArray, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use isnad_arrow::{ClaimsBuilder, DocCols};
use isnad_extract::Options;
use isnad_ledger::events::{Clusterer, EventState};
use isnad_ledger::{Corpus, DocInput};
use isnad_model::{DateMention, DocProfile, Quantity, Record};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyTuple};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::{export_batch, extract_error, import_batch, pool, run_all, strs, ymd};

/// What the ledger needs of one document, as ingest stores it.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct LedgerDoc {
    key: String,
    /// The input file and the document's place in it: ingest's order among documents
    /// of the same day.
    file: String,
    pos: u64,
    hash: String,
    title: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    published: Option<String>,
    lang: Option<String>,
    claims: Vec<Quantity>,
    /// The sentence stored with each claim (`claims.context`).
    contexts: Vec<Option<String>>,
    dates: Vec<DateMention>,
    profile: DocProfile,
}

impl LedgerDoc {
    fn order(&self) -> (i64, &str, u64) {
        (self.profile.day.unwrap_or(i64::MAX), &self.file, self.pos)
    }
}

fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error (a bug: please report it with this document): {msg}")
    })
}

/// One document read, extracted and profiled as `isnad ingest` does it.
fn ledger_doc(file: &str, pos: u64, d: &isnad_ingest::Document) -> Result<LedgerDoc, String> {
    let opts = Options {
        published: d.published.as_deref().and_then(ymd).or_else(|| d.fetched.as_deref().and_then(ymd)),
        lang: d.lang.and_then(|l| isnad_extract::Lang::parse(l.as_str())),
    };
    let records = catch(|| isnad_store::finite_only(isnad_extract::extract(&d.text, &opts)))?;
    let profile = catch(|| isnad_store::profile::build(d.title.as_deref(), &d.text, d.published.as_deref(), &records))?;
    let mut claims = Vec::new();
    let mut contexts = Vec::new();
    let mut dates = Vec::new();
    for r in records {
        match r {
            Record::Quantity(q) => {
                contexts.push(q.frame.sentence().and_then(|(a, b)| d.text.get(a..b)).map(str::to_owned));
                claims.push(q);
            }
            Record::Date(m) => dates.push(m),
        }
    }
    Ok(LedgerDoc {
        key: d.key.clone(),
        file: file.to_owned(),
        pos,
        hash: isnad_store::content_hash(d),
        title: d.title.clone(),
        outlet: d.outlet.clone(),
        url: d.url.clone(),
        published: d.published.clone(),
        lang: d.lang.map(|l| l.as_str().to_owned()),
        claims,
        contexts,
        dates,
        profile,
    })
}

/// A document read from its file, or why it could not be: `(doc, reason)`.
type Parsed = Result<isnad_ingest::Document, (String, String)>;

fn ledger_docs_schema() -> Arc<Schema> {
    Arc::new(Schema::new(vec![
        Field::new("doc", DataType::Utf8, false),
        Field::new("file", DataType::Utf8, false),
        Field::new("pos", DataType::Int64, false),
        Field::new("day", DataType::Int64, true),
        Field::new("lang", DataType::Utf8, true),
        Field::new("claims", DataType::Int64, false),
        Field::new("terms", DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), false),
        Field::new("places", DataType::List(Arc::new(Field::new("item", DataType::Utf8, true))), false),
        Field::new("payload", DataType::Utf8, false),
    ]))
}

fn ledger_docs_batch(docs: &[LedgerDoc]) -> Result<RecordBatch, String> {
    let mut doc = StringBuilder::new();
    let mut file = StringBuilder::new();
    let mut pos = Int64Builder::new();
    let mut day = Int64Builder::new();
    let mut lang = StringBuilder::new();
    let mut n = Int64Builder::new();
    let mut terms = ListBuilder::new(StringBuilder::new());
    let mut places = ListBuilder::new(StringBuilder::new());
    let mut payload = StringBuilder::new();
    for d in docs {
        doc.append_value(&d.key);
        file.append_value(&d.file);
        pos.append_value(d.pos as i64);
        day.append_option(d.profile.day);
        lang.append_option(d.lang.as_deref());
        n.append_value(d.claims.len() as i64);
        for (t, _) in &d.profile.terms {
            terms.values().append_value(t);
        }
        terms.append(true);
        for (p, _) in &d.profile.places {
            places.values().append_value(p);
        }
        places.append(true);
        payload.append_value(serde_json::to_string(d).map_err(|e| format!("{}: {e}", d.key))?);
    }
    let schema = ledger_docs_schema();
    let fields = schema.fields().iter().map(|f| f.as_ref().clone().with_nullable(true)).collect::<Vec<_>>();
    RecordBatch::try_new(
        Arc::new(Schema::new(fields)),
        vec![
            Arc::new(doc.finish()),
            Arc::new(file.finish()),
            Arc::new(pos.finish()),
            Arc::new(day.finish()),
            Arc::new(lang.finish()),
            Arc::new(n.finish()),
            Arc::new(terms.finish()),
            Arc::new(places.finish()),
            Arc::new(payload.finish()),
        ],
    )
    .map_err(|e| e.to_string())
}

/// The schema of [`ledger_docs_arrow`]'s rows (capsules of an empty batch).
#[pyfunction]
pub(crate) fn ledger_docs_schema_batch(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    export_batch(py, ledger_docs_batch(&[]).map_err(PyValueError::new_err)?)
}

/// ledger_docs_arrow(files, threads=None) -> ((schema, array) capsules, [(doc, reason)])
///
/// `files` is a batch with `name` (strings: the file's name as the binary would be given
/// it) and `content` (binary). A document that cannot be read or extracted is returned
/// in the second list, never raised: it costs that document only.
#[pyfunction]
#[pyo3(signature = (files, threads=None))]
pub(crate) fn ledger_docs_arrow<'py>(
    py: Python<'py>,
    files: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<(Bound<'py, PyTuple>, Bound<'py, PyList>)> {
    let batch = import_batch(files)?;
    let names = strs(&batch, "name")?.ok_or_else(|| PyValueError::new_err("the files batch has no \"name\" column"))?;
    let col = batch.column_by_name("content").ok_or_else(|| PyValueError::new_err("no \"content\" column"))?;
    let content: Vec<Option<&[u8]>> = if let Some(a) = col.as_any().downcast_ref::<BinaryArray>() {
        (0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect()
    } else if let Some(a) = col.as_any().downcast_ref::<LargeBinaryArray>() {
        (0..a.len()).map(|i| (!a.is_null(i)).then(|| a.value(i))).collect()
    } else {
        return Err(PyTypeError::new_err(format!("\"content\" must be binary, not {}", col.data_type())));
    };
    let files: Vec<(String, &[u8])> = (0..batch.num_rows())
        .map(|i| (names.get(i).map_or_else(|| format!("file #{i}"), str::to_owned), content[i].unwrap_or(b"")))
        .collect();
    let pool = pool(threads)?;
    let (docs, failed): (Vec<LedgerDoc>, Vec<(String, String)>) = py.detach(|| {
        run_all(pool, || {
            let parsed: Vec<(String, u64, Parsed)> = files
                .iter()
                .flat_map(|(name, data)| {
                    isnad_ingest::parse(name, data).into_iter().enumerate().map(move |(k, r)| {
                        (name.clone(), k as u64, r.map_err(|e| (e.source_name.clone(), e.reason.to_string())))
                    })
                })
                .collect();
            let done: Vec<Result<LedgerDoc, (String, String)>> = parsed
                .par_iter()
                .map(|(file, pos, r)| match r {
                    Ok(d) => ledger_doc(file, *pos, d).map_err(|why| (d.key.clone(), why)),
                    Err(e) => Err(e.clone()),
                })
                .collect();
            let mut ok = Vec::new();
            let mut bad = Vec::new();
            for r in done {
                match r {
                    Ok(d) => ok.push(d),
                    Err(e) => bad.push(e),
                }
            }
            (ok, bad)
        })
    });
    let batch = ledger_docs_batch(&docs).map_err(PyValueError::new_err)?;
    Ok((export_batch(py, batch)?, PyList::new(py, failed)?))
}

fn parse_payloads(py: Python<'_>, payloads: &[String]) -> PyResult<Vec<LedgerDoc>> {
    payloads
        .iter()
        .enumerate()
        .map(|(i, p)| {
            serde_json::from_str::<LedgerDoc>(p).map_err(|e| {
                // name the document when its key can still be read
                let key = serde_json::from_str::<serde_json::Value>(p)
                    .ok()
                    .and_then(|v| v.get("key").and_then(|k| k.as_str()).map(str::to_owned))
                    .unwrap_or_else(|| format!("payload #{i}"));
                extract_error(py, &key, &format!("not a ledger document payload: {e}"))
            })
        })
        .collect()
}

/// claims_of_payloads(payloads) -> (schema, array) capsules of the claims rows
/// (`isnad claims --format parquet`'s columns) of these documents.
#[pyfunction]
pub(crate) fn claims_of_payloads<'py>(py: Python<'py>, payloads: Vec<String>) -> PyResult<Bound<'py, PyTuple>> {
    let docs = parse_payloads(py, &payloads)?;
    let mut b = ClaimsBuilder::new();
    for d in &docs {
        let cols = DocCols {
            doc: &d.key,
            title: d.title.as_deref(),
            outlet: d.outlet.as_deref(),
            url: d.url.as_deref(),
            published: d.published.as_deref(),
        };
        for q in &d.claims {
            b.push(cols, q);
        }
    }
    export_batch(py, b.finish().map_err(|e| PyValueError::new_err(e.to_string()))?)
}

/// cluster_events(payloads, df=None, n_docs=0) -> list of (event, score, reasons), one per
/// payload in the order given; `event` numbers the block's events from 0 in the order
/// they opened.
///
/// The documents are assigned in ingest's order (day, undated last, then file and place
/// in it), starting from `df` (documents per term) and `n_docs` counted over every
/// document that comes before the block's first in that order: the term weights are
/// then those the binary computes, whatever was cut off before the block.
#[pyfunction]
#[pyo3(signature = (payloads, df=None, n_docs=0))]
pub(crate) fn cluster_events(
    py: Python<'_>,
    payloads: Vec<String>,
    df: Option<HashMap<String, u32>>,
    n_docs: u64,
) -> PyResult<Vec<(usize, f32, Vec<String>)>> {
    let docs = parse_payloads(py, &payloads)?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| docs[a].order().cmp(&docs[b].order()));
    let res = py.detach(|| {
        catch(|| {
            let mut c = Clusterer::new(Vec::new(), df.unwrap_or_default(), n_docs);
            let mut out: Vec<Option<(usize, f32, Vec<String>)>> = vec![None; docs.len()];
            for &i in &order {
                let a = c.assign(&docs[i].profile);
                out[i] = Some((a.event, a.score, a.reasons));
            }
            out.into_iter().map(Option::unwrap_or_default).collect::<Vec<_>>()
        })
    });
    let first = order.first().map_or("(empty block)", |&i| docs[i].key.as_str());
    res.map_err(|why| extract_error(py, first, &format!("clustering the block that starts here: {why}")))
}

/// ledger_of_events(payloads, events, reasons) -> JSON of the ledger, as
/// `isnad report --json` writes it, of these documents with `events[i]` the event (any
/// string id) of `payloads[i]` and `reasons[i]` why it is there.
///
/// Each event's state (days, places, parties: what titles it and what a claim recalling
/// it is matched on) is rebuilt from its documents in ingest's order; then the report's
/// own path runs: the ledger over documents with stored events.
#[pyfunction]
pub(crate) fn ledger_of_events(
    py: Python<'_>,
    payloads: Vec<String>,
    events: Vec<String>,
    reasons: Vec<Vec<String>>,
) -> PyResult<String> {
    if events.len() != payloads.len() || reasons.len() != payloads.len() {
        return Err(PyValueError::new_err("payloads, events and reasons must have one entry per document"));
    }
    let docs = parse_payloads(py, &payloads)?;
    let res = py.detach(|| {
        catch(|| {
            let mut order: Vec<usize> = (0..docs.len()).collect();
            order.sort_by(|&a, &b| docs[a].order().cmp(&docs[b].order()));
            // event id -> its number in the store's sense (1, 2, ... in order of first document)
            let mut num: BTreeMap<&str, i64> = BTreeMap::new();
            let mut names: Vec<&str> = Vec::new();
            let mut c = Clusterer::default();
            let mut slot: HashMap<i64, usize> = HashMap::new();
            for &i in &order {
                let n = *num.entry(events[i].as_str()).or_insert_with(|| {
                    names.push(events[i].as_str());
                    names.len() as i64
                });
                let k = c.join(slot.get(&n).copied(), &docs[i].profile);
                slot.insert(n, k);
            }
            let state = |n: i64| -> EventState {
                let mut s = c.events[slot[&n]].clone();
                s.id = Some(n);
                s
            };
            let inputs: Vec<DocInput> = docs
                .iter()
                .enumerate()
                .map(|(i, d)| {
                    let n = num[events[i].as_str()];
                    DocInput {
                        id: i as i64 + 1,
                        key: d.key.clone(),
                        hash: d.hash.clone(),
                        title: d.title.clone(),
                        outlet: d.outlet.clone(),
                        url: d.url.clone(),
                        published: d.published.clone(),
                        lang: d.lang.clone(),
                        // as `isnad report` reads a dossier: the stored sentences, no text,
                        // no profile
                        text: String::new(),
                        claims: d.claims.clone(),
                        contexts: d.contexts.clone(),
                        dates: d.dates.clone(),
                        profile: None,
                        event: Some((n, std::sync::Arc::new(state(n)))),
                        event_reasons: Some(reasons[i].clone()),
                        event_index: None,
                        placed: None,
                        visiting: false,
                    }
                })
                .collect();
            let corpus = Corpus::build(inputs);
            let mut built = isnad_ledger::ledger(&corpus, &[]).ledger;
            // the store's `e{n}` back to the caller's ids
            let back: HashMap<String, String> =
                names.iter().enumerate().map(|(k, s)| (format!("e{}", k + 1), s.to_string())).collect();
            for e in &mut built.events {
                if let Some(s) = back.get(&e.id) {
                    e.id = s.clone();
                }
            }
            for f in &mut built.figures {
                if let Some(s) = f.event.as_ref().and_then(|id| back.get(id)) {
                    std::sync::Arc::make_mut(f).event = Some(s.clone());
                }
            }
            serde_json::to_string(&built).map_err(|e| e.to_string())
        })
    });
    let first = docs.first().map_or("(empty block)", |d| d.key.as_str());
    match res {
        Ok(Ok(j)) => Ok(j),
        Ok(Err(why)) | Err(why) => Err(extract_error(py, first, &format!("building the ledger of this block: {why}"))),
    }
}

/// ledger_lang(langs) -> "ar" or "en": the report's language for documents of these
/// languages (the majority; `ar` wins a tie), as `isnad report` decides it.
#[pyfunction]
pub(crate) fn ledger_lang(langs: Vec<Option<String>>) -> &'static str {
    isnad_ledger::html::Lang::of_docs(langs.iter().map(|l| l.as_deref())).code()
}
