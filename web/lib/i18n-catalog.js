// The texts of the catalog's pages: a procedure's public page (who implements it, the steps, the
// conditions, the forms to download, where to file and when), and the administration of agencies
// (the tree, an agency's details) and procedures (adding one, its details, forms and process); the
// words for agency levels, payment methods and file kinds, in both languages.
import { addTexts, t } from './i18n.js';

addTexts({
  agencyName: 'Tên cơ quan, đơn vị', procedureName: 'Tên thủ tục', stepName: 'Tên bước', variantName: 'Tên trường hợp',
  agencyTree: 'Cây cơ quan, đơn vị', agencyOf: 'Cơ quan, đơn vị {name}', edit: 'Sửa', editOf: 'Sửa {name}', close: 'Đóng',
  agLevel_province: 'Cấp tỉnh', agLevel_department: 'Sở, ban, ngành', agLevel_district: 'Cấp huyện', agLevel_commune: 'Cấp xã',
  agLevel_division: 'Phòng, đơn vị trực thuộc', agLevel_centre: 'Trung tâm phục vụ hành chính công', agLevel_other: 'Khác',
  openingHours: 'Thời gian tiếp nhận hồ sơ', openingHoursHint: 'Ví dụ: Sáng 7h30–11h30, chiều 13h30–17h00, thứ Hai đến thứ Sáu; sáng thứ Bảy',
  officeHoursHint: 'Giờ làm việc dùng để tính hạn giải quyết, dạng 07:30-11:30,13:00-17:00 (tổng 8 giờ).',
  officeHoursWords: '{hours}, các ngày làm việc', agencyPhone: 'Số điện thoại',
  addProcedure: 'Thêm thủ tục hành chính', procedureAdded: 'Đã thêm thủ tục {name}.', owner: 'Cơ quan quản lý, công bố thủ tục',
  durationKind: 'Cách tính thời hạn', dk_working: 'Ngày làm việc', dk_calendar: 'Ngày (kể cả ngày nghỉ)',
  conditions: 'Yêu cầu, điều kiện thực hiện', noConditions: 'Không có yêu cầu, điều kiện riêng.',
  componentsHint: 'Mỗi dòng một giấy tờ (bản chính).', feeAmount: 'Lệ phí (đồng)', feeName: 'Lệ phí',
  procedureDetails: 'Thông tin thủ tục', procedureOf: 'Thủ tục {name}', formsToDownload: 'Mẫu đơn, tờ khai',
  noForms: 'Thủ tục này không có mẫu đơn, tờ khai.', formTitle: 'Tên mẫu đơn, tờ khai', formFile: 'Tệp mẫu (PDF, JPEG, PNG)',
  addForm: 'Thêm mẫu', formAdded: 'Đã thêm mẫu {title}.', removeForm: 'Xóa mẫu', downloadFile: 'Tải về', processTitle: 'Quy trình xử lý',
  stepUnitDefault: 'Đơn vị thụ lý hồ sơ', stepUnitHint: 'Để trống: đơn vị tiếp nhận nếu thuộc cơ quan của thủ tục, nếu không là cơ quan của thủ tục.',
  stepHours: '{n} giờ làm việc', steps_title: 'Trình tự thực hiện', implementer: 'Cơ quan thực hiện',
  impl_commune: 'Ủy ban nhân dân cấp xã (xã, phường nơi nộp hồ sơ)', impl_district: 'Ủy ban nhân dân cấp huyện',
  whereToFile: 'Nơi tiếp nhận hồ sơ', chooseUnit: 'Chọn nơi nộp hồ sơ', unitCount: '{n} nơi tiếp nhận',
  noUnits: 'Chưa có nơi tiếp nhận hồ sơ trực tiếp.', variantCase: 'Trường hợp: {name}',
  pay_cash: 'Tiền mặt', pay_transfer: 'Chuyển khoản', pay_card: 'Thẻ ngân hàng', pay_online: 'Thanh toán trực tuyến',
  fk_component: 'Thành phần hồ sơ', fk_result: 'Kết quả giải quyết', kb: '{n} KB',
  consultAgency: 'Cơ quan được lấy ý kiến',
  form_01: 'Giấy tiếp nhận và hẹn trả kết quả', form_02: 'Phiếu yêu cầu bổ sung', form_03: 'Phiếu từ chối',
  form_04: 'Phiếu xin lỗi và hẹn lại', form_05: 'Phiếu kiểm soát quá trình', form_07: 'Thông báo dừng xử lý',
}, {
  agencyName: 'Agency name', procedureName: 'Procedure name', stepName: 'Step name', variantName: 'Case name',
  agencyTree: 'Agency tree', agencyOf: 'Agency {name}', edit: 'Edit', editOf: 'Edit {name}', close: 'Close',
  agLevel_province: 'Province', agLevel_department: 'Department', agLevel_district: 'District', agLevel_commune: 'Commune',
  agLevel_division: 'Division', agLevel_centre: 'Public service centre', agLevel_other: 'Other',
  openingHours: 'Opening hours for dossiers', openingHoursHint: 'For example: 7:30–11:30 and 13:30–17:00, Monday to Friday; Saturday morning',
  officeHoursHint: 'The working hours deadlines count in, as 07:30-11:30,13:00-17:00 (8 hours in all).',
  officeHoursWords: '{hours}, working days', agencyPhone: 'Phone',
  addProcedure: 'Add a procedure', procedureAdded: 'Procedure {name} added.', owner: 'Agency that owns and publishes it',
  durationKind: 'Counted in', dk_working: 'Working days', dk_calendar: 'Days (days off included)',
  conditions: 'Conditions', noConditions: 'No particular conditions.',
  componentsHint: 'One document a line (original).', feeAmount: 'Fee (VND)', feeName: 'Fee',
  procedureDetails: 'Procedure details', procedureOf: 'Procedure {name}', formsToDownload: 'Forms to fill in',
  noForms: 'This procedure has no form to fill in.', formTitle: 'Name of the form', formFile: 'Form file (PDF, JPEG, PNG)',
  addForm: 'Add the form', formAdded: 'Form {title} added.', removeForm: 'Remove the form', downloadFile: 'Download', processTitle: 'Process',
  stepUnitDefault: 'The processing unit', stepUnitHint: "Empty: the receiving unit when it lies under the procedure's agency, else the procedure's agency.",
  stepHours: '{n} working hours', steps_title: 'Steps', implementer: 'Implementing agency',
  impl_commune: "The commune's People's Committee (where the dossier is filed)", impl_district: "The district's People's Committee",
  whereToFile: 'Where to file', chooseUnit: 'Choose where to file', unitCount: '{n} places',
  noUnits: 'No desk receives it in person yet.', variantCase: 'Case: {name}',
  pay_cash: 'Cash', pay_transfer: 'Bank transfer', pay_card: 'Card', pay_online: 'Online payment',
  fk_component: 'Dossier document', fk_result: 'Result', kb: '{n} KB',
  consultAgency: 'Agency consulted',
  form_01: 'Receipt and appointment', form_02: 'Request for a supplement', form_03: 'Refusal',
  form_04: 'Apology and new appointment', form_05: 'Control sheet', form_07: 'Notice of stopping',
});

export const AGENCY_LEVELS = ['province', 'department', 'district', 'commune', 'division', 'centre', 'other'];
export const agencyLevelText = (l) => t(`agLevel_${l}`);

// A unit's hours for the public: what its administrator wrote, else its office hours in words.
export const hoursText = (a) => a.opening_hours
  || t('officeHoursWords', { hours: (a.office_hours || '').split(',').map((p) => p.replace('-', '–')).join(', ') });
