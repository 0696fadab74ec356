-- What a procedure's public page states besides its components and fees
-- (Decree 63/2010 as amended by Decree 92/2017): the conditions to meet, the
-- receiving units' opening hours for the public (which may differ from the
-- office hours deadlines count in, e.g. a Saturday morning), and the form
-- templates (tờ khai, đơn) citizens download to fill in.
ALTER TABLE procedures ADD COLUMN conditions TEXT;
ALTER TABLE agencies ADD COLUMN opening_hours TEXT;

CREATE TABLE procedure_forms (
    id INTEGER PRIMARY KEY,
    procedure_id INTEGER NOT NULL REFERENCES procedures (id),
    title TEXT NOT NULL,
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users (id)
);
CREATE INDEX procedure_forms_procedure ON procedure_forms (procedure_id);
