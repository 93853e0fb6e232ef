//! Full-text search over the dossier: a tantivy index kept beside the database.
//!
//! Only what searching needs lives here: the document id, and the title and body
//! indexed under the Arabic-aware analyzer ([`analyzer`]). Texts are not stored in the
//! index (the database holds them); snippets are cut from the text the caller passes.

pub mod analyzer;
mod index;

pub use analyzer::{search_key, IsnadTokenizer};
pub use index::{Hit, SearchIndex, Snippet, Snippets};
/// A search key with its span, as [`analyzer::tokens`] cuts them.
pub use tantivy::tokenizer::Token;

#[derive(Debug, thiserror::Error)]
pub enum SearchError {
    #[error("search index at {path}: {source}")]
    Tantivy {
        path: String,
        #[source]
        source: tantivy::TantivyError,
    },
    #[error("search index at {path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "search index at {path} was built with another schema; delete the folder and run `isnad reextract --reindex`"
    )]
    Schema { path: String },
}
