// The texts of the online submission's files (web/pages/submit.js) and of the supplement sent
// from the public lookup (web/pages/lookup.js), in Vietnamese and English.
import { addTexts } from './i18n.js';

addTexts({
  reqRequired: 'Bắt buộc tải lên', reqOptional: 'Không bắt buộc', reqCounter: 'Nộp bản giấy tại quầy',
  reqCounterHint: 'Không tải lên: Ông/Bà mang bản giấy (xuất trình bản chính) đến bộ phận một cửa khi nhận kết quả.',
  fileHint: 'Tệp PDF, JPEG hoặc PNG. Tệp được kiểm tra ngay khi chọn.',
  fileChecking: 'Đang kiểm tra tệp…', fileOk: 'Đã nhận tệp {name} ({size})',
  fileMissing: 'Thành phần này bắt buộc: vui lòng chọn tệp.',
  fileBadType: 'Tệp không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp, không theo tên): vui lòng chọn tệp khác.',
  fileTooBig: 'Tệp quá lớn: vui lòng chọn tệp nhỏ hơn.',
  fileGone: 'Tệp đã chọn không còn được lưu tạm (quá một ngày hoặc đã gửi): vui lòng chọn lại tệp.',
  filesFix: 'Chưa nộp được hồ sơ: vui lòng xem lại các thành phần được đánh dấu. Chưa có hồ sơ nào được tạo.',
  noFile: 'chưa có tệp',
  supTitle: 'Hồ sơ cần bổ sung', supItems: 'Giấy tờ cần bổ sung', supReason: 'Lý do', supAsked: 'Yêu cầu lúc',
  supSend: 'Nộp bổ sung trực tuyến', supFiles: 'Tệp bổ sung', supNote: 'Ghi chú gửi cán bộ (không bắt buộc)',
  supSendButton: 'Gửi hồ sơ bổ sung', supNeedFile: 'Vui lòng chọn ít nhất một tệp bổ sung.',
  supSent: 'Đã gửi hồ sơ bổ sung lúc {at}. Bộ phận một cửa sẽ kiểm tra; thời hạn giải quyết tiếp tục khi cán bộ xác nhận đã nhận đủ.',
  supRemove: 'Bỏ tệp {name}', supFileMark: 'người nộp gửi bổ sung',
}, {
  reqRequired: 'Upload required', reqOptional: 'Optional', reqCounter: 'Paper at the counter',
  reqCounterHint: 'Not uploaded: bring the paper (show the original) to the one-stop desk when you collect the result.',
  fileHint: 'A PDF, JPEG or PNG file. It is checked as soon as you choose it.',
  fileChecking: 'Checking the file…', fileOk: 'File {name} received ({size})',
  fileMissing: 'This document is required: choose its file.',
  fileBadType: 'The file is not a PDF, JPEG or PNG (judged by its content, not its name): choose another file.',
  fileTooBig: 'The file is too large: choose a smaller one.',
  fileGone: 'The chosen file is no longer held (over a day old or already sent): choose it again.',
  filesFix: 'The dossier was not submitted: check the documents marked below. No dossier was created.',
  noFile: 'no file',
  supTitle: 'Documents to supplement', supItems: 'Documents asked for', supReason: 'Reason', supAsked: 'Asked on',
  supSend: 'Send the supplement online', supFiles: 'Supplement files', supNote: 'Note to the officer (optional)',
  supSendButton: 'Send the supplement', supNeedFile: 'Choose at least one file to send.',
  supSent: 'Supplement sent on {at}. The one-stop desk will check it; the time limit runs again once the officer confirms it is complete.',
  supRemove: 'Remove file {name}', supFileMark: 'sent by the applicant as a supplement',
});
