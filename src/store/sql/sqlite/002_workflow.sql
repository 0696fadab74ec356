-- The workflow: procedure variants and their processes, each dossier's own
-- copy of its process, transitions' data, files, the notification outbox,
-- and printable form templates.

CREATE TABLE procedure_variants (
    id INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    duration_days REAL NOT NULL,
    duration_kind TEXT NOT NULL CHECK (duration_kind IN ('working', 'calendar')),
    online_duration_days REAL,
    UNIQUE (procedure_id, position)
);

-- unit NULL: the unit that processes the dossier (see core/workflow.h).
CREATE TABLE process_steps (
    variant_id INTEGER NOT NULL REFERENCES procedure_variants(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit TEXT REFERENCES agencies(id),
    role TEXT NOT NULL CHECK (role IN ('process', 'approve', 'consult', 'return')),
    hours REAL NOT NULL,
    PRIMARY KEY (variant_id, position)
);

ALTER TABLE dossiers ADD COLUMN variant_id INTEGER REFERENCES procedure_variants(id);
ALTER TABLE dossiers ADD COLUMN parent_id INTEGER REFERENCES dossiers(id);
ALTER TABLE dossiers ADD COLUMN current_unit TEXT REFERENCES agencies(id);
ALTER TABLE dossiers ADD COLUMN step INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN paused_at INTEGER;
ALTER TABLE dossiers ADD COLUMN resume_status INTEGER;
ALTER TABLE dossiers ADD COLUMN supplement_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN supplement_request TEXT;
ALTER TABLE dossiers ADD COLUMN open_children INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN apology_at INTEGER;
ALTER TABLE dossiers ADD COLUMN apology_reason TEXT;
ALTER TABLE dossiers ADD COLUMN apology_previous_due_at INTEGER;
ALTER TABLE dossiers ADD COLUMN result_number TEXT;
ALTER TABLE dossiers ADD COLUMN result_date TEXT;
ALTER TABLE dossiers ADD COLUMN result_signer TEXT;
ALTER TABLE dossiers ADD COLUMN result_electronic INTEGER NOT NULL DEFAULT 0;
ALTER TABLE dossiers ADD COLUMN return_method TEXT;
ALTER TABLE dossiers ADD COLUMN return_tracking TEXT;
ALTER TABLE dossiers ADD COLUMN fee_amount INTEGER;
ALTER TABLE dossiers ADD COLUMN fee_paid_amount INTEGER;
ALTER TABLE dossiers ADD COLUMN fee_method TEXT;
ALTER TABLE dossiers ADD COLUMN fee_receipt TEXT;
ALTER TABLE dossiers ADD COLUMN fee_paid_at INTEGER;
ALTER TABLE dossiers ADD COLUMN close_reason TEXT;
CREATE INDEX dossiers_current_unit ON dossiers(current_unit, status);
CREATE INDEX dossiers_parent ON dossiers(parent_id);

ALTER TABLE dossier_components ADD COLUMN digitized INTEGER NOT NULL DEFAULT 0;

-- Each dossier's process, copied from its variant at handover with units resolved.
CREATE TABLE dossier_steps (
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL REFERENCES agencies(id),
    role TEXT NOT NULL,
    hours REAL NOT NULL,
    started_at INTEGER,
    due_at INTEGER,
    finished_at INTEGER,
    PRIMARY KEY (dossier_id, position)
);

ALTER TABLE dossier_events ADD COLUMN to_unit TEXT REFERENCES agencies(id);
ALTER TABLE dossier_events ADD COLUMN step INTEGER;
ALTER TABLE dossier_events ADD COLUMN timeliness TEXT;

-- Files by SHA-256 under the data directory; rows name them.
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers(id),
    kind TEXT NOT NULL CHECK (kind IN ('component', 'result')),
    component INTEGER,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users(id)
);
CREATE INDEX files_dossier ON files(dossier_id);

-- Notifications written in the transition's transaction, delivered by a sender thread.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER REFERENCES dossiers(id),
    channel TEXT NOT NULL DEFAULT 'email',
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    last_error TEXT,
    sent_at INTEGER
);
CREATE INDEX outbox_pending ON outbox(status, next_attempt_at);

-- Printable forms as data: sets (a circular's forms) and their templates.
CREATE TABLE form_templates (
    form_set TEXT NOT NULL,
    form TEXT NOT NULL,
    title TEXT NOT NULL,
    template TEXT NOT NULL,
    PRIMARY KEY (form_set, form)
);
ALTER TABLE agencies ADD COLUMN form_set TEXT NOT NULL DEFAULT 'tt01-2018';
