//! Schema migrations for PostgreSQL. The version lives in `isnad_schema`; each step runs
//! in its own transaction under an advisory lock, so processes on several machines
//! opening one new database at once apply each step once (PostgreSQL's DDL is
//! transactional: an interrupted step leaves the previous version intact). Never edit
//! a released step: add the next one.
//!
//! The tables are SQLite's (same names, same columns), so the two backends read alike;
//! what differs is PostgreSQL's own: `bigserial` ids, and `documents.change_seq`, the
//! change sequence every local search index follows (see `Dossier`).

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: everything SQLite's migrations 1 and 2 make, the ledger's decisions, and the
    // change sequence that replaces SQLite's index queue.
    r#"
    CREATE TABLE documents (
        id BIGSERIAL PRIMARY KEY,
        key TEXT NOT NULL UNIQUE,
        hash TEXT NOT NULL,
        format TEXT,
        title TEXT,
        url TEXT,
        outlet TEXT,
        author TEXT,
        published TEXT,
        fetched TEXT,
        lang TEXT,
        encoding TEXT,
        text TEXT NOT NULL,
        extractor_version BIGINT NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
        -- Bumped (from change_seq) by every write of the document's text or title.
        change_seq BIGINT NOT NULL DEFAULT 0
    );
    CREATE INDEX documents_hash ON documents(hash);
    CREATE INDEX documents_version ON documents(extractor_version);
    CREATE INDEX documents_change ON documents(change_seq);
    CREATE SEQUENCE change_seq;

    CREATE TABLE claims (
        id BIGSERIAL PRIMARY KEY,
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        text TEXT NOT NULL,
        min DOUBLE PRECISION,
        max DOUBLE PRECISION,
        qualifier TEXT NOT NULL,
        kind TEXT NOT NULL,
        counted TEXT,
        unit TEXT,
        speaker_text TEXT,
        speaker_start BIGINT,
        speaker_end BIGINT,
        speaker_id TEXT,
        speaker_norm TEXT,
        cue TEXT,
        stance TEXT NOT NULL,
        source_text TEXT,
        source_start BIGINT,
        source_end BIGINT,
        source_id TEXT,
        class TEXT,
        action TEXT,
        place TEXT,
        event_date TEXT,
        frame TEXT,
        context TEXT
    );
    CREATE INDEX claims_doc ON claims(doc_id, start);
    CREATE INDEX claims_kind ON claims(kind);
    CREATE INDEX claims_speaker_id ON claims(speaker_id);
    CREATE INDEX claims_class_action ON claims(kind, class, action);

    CREATE TABLE dates (
        id BIGSERIAL PRIMARY KEY,
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        text TEXT NOT NULL,
        date TEXT,
        month BIGINT,
        day BIGINT
    );
    CREATE INDEX dates_doc ON dates(doc_id);

    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT
    );
    CREATE TABLE mentions (
        id BIGSERIAL PRIMARY KEY,
        doc_id BIGINT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        entity_id TEXT REFERENCES entities(id),
        start BIGINT NOT NULL,
        "end" BIGINT NOT NULL,
        text TEXT NOT NULL,
        role TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    CREATE TABLE doc_profiles (
        doc_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        profile TEXT NOT NULL
    );
    CREATE TABLE events (
        id BIGSERIAL PRIMARY KEY,
        lo_day BIGINT,
        hi_day BIGINT,
        docs BIGINT NOT NULL DEFAULT 0,
        state TEXT NOT NULL
    );
    CREATE INDEX events_span ON events(hi_day, lo_day);
    CREATE TABLE event_docs (
        doc_id BIGINT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        event_id BIGINT NOT NULL REFERENCES events(id),
        score DOUBLE PRECISION,
        reasons TEXT
    );
    CREATE INDEX event_docs_event ON event_docs(event_id);
    CREATE TABLE event_terms (
        term TEXT NOT NULL,
        event_id BIGINT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (term, event_id)
    );
    CREATE TABLE term_df (
        term TEXT PRIMARY KEY,
        df BIGINT NOT NULL
    );

    CREATE TABLE ledger_decisions (
        id BIGSERIAL PRIMARY KEY,
        body TEXT NOT NULL,
        created TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
    );
    "#,
];
