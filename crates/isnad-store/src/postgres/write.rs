//! Writes. Each public operation is one transaction: a document and everything found
//! in it go in together or not at all. A document's claims, dates and mentions go in
//! one statement per table (arrays unnested), so a document costs a handful of round
//! trips, not one per row.

use super::{lock_key, PgStore, LOCK_CHANGES, LOCK_CLASS};
use crate::store::{NewDoc, Outcome};
use crate::StoreError;
use isnad_model::Record;
use postgres::types::ToSql;
use postgres::{Row, Statement, Transaction};
use std::collections::{BTreeMap, HashMap};

/// A transaction with the connection's prepared statements.
struct Tx<'a, 'b> {
    tx: &'a mut Transaction<'b>,
    cache: &'a mut HashMap<&'static str, Statement>,
}

impl Tx<'_, '_> {
    fn statement(&mut self, sql: &'static str) -> Result<Statement, postgres::Error> {
        if let Some(s) = self.cache.get(sql) {
            return Ok(s.clone());
        }
        let s = self.tx.prepare(sql)?;
        self.cache.insert(sql, s.clone());
        Ok(s)
    }
    fn execute(&mut self, sql: &'static str, args: &[&(dyn ToSql + Sync)]) -> Result<u64, postgres::Error> {
        let st = self.statement(sql)?;
        self.tx.execute(&st, args)
    }
    fn query_opt(&mut self, sql: &'static str, args: &[&(dyn ToSql + Sync)]) -> Result<Option<Row>, postgres::Error> {
        let st = self.statement(sql)?;
        self.tx.query_opt(&st, args)
    }
}

impl PgStore {
    pub(crate) fn put_doc(&mut self, new: &NewDoc) -> Result<Outcome, StoreError> {
        self.retrying("storing a document", |s| {
            let mut c = s.client();
            let mut cache = s.statements.borrow_mut();
            let mut tx = c.transaction()?;
            let out = put_once(&mut Tx { tx: &mut tx, cache: &mut cache }, new)?;
            if out.is_some() {
                tx.commit()?;
            }
            Ok(out)
        })
    }

    pub(crate) fn set_doc_records(&mut self, id: i64, records: &[Record], version: u32) -> Result<(), StoreError> {
        self.retrying("storing re-extracted claims", |s| {
            let mut c = s.client();
            let mut cache = s.statements.borrow_mut();
            let mut t = c.transaction()?;
            let mut tx = Tx { tx: &mut t, cache: &mut cache };
            // The row lock orders this against a writer replacing the same document.
            let Some(row) = tx.query_opt("SELECT text FROM documents WHERE id = $1 FOR UPDATE", &[&id])? else {
                return Ok(Some(())); // gone meanwhile (there is no delete today): nothing to refresh
            };
            let text: String = row.get(0);
            clear_records(&mut tx, id)?;
            insert_records(&mut tx, id, &text, records)?;
            tx.execute("UPDATE documents SET extractor_version = $2 WHERE id = $1", &[&id, &(version as i64)])?;
            // The text did not change, so the search indexes need not hear of it.
            t.commit()?;
            Ok(Some(()))
        })
    }
}

