//! The index on disk: open or create, add and delete documents by id, commit, search.

use crate::analyzer::{IsnadTokenizer, TOKENIZER_NAME};
use crate::SearchError;
use std::path::{Path, PathBuf};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, QueryParser};
use tantivy::schema::{Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, FAST, INDEXED, STORED};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// Memory the writer may buffer before it writes a segment; small enough to keep an
/// ingest of any size flat in memory.
const WRITER_HEAP: usize = 64 * 1024 * 1024;

/// How a commit's payload records the store change the index has caught up to.
const MARK_PREFIX: &str = "isnad-change:";

pub struct SearchIndex {
    path: PathBuf,
    index: Index,
    reader: IndexReader,
    writer: Option<IndexWriter<TantivyDocument>>,
    id: Field,
    title: Field,
    body: Field,
}

/// One ranked result: the database id of the document and its score.
#[derive(Debug, Clone, PartialEq)]
pub struct Hit {
    pub doc_id: i64,
    pub score: f32,
}

/// A fragment of a document around the hits, with the byte ranges of the hits in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Snippet {
    pub fragment: String,
    pub highlighted: Vec<std::ops::Range<usize>>,
}

impl Snippet {
    /// The fragment with each hit wrapped in `open`/`close`.
    pub fn marked(&self, open: &str, close: &str) -> String {
        let mut out = String::with_capacity(self.fragment.len() + 16);
        let mut at = 0;
        for r in &self.highlighted {
            out.push_str(&self.fragment[at..r.start]);
            out.push_str(open);
            out.push_str(&self.fragment[r.clone()]);
            out.push_str(close);
            at = r.end;
        }
        out.push_str(&self.fragment[at..]);
        out
    }
}

fn schema() -> Schema {
    let mut b = Schema::builder();
    b.add_i64_field("doc_id", INDEXED | STORED | FAST);
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(TOKENIZER_NAME)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    b.add_text_field("title", text.clone());
    b.add_text_field("body", text);
    b.build()
}

impl SearchIndex {
    /// Opens the index in `dir`, creating it (and the folder) if it is not there.
    pub fn open(dir: &Path) -> Result<SearchIndex, SearchError> {
        let path = dir.to_path_buf();
        let p = || dir.display().to_string();
        create_private_dir(dir).map_err(|source| SearchError::Io { path: p(), source })?;
        let tv = |source| SearchError::Tantivy { path: p(), source };
        let index = if dir.join("meta.json").exists() {
            Index::open_in_dir(dir).map_err(tv)?
        } else {
            Index::create_in_dir(dir, schema()).map_err(tv)?
        };
        if index.schema() != schema() {
            return Err(SearchError::Schema { path: p() });
        }
        Self::from_index(index, path)
    }

    /// Opens the index in `dir` only if it is there (a reader must not create one while
    /// a writer may be creating it).
    pub fn open_existing(dir: &Path) -> Result<SearchIndex, SearchError> {
        if !dir.join("meta.json").exists() {
            return Err(SearchError::Io {
                path: dir.display().to_string(),
                source: std::io::Error::new(std::io::ErrorKind::NotFound, "no index yet"),
            });
        }
        Self::open(dir)
    }

    /// An empty index in memory: what a dossier searches while its index on disk cannot
    /// be opened (searches then say so instead of finding nothing).
    pub fn in_memory() -> Result<SearchIndex, SearchError> {
        let index = Index::create_in_ram(schema());
        Self::from_index(index, PathBuf::from("(memory)"))
    }

    fn from_index(index: Index, path: PathBuf) -> Result<SearchIndex, SearchError> {
        let p = || path.display().to_string();
        let tv = |source| SearchError::Tantivy { path: p(), source };
        index.tokenizers().register(TOKENIZER_NAME, TextAnalyzer::from(IsnadTokenizer));
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().map_err(tv)?;
        let s = index.schema();
        let field = |n| s.get_field(n).map_err(tv);
        Ok(SearchIndex {
            id: field("doc_id")?,
            title: field("title")?,
            body: field("body")?,
            path,
            index,
            reader,
            writer: None,
        })
    }

    fn err(&self, source: tantivy::TantivyError) -> SearchError {
        SearchError::Tantivy { path: self.path.display().to_string(), source }
    }

    fn writer(&mut self) -> Result<&mut IndexWriter<TantivyDocument>, SearchError> {
        if self.writer.is_none() {
            // One indexing thread: on a small machine the other core is extracting.
            let w = self.index.writer_with_num_threads(1, WRITER_HEAP).map_err(|e| self.err(e))?;
            self.writer = Some(w);
        }
        Ok(self.writer.as_mut().expect("writer just set"))
    }

