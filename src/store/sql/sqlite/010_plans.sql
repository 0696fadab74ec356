-- The steering committee's reform plans (core/plans.h): plans, their tasks
-- (a lead unit, cooperating units, optional subtasks), the units' monthly
-- reports on each task with their evidence files, the units each committee
-- member follows, and the reminders already sent.
CREATE TABLE plans (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('yearly', 'thematic', 'conclusion')),
    year INTEGER NOT NULL,
    title TEXT NOT NULL,
    doc_number TEXT,
    doc_day INTEGER,
    signer TEXT,
    report_day INTEGER NOT NULL DEFAULT 20 CHECK (report_day BETWEEN 1 AND 31),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    created_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL
);
CREATE INDEX plans_year ON plans (year);

CREATE TABLE tasks (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plans (id),
    parent_id INTEGER REFERENCES tasks (id),
    no TEXT NOT NULL,
    title TEXT NOT NULL,
    lead TEXT NOT NULL REFERENCES agencies (id),
    area TEXT,
    deadline INTEGER,
    product TEXT,
    priority INTEGER NOT NULL DEFAULT 2 CHECK (priority BETWEEN 1 AND 3),
    progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
    done_day INTEGER,
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    UNIQUE (plan_id, no)
);
CREATE INDEX tasks_lead ON tasks (lead);
CREATE INDEX tasks_parent ON tasks (parent_id) WHERE parent_id IS NOT NULL;

CREATE TABLE task_units (
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    agency TEXT NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (task_id, agency)
) WITHOUT ROWID;
CREATE INDEX task_units_agency ON task_units (agency);

CREATE TABLE task_reports (
    id INTEGER PRIMARY KEY,
    task_id INTEGER NOT NULL REFERENCES tasks (id),
    month INTEGER NOT NULL, -- year × 100 + month
    progress INTEGER NOT NULL CHECK (progress BETWEEN 0 AND 100),
    progress_text TEXT,
    results TEXT,
    shortfall TEXT,
    fix TEXT,
    proposal TEXT,
    done_day INTEGER,
    submitted_at INTEGER,
    submitted_by INTEGER REFERENCES users (id),
    updated_at INTEGER NOT NULL,
    updated_by INTEGER REFERENCES users (id),
    UNIQUE (task_id, month)
);
CREATE INDEX task_reports_month ON task_reports (month);

CREATE TABLE task_report_files (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES task_reports (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users (id)
);
CREATE INDEX task_report_files_report ON task_report_files (report_id);

CREATE TABLE committee_units (
    user_id INTEGER NOT NULL REFERENCES users (id),
    agency TEXT NOT NULL REFERENCES agencies (id),
    PRIMARY KEY (user_id, agency)
) WITHOUT ROWID;

CREATE TABLE committee_areas (
    user_id INTEGER NOT NULL REFERENCES users (id),
    area TEXT NOT NULL,
    PRIMARY KEY (user_id, area)
) WITHOUT ROWID;

-- One row per reminder sent: kind 'task' (ref: the task, due: its deadline)
-- or 'report' (ref: the task, due: the report's due day), stage 7, 3, 1 days
-- before or 0 when passed.
CREATE TABLE plan_reminders (
    kind TEXT NOT NULL CHECK (kind IN ('task', 'report')),
    ref_id INTEGER NOT NULL,
    due INTEGER NOT NULL,
    stage INTEGER NOT NULL,
    sent_at INTEGER NOT NULL,
    PRIMARY KEY (kind, ref_id, due, stage)
) WITHOUT ROWID;