/// One attempt; `Ok(None)` when another writer added the same key meanwhile (the next
/// attempt then sees its row).
fn put_once(tx: &mut Tx, new: &NewDoc) -> Result<Option<Outcome>, postgres::Error> {
    let d = new.doc;
    // Serialises writers of one content: "same content under another key" stays true.
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&lock_key(new.hash)])?;
    let existing = tx.query_opt("SELECT id, hash FROM documents WHERE key = $1 FOR UPDATE", &[&d.key])?;
    let format = d.format.map(|f| f.as_str());
    let lang = d.lang.map(|l| l.as_str());
    let version = new.extractor_version as i64;
    let outcome = match existing.map(|r| (r.get::<_, i64>(0), r.get::<_, String>(1))) {
        Some((id, hash)) if hash == new.hash => return Ok(Some(Outcome::Unchanged(id))),
        Some((id, _)) => {
            tx.execute(
                "UPDATE documents SET hash=$2, format=$3, title=$4, url=$5, outlet=$6, author=$7, published=$8,
                 fetched=$9, lang=$10, encoding=$11, text=$12, extractor_version=$13,
                 ingested_at=to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') WHERE id=$1",
                &[
                    &id,
                    &new.hash,
                    &format,
                    &d.title,
                    &d.url,
                    &d.outlet,
                    &d.author,
                    &d.published,
                    &d.fetched,
                    &lang,
                    &d.encoding,
                    &d.text,
                    &version,
                ],
            )?;
            clear_records(tx, id)?;
            Outcome::Replaced(id)
        }
        None => {
            if let Some(r) =
                tx.query_opt("SELECT id FROM documents WHERE hash = $1 ORDER BY id LIMIT 1", &[&new.hash])?
            {
                return Ok(Some(Outcome::Unchanged(r.get(0))));
            }
            let row = tx.query_opt(
                "INSERT INTO documents (key, hash, format, title, url, outlet, author, published, fetched, lang,
                 encoding, text, extractor_version) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
                 ON CONFLICT (key) DO NOTHING RETURNING id",
                &[
                    &d.key,
                    &new.hash,
                    &format,
                    &d.title,
                    &d.url,
                    &d.outlet,
                    &d.author,
                    &d.published,
                    &d.fetched,
                    &lang,
                    &d.encoding,
                    &d.text,
                    &version,
                ],
            )?;
            match row {
                Some(r) => Outcome::Added(r.get(0)),
                None => return Ok(None),
            }
        }
    };
    insert_records(tx, outcome.id(), &d.text, new.records)?;
    if let Some(p) = new.profile {
        tx.execute(
            "INSERT INTO doc_profiles (doc_id, profile) VALUES ($1, $2)
             ON CONFLICT (doc_id) DO UPDATE SET profile = excluded.profile",
            &[&outcome.id(), &p],
        )?;
    }
    // Last, and under one lock to commit: change numbers become visible in order.
    tx.execute("SELECT pg_advisory_xact_lock($1, $2)", &[&LOCK_CLASS, &LOCK_CHANGES])?;
    tx.execute("UPDATE documents SET change_seq = nextval('change_seq') WHERE id = $1", &[&outcome.id()])?;
    Ok(Some(outcome))
}

fn clear_records(tx: &mut Tx, id: i64) -> Result<(), postgres::Error> {
    tx.execute("DELETE FROM claims WHERE doc_id = $1", &[&id])?;
    tx.execute("DELETE FROM dates WHERE doc_id = $1", &[&id])?;
    tx.execute("DELETE FROM mentions WHERE doc_id = $1", &[&id])?;
    Ok(())
}

/// The claims table's columns, as one array each.
#[derive(Default)]
struct Claims {
    start: Vec<i64>,
    end: Vec<i64>,
    text: Vec<String>,
    min: Vec<Option<f64>>,
    max: Vec<Option<f64>>,
    qualifier: Vec<&'static str>,
    kind: Vec<&'static str>,
    counted: Vec<Option<String>>,
    unit: Vec<Option<String>>,
    speaker_text: Vec<Option<String>>,
    speaker_start: Vec<Option<i64>>,
    speaker_end: Vec<Option<i64>>,
    speaker_id: Vec<Option<String>>,
    speaker_norm: Vec<Option<String>>,
    cue: Vec<Option<String>>,
    stance: Vec<&'static str>,
    source_text: Vec<Option<String>>,
    source_start: Vec<Option<i64>>,
    source_end: Vec<Option<i64>>,
    source_id: Vec<Option<String>>,
    class: Vec<Option<String>>,
    action: Vec<Option<String>>,
    place: Vec<Option<String>>,
    event_date: Vec<Option<String>>,
    frame: Vec<String>,
    context: Vec<Option<String>>,
}

