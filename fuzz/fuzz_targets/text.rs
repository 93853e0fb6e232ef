//! The text layer: `analyze` (tokens, sentences) and `normalize_with_offsets` never lose
//! the way back to the original's character boundaries.
#![no_main]

use isnad_text::{analyze, normalize_with_offsets};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = match std::str::from_utf8(data) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&data[..e.valid_up_to()]).unwrap(),
    };
    let a = analyze(text);
    let mut prev = 0;
    for (i, t) in a.tokens.iter().enumerate() {
        let (s, e) = (t.start as usize, t.end as usize);
        assert!(prev <= s && s < e && e <= text.len());
        assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
        let _ = (a.orig(i), a.norm(i));
        prev = e;
    }
    let mut next = 0;
    for &(s, e) in &a.sentences {
        assert!(s == next && s < e && e <= a.tokens.len());
        next = e;
    }
    assert_eq!(next, a.tokens.len());

    let n = normalize_with_offsets(text);
    assert_eq!(n.offsets.len(), n.text.len() + 1);
    assert!(n.offsets.windows(2).all(|w| w[0] <= w[1]));
    assert!(n.offsets.iter().all(|&o| text.is_char_boundary(o as usize)));
    let len = n.text.len();
    // a few ranges of the folded text, chosen from the input's bytes
    for k in 0..data.len().min(8) {
        let s = data[k] as usize * len / 256;
        let e = (s + data[data.len() - 1 - k] as usize).min(len);
        let (a0, b0) = n.original_span(text, s, e);
        assert!(a0 <= b0 && b0 <= text.len());
        assert!(text.is_char_boundary(a0) && text.is_char_boundary(b0));
    }
});
