-- Photos and PDFs attached to feedback (api/feedback_files.c); the bytes are in
-- the content-addressed file store (store/blobs.c), like a dossier's files.
CREATE TABLE feedback_files (
    id INTEGER PRIMARY KEY,
    feedback_id INTEGER NOT NULL REFERENCES feedback (id),
    name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    uploaded_at INTEGER NOT NULL,
    uploaded_by INTEGER REFERENCES users (id)
);
CREATE INDEX feedback_files_item ON feedback_files (feedback_id);
