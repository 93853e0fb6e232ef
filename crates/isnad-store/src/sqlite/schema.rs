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
    // 2: what extraction knows about each claim (its frame: class, action, place, event
    // date, marks) as columns the ledger reads, the sentence it stands in, and each
    // document's profile and event.
    r#"
    ALTER TABLE claims ADD COLUMN class TEXT;
    ALTER TABLE claims ADD COLUMN action TEXT;
    ALTER TABLE claims ADD COLUMN place TEXT;
    ALTER TABLE claims ADD COLUMN event_date TEXT;
    ALTER TABLE claims ADD COLUMN frame TEXT;
    ALTER TABLE claims ADD COLUMN context TEXT;
    CREATE INDEX claims_class_action ON claims(kind, class, action);

    -- What event clustering reads of a document (time, places, actors, terms), as JSON.
    CREATE TABLE doc_profiles (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        profile TEXT NOT NULL
    );
    -- Events (stories): documents clustered by time, place, actors and vocabulary.
    -- `state` is the clusterer's summary of the event (centroid, span, places), JSON.
    CREATE TABLE events (
        id INTEGER PRIMARY KEY,
        lo_day INTEGER,
        hi_day INTEGER,
        docs INTEGER NOT NULL DEFAULT 0,
        state TEXT NOT NULL
    );
    CREATE INDEX events_span ON events(hi_day, lo_day);
    -- The event each document was assigned to, with the similarity and reasons.
    CREATE TABLE event_docs (
        doc_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        event_id INTEGER NOT NULL REFERENCES events(id),
        score REAL,
        reasons TEXT
    );
    CREATE INDEX event_docs_event ON event_docs(event_id);
    -- Terms of each event's centroid, to fetch candidate events for a new document.
    CREATE TABLE event_terms (
        term TEXT NOT NULL,
        event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
        PRIMARY KEY (term, event_id)
    ) WITHOUT ROWID;
    -- Document frequency of terms over the dossier, for term weights.
    CREATE TABLE term_df (
        term TEXT PRIMARY KEY,
        df INTEGER NOT NULL
    ) WITHOUT ROWID;
    "#,
];
