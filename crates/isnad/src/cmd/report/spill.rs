//! Figures kept on disk while the report is built, so that `isnad report --json` holds
//! one part of the dossier at a time and never the whole model. Each figure is written
//! once as compact JSON; the model is then written with the figures copied, in the
//! report's order, through the same pretty printer, so it is byte for byte what
//! serialising the whole [`Ledger`] gives.

use isnad_ledger::{EventView, Figure, Ledger};
use serde::ser::{SerializeSeq, Serializer};
use serde::Serialize;
use std::cell::RefCell;
use std::fs::File;
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};

/// Where a figure is in the spill file, with what orders it.
struct Slot {
    sources: usize,
    claims: usize,
    id: String,
    at: u64,
    len: usize,
}

pub(crate) struct Spill {
    out: BufWriter<File>,
    at: u64,
    slots: Vec<Slot>,
}

impl Spill {
    pub(crate) fn new() -> std::io::Result<Spill> {
        // Unnamed: the system removes it however the process ends.
        Ok(Spill { out: BufWriter::new(tempfile::tempfile()?), at: 0, slots: Vec::new() })
    }

    pub(crate) fn push(&mut self, f: &Figure) -> anyhow::Result<()> {
        let bytes = serde_json::to_vec(f)?;
        self.out.write_all(&bytes)?;
        self.slots.push(Slot {
            sources: f.sources,
            claims: f.entries.len() + f.denials.len(),
            id: f.id.clone(),
            at: self.at,
            len: bytes.len(),
        });
        self.at += bytes.len() as u64;
        Ok(())
    }

    pub(crate) fn len(&self) -> usize {
        self.slots.len()
    }

    /// Writes `l` (whose own figures are left out) as `serde_json::to_writer_pretty`
    /// writes a [`Ledger`], with the spilled figures in [`isnad_ledger::figure_order`].
    pub(crate) fn write_model(mut self, l: &Ledger, to: impl Write) -> anyhow::Result<()> {
        self.slots.sort_by(|a, b| {
            isnad_ledger::figure_rank(a.sources, a.claims, &a.id)
                .cmp(&isnad_ledger::figure_rank(b.sources, b.claims, &b.id))
        });
        let file = self.out.into_inner().map_err(|e| e.into_error())?;
        let model = Model {
            rule: l.rule,
            lang: l.lang,
            documents: l.documents,
            claims: l.claims,
            figures: Figures { slots: &self.slots, file: RefCell::new(file) },
            events: &l.events,
            ungrouped: l.ungrouped,
            unresolved_decisions: l.unresolved_decisions,
        };
        let mut to = BufWriter::new(to);
        serde_json::to_writer_pretty(&mut to, &model)?;
        to.flush()?;
        Ok(())
    }
}

/// [`Ledger`]'s fields in its order (the events tests compare the two outputs byte for byte).
#[derive(Serialize)]
struct Model<'a> {
    rule: &'static str,
    lang: &'static str,
    documents: usize,
    claims: usize,
    figures: Figures<'a>,
    events: &'a [EventView],
    ungrouped: usize,
    unresolved_decisions: usize,
}

struct Figures<'a> {
    slots: &'a [Slot],
    file: RefCell<File>,
}

impl Serialize for Figures<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::Error;
        let mut seq = s.serialize_seq(Some(self.slots.len()))?;
        let mut buf = Vec::new();
        for slot in self.slots {
            buf.resize(slot.len, 0);
            let mut f = self.file.borrow_mut();
            f.seek(SeekFrom::Start(slot.at)).and_then(|_| f.read_exact(&mut buf)).map_err(S::Error::custom)?;
            drop(f);
            seq.serialize_element(&Spilled(&buf))?;
        }
        seq.end()
    }
}

/// One spilled figure, re-emitted through the caller's serializer (and so its indent).
struct Spilled<'a>(&'a [u8]);

impl Serialize for Spilled<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut de = serde_json::Deserializer::from_slice(self.0);
        serde_transcode::transcode(&mut de, s)
    }
}
