//! Text layer: tokens, their normalised forms and sentences.
//!
//! The original text is never changed. Normalisation (digits to ASCII, diacritics and
//! tatweel dropped, alef/hamza/yaa/taa-marbuta variants folded, Latin lower-cased) is
//! written into a side buffer used only for matching; every token keeps the byte span
//! of its original characters, so anything found in the normalised form maps back.

mod chars;
mod normalize;
mod script;
mod segment;
mod shapes;
pub mod tsv;

pub use chars::{classify, digit_value, is_arabic_letter, is_format_char, is_mark, CharClass};
pub use normalize::{fold_char, normalize_str, normalize_with_offsets, NormText};
pub use script::{script_counts, SCRIPT_SAMPLE_CHARS};
pub use segment::{analyze, Analyzed, TokKind, Token};
pub use shapes::Shapes;
