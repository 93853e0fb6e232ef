//! Schema migrations. The version lives in SQLite's `user_version`; each step runs in
//! its own transaction, so an interrupted upgrade leaves the previous version intact.
//! Never edit a released step: add the next one.

pub(crate) const MIGRATIONS: &[&str] = &[
    // 1: documents, claims, dates, entities and mentions, the search index queue.
    r#"
    CREATE TABLE documents (
        id INTEGER PRIMARY KEY,
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
        extractor_version INTEGER NOT NULL,
        ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
    );
    CREATE INDEX documents_hash ON documents(hash);
    CREATE INDEX documents_version ON documents(extractor_version);

    CREATE TABLE claims (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        min REAL,
        max REAL,
        qualifier TEXT NOT NULL,
        kind TEXT NOT NULL,
        counted TEXT,
        unit TEXT,
        speaker_text TEXT,
        speaker_start INTEGER,
        speaker_end INTEGER,
        speaker_id TEXT,
        speaker_norm TEXT,
        cue TEXT,
        stance TEXT NOT NULL,
        source_text TEXT,
        source_start INTEGER,
        source_end INTEGER,
        source_id TEXT
    );
    CREATE INDEX claims_doc ON claims(doc_id, start);
    CREATE INDEX claims_kind ON claims(kind);
    CREATE INDEX claims_speaker_id ON claims(speaker_id);

    CREATE TABLE dates (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        date TEXT,
        month INTEGER,
        day INTEGER
    );
    CREATE INDEX dates_doc ON dates(doc_id);

    -- Canonical entities (people, organisations, outlets) after alias resolution.
    CREATE TABLE entities (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        kind TEXT
    );
    -- Every place a party is named: as a claim's speaker or source today, any mention
    -- once attribution indexes entities on its own.
    CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        entity_id TEXT REFERENCES entities(id),
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        role TEXT NOT NULL
    );
    CREATE INDEX mentions_doc ON mentions(doc_id);
    CREATE INDEX mentions_entity ON mentions(entity_id);

    -- Documents written since the search index last committed (see Dossier).
    CREATE TABLE index_queue (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        doc_id INTEGER NOT NULL
    );
    "#,
];
