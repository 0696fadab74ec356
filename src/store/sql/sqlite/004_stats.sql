-- Statistics kept as they happen (src/core/stats.h says what each column
-- counts), changed in the transaction that changes the dossier. Grain 1: an
-- agency's local day 'YYYY-MM-DD' over all its procedures (procedure_id 0);
-- 2: its month 'YYYY-MM'; 3 and 4: the same per procedure. The key puts an
-- agency's days (or months) next to each other, so a report over a period
-- reads only that period's rows.
CREATE TABLE stats (
    agency TEXT NOT NULL,
    procedure_id INTEGER NOT NULL,
    grain INTEGER NOT NULL CHECK (grain BETWEEN 1 AND 4),
    period TEXT NOT NULL,
    recv_counter INTEGER NOT NULL DEFAULT 0,
    recv_online INTEGER NOT NULL DEFAULT 0,
    recv_post INTEGER NOT NULL DEFAULT 0,
    done_early INTEGER NOT NULL DEFAULT 0,
    done_on_time INTEGER NOT NULL DEFAULT 0,
    done_late INTEGER NOT NULL DEFAULT 0,
    done_index_late INTEGER NOT NULL DEFAULT 0,
    refused INTEGER NOT NULL DEFAULT 0,
    withdrawn INTEGER NOT NULL DEFAULT 0,
    stopped INTEGER NOT NULL DEFAULT 0,
    not_accepted INTEGER NOT NULL DEFAULT 0,
    overdue_from INTEGER NOT NULL DEFAULT 0,
    ended_late INTEGER NOT NULL DEFAULT 0,
    returned INTEGER NOT NULL DEFAULT 0,
    fee_bearing INTEGER NOT NULL DEFAULT 0,
    paid_online INTEGER NOT NULL DEFAULT 0,
    components INTEGER NOT NULL DEFAULT 0,
    digitised INTEGER NOT NULL DEFAULT 0,
    e_result INTEGER NOT NULL DEFAULT 0,
    rating_1 INTEGER NOT NULL DEFAULT 0,
    rating_2 INTEGER NOT NULL DEFAULT 0,
    rating_3 INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (agency, grain, period, procedure_id)
) WITHOUT ROWID;

-- The agency that answers for a dossier's result, where the statistics count
-- it: the receiving unit when it processes the dossier itself, else the
-- procedure's agency (a one-stop centre receives for the departments).
ALTER TABLE dossiers ADD COLUMN lead_agency TEXT REFERENCES agencies(id);
UPDATE dossiers SET lead_agency = (
    SELECT CASE WHEN substr(u.path, 1, length(o.path)) = o.path AND u.level <> 'centre'
                THEN dossiers.agency ELSE p.agency END
    FROM agencies u, procedures p, agencies o
    WHERE u.id = dossiers.agency AND p.id = dossiers.procedure_id AND o.id = p.agency);
CREATE INDEX dossiers_lead ON dossiers(lead_agency);

-- The cause of a late dossier, given with the apology.
ALTER TABLE dossiers ADD COLUMN apology_cause TEXT CHECK (apology_cause IN ('subjective', 'objective'));

-- Dossiers in progress (for "overdue now") and dossiers finished late (the late report).
CREATE INDEX dossiers_open ON dossiers(lead_agency, due_at, procedure_id)
    WHERE status IN (2, 4, 5, 6) AND received_at IS NOT NULL AND parent_id IS NULL;
CREATE INDEX dossiers_finished_late ON dossiers(finished_at)
    WHERE finished_at > due_at AND parent_id IS NULL;

