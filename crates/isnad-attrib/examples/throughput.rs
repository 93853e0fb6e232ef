//! Attribution throughput on one thread: the shared corpus (or a built-in sample when
//! it is absent) repeated to ~16 MB, a quantity at every number and number word.
//! `cargo run --release -p isnad-attrib --example throughput`

use isnad_model::{Kind, Qualifier, Quantity, Stance};
use std::time::Instant;

const SAMPLE: &str = "وقال المتحدث باسم الجيش إن 30 مسلحاً استسلموا. وأضاف: \"نقلنا 12 جريحاً\". \
وبحسب مصادر محلية، فإن 400 عائلة نزحت خلال يومين. ونفت الوزارة أن يكون 50 شخصاً قد اعتقلوا.\n";

fn main() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/raqqa");
    let mut base = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            base.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
            base.push('\n');
        }
    }
    if base.is_empty() {
        base = SAMPLE.to_string();
    }
    // documents stay document-sized: attribution runs per document
    let reps = (16 << 20) / base.len() + 1;
    let doc = isnad_text::analyze(&base);
    let words = ["آلاف", "مئات", "عشرات", "نحو", "حوالي", "ثلاثة", "أربعة"];
    let spans: Vec<(usize, usize)> = (0..doc.tokens.len())
        .filter(|&i| doc.tokens[i].kind == isnad_text::TokKind::Number || words.contains(&doc.norm(i)))
        .map(|i| (doc.tokens[i].start as usize, doc.tokens[(i + 1).min(doc.tokens.len() - 1)].end as usize))
        .collect();
    let mut total_attr = 0.0;
    let mut total_an = 0.0;
    for _ in 0..reps {
        let t0 = Instant::now();
        let doc = isnad_text::analyze(&base);
        let t1 = Instant::now();
        let mut qs: Vec<Quantity> = spans
            .iter()
            .map(|&(a, b)| Quantity {
                start: a,
                end: b,
                text: String::new(),
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
            })
            .collect();
        let t2 = Instant::now();
        isnad_attrib::attribute(&doc, &mut qs);
        let t3 = Instant::now();
        std::hint::black_box(&qs);
        total_an += (t1 - t0).as_secs_f64();
        total_attr += (t3 - t2).as_secs_f64();
    }
    let mb = (base.len() * reps) as f64 / (1 << 20) as f64;
    println!(
        "{mb:.1} MB, {} quantities per copy: analyze {:.0} MB/s, attribute {:.0} MB/s (attribution adds {:.1}% to analysis time)",
        spans.len(),
        mb / total_an,
        mb / total_attr,
        100.0 * total_attr / total_an
    );
}
