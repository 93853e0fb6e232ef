//! Text from documents on the terminal. A title or a snippet may hold escape
//! sequences (ESC, CSI) that move the cursor, rewrite the screen or set the window
//! title; printed raw, a document could forge isnad's output. Every control character
//! is shown as a visible escape instead; line breaks and tabs become spaces (each
//! field is printed on one line).

use std::borrow::Cow;

pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(char::is_control) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::clean;

    #[test]
    fn escapes_controls_and_keeps_text() {
        assert_eq!(clean("قافلة 300"), "قافلة 300");
        assert_eq!(clean("a\x1b]0;owned\x07b\u{9b}2J\nc"), "a\\u{1b}]0;owned\\u{7}b\\u{9b}2J c");
    }
}
