//! Writes. A document and everything found in it go in together or not at all: each
//! operation is one transaction, except that ingest stores a batch of documents in one
//! (`put_docs`).

use super::SqliteStore;
use crate::store::{NewDoc, Outcome};
use crate::StoreError;
use isnad_model::{Party, Record};
use rusqlite::{params, OptionalExtension};

impl SqliteStore {
    pub(crate) fn put_doc(&mut self, new: &NewDoc) -> Result<Outcome, StoreError> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        let outcome = put_in(&tx, new).map_err(e)?;
        // An unchanged document wrote nothing: the transaction is dropped, rolled back.
        if !matches!(outcome, Outcome::Unchanged(_)) {
            tx.commit().map_err(e)?;
        }
        Ok(outcome)
    }

    /// [`SqliteStore::put_doc`] for several documents in one transaction: the commit is
    /// what costs at ingest (the WAL takes every page a transaction touched, and every
    /// document touches the same index pages), so it is paid once per batch. A kill
    /// loses the batch in flight, which a rerun stores again. Should any document fail,
    /// the batch is rolled back and stored one document per transaction, as
    /// [`SqliteStore::put_doc`] would have, so that a document and everything found in it
    /// still go in together or not at all and one that fails costs only itself.
    pub(crate) fn put_docs(&mut self, docs: &[NewDoc]) -> Vec<Result<Outcome, StoreError>> {
        let batch = (|| -> rusqlite::Result<Vec<Outcome>> {
            let tx = self.conn.transaction()?;
            let out = docs.iter().map(|new| put_in(&tx, new)).collect::<rusqlite::Result<Vec<_>>>()?;
            tx.commit()?;
            Ok(out)
        })();
        match batch {
            Ok(out) => out.into_iter().map(Ok).collect(),
            // rolled back (the transaction was dropped, or its commit failed)
            Err(_) => docs.iter().map(|d| self.put_doc(d)).collect(),
        }
    }
}

/// Writes one document with its records and profile inside the caller's transaction;
/// an unchanged document writes nothing.
fn put_in(tx: &rusqlite::Connection, new: &NewDoc) -> rusqlite::Result<Outcome> {
    let d = new.doc;
    let existing: Option<(i64, String)> = tx
        .prepare_cached("SELECT id, hash FROM documents WHERE key = ?1")
        .and_then(|mut s| s.query_row([&d.key], |r| Ok((r.get(0)?, r.get(1)?))).optional())?;
    // one parameter list for both statements: the key (unique) addresses the row
    let doc_params = params![
        d.key,
        new.hash,
        d.format.map(|f| f.as_str()),
        d.title,
        d.url,
        d.outlet,
        d.author,
        d.published,
        d.fetched,
        d.lang.map(|l| l.as_str()),
        d.encoding,
        d.text,
        new.extractor_version
    ];
    let outcome = match existing {
        Some((id, hash)) if hash == new.hash => return Ok(Outcome::Unchanged(id)),
        Some((id, _)) => {
            tx.prepare_cached(
                "UPDATE documents SET hash=?2, format=?3, title=?4, url=?5, outlet=?6, author=?7, published=?8,
                 fetched=?9, lang=?10, encoding=?11, text=?12, extractor_version=?13,
                 ingested_at=strftime('%Y-%m-%dT%H:%M:%SZ','now') WHERE key=?1",
            )
            .and_then(|mut s| s.execute(doc_params))?;
            clear_records(tx, id)?;
            Outcome::Replaced(id)
        }
        None => {
            let dup: Option<i64> = tx
                .prepare_cached("SELECT id FROM documents WHERE hash = ?1 LIMIT 1")
                .and_then(|mut s| s.query_row([new.hash], |r| r.get(0)).optional())?;
            if let Some(id) = dup {
                return Ok(Outcome::Unchanged(id));
            }
            tx.prepare_cached(
                "INSERT INTO documents (key, hash, format, title, url, outlet, author, published, fetched, lang,
                 encoding, text, extractor_version) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)",
            )
            .and_then(|mut s| s.execute(doc_params))?;
            Outcome::Added(tx.last_insert_rowid())
        }
    };
    insert_records(tx, outcome.id(), &d.text, new.records)?;
    if let Some(p) = new.profile {
        tx.prepare_cached("INSERT OR REPLACE INTO doc_profiles (doc_id, profile) VALUES (?1, ?2)")
            .and_then(|mut s| s.execute(params![outcome.id(), p]))?;
    }
    tx.prepare_cached("INSERT INTO index_queue (doc_id) VALUES (?1)").and_then(|mut s| s.execute([outcome.id()]))?;
    Ok(outcome)
}

