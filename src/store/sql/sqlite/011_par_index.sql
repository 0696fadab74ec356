-- The PAR INDEX and the internal reform indices (core/parindex.h): a year's
-- structure loaded from a file (its items: areas, criteria, sub-criteria in
-- tree order), each subject agency's assessment of its items (the unit
-- responsible, the self and appraised scores, the figure it is linked to),
-- the evidence attached (the bytes in the content-addressed file store,
-- store/blobs.c), and the external indices recorded by year.
CREATE TABLE par_structures (
    id INTEGER PRIMARY KEY,
    year INTEGER NOT NULL,
    scope TEXT NOT NULL,
    name TEXT NOT NULL,
    source TEXT,
    example INTEGER NOT NULL DEFAULT 0,
    max_points REAL NOT NULL,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id)
);
CREATE INDEX par_structures_year ON par_structures (year);

CREATE TABLE par_items (
    id INTEGER PRIMARY KEY,
    structure_id INTEGER NOT NULL REFERENCES par_structures (id),
    position INTEGER NOT NULL,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    max_points REAL NOT NULL,
    scoring TEXT,
    target REAL,
    bands TEXT,
    figure TEXT,
    UNIQUE (structure_id, code),
    UNIQUE (structure_id, position)
);

-- figure: NULL follows the item's figure; 'none' scores by hand.
CREATE TABLE par_assessments (
    id INTEGER PRIMARY KEY,
    item_id INTEGER NOT NULL REFERENCES par_items (id),
    subject TEXT NOT NULL REFERENCES agencies (id),
    responsible TEXT REFERENCES agencies (id),
    value REAL,
    self_score REAL,
    appraised_score REAL,
    figure TEXT,
    note TEXT,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (item_id, subject)
);
CREATE INDEX par_assessments_subject ON par_assessments (subject);

CREATE TABLE par_files (
    id INTEGER PRIMARY KEY,
    assessment_id INTEGER NOT NULL REFERENCES par_assessments (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users (id)
);
CREATE INDEX par_files_assessment ON par_files (assessment_id);

CREATE TABLE index_values (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    year INTEGER NOT NULL,
    subject TEXT NOT NULL REFERENCES agencies (id),
    score REAL NOT NULL,
    rank INTEGER,
    source TEXT NOT NULL,
    note TEXT,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (kind, year, subject)
);
