-- The applicant's name folded (lower case, no diacritics, đ as d) for the
-- staff queue's search: "nguyen van an" finds Nguyễn Văn An. The driver
-- provides motcua_fold (core/fold.h); new dossiers get it as they are written.
ALTER TABLE dossiers ADD COLUMN applicant_folded TEXT;
UPDATE dossiers SET applicant_folded = motcua_fold(applicant_name);