impl SqliteStore {
    pub(crate) fn set_doc_records(&mut self, id: i64, records: &[Record], version: u32) -> Result<(), StoreError> {
        let path = self.path.clone();
        let e = |source| StoreError::Sqlite { path: path.clone(), source };
        let tx = self.conn.transaction().map_err(e)?;
        clear_records(&tx, id).map_err(e)?;
        let text: String = tx.query_row("SELECT text FROM documents WHERE id = ?1", [id], |r| r.get(0)).map_err(e)?;
        insert_records(&tx, id, &text, records).map_err(e)?;
        tx.execute("UPDATE documents SET extractor_version = ?2 WHERE id = ?1", params![id, version]).map_err(e)?;
        tx.commit().map_err(e)
    }

    pub(crate) fn clear_queue(&mut self, upto: i64) -> Result<(), StoreError> {
        self.conn.execute("DELETE FROM index_queue WHERE seq <= ?1", [upto]).map(|_| ()).map_err(|e| self.err(e))
    }
}

fn clear_records(tx: &rusqlite::Connection, id: i64) -> rusqlite::Result<()> {
    for table in ["claims", "dates", "mentions"] {
        tx.prepare_cached(&format!("DELETE FROM {table} WHERE doc_id = ?1"))?.execute([id])?;
    }
    Ok(())
}

fn insert_records(tx: &rusqlite::Connection, doc_id: i64, doc_text: &str, records: &[Record]) -> rusqlite::Result<()> {
    let mut claim = tx.prepare_cached(
        r#"INSERT INTO claims (doc_id, start, "end", text, min, max, qualifier, kind, counted, unit,
           speaker_text, speaker_start, speaker_end, speaker_id, speaker_norm, cue, stance,
           source_text, source_start, source_end, source_id, class, action, place, event_date, frame, context)
           VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24,?25,?26,?27)"#,
    )?;
    let mut date = tx.prepare_cached(
        r#"INSERT INTO dates (doc_id, start, "end", text, date, month, day) VALUES (?1,?2,?3,?4,?5,?6,?7)"#,
    )?;
    let mut mention = tx.prepare_cached(
        r#"INSERT INTO mentions (doc_id, entity_id, start, "end", text, role) VALUES (?1,?2,?3,?4,?5,?6)"#,
    )?;
    let mut entity = tx.prepare_cached("INSERT OR IGNORE INTO entities (id, name) VALUES (?1, ?2)")?;
    let mut party = |p: &Party, role: &str| -> rusqlite::Result<()> {
        if let Some(id) = &p.id {
            entity.execute(params![id, p.text])?;
        }
        mention.execute(params![doc_id, p.id, p.start as i64, p.end as i64, p.text, role])?;
        Ok(())
    };
    for r in records {
        match r {
            Record::Quantity(q) => {
                let sp = q.speaker.as_ref();
                let so = q.source.as_ref();
                let f = &q.frame;
                let frame = serde_json::to_string(&q.stored_frame()).unwrap_or_default();
                // The sentence is kept with the claim, so the ledger shows the evidence
                // without reading the document again.
                let context = f.sentence().and_then(|(a, b)| doc_text.get(a..b));
                claim.execute(params![
                    doc_id,
                    q.start as i64,
                    q.end as i64,
                    q.text,
                    q.min,
                    q.max,
                    q.qualifier.as_str(),
                    q.kind.as_str(),
                    q.counted,
                    q.unit,
                    sp.map(|p| &p.text),
                    sp.map(|p| p.start as i64),
                    sp.map(|p| p.end as i64),
                    sp.and_then(|p| p.id.as_ref()),
                    sp.map(|p| isnad_text::normalize_str(&p.text)),
                    q.cue,
                    q.stance.as_str(),
                    so.map(|p| &p.text),
                    so.map(|p| p.start as i64),
                    so.map(|p| p.end as i64),
                    so.and_then(|p| p.id.as_ref()),
                    f.class,
                    f.action,
                    f.place,
                    f.event_date,
                    frame,
                    context,
                ])?;
                if let Some(p) = sp {
                    party(p, "speaker")?;
                }
                if let Some(p) = so {
                    party(p, "source")?;
                }
            }
            Record::Date(d) => {
                date.execute(params![doc_id, d.start as i64, d.end as i64, d.text, d.date, d.month, d.day])?;
            }
        }
    }
    Ok(())
}
