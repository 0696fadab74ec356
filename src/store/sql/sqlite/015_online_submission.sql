-- How each component is handed in (core/components.h): 'required' (uploaded
-- with an online submission), 'optional', or 'counter' (brought on paper to the
-- counter). The old `required` column stays as the catalog's "part of every
-- dossier": 1 for required and counter, 0 for optional.
ALTER TABLE procedure_components ADD COLUMN requirement TEXT NOT NULL DEFAULT 'required'
    CHECK (requirement IN ('required', 'optional', 'counter'));
UPDATE procedure_components SET requirement = 'optional' WHERE required = 0;

-- A file the applicant sent as a supplement (from the public lookup).
ALTER TABLE files ADD COLUMN supplement INTEGER NOT NULL DEFAULT 0;

-- Files checked and stored before the request that attaches them: a citizen's
-- account stages the files of an online submission (user_id), the holder of a
-- dossier's code and phone digits the files of its supplement (dossier_id).
-- The dossier (or the supplement) and its files are then written in one
-- transaction that deletes these rows; rows older than a day are never used.
CREATE TABLE staged_uploads (
    id INTEGER PRIMARY KEY,
    user_id INTEGER REFERENCES users (id),
    dossier_id INTEGER REFERENCES dossiers (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    CHECK ((user_id IS NULL) <> (dossier_id IS NULL))
);
CREATE INDEX staged_uploads_user ON staged_uploads (user_id);
CREATE INDEX staged_uploads_dossier ON staged_uploads (dossier_id);
