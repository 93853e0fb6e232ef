pub fn report(_l: &crate::Ledger, _max: usize) -> String {
    String::new()
}
