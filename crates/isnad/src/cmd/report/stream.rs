//! The report's ledger built one unit of events at a time
//! ([`isnad_ledger::units::ledger_by_units`]) from the store: what is held at once is
//! every document's metadata, the events' states and one unit's claims, not the
//! dossier's claims. The model is the one the whole dossier gives (`report --whole`;
//! the events tests compare the two).

use super::spill::Spill;
use super::DOC_BATCH;
use isnad_ledger::units::ClaimSource;
use isnad_ledger::{Decision, DocInput, Ledger};
use isnad_model::Quantity;
use isnad_store::{ClaimFilter, LedgerStore, Store};
use std::collections::HashMap;
use std::sync::Arc;

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
    let hashes = store.doc_hashes()?;
    let mut events = store.events()?;
    if hashes.is_empty() || hashes.iter().any(|(id, _)| !events.of_doc.contains_key(id)) {
        return Ok(None);
    }
    let states: HashMap<i64, Arc<isnad_ledger::events::EventState>> =
        std::mem::take(&mut events.states).into_iter().map(|(id, s)| (id, Arc::new(s))).collect();
    let mut docs: Vec<DocInput> = Vec::with_capacity(hashes.len());
    for chunk in hashes.chunks(DOC_BATCH) {
        let ids: Vec<i64> = chunk.iter().map(|x| x.0).collect();
        let hash_of: HashMap<i64, &str> = chunk.iter().map(|(i, h)| (*i, h.as_str())).collect();
        for d in store.documents(&ids)? {
            let Some((event, reasons)) = events.of_doc.remove(&d.id) else { continue };
            docs.push(DocInput {
                id: d.id,
                hash: hash_of.get(&d.id).map(|h| h.to_string()).unwrap_or_default(),
                event: Some((event, states.get(&event).cloned().unwrap_or_default())),
                event_reasons: Some(reasons),
                key: d.key,
                title: d.title,
                outlet: d.outlet,
                url: d.url,
                published: d.published,
                lang: d.lang,
                // The ledger reads the sentences stored with the claims, not the text.
                ..Default::default()
            });
        }
    }
    let mut sink = spill.map(|s| move |f: &isnad_ledger::Figure| s.push(f));
    let sink = sink.as_mut().map(|f| f as &mut dyn FnMut(&isnad_ledger::Figure) -> anyhow::Result<()>);
    isnad_ledger::units::ledger_by_units(docs, decisions, &mut Claims(store), sink, progress)
}
