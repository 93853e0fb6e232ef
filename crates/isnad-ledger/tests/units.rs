//! Property: the ledger built one unit of events at a time (`units::ledger_by_units`, what
//! `isnad report` runs) is, byte for byte as JSON, the ledger built from the whole
//! dossier at once, on random dossiers of stored events whose claims recall other
//! events' days and places, complete each other (fighters and families), and carry
//! analysts' decisions over events and figures, some naming documents long gone.

use isnad_ledger::events::EventState;
use isnad_ledger::units::{ledger_by_units, ClaimSource};
use isnad_ledger::{ClaimKey, Corpus, Decision, DocInput, DocKey};
use isnad_model::{ymd, Frame, Kind, Quantity};
use proptest::prelude::*;
use std::collections::HashMap;
use std::sync::Arc;

const PLACES: [&str; 4] = ["raqqa", "derna", "aleppo", "idlib"];
const CLASSES: [&str; 4] = ["people", "fighters", "children", "family_members"];
const ACTIONS: [Option<&str>; 4] = [Some("killed"), Some("wounded"), Some("left"), None];
/// 2016-07-18: the events' days lie within a year and a half of it.
const BASE: i64 = 17000;

#[derive(Debug, Clone)]
struct GenClaim {
    value: u32,
    class: usize,
    action: usize,
    day: Option<i64>,
    place: Option<usize>,
    completes_previous: bool,
}

#[derive(Debug, Clone)]
struct GenDoc {
    event: usize,
    claims: Vec<GenClaim>,
}

fn claim_strategy() -> impl Strategy<Value = GenClaim> {
    (
        1u32..5000,
        0..CLASSES.len(),
        0..ACTIONS.len(),
        prop::option::of(0i64..600),
        prop::option::of(0..PLACES.len()),
        any::<bool>(),
    )
        .prop_map(|(value, class, action, day, place, completes_previous)| GenClaim {
            value,
            class,
            action,
            day,
            place,
            completes_previous,
        })
}

fn dossier() -> impl Strategy<Value = (Vec<(i64, i64, usize)>, Vec<GenDoc>, Vec<(u8, usize, usize)>)> {
    let events = prop::collection::vec((0i64..600, 0i64..6, 0..PLACES.len()), 1..5);
    events.prop_flat_map(|evs| {
        let n = evs.len();
        let docs = prop::collection::vec(
            (0..n, prop::collection::vec(claim_strategy(), 0..6)).prop_map(|(event, claims)| GenDoc { event, claims }),
            1..10,
        );
        let decisions = prop::collection::vec((0u8..7, 0usize..40, 0usize..40), 0..4);
        (Just(evs), docs, decisions)
    })
}

fn quantity(c: &GenClaim, k: usize, doc: usize) -> Quantity {
    let start = 20 * k;
    let mut q = Quantity::bare(start, start + 8, format!("{} شخصاً", c.value));
    (q.min, q.max, q.kind, q.counted) = (Some(c.value as f64), Some(c.value as f64), Kind::People, Some("شخص".into()));
    q.frame = Frame {
        class: Some(CLASSES[c.class].into()),
        action: ACTIONS[c.action].map(String::from),
        event_date: c.day.map(|d| ymd(BASE + d)),
        place: c.place.map(|p| PLACES[p].into()),
        // Spellings differ by document: the ledger shows the first the dossier gives.
        place_text: c.place.map(|p| format!("{}-{doc}", PLACES[p])),
        completes: (c.completes_previous && k > 0).then(|| 20 * (k - 1)),
        ..Default::default()
    };
    q
}

