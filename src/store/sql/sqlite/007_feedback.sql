-- Citizens' feedback (phản ánh, kiến nghị; core/feedback.h): the items, their
-- control sheet, the legal service times an administrator sets, the agency
-- each category goes to when no dossier names one, and the senders' ratings
-- of the answers.
CREATE TABLE feedback (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    channel INTEGER NOT NULL,
    category INTEGER NOT NULL,
    status INTEGER NOT NULL,
    version INTEGER NOT NULL DEFAULT 1,
    agency TEXT REFERENCES agencies (id),
    dossier_code TEXT,
    name TEXT,
    phone TEXT,
    email TEXT,
    phone_last4 TEXT,
    submitted_by INTEGER REFERENCES users (id),
    recorded_by INTEGER REFERENCES users (id),
    text TEXT NOT NULL,
    address TEXT,
    lat REAL,
    lng REAL,
    client TEXT,
    received_at INTEGER NOT NULL,
    classify_due INTEGER NOT NULL,
    classified_at INTEGER,
    ask_due INTEGER NOT NULL,
    asked_at INTEGER,
    answer_due INTEGER NOT NULL,
    answered_at INTEGER,
    publish_due INTEGER,
    published_at INTEGER,
    closed_at INTEGER,
    paused_at INTEGER,
    answer TEXT,
    reason TEXT,
    request TEXT,
    duplicate_of TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX feedback_agency_status ON feedback (agency, status);
CREATE INDEX feedback_received ON feedback (received_at);
CREATE INDEX feedback_published ON feedback (published_at) WHERE published_at IS NOT NULL;

CREATE TABLE feedback_events (
    id INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback (id),
    at INTEGER NOT NULL,
    action TEXT NOT NULL,
    from_status INTEGER,
    to_status INTEGER NOT NULL,
    actor_id INTEGER REFERENCES users (id),
    actor_name TEXT,
    agency TEXT,
    to_agency TEXT,
    note TEXT,
    timeliness TEXT
);
CREATE INDEX feedback_events_item ON feedback_events (feedback_id, id);

CREATE TABLE feedback_times (
    step TEXT PRIMARY KEY CHECK (step IN ('classify', 'ask', 'answer', 'publish')),
    days REAL NOT NULL CHECK (days > 0),
    updated_at INTEGER,
    updated_by INTEGER REFERENCES users (id)
);
INSERT INTO feedback_times (step, days) VALUES
    ('classify', 2), ('ask', 5), ('answer', 15), ('publish', 2);

CREATE TABLE feedback_routes (
    category INTEGER PRIMARY KEY,
    agency TEXT NOT NULL REFERENCES agencies (id)
);

CREATE TABLE feedback_ratings (
    feedback_id INTEGER PRIMARY KEY REFERENCES feedback (id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3),
    comment TEXT,
    created_at INTEGER NOT NULL
);
