//! `isnad._isnad`: the extractor for Python. Every entry calls the library the binary
//! calls (`isnad_extract::extract`, records serialised by `isnad_model`'s serde
//! definitions, claims rows built by `isnad_arrow`), so a record here is the record
//! `isnad extract --jsonl` prints, field for field and in the same order.
//!
//! The GIL is released around every extraction; `extract_many` and `extract_arrow`
//! run documents on a rayon pool and keep input order.

use std::collections::HashMap;
use std::ffi::CStr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex, OnceLock};

use arrow_array::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use arrow_array::{Array, LargeStringArray, RecordBatch, StringArray, StringViewArray, StructArray};
use isnad_arrow::{ClaimsBuilder, DocCols};
use isnad_extract::{Options, Ymd};
use isnad_model::{DocRecord, Record};
use pyo3::exceptions::{PyException, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList, PyString, PyTuple};
use rayon::prelude::*;

mod ledger;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

pyo3::create_exception!(
    _isnad,
    ExtractError,
    PyException,
    "A document could not be read or extracted. `doc` names it; the message says why."
);

/// One document to extract: its name (None when the caller gave none), text and the
/// date that resolves implicit years.
struct Item {
    name: Option<String>,
    text: String,
    opts: Options,
}

impl Item {
    fn label(&self, i: usize) -> String {
        self.name.clone().unwrap_or_else(|| format!("document #{i}"))
    }
}

fn extract_error(py: Python<'_>, doc: &str, why: &str) -> PyErr {
    let err = ExtractError::new_err(format!("{doc}: {why}"));
    // `.doc` lets a caller collect the failing names without parsing messages
    let _ = err.value(py).setattr("doc", doc);
    err
}

/// Runs the extractor, a panic in it becoming this document's error (as the binary
/// isolates each document, a defect must cost one document, never the batch).
fn safe_extract(text: &str, opts: &Options) -> Result<Vec<Record>, String> {
    catch_unwind(AssertUnwindSafe(|| isnad_extract::extract(text, opts))).map_err(|p| {
        let msg = p
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| p.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        format!("internal error while extracting (a bug: please report it with this document): {msg}")
    })
}

/// `YYYY-MM-DD` (a timestamp's date part is taken, as the dossier does), or a
/// `datetime.date`; anything else is an error naming the document.
fn published_arg(py: Python<'_>, v: Option<&Bound<'_, PyAny>>, doc: &str) -> PyResult<Option<Ymd>> {
    let Some(v) = v else { return Ok(None) };
    if v.is_none() {
        return Ok(None);
    }
    if let Ok(s) = v.cast::<PyString>() {
        let s = s.to_cow()?;
        let s = s.as_ref();
        return ymd(s)
            .map(Some)
            .ok_or_else(|| extract_error(py, doc, &format!("published {s:?} is not a date like 2017-10-15")));
    }
    if v.hasattr("year")? && v.hasattr("month")? && v.hasattr("day")? {
        let (year, month, day): (i32, u8, u8) =
            (v.getattr("year")?.extract()?, v.getattr("month")?.extract()?, v.getattr("day")?.extract()?);
        return Ok(Some(Ymd { year, month, day }));
    }
    Err(PyTypeError::new_err(format!("{doc}: published must be a str YYYY-MM-DD or a datetime.date")))
}

/// The dossier's reading of a stored date: `YYYY-MM-DD` possibly followed by a time;
/// partial dates (`2017-10`, `2017`) resolve nothing.
fn ymd(s: &str) -> Option<Ymd> {
    let s = s.trim();
    let day_end = s.char_indices().nth(10).map_or(s.len(), |(i, _)| i);
    Ymd::parse(&s[..day_end]).filter(|_| s.len() == day_end || !s.as_bytes()[day_end].is_ascii_digit())
}

fn lang_arg(lang: Option<&str>, doc: &str) -> PyResult<Option<isnad_extract::Lang>> {
    // Read as isnad-ingest reads a JSON line's "lang": a tag it knows but isnad has no
    // reader for (`fr`) is told by the text's script, as the binary does.
    match lang {
        Some(l) if isnad_ingest::Lang::parse(l).is_none() => {
            Err(PyValueError::new_err(format!("{doc}: lang {l:?} is not a language tag (ar, en, ...)")))
        }
        Some(l) => Ok(isnad_extract::Lang::parse(l)),
        None => Ok(None),
    }
}

fn records_to_py<'py>(py: Python<'py>, name: Option<&str>, records: &[Record]) -> PyResult<Bound<'py, PyList>> {
    let out = PyList::empty(py);
    for r in records {
        let obj = match name {
            Some(doc) => pythonize::pythonize(py, &DocRecord { doc, record: r }),
            None => pythonize::pythonize(py, r),
        }
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
        out.append(obj)?;
    }
    Ok(out)
}