/// The documents (with claims, as the whole ledger reads them) and the decisions.
fn build(evs: &[(i64, i64, usize)], docs: &[GenDoc], ds: &[(u8, usize, usize)]) -> (Vec<DocInput>, Vec<Decision>) {
    let states: Vec<Arc<EventState>> = evs
        .iter()
        .map(|&(lo, len, place)| {
            Arc::new(EventState {
                lo: Some(BASE + lo),
                hi: Some(BASE + lo + len),
                docs: 1 + (lo % 3) as u32,
                places: vec![(PLACES[place].into(), 2)],
                ..Default::default()
            })
        })
        .collect();
    let inputs: Vec<DocInput> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let claims: Vec<Quantity> = d.claims.iter().enumerate().map(|(k, c)| quantity(c, k, i)).collect();
            DocInput {
                id: i as i64 + 1,
                key: format!("doc-{:02}", (i * 7) % 10 + 10 * (i / 10)),
                hash: format!("hash-{i}"),
                outlet: Some(format!("outlet-{}", i % 3)),
                lang: Some("ar".into()),
                contexts: claims.iter().map(|q| Some(q.text.clone())).collect(),
                claims,
                event: Some((d.event as i64 + 100, states[d.event].clone())),
                event_reasons: Some(vec![format!("reason-{}", i % 2)]),
                ..Default::default()
            }
        })
        .collect();
    let doc_key = |i: usize| {
        let d = &inputs[i % inputs.len()];
        DocKey { doc_hash: d.hash.clone(), doc_key: d.key.clone() }
    };
    let all_claims: Vec<(usize, usize)> =
        inputs.iter().enumerate().flat_map(|(i, d)| (0..d.claims.len()).map(move |k| (i, k))).collect();
    let item = |x: usize| -> Option<Vec<ClaimKey>> {
        let &(i, k) = all_claims.get(x % all_claims.len().max(1))?;
        let (d, q) = (&inputs[i], &inputs[i].claims[k]);
        Some(vec![ClaimKey {
            doc_hash: d.hash.as_str().into(),
            doc_key: d.key.as_str().into(),
            start: q.start,
            end: q.end,
            text: q.text.as_str().into(),
        }])
    };
    let decisions = ds
        .iter()
        .filter_map(|&(kind, a, b)| {
            Some(match kind {
                0 => Decision::MergeEvents { a: doc_key(a), b: doc_key(b) },
                1 => Decision::MoveDocument { doc: doc_key(a), to: doc_key(b) },
                2 => Decision::SplitEvent { docs: vec![doc_key(a)] },
                3 => Decision::NameEvent { doc: doc_key(a), name: format!("event {b}") },
                4 => Decision::Merge { a: item(a)?, b: item(b)? },
                5 => Decision::Split { items: vec![item(a)?] },
                _ => Decision::NameEvent {
                    doc: DocKey { doc_hash: "gone".into(), doc_key: "gone".into() },
                    name: "x".into(),
                },
            })
        })
        .collect();
    (inputs, decisions)
}

/// The dossier as a store would give it: claims by document id, then position.
struct Mem(HashMap<i64, (Vec<Quantity>, Vec<Option<String>>)>);

impl ClaimSource for Mem {
    type Error = std::convert::Infallible;
    fn every_claim(&mut self, sink: &mut dyn FnMut(i64, Quantity)) -> Result<(), Self::Error> {
        let mut ids: Vec<&i64> = self.0.keys().collect();
        ids.sort();
        for id in ids {
            for q in &self.0[id].0 {
                sink(*id, q.clone());
            }
        }
        Ok(())
    }
    fn claims_of(&mut self, docs: &[i64]) -> Result<HashMap<i64, (Vec<Quantity>, Vec<Option<String>>)>, Self::Error> {
        Ok(docs.iter().filter_map(|d| Some((*d, self.0.get(d)?.clone()))).collect())
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]
    #[test]
    fn units_give_the_whole_dossiers_ledger((evs, docs, ds) in dossier()) {
        let (inputs, decisions) = build(&evs, &docs, &ds);
        let whole = isnad_ledger::ledger(&Corpus::build(inputs.clone()), &decisions).ledger;
        let mut mem = Mem(inputs.iter().map(|d| (d.id, (d.claims.clone(), d.contexts.clone()))).collect());
        let bare: Vec<DocInput> = inputs
            .into_iter()
            .map(|d| DocInput { claims: Vec::new(), contexts: Vec::new(), ..d })
            .collect();
        let units = ledger_by_units(bare, &decisions, &mut mem, None, &mut |_, _| {}).unwrap().expect("every document has an event");
        let (u, w) = (serde_json::to_string_pretty(&units).unwrap(), serde_json::to_string_pretty(&whole).unwrap());
        prop_assert_eq!(u, w);
    }
}
