-- The counting rules changed (core/stats.c): the law's due time, not an
-- apology's new appointment; no overdue while a supplement stops the clock;
-- refused, withdrawn and stopped dossiers classified early, on time or late.
-- migrate() rebuilds the counters of an older database once. The index serves
-- the overdue queries, which look for open dossiers past their due time.
CREATE INDEX dossiers_status_due ON dossiers (status, original_due_at);