/// A rayon pool per thread count asked for, built once: building one per call would
/// cost more than extracting a short document.
fn pool(threads: Option<usize>) -> PyResult<Option<Arc<rayon::ThreadPool>>> {
    static POOLS: OnceLock<Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>> = OnceLock::new();
    let Some(n) = threads else { return Ok(None) };
    if n == 0 {
        return Err(PyValueError::new_err("threads must be at least 1 (None: all cores)"));
    }
    let mut pools = POOLS.get_or_init(Default::default).lock().unwrap_or_else(|p| p.into_inner());
    if let Some(p) = pools.get(&n) {
        return Ok(Some(p.clone()));
    }
    let p = Arc::new(
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .thread_name(|i| format!("isnad-{i}"))
            .build()
            .map_err(|e| PyValueError::new_err(e.to_string()))?,
    );
    pools.insert(n, p.clone());
    Ok(Some(p))
}

fn run_all<T: Send>(pool: Option<Arc<rayon::ThreadPool>>, f: impl FnOnce() -> T + Send) -> T {
    match pool {
        Some(p) => p.install(f),
        None => f(),
    }
}

/// extract(text, published=None, lang=None, doc=None) -> list[dict]
#[pyfunction]
#[pyo3(signature = (text, published=None, lang=None, doc=None))]
fn extract<'py>(
    py: Python<'py>,
    text: &str,
    published: Option<&Bound<'py, PyAny>>,
    lang: Option<&str>,
    doc: Option<&str>,
) -> PyResult<Bound<'py, PyList>> {
    let label = doc.unwrap_or("document");
    let opts = Options { published: published_arg(py, published, label)?, lang: lang_arg(lang, label)? };
    // texts are short next to the cost of extracting them; releasing the GIL lets other
    // Python threads run meanwhile
    let res = py.detach(|| safe_extract(text, &opts));
    match res {
        Ok(records) => records_to_py(py, doc, &records),
        Err(why) => Err(extract_error(py, label, &why)),
    }
}

fn item_from_py(
    py: Python<'_>,
    i: usize,
    obj: &Bound<'_, PyAny>,
    published: Option<&Bound<'_, PyAny>>,
) -> PyResult<Item> {
    let fallback = format!("document #{i}");
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Item {
            name: None,
            text: s.to_cow()?.into_owned(),
            opts: Options { published: published_arg(py, published, &fallback)?, ..Default::default() },
        });
    }
    if let Ok(t) = obj.cast::<PyTuple>() {
        if t.len() == 2 {
            let name: String = t.get_item(0)?.str()?.to_cow()?.into_owned();
            let text: String =
                t.get_item(1)?.extract().map_err(|_| PyTypeError::new_err(format!("{name}: text must be a str")))?;
            let opts = Options { published: published_arg(py, published, &name)?, ..Default::default() };
            return Ok(Item { name: Some(name), text, opts });
        }
    }
    if let Ok(d) = obj.cast::<PyDict>() {
        let name = match d.get_item("doc")?.filter(|v| !v.is_none()) {
            Some(v) => Some(v.str()?.to_cow()?.into_owned()),
            None => None,
        };
        let label = name.clone().unwrap_or(fallback);
        let text: String = match d.get_item("text")? {
            Some(v) => v.extract().map_err(|_| PyTypeError::new_err(format!("{label}: \"text\" must be a str")))?,
            None => return Err(PyTypeError::new_err(format!("{label}: no \"text\" key"))),
        };
        let own = d.get_item("published")?;
        let lang = d.get_item("lang")?.filter(|v| !v.is_none()).map(|v| v.extract::<String>()).transpose()?;
        let opts = Options {
            published: published_arg(py, own.as_ref().or(published), &label)?,
            lang: lang_arg(lang.as_deref(), &label)?,
        };
        return Ok(Item { name, text, opts });
    }
    Err(PyTypeError::new_err(format!(
        "{fallback}: expected a str, a (doc, text) tuple or a dict with \"text\", got {}",
        obj.get_type().name()?
    )))
}

