//! Attribution of quantity claims to speakers (placeholder until the attribution work lands).

use isnad_model::Quantity;
use isnad_text::Analyzed;

/// Fills `speaker`, `cue`, `stance` and `source` of each quantity found in `doc`.
/// Quantities come in document order; their spans index `doc.text`.
pub fn attribute(doc: &Analyzed<'_>, quantities: &mut [Quantity]) {
    let _ = (doc, quantities);
}
