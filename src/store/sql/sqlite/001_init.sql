-- motcua schema, version 1. Times are Unix seconds (UTC); days are 'YYYY-MM-DD' (local).

CREATE TABLE meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

-- The agency tree. path lists the ids from the root down, each followed by '/',
-- so a subtree is every row whose path starts with its root's path.
CREATE TABLE agencies (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    parent TEXT REFERENCES agencies(id),
    path TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL DEFAULT 'other',
    office_hours TEXT NOT NULL DEFAULT '07:30-11:30,13:00-17:00',
    address TEXT,
    phone TEXT,
    email TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX agencies_parent ON agencies(parent);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    full_name TEXT NOT NULL DEFAULT '',
    email TEXT,
    phone TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL
);

-- A role holds over an agency's subtree; agency NULL means the whole system.
CREATE TABLE user_roles (
    user_id INTEGER NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('citizen', 'receiver', 'processor', 'leader',
                                       'unit_admin', 'admin', 'steering', 'auditor')),
    agency TEXT REFERENCES agencies(id),
    UNIQUE (user_id, role, agency)
);
CREATE INDEX user_roles_user ON user_roles(user_id);

-- Sessions: the cookie's token is stored only as its SHA-256.
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    csrf_token TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE procedures (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    field TEXT NOT NULL,
    field_code TEXT,
    level TEXT NOT NULL CHECK (level IN ('central', 'province', 'district', 'commune')),
    agency TEXT NOT NULL REFERENCES agencies(id),
    duration_days REAL NOT NULL,
    duration_kind TEXT NOT NULL CHECK (duration_kind IN ('working', 'calendar')),
    online_duration_days REAL,
    online_class TEXT CHECK (online_class IN ('full', 'partial')),
    online_level INTEGER CHECK (online_level BETWEEN 1 AND 4),
    legal_basis TEXT,
    result_name TEXT,
    description TEXT,
    paper_result INTEGER NOT NULL DEFAULT 0,
    inter_agency INTEGER NOT NULL DEFAULT 0,
    any_place INTEGER NOT NULL DEFAULT 0,
    decision_number TEXT,
    decision_date TEXT,
    effective_date TEXT,
    status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX procedures_agency ON procedures(agency);

CREATE TABLE procedure_components (
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('original', 'certified', 'copy')),
    count INTEGER NOT NULL DEFAULT 1,
    required INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (procedure_id, position)
);

CREATE TABLE procedure_fees (
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    amount INTEGER NOT NULL,
    PRIMARY KEY (procedure_id, position)
);

-- Each published version of a procedure, as the JSON the API served.
CREATE TABLE procedure_history (
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    version INTEGER NOT NULL,
    changed_at INTEGER NOT NULL,
    changed_by INTEGER REFERENCES users(id),
    data TEXT NOT NULL,
    PRIMARY KEY (procedure_id, version)
);

-- Search over folded text (lower case, no diacritics, đ → d); rowid = procedures.id.
CREATE VIRTUAL TABLE procedure_search USING fts5(text, tokenize = 'unicode61');

CREATE TABLE dossiers (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    agency TEXT NOT NULL REFERENCES agencies(id),
    channel INTEGER NOT NULL CHECK (channel BETWEEN 1 AND 3),
    status INTEGER NOT NULL CHECK (status BETWEEN 1 AND 10),
    applicant_kind INTEGER NOT NULL CHECK (applicant_kind BETWEEN 1 AND 4),
    applicant_name TEXT NOT NULL,
    applicant_id_number TEXT,
    applicant_phone TEXT,
    applicant_email TEXT,
    applicant_address TEXT,
    delegate_name TEXT,
    delegate_id_number TEXT,
    delegate_phone TEXT,
    phone_last4 TEXT,
    summary TEXT NOT NULL,
    sets INTEGER NOT NULL DEFAULT 1,
    duration_days REAL NOT NULL,
    duration_kind TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    received_at INTEGER,
    due_at INTEGER,
    original_due_at INTEGER,
    finished_at INTEGER,
    returned_at INTEGER,
    closed_at INTEGER,
    submitted_by INTEGER REFERENCES users(id),
    received_by INTEGER REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX dossiers_agency ON dossiers(agency, status);
CREATE INDEX dossiers_submitted_by ON dossiers(submitted_by);

CREATE TABLE dossier_components (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    count INTEGER NOT NULL,
    received INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (dossier_id, position)
);

-- The control sheet (form 05): every transition with who, when, from, to and a note.
CREATE TABLE dossier_events (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    from_status INTEGER,
    to_status INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users(id),
    actor_name TEXT,
    unit TEXT REFERENCES agencies(id),
    note TEXT,
    step_due_at INTEGER
);
CREATE INDEX dossier_events_dossier ON dossier_events(dossier_id, id);

-- Dossier code numbers per receiving unit and local day.
CREATE TABLE code_counters (
    agency TEXT NOT NULL,
    day TEXT NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (agency, day)
) WITHOUT ROWID;

-- Holiday rules (seeded from the Labour Code; editable) and each year's overrides.
CREATE TABLE holiday_rules (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    calendar TEXT NOT NULL CHECK (calendar IN ('solar', 'lunar')),
    month INTEGER NOT NULL CHECK (month BETWEEN 1 AND 12),
    day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 31),
    offset INTEGER NOT NULL DEFAULT 0,
    length INTEGER NOT NULL DEFAULT 1 CHECK (length BETWEEN 1 AND 15),
    adjacent INTEGER NOT NULL DEFAULT 0,
    from_year INTEGER NOT NULL DEFAULT 0,
    to_year INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE calendar_overrides (
    day TEXT PRIMARY KEY,
    work INTEGER NOT NULL CHECK (work IN (0, 1)),
    name TEXT NOT NULL,
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users(id)
);

-- Append-only, hash-chained: hash = SHA-256(prev_hash | id | at | actor | action | object | detail).
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_id INTEGER,
    action TEXT NOT NULL,
    object TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
