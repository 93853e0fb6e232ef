//! The report's ledger built one unit of events at a time
//! ([`isnad_ledger::units::ledger_by_units`]) from the store: what is held at once is
//! every document's metadata, the events' states and one unit's claims, not the
//! dossier's claims. The model is the one the whole dossier gives (`report --whole`;
//! the events tests compare the two).

use super::spill::Spill;
use isnad_ledger::units::ClaimSource;
use isnad_ledger::{Decision, Ledger};
use isnad_model::Quantity;
use isnad_store::{ClaimFilter, LedgerStore, Store};
use std::collections::HashMap;

/// The store as the unit builder reads it.
struct Claims<'s, S>(&'s S);

impl<S: Store> ClaimSource for Claims<'_, S> {
    type Error = anyhow::Error;

    fn every_claim(&mut self, sink: &mut dyn FnMut(i64, Quantity)) -> anyhow::Result<()> {
        self.0.claims(&ClaimFilter::default(), &mut |row| {
            sink(row.doc_id, row.quantity);
            Ok(())
        })?;
        Ok(())
    }

    fn claims_of(&mut self, docs: &[i64]) -> anyhow::Result<HashMap<i64, (Vec<Quantity>, Vec<Option<String>>)>> {
        let mut out: HashMap<i64, (Vec<Quantity>, Vec<Option<String>>)> = HashMap::new();
        let filter = ClaimFilter { doc_ids: Some(docs.to_vec()), ..Default::default() };
        self.0.claims(&filter, &mut |row| {
            let e = out.entry(row.doc_id).or_default();
            e.0.push(row.quantity);
            e.1.push(row.context);
            Ok(())
        })?;
        Ok(out)
    }
}

/// The ledger of a dossier every document of which ingest put in an event; `None` when
/// some have none (a dossier from before events were stored: the caller builds it whole).
/// With `spill`, the figures go there as each unit is built and the ledger returned
/// holds none.
pub(crate) fn ledger<S: Store + LedgerStore>(
    store: &S,
    decisions: &[Decision],
    spill: Option<&mut Spill>,
    progress: &mut dyn FnMut(usize, usize),
) -> anyhow::Result<Option<Ledger>> {
    let docs = super::stored_docs(store)?;
    let mut sink = spill.map(|s| move |f: &isnad_ledger::Figure| s.push(f));
    let sink = sink.as_mut().map(|f| f as &mut dyn FnMut(&isnad_ledger::Figure) -> anyhow::Result<()>);
    isnad_ledger::units::ledger_by_units(docs, decisions, &mut Claims(store), sink, progress)
}
