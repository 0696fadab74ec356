-- Satisfaction ratings: one per dossier, after its result.
CREATE TABLE ratings (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers(id),
    level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 3), -- 1 very satisfied, 2 satisfied, 3 not
    access INTEGER CHECK (access BETWEEN 1 AND 5),
    procedure INTEGER CHECK (procedure BETWEEN 1 AND 5),
    officer INTEGER CHECK (officer BETWEEN 1 AND 5),
    result INTEGER CHECK (result BETWEEN 1 AND 5),
    feedback INTEGER CHECK (feedback BETWEEN 1 AND 5),
    comment TEXT,
    created_at INTEGER NOT NULL
);
