-- Words people search with and what the catalog calls them (core/search.h):
-- both folded (lower case, no diacritics, đ as d). A query holding a term
-- also matches the procedures holding its meaning.
CREATE TABLE search_synonyms (
    term TEXT PRIMARY KEY,
    means TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO search_synonyms (term, means) VALUES
    ('giay khai sinh', 'khai sinh'),
    ('lam khai sinh', 'dang ky khai sinh'),
    ('giay chung tu', 'khai tu'),
    ('giay bao tu', 'khai tu'),
    ('cccd', 'can cuoc'),
    ('cmnd', 'can cuoc'),
    ('chung minh nhan dan', 'can cuoc'),
    ('chung minh thu', 'can cuoc'),
    ('lltp', 'ly lich tu phap'),
    ('gplx', 'giay phep lai xe'),
    ('bang lai', 'giay phep lai xe'),
    ('so do', 'quyen su dung dat'),
    ('so hong', 'quyen su dung dat'),
    ('qsdd', 'quyen su dung dat'),
    ('gcn', 'giay chung nhan'),
    ('gpxd', 'giay phep xay dung'),
    ('xay nha', 'giay phep xay dung'),
    ('gpkd', 'dang ky kinh doanh'),
    ('dkkd', 'dang ky kinh doanh'),
    ('giay phep kinh doanh', 'dang ky kinh doanh'),
    ('mo cua hang', 'ho kinh doanh'),
    ('ho khau', 'cu tru'),
    ('nhap khau', 'cu tru'),
    ('doc than', 'tinh trang hon nhan'),
    ('lay vo', 'ket hon'),
    ('lay chong', 'ket hon'),
    ('sang ten', 'chuyen nhuong'),
    ('ban dat', 'chuyen nhuong quyen su dung dat'),
    ('the chap', 'the chap'),
    ('bhyt', 'bao hiem y te'),
    ('bhxh', 'bao hiem xa hoi'),
    ('mst', 'ma so thue'),
    ('chung thuc', 'chung thuc'),
    ('cong chung', 'chung thuc');
