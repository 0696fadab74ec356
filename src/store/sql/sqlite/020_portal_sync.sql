-- Synchronisation with the National Public Service Portal (DVCQG; docs/portal-sync.md).
-- The portal's status for each of motcua's statuses: data, as real deployments
-- keep it in configuration (both number the statuses 1 to 10 alike by default).
CREATE TABLE portal_statuses (
    status INTEGER PRIMARY KEY CHECK (status BETWEEN 1 AND 10),
    portal_status INTEGER NOT NULL CHECK (portal_status BETWEEN 1 AND 10)
);
INSERT INTO portal_statuses (status, portal_status)
VALUES (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 7), (8, 8), (9, 9), (10, 10);

-- One record per dossier change, written in the transaction of the change: the
-- dossier (service DongBoHoSoMC) or a batch of ten processing steps
-- (CapNhatTienDoHoSoMC), in the portal's shape without the session and the
-- unit, which the sender adds. Records of a dossier are posted in order.
CREATE TABLE portal_queue (
    id INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id),
    kind TEXT NOT NULL CHECK (kind IN ('dossier', 'progress')),
    payload TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
    sent_at INTEGER,
    answer TEXT -- the portal's last answer (or the transport's error)
);
CREATE INDEX portal_queue_due ON portal_queue (state, next_attempt_at);
CREATE INDEX portal_queue_dossier ON portal_queue (dossier_id, state);
CREATE INDEX portal_queue_created ON portal_queue (created_at);

-- Each dossier's synchronisation: pending while a record waits, failed when a
-- record was given up (the portal's answer kept), sent when the portal holds
-- every change.
CREATE TABLE portal_sync (
    dossier_id INTEGER PRIMARY KEY REFERENCES dossiers (id),
    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'failed')),
    changed_at INTEGER NOT NULL,
    synced_at INTEGER,
    answer TEXT
);
CREATE INDEX portal_sync_state ON portal_sync (state);

-- the service index reads the dossiers submitted in a period with their sync
CREATE INDEX dossiers_submitted ON dossiers (submitted_at);