/// extract_many(docs, threads=None, published=None) -> list[list[dict]]
#[pyfunction]
#[pyo3(signature = (docs, threads=None, published=None))]
fn extract_many<'py>(
    py: Python<'py>,
    docs: &Bound<'py, PyAny>,
    threads: Option<usize>,
    published: Option<&Bound<'py, PyAny>>,
) -> PyResult<Bound<'py, PyList>> {
    let mut items = Vec::new();
    for (i, obj) in docs.try_iter()?.enumerate() {
        items.push(item_from_py(py, i, &obj?, published)?);
    }
    let pool = pool(threads)?;
    let results: Vec<Result<Vec<Record>, String>> =
        py.detach(|| run_all(pool, || items.par_iter().map(|it| safe_extract(&it.text, &it.opts)).collect()));
    let failed: Vec<usize> = (0..results.len()).filter(|&i| results[i].is_err()).collect();
    if let Some(&first) = failed.first() {
        let why = results[first].as_ref().err().cloned().unwrap_or_default();
        let more = if failed.len() > 1 {
            format!(" ({} other documents failed too)", failed.len() - 1)
        } else {
            String::new()
        };
        return Err(extract_error(py, &items[first].label(first), &format!("{why}{more}")));
    }
    let out = PyList::empty(py);
    for (it, r) in items.iter().zip(results) {
        out.append(records_to_py(py, it.name.as_deref(), &r.unwrap_or_default())?)?;
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------
// Arrow: documents batch in, claims batch out, over the Arrow PyCapsule interface
// (`__arrow_c_array__`), so no pyarrow version is compiled in.

const SCHEMA_CAPSULE: &CStr = c"arrow_schema";
const ARRAY_CAPSULE: &CStr = c"arrow_array";

fn import_batch(obj: &Bound<'_, PyAny>) -> PyResult<RecordBatch> {
    if !obj.hasattr("__arrow_c_array__")? {
        return Err(PyTypeError::new_err("expected a pyarrow.RecordBatch (an object with __arrow_c_array__)"));
    }
    let pair = obj.call_method0("__arrow_c_array__")?;
    let (schema_cap, array_cap): (Bound<'_, PyCapsule>, Bound<'_, PyCapsule>) = pair.extract()?;
    let schema_ptr = schema_cap.pointer_checked(Some(SCHEMA_CAPSULE))?.cast::<FFI_ArrowSchema>();
    let array_ptr = array_cap.pointer_checked(Some(ARRAY_CAPSULE))?.cast::<FFI_ArrowArray>();
    // SAFETY: the capsules are named as the Arrow PyCapsule interface defines, so they
    // point at a valid FFI_ArrowSchema and FFI_ArrowArray; from_raw moves the array out
    // (leaving a released one behind, as the interface requires of a consumer) and the
    // schema is only borrowed while its capsule is alive.
    let data = unsafe {
        let array = FFI_ArrowArray::from_raw(array_ptr.as_ptr());
        from_ffi(array, &*schema_ptr.as_ptr())
    }
    .map_err(|e| PyValueError::new_err(format!("cannot read the Arrow batch: {e}")))?;
    Ok(RecordBatch::from(StructArray::from(data)))
}

fn export_batch<'py>(py: Python<'py>, batch: RecordBatch) -> PyResult<Bound<'py, PyTuple>> {
    let data = StructArray::from(batch).into_data();
    let (array, schema) = to_ffi(&data).map_err(|e| PyValueError::new_err(e.to_string()))?;
    // each capsule owns its struct; pyarrow moves the contents out, and the Drop of
    // what is left (release set to NULL) does nothing
    let schema_cap = PyCapsule::new_with_value(py, schema, SCHEMA_CAPSULE)?;
    let array_cap = PyCapsule::new_with_value(py, array, ARRAY_CAPSULE)?;
    PyTuple::new(py, [schema_cap.into_any(), array_cap.into_any()])
}

/// A string column by name, whichever string layout it came in.
enum Strs<'a> {
    Utf8(&'a StringArray),
    Large(&'a LargeStringArray),
    View(&'a StringViewArray),
}

impl<'a> Strs<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        match self {
            Strs::Utf8(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::Large(a) => (!a.is_null(i)).then(|| a.value(i)),
            Strs::View(a) => (!a.is_null(i)).then(|| a.value(i)),
        }
    }
}

fn strs<'a>(batch: &'a RecordBatch, name: &str) -> PyResult<Option<Strs<'a>>> {
    let Some(col) = batch.column_by_name(name) else { return Ok(None) };
    let any = col.as_any();
    if let Some(a) = any.downcast_ref::<StringArray>() {
        return Ok(Some(Strs::Utf8(a)));
    }
    if let Some(a) = any.downcast_ref::<LargeStringArray>() {
        return Ok(Some(Strs::Large(a)));
    }
    if let Some(a) = any.downcast_ref::<StringViewArray>() {
        return Ok(Some(Strs::View(a)));
    }
    Err(PyTypeError::new_err(format!("column {name:?} must be strings, not {}", col.data_type())))
}

struct ArrowDoc<'a> {
    cols: DocCols<'a>,
    text: Option<&'a str>,
    opts: Options,
}