fn insert_records(tx: &mut Tx, doc_id: i64, doc_text: &str, records: &[Record]) -> Result<(), postgres::Error> {
    let mut c = Claims::default();
    let (mut d_start, mut d_end, mut d_text, mut d_date, mut d_month, mut d_day) =
        (vec![], vec![], vec![], vec![], vec![], vec![]);
    let (mut m_entity, mut m_start, mut m_end, mut m_text, mut m_role) = (vec![], vec![], vec![], vec![], vec![]);
    // Sorted by id: every writer takes the entity rows' locks in one order.
    let mut entities: BTreeMap<String, String> = BTreeMap::new();
    for r in records {
        match r {
            Record::Quantity(q) => {
                let sp = q.speaker.as_ref();
                let so = q.source.as_ref();
                let f = &q.frame;
                c.start.push(q.start as i64);
                c.end.push(q.end as i64);
                c.text.push(q.text.clone());
                c.min.push(q.min);
                c.max.push(q.max);
                c.qualifier.push(q.qualifier.as_str());
                c.kind.push(q.kind.as_str());
                c.counted.push(q.counted.clone());
                c.unit.push(q.unit.clone());
                c.speaker_text.push(sp.map(|p| p.text.clone()));
                c.speaker_start.push(sp.map(|p| p.start as i64));
                c.speaker_end.push(sp.map(|p| p.end as i64));
                c.speaker_id.push(sp.and_then(|p| p.id.clone()));
                c.speaker_norm.push(sp.map(|p| isnad_text::normalize_str(&p.text)));
                c.cue.push(q.cue.clone());
                c.stance.push(q.stance.as_str());
                c.source_text.push(so.map(|p| p.text.clone()));
                c.source_start.push(so.map(|p| p.start as i64));
                c.source_end.push(so.map(|p| p.end as i64));
                c.source_id.push(so.and_then(|p| p.id.clone()));
                c.class.push(f.class.clone());
                c.action.push(f.action.clone());
                c.place.push(f.place.clone());
                c.event_date.push(f.event_date.clone());
                c.frame.push(serde_json::to_string(&q.stored_frame()).unwrap_or_default());
                // The sentence is kept with the claim, so the ledger shows the evidence
                // without reading the document again.
                c.context.push(f.sentence().and_then(|(a, b)| doc_text.get(a..b)).map(str::to_string));
                for (p, role) in [(sp, "speaker"), (so, "source")] {
                    let Some(p) = p else { continue };
                    if let Some(id) = &p.id {
                        entities.entry(id.clone()).or_insert_with(|| p.text.clone());
                    }
                    m_entity.push(p.id.clone());
                    m_start.push(p.start as i64);
                    m_end.push(p.end as i64);
                    m_text.push(p.text.clone());
                    m_role.push(role);
                }
            }
            Record::Date(d) => {
                d_start.push(d.start as i64);
                d_end.push(d.end as i64);
                d_text.push(d.text.clone());
                d_date.push(d.date.clone());
                d_month.push(d.month.map(i64::from));
                d_day.push(d.day.map(i64::from));
            }
        }
    }
    if !c.start.is_empty() {
        tx.execute(
            r#"INSERT INTO claims (doc_id, start, "end", text, min, max, qualifier, kind, counted, unit,
               speaker_text, speaker_start, speaker_end, speaker_id, speaker_norm, cue, stance,
               source_text, source_start, source_end, source_id, class, action, place, event_date, frame, context)
               SELECT $1, * FROM unnest($2::int8[], $3::int8[], $4::text[], $5::float8[], $6::float8[], $7::text[],
                 $8::text[], $9::text[], $10::text[], $11::text[], $12::int8[], $13::int8[], $14::text[],
                 $15::text[], $16::text[], $17::text[], $18::text[], $19::int8[], $20::int8[], $21::text[],
                 $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::text[])"#,
            &[
                &doc_id,
                &c.start,
                &c.end,
                &c.text,
                &c.min,
                &c.max,
                &c.qualifier,
                &c.kind,
                &c.counted,
                &c.unit,
                &c.speaker_text,
                &c.speaker_start,
                &c.speaker_end,
                &c.speaker_id,
                &c.speaker_norm,
                &c.cue,
                &c.stance,
                &c.source_text,
                &c.source_start,
                &c.source_end,
                &c.source_id,
                &c.class,
                &c.action,
                &c.place,
                &c.event_date,
                &c.frame,
                &c.context,
            ],
        )?;
    }
    if !d_start.is_empty() {
        tx.execute(
            r#"INSERT INTO dates (doc_id, start, "end", text, date, month, day)
               SELECT $1, * FROM unnest($2::int8[], $3::int8[], $4::text[], $5::text[], $6::int8[], $7::int8[])"#,
            &[&doc_id, &d_start, &d_end, &d_text, &d_date, &d_month, &d_day],
        )?;
    }
    if !entities.is_empty() {
        let (ids, names): (Vec<String>, Vec<String>) = entities.into_iter().unzip();
        tx.execute(
            "INSERT INTO entities (id, name) SELECT * FROM unnest($1::text[], $2::text[]) ORDER BY 1
             ON CONFLICT (id) DO NOTHING",
            &[&ids, &names],
        )?;
    }
    if !m_start.is_empty() {
        tx.execute(
            r#"INSERT INTO mentions (doc_id, entity_id, start, "end", text, role)
               SELECT $1, * FROM unnest($2::text[], $3::int8[], $4::int8[], $5::text[], $6::text[])"#,
            &[&doc_id, &m_entity, &m_start, &m_end, &m_text, &m_role],
        )?;
    }
    Ok(())
}
