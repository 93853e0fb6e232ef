//! The one reader of word lists (every crate's `data/*.tsv`): `# source: ...` header, `#` comment lines, blank lines
//! skipped, columns split on tabs and trimmed. Rows carry their 1-based line number so
//! that a bad row is reported as `file:line`.

/// The rows of a word list, each with its line number.
pub fn rows(src: &str) -> impl Iterator<Item = (usize, Vec<&str>)> {
    src.lines().enumerate().filter_map(|(n, l)| {
        let l = l.trim_end();
        (!l.is_empty() && !l.starts_with('#')).then(|| (n + 1, l.split('\t').map(str::trim).collect()))
    })
}

/// Whether a list opens with its `# source:` header line (a test holds every list to it).
pub fn has_source_header(src: &str) -> bool {
    src.lines().next().is_some_and(|l| l.starts_with("# source:"))
}

#[cfg(test)]
mod tests {
    #[test]
    fn rows_skip_comments_and_number_lines() {
        let src = "# source: test\n\na\tb\n# note\nc\t d \n";
        let rows: Vec<_> = super::rows(src).collect();
        assert_eq!(rows, vec![(3, vec!["a", "b"]), (5, vec!["c", "d"])]);
        assert!(super::has_source_header(src));
    }
}
