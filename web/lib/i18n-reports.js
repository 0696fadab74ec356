// The texts of the dashboard's own pieces (the chart's legend, the measures named, the late list's
// count, a receiving unit) and of the report pages (web/pages/reports.js), in both languages.
import { addTexts } from './i18n.js';

addTexts({
  onTimeResolved: 'Tỷ lệ giải quyết đúng hạn', onTimeResolvedOf: '(trước hạn và đúng hạn trên hồ sơ đã giải quyết)',
  onTimeIndexNote: 'Chỉ số phục vụ bên dưới tính tiến độ giải quyết theo cách khác: trên hồ sơ đến hạn (kể cả hồ sơ đang quá hạn), và hồ sơ bổ sung quá một lần tính là trễ hạn.',
  chartLegend: 'Chú giải biểu đồ', chartRange: 'Trục dọc từ {lo} % đến {hi} %',
  lateShown: '{shown} trên tổng số {total} hồ sơ', lateAll: 'Xem tất cả {n} hồ sơ', lateFew: 'Chỉ hiện {n} hồ sơ đầu',
  lateReportLink: 'Báo cáo hồ sơ trễ hạn', lateTruncated: 'Danh sách bị cắt ở {n} hồ sơ; tải tệp Excel để xem đủ.',
  deskUnit: 'Đơn vị tiếp nhận', deskReceived: 'đã tiếp nhận {n} hồ sơ cho các đơn vị giải quyết',
  reports: 'Báo cáo', rpLate: 'Hồ sơ trễ hạn', rpSatisfaction: 'Mức độ hài lòng', rpRegister: 'Sổ theo dõi hồ sơ',
  rpLateTitle: 'Báo cáo hồ sơ trễ hạn', rpSatisfactionTitle: 'Báo cáo mức độ hài lòng', rpRegisterTitle: 'Sổ theo dõi hồ sơ (mẫu 06)',
  rpByUnit: 'Theo đơn vị', rpByProcedure: 'Theo thủ tục', rpGroup: 'Tổng hợp theo', rpDossiers: 'Danh sách hồ sơ',
  rpCount: '{n} hồ sơ', rpRatings: 'Lượt đánh giá', rpSatisfiedRate: 'Tỷ lệ hài lòng', rpNoRows: 'Không có số liệu trong kỳ.',
  rpTotal: 'Tổng cộng', rpApologies: 'Đã xin lỗi', rpName: 'Đơn vị / thủ tục', rpOfficer: 'Cán bộ', rpStepsLate: 'Bước xử lý trễ',
  rpNo: 'STT', rpAddress: 'Địa chỉ, điện thoại', rpLead: 'Cơ quan chủ trì giải quyết', rpHandover: 'Chuyển cơ quan giải quyết',
  rpFinished: 'Nhận kết quả từ cơ quan giải quyết', rpReturned: 'Trả kết quả', rpNote: 'Ghi chú', rpCriteria: 'Điểm trung bình theo tiêu chí (1–5)',
}, {
  onTimeResolved: 'On-time rate', onTimeResolvedOf: '(early and on time of the dossiers resolved)',
  onTimeIndexNote: 'The service index below measures the progress of resolution differently: over the dossiers due (overdue ones in progress included), and a dossier with more than one supplement request counts as late.',
  chartLegend: 'Chart legend', chartRange: 'Vertical axis from {lo} % to {hi} %',
  lateShown: '{shown} of {total} dossiers', lateAll: 'Show all {n} dossiers', lateFew: 'Show only the first {n}',
  lateReportLink: 'Late dossiers report', lateTruncated: 'The list stops at {n} dossiers; download the Excel file for all of them.',
  deskUnit: 'Receiving unit', deskReceived: 'received {n} dossiers for the units resolving them',
  reports: 'Reports', rpLate: 'Late dossiers', rpSatisfaction: 'Satisfaction', rpRegister: 'Dossier register',
  rpLateTitle: 'Late dossiers report', rpSatisfactionTitle: 'Satisfaction report', rpRegisterTitle: 'Dossier register (form 06)',
  rpByUnit: 'By unit', rpByProcedure: 'By procedure', rpGroup: 'Group by', rpDossiers: 'Dossiers',
  rpCount: '{n} dossiers', rpRatings: 'Ratings', rpSatisfiedRate: 'Satisfied', rpNoRows: 'No figures in the period.',
  rpTotal: 'Total', rpApologies: 'Apologised', rpName: 'Unit / procedure', rpOfficer: 'Officer', rpStepsLate: 'Steps late',
  rpNo: 'No.', rpAddress: 'Address, phone', rpLead: 'Lead agency', rpHandover: 'Sent to the processing agency',
  rpFinished: 'Result received from the agency', rpReturned: 'Returned', rpNote: 'Note', rpCriteria: 'Average score by criterion (1–5)',
});
