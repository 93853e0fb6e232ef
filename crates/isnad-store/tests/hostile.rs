//! Issue 13, point 14: a claim whose value is not a finite number is not kept.

use isnad_model::{Quantity, Record};
use isnad_store::finite_only;

#[test]
fn infinite_and_nan_values_are_rejected() {
    let q = |min: f64, max: f64| {
        let mut q = Quantity::bare(0, 3, "inf");
        q.min = Some(min);
        q.max = Some(max);
        Record::Quantity(q)
    };
    let kept =
        finite_only(vec![q(5.0, 5.0), q(f64::INFINITY, f64::INFINITY), q(1.0, f64::NAN), q(f64::NEG_INFINITY, 2.0)]);
    assert_eq!(kept, vec![q(5.0, 5.0)]);
}

#[test]
fn a_number_too_large_for_a_double_never_reaches_the_dossier() {
    let dir = tempfile::tempdir().unwrap();
    let mut d = isnad_store::Dossier::open(&dir.path().join("d.db")).unwrap();
    let text = format!("قال المسؤول إن {} شخص غادروا المدينة، وإن 30 شاحنة وصلت.", "9".repeat(400));
    let doc = isnad_ingest::Document { key: "big".into(), text, ..Default::default() };
    let s = d.ingest(std::iter::once(Ok(doc)), &|_| {}).unwrap();
    assert!(s.failed.is_empty());
    let store = d.store();
    let mut values = vec![];
    isnad_store::Store::claims(&*store, &Default::default(), &mut |r| {
        values.push((r.quantity.min, r.quantity.max));
        Ok(())
    })
    .unwrap();
    assert!(!values.is_empty(), "the ordinary claim is kept");
    assert!(values.iter().all(|(a, b)| a.is_none_or(f64::is_finite) && b.is_none_or(f64::is_finite)), "{values:?}");
}
