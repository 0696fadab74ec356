// The texts of finding things: the staff queue's search, order and pages (web/pages/queue.js) and
// the catalog's search and browsing by field, agency and level (web/pages/public.js).
import { addTexts } from './i18n.js';

addTexts({
  quSearch: 'Tìm hồ sơ', quSearchHint: 'Mã hồ sơ hoặc phần cuối của mã, tên người nộp (có dấu hoặc không dấu), số CCCD hoặc số điện thoại.',
  quSearchHintMasked: 'Mã hồ sơ hoặc phần cuối của mã, tên người nộp (có dấu hoặc không dấu).',
  quSort: 'Sắp xếp', quSort_due: 'Hạn trả gần nhất trước', quSort_newest: 'Mới nhất trước', quSize: 'Số hồ sơ mỗi trang',
  quShowing: 'Hồ sơ {from}–{to} trong tổng số {n}', quShowingSome: 'Hồ sơ {from}–{to}', quClear: 'Bỏ tìm kiếm và bộ lọc',
  quPages: 'Chuyển trang', quFirst: 'Trang đầu', quPrev: 'Trang trước', quNext: 'Trang sau', quPage: 'Trang {n}',
  psFind: 'Tìm', psAllFields: 'Mọi lĩnh vực', psAllAgencies: 'Mọi cơ quan', psAllLevels: 'Mọi cấp', psClear: 'Bỏ lọc',
  psByField: 'Thủ tục theo lĩnh vực', psByAgency: 'Thủ tục theo cơ quan thực hiện', psCount: '{n} thủ tục',
  psRanked: 'Kết quả phù hợp nhất được xếp trước; tên thường gọi và chữ viết tắt (giấy khai sinh, CCCD, sổ đỏ…) cũng được tìm.',
  psResults: 'Thủ tục tìm được', psAll: 'Tất cả thủ tục',
}, {
  quSearch: 'Find a dossier', quSearchHint: "The dossier's code or its end, the applicant's name (with or without diacritics), the ID number or the phone number.",
  quSearchHintMasked: "The dossier's code or its end, the applicant's name (with or without diacritics).",
  quSort: 'Order', quSort_due: 'Soonest due first', quSort_newest: 'Newest first', quSize: 'Dossiers per page',
  quShowing: 'Dossiers {from}–{to} of {n}', quShowingSome: 'Dossiers {from}–{to}', quClear: 'Clear the search and filters',
  quPages: 'Pages', quFirst: 'First page', quPrev: 'Previous page', quNext: 'Next page', quPage: 'Page {n}',
  psFind: 'Find', psAllFields: 'Any field', psAllAgencies: 'Any agency', psAllLevels: 'Any level', psClear: 'Clear the filters',
  psByField: 'Procedures by field', psByAgency: 'Procedures by agency', psCount: '{n} procedures',
  psRanked: 'The best matches come first; common names and abbreviations (birth certificate, CCCD, sổ đỏ…) are found too.',
  psResults: 'Procedures found', psAll: 'All procedures',
});