/// extract_arrow(batch, threads=None) -> (schema capsule, array capsule) of the claims
#[pyfunction]
#[pyo3(signature = (batch, threads=None))]
fn extract_arrow<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    threads: Option<usize>,
) -> PyResult<Bound<'py, PyTuple>> {
    let batch = import_batch(batch)?;
    let text =
        strs(&batch, "text")?.ok_or_else(|| PyValueError::new_err("the documents batch has no \"text\" column"))?;
    let doc = strs(&batch, "doc")?;
    let (title, outlet, url, published, fetched) = (
        strs(&batch, "title")?,
        strs(&batch, "outlet")?,
        strs(&batch, "url")?,
        strs(&batch, "published")?,
        strs(&batch, "fetched")?,
    );
    fn get<'a>(c: &Option<Strs<'a>>, i: usize) -> Option<&'a str> {
        c.as_ref().and_then(|c| c.get(i))
    }
    let names: Vec<String> = (0..batch.num_rows())
        .map(|i| get(&doc, i).or(get(&url, i)).map_or_else(|| format!("document #{i}"), str::to_owned))
        .collect();
    let docs: Vec<ArrowDoc<'_>> = (0..batch.num_rows())
        .map(|i| ArrowDoc {
            cols: DocCols {
                doc: &names[i],
                title: get(&title, i),
                outlet: get(&outlet, i),
                url: get(&url, i),
                published: get(&published, i),
            },
            text: text.get(i),
            // as the dossier does: a crawl date stands in when a page gives none
            opts: Options {
                published: get(&published, i).and_then(ymd).or_else(|| get(&fetched, i).and_then(ymd)),
                ..Default::default()
            },
        })
        .collect();
    let pool = pool(threads)?;
    let res: Result<RecordBatch, (String, String)> = py.detach(|| {
        let results: Vec<Result<Vec<Record>, String>> = run_all(pool, || {
            docs.par_iter()
                .map(|d| match d.text {
                    Some(t) => safe_extract(t, &d.opts),
                    None => Err("text is null".into()),
                })
                .collect()
        });
        let mut b = ClaimsBuilder::new();
        for (d, r) in docs.iter().zip(results) {
            let records = r.map_err(|why| (d.cols.doc.to_string(), why))?;
            for rec in &records {
                if let Record::Quantity(q) = rec {
                    b.push(d.cols, q);
                }
            }
        }
        b.finish().map_err(|e| ("(claims batch)".to_string(), e.to_string()))
    });
    match res {
        Ok(claims) => export_batch(py, claims),
        Err((doc, why)) => Err(extract_error(py, &doc, &why)),
    }
}

/// The claims schema (as capsules of an empty batch), for engines that must declare
/// an output schema before seeing data (Spark's mapInArrow).
#[pyfunction]
fn claims_schema_batch(py: Python<'_>) -> PyResult<Bound<'_, PyTuple>> {
    let empty = ClaimsBuilder::new().finish().map_err(|e| PyValueError::new_err(e.to_string()))?;
    export_batch(py, empty)
}

// ---------------------------------------------------------------------------------
// Reading files: the one reader `isnad ingest` uses (text, HTML, WARC(.gz), JSON Lines).

/// read_documents(name, data) -> (list[dict], list[tuple[str, str]])
#[pyfunction]
fn read_documents<'py>(py: Python<'py>, name: &str, data: &[u8]) -> PyResult<(Bound<'py, PyList>, Bound<'py, PyList>)> {
    let parsed = py.detach(|| isnad_ingest::parse(name, data));
    let docs = PyList::empty(py);
    let errors = PyList::empty(py);
    for r in parsed {
        match r {
            Ok(d) => {
                let o = PyDict::new(py);
                o.set_item("doc", &d.key)?;
                o.set_item("text", &d.text)?;
                o.set_item("title", &d.title)?;
                o.set_item("outlet", &d.outlet)?;
                o.set_item("url", &d.url)?;
                o.set_item("published", &d.published)?;
                o.set_item("fetched", &d.fetched)?;
                o.set_item("lang", d.lang.map(|l| l.as_str()))?;
                o.set_item("format", d.format.map(|f| f.as_str()))?;
                docs.append(o)?;
            }
            Err(e) => errors.append((e.source_name.clone(), e.reason.to_string()))?,
        }
    }
    Ok((docs, errors))
}

#[pymodule]
fn _isnad(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(extract_many, m)?)?;
    m.add_function(wrap_pyfunction!(extract_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(claims_schema_batch, m)?)?;
    m.add_function(wrap_pyfunction!(read_documents, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::ledger_docs_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::ledger_docs_schema_batch, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::claims_of_payloads, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::cluster_events, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::ledger_of_events, m)?)?;
    m.add_function(wrap_pyfunction!(ledger::ledger_lang, m)?)?;
    m.add("ExtractError", m.py().get_type::<ExtractError>())?;
    m.add("EXTRACTOR_VERSION", isnad_extract::EXTRACTOR_VERSION)?;
    Ok(())
}