-- The real-time service index (Decision 766/QĐ-TTg): its parts, their groups,
-- maximum points and the rate at which a part scores in full, as data the
-- administrator may change when the decision is revised. The codes name what
-- motcua measures for each part (src/core/sindex.c).
CREATE TABLE index_parts (
    code TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    group_code TEXT NOT NULL,
    group_name TEXT NOT NULL,
    name TEXT NOT NULL,
    max_points REAL NOT NULL CHECK (max_points >= 0),
    full_at REAL NOT NULL CHECK (full_at > 0 AND full_at <= 1)
);
INSERT INTO index_parts VALUES
    ('published_on_time', 1, 'publicity', 'Công khai, minh bạch', 'Công bố, công khai thủ tục hành chính đúng hạn', 6, 1),
    ('complete_content', 2, 'publicity', 'Công khai, minh bạch', 'Nội dung thủ tục hành chính được công khai đầy đủ', 6, 1),
    ('synced_portal', 3, 'publicity', 'Công khai, minh bạch', 'Hồ sơ được đồng bộ lên Cổng Dịch vụ công quốc gia', 6, 1),
    ('on_time', 4, 'progress', 'Tiến độ giải quyết', 'Hồ sơ giải quyết đúng hạn trên hồ sơ đến hạn', 20, 1),
    ('procedures_online', 5, 'online', 'Dịch vụ công trực tuyến', 'Thủ tục hành chính cung cấp dịch vụ công trực tuyến', 2, 0.8),
    ('online_used', 6, 'online', 'Dịch vụ công trực tuyến', 'Dịch vụ công trực tuyến có phát sinh hồ sơ', 4, 1),
    ('dossiers_online', 7, 'online', 'Dịch vụ công trực tuyến', 'Hồ sơ nộp trực tuyến', 6, 0.5),
    ('paid_online', 8, 'payment', 'Thanh toán trực tuyến', 'Hồ sơ có nghĩa vụ tài chính được thanh toán trực tuyến', 6, 1),
    ('procedures_paid_online', 9, 'payment', 'Thanh toán trực tuyến', 'Thủ tục có phí, lệ phí được thanh toán trực tuyến', 2, 0.8),
    ('payment_integrated', 10, 'payment', 'Thanh toán trực tuyến', 'Thủ tục có phí, lệ phí tích hợp thanh toán trực tuyến', 2, 1),
    ('e_results', 11, 'digitisation', 'Số hóa hồ sơ', 'Kết quả giải quyết điện tử', 6, 1),
    ('digitised', 12, 'digitisation', 'Số hóa hồ sơ', 'Thành phần hồ sơ được số hóa', 4, 1),
    ('reuse', 13, 'digitisation', 'Số hóa hồ sơ', 'Tái sử dụng dữ liệu đã số hóa', 2, 1),
    ('citizen_store', 14, 'digitisation', 'Số hóa hồ sơ', 'Đồng bộ kho quản lý dữ liệu điện tử của tổ chức, cá nhân', 4, 1),
    ('population_auth', 15, 'digitisation', 'Số hóa hồ sơ', 'Xác thực, định danh bằng tài khoản định danh điện tử', 2, 1),
    ('population_data', 16, 'digitisation', 'Số hóa hồ sơ', 'Khai thác dữ liệu dân cư', 2, 1),
    ('e_copies', 17, 'digitisation', 'Số hóa hồ sơ', 'Cấp bản sao điện tử có chứng thực', 2, 1),
    ('satisfied', 18, 'satisfaction', 'Mức độ hài lòng', 'Người dân, doanh nghiệp hài lòng về giải quyết thủ tục', 6, 0.9),
    ('feedback_on_time', 19, 'satisfaction', 'Mức độ hài lòng', 'Phản ánh, kiến nghị được xử lý đúng hạn', 6, 1),
    ('feedback_satisfied', 20, 'satisfaction', 'Mức độ hài lòng', 'Hài lòng về xử lý phản ánh, kiến nghị', 6, 1);

-- Grades by total points, highest first.
CREATE TABLE index_grades (
    min_points REAL PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL
);
INSERT INTO index_grades VALUES
    (90, 'excellent', 'Xuất sắc'), (80, 'good', 'Tốt'), (70, 'fair', 'Khá'),
    (50, 'average', 'Trung bình'), (0, 'weak', 'Yếu');

-- Steps handed over late, for the late report per officer.
CREATE INDEX dossier_events_late ON dossier_events(at) WHERE timeliness = 'late';