    /// Indexes a document, replacing whatever the index held under the same id.
    pub fn put(&mut self, doc_id: i64, title: Option<&str>, body: &str) -> Result<(), SearchError> {
        let (idf, tf, bf) = (self.id, self.title, self.body);
        let w = self.writer()?;
        w.delete_term(Term::from_field_i64(idf, doc_id));
        let mut d = TantivyDocument::default();
        d.add_i64(idf, doc_id);
        if let Some(t) = title {
            d.add_text(tf, t);
        }
        d.add_text(bf, body);
        w.add_document(d).map_err(|e| SearchError::Tantivy { path: self.path.display().to_string(), source: e })?;
        Ok(())
    }

    /// Deletes every document (visible at the next commit): the start of a rebuild.
    pub fn clear(&mut self) -> Result<(), SearchError> {
        let path = self.path.display().to_string();
        self.writer()?.delete_all_documents().map_err(|source| SearchError::Tantivy { path, source })?;
        Ok(())
    }

    pub fn delete(&mut self, doc_id: i64) -> Result<(), SearchError> {
        let idf = self.id;
        self.writer()?.delete_term(Term::from_field_i64(idf, doc_id));
        Ok(())
    }

    /// Makes everything put so far durable and visible to searches.
    pub fn commit(&mut self) -> Result<(), SearchError> {
        if let Some(w) = self.writer.as_mut() {
            let r = w.commit();
            r.map_err(|e| SearchError::Tantivy { path: self.path.display().to_string(), source: e })?;
        }
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// Commits as [`SearchIndex::commit`] does, recording with the commit how far the
    /// index has followed a shared store's changes (read back by [`SearchIndex::mark`]).
    pub fn commit_marked(&mut self, mark: i64) -> Result<(), SearchError> {
        let path = self.path.display().to_string();
        let w = self.writer()?;
        let tv = |source| SearchError::Tantivy { path: path.clone(), source };
        let mut prepared = w.prepare_commit().map_err(tv)?;
        prepared.set_payload(&format!("{MARK_PREFIX}{mark}"));
        prepared.commit().map_err(tv)?;
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// Sees what another process (an `ingest` writing the same index folder) committed
    /// since this reader last looked.
    pub fn reload(&self) -> Result<(), SearchError> {
        self.reader.reload().map_err(|e| self.err(e))
    }

    /// The change the index was last committed at by [`SearchIndex::commit_marked`]
    /// (0: never, or by a plain commit since).
    pub fn mark(&self) -> Result<i64, SearchError> {
        let metas = self.index.load_metas().map_err(|e| self.err(e))?;
        Ok(metas.payload.as_deref().and_then(|p| p.strip_prefix(MARK_PREFIX)?.parse().ok()).unwrap_or(0))
    }

    /// Waits for background merges to finish, so the index on disk is compact.
    pub fn close(mut self) -> Result<(), SearchError> {
        if let Some(w) = self.writer.take() {
            w.wait_merging_threads()
                .map_err(|e| SearchError::Tantivy { path: self.path.display().to_string(), source: e })?;
        }
        Ok(())
    }

    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    fn query(&self, q: &str) -> Box<dyn tantivy::query::Query> {
        let mut parser = QueryParser::for_index(&self.index, vec![self.title, self.body]);
        parser.set_field_boost(self.title, 2.0);
        // Stray quotes and colons in a pasted Arabic phrase are not query syntax errors.
        parser.parse_query_lenient(&tame_query(q)).0
    }

    /// The best `limit` documents for `query`, best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<Hit>, SearchError> {
        if limit == 0 {
            return Ok(vec![]);
        }
        let searcher = self.reader.searcher();
        // `TopDocs` reserves room for `limit` hits: never more than there are documents.
        let limit = limit.min(searcher.num_docs().max(1) as usize);
        let mut excluded = Vec::new();
        let q = without_excluded_phrases(self.query(query), &mut excluded);
        let mut out_ids: std::collections::HashSet<i64> = std::collections::HashSet::new();
        // Ids come from the fast column, not the stored document: reading a stored
        // document decompresses its block, once per hit.
        let ids: Vec<_> = searcher
            .segment_readers()
            .iter()
            .map(|r| r.fast_fields().i64("doc_id").map_err(|e| self.err(e)))
            .collect::<Result<_, _>>()?;
        let id_of = |addr: tantivy::DocAddress| ids.get(addr.segment_ord as usize)?.first(addr.doc_id);
        for ex in &excluded {
            for addr in searcher.search(&**ex, &tantivy::collector::DocSetCollector).map_err(|e| self.err(e))? {
                out_ids.extend(id_of(addr));
            }
        }
        let keep = move |id: i64| !out_ids.contains(&id);
        let collector = tantivy::collector::FilterCollector::new(
            "doc_id".to_string(),
            keep,
            TopDocs::with_limit(limit).order_by_score(),
        );
        let top = searcher.search(&*q, &collector).map_err(|e| self.err(e))?;
        let mut hits = Vec::with_capacity(top.len());
        for (score, addr) in top {
            if let Some(id) = id_of(addr) {
                hits.push(Hit { doc_id: id, score });
            }
        }
        Ok(hits)
    }

    /// A snippet of `text` (a document's body) around the words of `query`.
    pub fn snippet(&self, query: &str, text: &str, max_chars: usize) -> Result<Snippet, SearchError> {
        Ok(self.snippets(query, max_chars)?.of(text))
    }

    /// What cuts snippets for one query, made once for all of a page's hits: making it
    /// parses the query and reads each of its terms' statistics.
    pub fn snippets(&self, query: &str, max_chars: usize) -> Result<Snippets, SearchError> {
        let searcher = self.reader.searcher();
        let q = without_excluded_phrases(self.query(query), &mut Vec::new());
        let mut g = tantivy::snippet::SnippetGenerator::create(&searcher, &*q, self.body).map_err(|e| self.err(e))?;
        g.set_max_num_chars(max_chars);
        Ok(Snippets(g))
    }
}

/// Snippets of documents' bodies around the words of one query ([`SearchIndex::snippets`]).
pub struct Snippets(tantivy::snippet::SnippetGenerator);

impl Snippets {
    pub fn of(&self, text: &str) -> Snippet {
        let s = self.0.snippet(text);
        Snippet { fragment: s.fragment().to_string(), highlighted: s.highlighted().to_vec() }
    }
}

/// `q` without its excluded phrases (`-"a b"`), which go to `out`. tantivy 0.27 excludes
/// a phrase by seeking its phrase scorer backwards (found by `cargo fuzz run query`: a
/// debug assertion fires, and a release build may score wrongly), so the caller filters
/// the phrases' documents out of the hits instead. An excluded phrase anywhere in the
/// query excludes its documents from all of the results.
fn without_excluded_phrases(q: Box<dyn Query>, out: &mut Vec<Box<dyn Query>>) -> Box<dyn Query> {
    let Some(b) = q.downcast_ref::<BooleanQuery>() else { return q };
    let mut kept = Vec::with_capacity(b.clauses().len());
    for (occur, sub) in b.clauses() {
        if *occur == Occur::MustNot && has_phrase(&**sub) {
            out.push(sub.box_clone());
        } else {
            kept.push((*occur, without_excluded_phrases(sub.box_clone(), out)));
        }
    }
    Box::new(BooleanQuery::new(kept))
}

/// Whether `q` is, or holds, a phrase (a term that needs positions; the parser makes a
/// phrase per field, each boosted).
fn has_phrase(q: &dyn Query) -> bool {
    let mut positions = false;
    q.query_terms(&mut |_, needs_positions| positions |= needs_positions);
    positions
}

/// Longest query read, and deepest parenthesis nesting kept: the query parser recurses
/// per level, so 3,000 nested parentheses overflowed the stack.
const MAX_QUERY_CHARS: usize = 10_000;
const MAX_QUERY_DEPTH: usize = 16;

/// The query with nesting past the limit flattened (those parentheses dropped) and
/// its length bounded; ordinary queries pass unchanged.
pub(crate) fn tame_query(q: &str) -> std::borrow::Cow<'_, str> {
    let long = q.chars().count() > MAX_QUERY_CHARS;
    let mut depth = 0usize;
    let mut deep = false;
    for c in q.chars() {
        match c {
            '(' => {
                depth += 1;
                deep |= depth > MAX_QUERY_DEPTH;
            }
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    if !long && !deep {
        return q.into();
    }
    let mut out = String::with_capacity(q.len().min(MAX_QUERY_CHARS * 4));
    let mut depth = 0usize;
    // Closing parentheses whose opening one was dropped are dropped too.
    let mut dropped = 0usize;
    for c in q.chars().take(MAX_QUERY_CHARS) {
        match c {
            '(' if depth >= MAX_QUERY_DEPTH => {
                dropped += 1;
                out.push(' ');
            }
            '(' => {
                depth += 1;
                out.push(c);
            }
            ')' if dropped > 0 => {
                dropped -= 1;
                out.push(' ');
            }
            ')' => {
                depth = depth.saturating_sub(1);
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out.into()
}

/// The index folder, readable by its owner only: it holds the dossier's words.
fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    std::fs::create_dir_all(dir)
}
