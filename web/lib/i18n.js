// Vietnamese first, with an English switch. t('key', {n: 1}) fills {n}.
const dict = {
  vi: {
    app: 'Hệ thống một cửa điện tử', skip: 'Bỏ qua, đến nội dung chính', home: 'Trang chủ', procedures: 'Thủ tục hành chính',
    lookup: 'Tra cứu hồ sơ', login: 'Đăng nhập', logout: 'Đăng xuất', workspace: 'Hồ sơ cần xử lý', intake: 'Tiếp nhận hồ sơ',
    admin: 'Quản trị', dashboard: 'Bảng điều khiển', language: 'English', menu: 'Danh mục', loading: 'Đang tải…', search: 'Tìm kiếm',
    searchProcedures: 'Tìm thủ tục hành chính', searchHint: 'Gõ có dấu hoặc không dấu, ví dụ: dang ky khai sinh',
    popular: 'Thủ tục được quan tâm nhiều', noResults: 'Không tìm thấy thủ tục phù hợp.', agency: 'Cơ quan thực hiện',
    level: 'Cấp thực hiện', field: 'Lĩnh vực', components: 'Thành phần hồ sơ', fees: 'Phí, lệ phí', duration: 'Thời hạn giải quyết',
    onlineClass: 'Dịch vụ công trực tuyến', legalBasis: 'Căn cứ pháp lý', resultName: 'Kết quả', submitOnline: 'Nộp hồ sơ trực tuyến',
    workingDays: '{n} ngày làm việc', calendarDays: '{n} ngày', full: 'Toàn trình', partial: 'Một phần', none: 'Không',
    original: 'Bản chính', certified: 'Bản sao có chứng thực', copy: 'Bản sao, bản chụp', required: 'bắt buộc', optional: 'không bắt buộc',
    count: 'Số lượng', noFee: 'Không thu phí', code: 'Mã hồ sơ', phoneLast4: '4 số cuối điện thoại người nộp',
    lookupNotFound: 'Không tìm thấy hồ sơ với mã và số điện thoại này.', status: 'Trạng thái', received: 'Ngày tiếp nhận',
    due: 'Hẹn trả kết quả', finished: 'Có kết quả', steps: 'Quá trình xử lý', username: 'Tên đăng nhập', password: 'Mật khẩu',
    loginFailed: 'Sai tên đăng nhập hoặc mật khẩu.', applicant: 'Người nộp hồ sơ', applicantKind: 'Đối tượng',
    kind1: 'Công dân', kind2: 'Doanh nghiệp', kind3: 'Cơ quan nhà nước', kind4: 'Tổ chức khác', name: 'Họ và tên',
    idNumber: 'Số định danh cá nhân (CCCD)', phone: 'Số điện thoại', email: 'Thư điện tử', address: 'Địa chỉ',
    summary: 'Nội dung yêu cầu giải quyết', receivingUnit: 'Nơi nộp hồ sơ', attach: 'Đính kèm', next: 'Tiếp tục', back: 'Quay lại',
    confirm: 'Xác nhận nộp hồ sơ', confirmHint: 'Kiểm tra lại thông tin trước khi nộp.', submitted: 'Đã nộp hồ sơ',
    submittedHint: 'Hồ sơ sẽ được cán bộ một cửa kiểm tra và tiếp nhận. Ông/Bà sẽ nhận thư điện tử khi hồ sơ được tiếp nhận, khi cần bổ sung và khi có kết quả.',
    yourCode: 'Mã hồ sơ của Ông/Bà', uploaded: 'Đã tải lên', uploadFailed: 'Tải tệp không thành công', choose: 'Chọn',
    rate: 'Đánh giá mức độ hài lòng', rateThanks: 'Cảm ơn Ông/Bà đã đánh giá.', very_satisfied: 'Rất hài lòng',
    satisfied: 'Hài lòng', not_satisfied: 'Không hài lòng', c_access: 'Tiếp cận dịch vụ', c_procedure: 'Thủ tục hành chính',
    c_officer: 'Công chức giải quyết', c_result: 'Kết quả giải quyết', c_feedback: 'Tiếp nhận, xử lý phản ánh', comment: 'Góp ý',
    send: 'Gửi', save: 'Lưu', tabs_mine: 'Của tôi', tabs_due_soon: 'Sắp đến hạn', tabs_late: 'Quá hạn', tabs_open: 'Đang xử lý',
    tabs_all: 'Tất cả', allStatuses: 'Mọi trạng thái', allProcedures: 'Mọi thủ tục', fromDate: 'Từ ngày', toDate: 'Đến ngày',
    filter: 'Lọc', noDossiers: 'Không có hồ sơ.', more: 'Xem thêm', procedure: 'Thủ tục', channel: 'Kênh',
    counter: 'Trực tiếp', online: 'Trực tuyến', post: 'Bưu chính', sets: 'Số bộ hồ sơ', receiveAndPrint: 'Tiếp nhận và in phiếu',
    printReceipt: 'In giấy tiếp nhận (mẫu 01)', receivedOk: 'Đã tiếp nhận hồ sơ {code}', scans: 'Bản quét thành phần hồ sơ',
    files: 'Tệp đính kèm', history: 'Phiếu kiểm soát quá trình', actions: 'Thao tác', forms: 'Biểu mẫu', reason: 'Lý do',
    note: 'Ghi chú', items: 'Giấy tờ cần bổ sung (mỗi dòng một loại)', amount: 'Số tiền (đồng)', method: 'Hình thức',
    receipt: 'Số biên lai', resultNumber: 'Số văn bản kết quả', resultDate: 'Ngày ký', signer: 'Người ký', tracking: 'Mã bưu gửi',
    newDue: 'Ngày hẹn mới', days: 'Số ngày làm việc', cancel: 'Hủy', done: 'Đã thực hiện', giver: 'Người giao', receiverP: 'Người nhận',
    result: 'Kết quả', early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Quá hạn', agencies: 'Cơ quan, đơn vị', users: 'Người dùng',
    calendar: 'Ngày nghỉ, ngày làm bù', officeHours: 'Giờ làm việc', identifier: 'Mã định danh', parent: 'Cơ quan cấp trên',
    add: 'Thêm', roles: 'Vai trò', active: 'Đang hoạt động', year: 'Năm', date: 'Ngày', dayOff: 'Ngày nghỉ', workDay: 'Ngày làm bù',
    statutory: 'Theo luật', compensatory: 'Nghỉ bù', announced: 'Theo thông báo', remove: 'Xóa', variants: 'Trường hợp và quy trình',
    hours: 'Số giờ', unit: 'Đơn vị', role: 'Vai trò', process: 'Xử lý', approve: 'Phê duyệt', consult: 'Lấy ý kiến', return: 'Trả kết quả',
    onTimeRate: 'Tỷ lệ đúng hạn', counts: 'Số hồ sơ', totals: 'Tổng hợp', emptyList: '(chưa có)', noActions: 'Bạn không có thao tác nào với hồ sơ này lúc này.', whyNot: 'Vì sao không có các thao tác khác?', saved: 'Đã lưu',
    errorGeneric: 'Có lỗi xảy ra, vui lòng thử lại.', error401: 'Vui lòng đăng nhập.', error403: 'Bạn không có quyền thực hiện thao tác này.',
    error404: 'Không tìm thấy.', error409: 'Không thể thực hiện thao tác này với hồ sơ ở trạng thái hiện tại, hoặc dữ liệu đã thay đổi.',
    error413: 'Tệp hoặc nội dung quá lớn.', error415: 'Chỉ chấp nhận tệp PDF, JPEG hoặc PNG.', error422: 'Vui lòng kiểm tra các trường được đánh dấu.',
    nextSteps: 'Tiếp theo', procedureCode: 'Mã thủ tục', dayName: 'Tên ngày nghỉ, ngày làm bù', central: 'Trung ương', province: 'Cấp tỉnh', district: 'Cấp huyện', commune: 'Cấp xã',
    dueCalc: 'Tính hạn giải quyết', dueCalcHint: 'Hạn trả kết quả khi tiếp nhận vào thời điểm này, theo lịch làm việc hiện hành.', startAt: 'Tiếp nhận lúc', dueAt: 'Hạn trả kết quả', mustLogin: 'Vui lòng đăng nhập bằng tài khoản công dân để nộp hồ sơ trực tuyến.', select: '— Chọn —',
    resolution: 'Tình hình giải quyết hồ sơ', carried: 'Kỳ trước chuyển qua', newReceived: 'Tiếp nhận mới', receivedTotal: 'Tổng số nhận giải quyết',
    resolvedTotal: 'Đã giải quyết', inProgress: 'Đang giải quyết', overdue: 'Quá hạn', withinTime: 'Chưa đến hạn',
    byMonth: 'Tỷ lệ giải quyết đúng hạn theo tháng', month: 'Tháng', serviceIndex: 'Chỉ số phục vụ người dân, doanh nghiệp',
    indexTotal: 'Tổng điểm (quy về thang 100)', grade: 'Xếp loại', group: 'Nhóm chỉ số', part: 'Tiêu chí', points: 'Điểm', maxPoints: 'Điểm tối đa',
    rateCol: 'Tỷ lệ', data: 'Số liệu', notRecorded: 'Chưa ghi nhận', notApplicable: 'Không phát sinh', noScore: 'Chưa có dữ liệu',
    ranking: 'Xếp hạng các đơn vị trực thuộc', rank: 'Hạng', sample: 'Hồ sơ tiếp nhận / đã giải quyết', smallSample: 'ít hồ sơ, cần thận trọng khi so sánh',
    lateList: 'Hồ sơ trễ hạn', lateHours: 'Trễ (giờ làm việc)', apology: 'Xin lỗi', cause: 'Nguyên nhân', subjective: 'Chủ quan', objective: 'Khách quan', unstated: 'Chưa xác định',
    download: 'Tải báo cáo', show: 'Xem', path: 'Đơn vị cấp trên', parts: 'Chi tiết tiêu chí',
  },
  en: {
    app: 'One-stop electronic service', skip: 'Skip to main content', home: 'Home', procedures: 'Procedures', lookup: 'Track a dossier',
    login: 'Log in', logout: 'Log out', workspace: 'My queue', intake: 'Counter intake', admin: 'Administration', dashboard: 'Dashboard',
    language: 'Tiếng Việt', menu: 'Menu', loading: 'Loading…', search: 'Search', searchProcedures: 'Find an administrative procedure',
    searchHint: 'With or without diacritics, e.g. dang ky khai sinh', popular: 'Most used procedures', noResults: 'No matching procedure.',
    agency: 'Agency', level: 'Level', field: 'Field', components: 'Required documents', fees: 'Fees', duration: 'Time limit',
    onlineClass: 'Online service', legalBasis: 'Legal basis', resultName: 'Result', submitOnline: 'Apply online',
    workingDays: '{n} working days', calendarDays: '{n} days', full: 'Fully online', partial: 'Partly online', none: 'No',
    original: 'Original', certified: 'Certified copy', copy: 'Copy', required: 'required', optional: 'optional', count: 'Count',
    noFee: 'No fee', code: 'Dossier code', phoneLast4: "Last 4 digits of the applicant's phone", lookupNotFound: 'No dossier matches this code and phone.',
    status: 'Status', received: 'Received', due: 'Due', finished: 'Result on', steps: 'Progress', username: 'Username', password: 'Password',
    loginFailed: 'Wrong username or password.', applicant: 'Applicant', applicantKind: 'Applicant type', kind1: 'Citizen', kind2: 'Business',
    kind3: 'State agency', kind4: 'Other organisation', name: 'Full name', idNumber: 'Citizen ID number', phone: 'Phone', email: 'E-mail',
    address: 'Address', summary: 'Request', receivingUnit: 'Where to file', attach: 'Attach', next: 'Next', back: 'Back',
    confirm: 'Submit the dossier', confirmHint: 'Check the data before submitting.', submitted: 'Dossier submitted',
    submittedHint: 'The one-stop desk will check and accept it. You will be e-mailed when it is accepted, when anything is missing and when the result is ready.',
    yourCode: 'Your dossier code', uploaded: 'Uploaded', uploadFailed: 'Upload failed', choose: 'Choose', rate: 'Rate the service',
    rateThanks: 'Thank you for your rating.', very_satisfied: 'Very satisfied', satisfied: 'Satisfied', not_satisfied: 'Not satisfied',
    c_access: 'Access to the service', c_procedure: 'The procedure', c_officer: 'The officer', c_result: 'The result', c_feedback: 'Handling of feedback',
    comment: 'Comment', send: 'Send', save: 'Save', tabs_mine: 'Mine', tabs_due_soon: 'Due soon', tabs_late: 'Late', tabs_open: 'In progress',
    tabs_all: 'All', allStatuses: 'Any status', allProcedures: 'Any procedure', fromDate: 'From', toDate: 'To', filter: 'Filter',
    noDossiers: 'No dossiers.', more: 'More', procedure: 'Procedure', channel: 'Channel', counter: 'Counter', online: 'Online', post: 'Post',
    sets: 'Sets', receiveAndPrint: 'Receive and print the receipt', printReceipt: 'Print the receipt (form 01)', receivedOk: 'Dossier {code} received',
    scans: 'Scanned documents', files: 'Files', history: 'Control sheet', actions: 'Actions', forms: 'Forms', reason: 'Reason', note: 'Note',
    items: 'Missing documents (one per line)', amount: 'Amount (VND)', method: 'Method', receipt: 'Receipt number', resultNumber: 'Result number',
    resultDate: 'Signed on', signer: 'Signed by', tracking: 'Tracking number', newDue: 'New appointment', days: 'Working days', cancel: 'Cancel',
    done: 'Done', giver: 'Handed over by', receiverP: 'Received by', result: 'Result', early: 'Early', on_time: 'On time', late: 'Late',
    agencies: 'Agencies', users: 'Users', calendar: 'Days off and swapped days', officeHours: 'Office hours', identifier: 'Identifier',
    parent: 'Parent agency', add: 'Add', roles: 'Roles', active: 'Active', year: 'Year', date: 'Date', dayOff: 'Day off', workDay: 'Working day',
    statutory: 'Statutory', compensatory: 'Compensatory', announced: 'Announced', remove: 'Remove', variants: 'Variants and processes',
    hours: 'Hours', unit: 'Unit', role: 'Role', process: 'Process', approve: 'Approve', consult: 'Consult', return: 'Return',
    onTimeRate: 'On-time rate', counts: 'Dossiers', totals: 'Totals', emptyList: '(none)', noActions: 'There is nothing for you to do on this dossier now.', whyNot: 'Why not the other actions?',
    block_status: 'The dossier\'s status does not allow this action', block_role: 'Another officer or unit takes this action', block_waiting: 'Waiting for the consulted agencies to answer',
    block_first_step: 'The dossier is at its first step: there is no step to send it back to', block_last_step: 'The dossier is at its last step: record the result',
    block_approval_step: 'The current step is a leader\'s approval', block_not_approval_step: 'The current step is not an approval', block_apologized: 'The appointment was already re-set once', block_too_early: 'An apology may be issued from 3 working days before the appointment', apologyFrom: 'from {at}', block_stale: 'The dossier changed after you opened it; reload the page and try again', saved: 'Saved', errorGeneric: 'Something went wrong; please try again.',
    error401: 'Please log in.', error403: 'You may not do this.', error404: 'Not found.', error409: 'Not possible in the current state, or the data changed.',
    error413: 'The file or the request is too large.', error415: 'Only PDF, JPEG and PNG files are accepted.', error422: 'Please check the marked fields.',
    nextSteps: 'Next', procedureCode: 'Procedure code', dayName: 'Name of the day', central: 'Central', province: 'Province', district: 'District', commune: 'Commune',
    dueCalc: 'Due time calculator', dueCalcHint: 'The due time of a dossier received at this time, over the current calendar.', startAt: 'Received at', dueAt: 'Due', mustLogin: 'Please log in with a citizen account to apply online.', select: '— Choose —',
    resolution: 'Dossier resolution', carried: 'Carried over', newReceived: 'New', receivedTotal: 'Received in all',
    resolvedTotal: 'Resolved', inProgress: 'In progress', overdue: 'Overdue', withinTime: 'Within time',
    byMonth: 'On-time rate by month', month: 'Month', serviceIndex: 'Service index (Decision 766)',
    indexTotal: 'Total (out of 100)', grade: 'Grade', group: 'Group', part: 'Part', points: 'Points', maxPoints: 'Maximum',
    rateCol: 'Rate', data: 'Data', notRecorded: 'Not recorded', notApplicable: 'Not applicable', noScore: 'No data',
    ranking: 'Units ranked', rank: 'Rank', sample: 'Dossiers received / resolved', smallSample: 'few dossiers: compare with care',
    lateList: 'Late dossiers', lateHours: 'Late (working hours)', apology: 'Apology', cause: 'Cause', subjective: 'Subjective', objective: 'Objective', unstated: 'Not stated',
    download: 'Download the report', show: 'Show', path: 'Parent units', parts: 'Parts',
  },
};

// Citizens' feedback (web/pages/feedback.js).
Object.assign(dict.vi, {
  feedback: 'Phản ánh, kiến nghị', fbQueue: 'Xử lý phản ánh', fbFormTitle: 'Gửi phản ánh, kiến nghị',
  fbHotlineTitle: 'Ghi nhận phản ánh qua đường dây nóng',
  fbIntro: 'Phản ánh, kiến nghị về quy định hành chính và việc giải quyết thủ tục hành chính được tiếp nhận, xử lý và trả lời theo thời hạn luật định.',
  fbHotlineIntro: 'Ghi lại nội dung cuộc gọi và thông tin liên hệ của người gọi, rồi đọc mã phản ánh cho người gọi để theo dõi.',
  fbStaffOnly: 'Cán bộ xử lý không gửi phản ánh tại đây; phản ánh của người dân được ghi nhận qua cổng dịch vụ công hoặc đường dây nóng.',
  fbCategory: 'Loại phản ánh, kiến nghị', fbText: 'Nội dung phản ánh, kiến nghị', fbTextHint: 'Chỉ nhập văn bản, không dùng thẻ HTML.',
  fbCount: 'Đã nhập {n}/{max} ký tự.', fbComplaintHint: 'Khiếu nại, tố cáo được giải quyết theo Luật Khiếu nại, Luật Tố cáo: nội dung sẽ được chuyển đến cơ quan có thẩm quyền.',
  fbDossier: 'Mã hồ sơ liên quan (nếu có)', fbDossierHint: 'Phản ánh về một hồ sơ được chuyển đến cơ quan giải quyết hồ sơ đó.',
  fbSender: 'Người gửi', fbCaller: 'Người gọi', fbContactHint: 'Nếu không đăng nhập, vui lòng cho biết số điện thoại hoặc thư điện tử để theo dõi kết quả trả lời.',
  fbSend: 'Gửi phản ánh', fbRecord: 'Ghi nhận phản ánh', fbSent: 'Đã gửi phản ánh, kiến nghị', fbRecorded: 'Đã ghi nhận phản ánh, kiến nghị',
  fbYourCode: 'Mã phản ánh, kiến nghị', fbFollowHow: 'Để theo dõi việc xử lý, nhập mã này cùng 4 số cuối của số điện thoại hoặc địa chỉ thư điện tử đã khai.',
  fbAnother: 'Ghi nhận phản ánh khác', fbFollow: 'Theo dõi phản ánh, kiến nghị', fbFollowButton: 'Theo dõi', fbCode: 'Mã phản ánh',
  fbContact: '4 số cuối điện thoại hoặc thư điện tử người gửi', fbNotFound: 'Không tìm thấy phản ánh với mã và thông tin liên hệ này.',
  fbAnswerDue: 'Hạn trả lời', fbClassifyDue: 'Hạn phân loại, xử lý ban đầu', fbAskDue: 'Hạn đề nghị bổ sung', fbPublishDue: 'Hạn công khai',
  fbAnsweredAt: 'Ngày trả lời', fbPublished: 'Ngày công khai', fbRequest: 'Đề nghị bổ sung thông tin', fbAnswer: 'Kết quả trả lời',
  fbDuplicateOf: 'Trùng với phản ánh', fbDuplicateHint: 'Vui lòng theo dõi phản ánh gốc có mã trên.', fbRate: 'Đánh giá kết quả trả lời',
  fbLevel: 'Mức độ hài lòng', fbRated: 'Kết quả trả lời này đã được đánh giá.', fbAnswers: 'Kết quả trả lời phản ánh, kiến nghị',
  fbSearch: 'Tìm trong nội dung phản ánh và kết quả trả lời', fbAllCategories: 'Mọi loại', fbNoAnswers: 'Chưa có kết quả trả lời phù hợp.',
  fbLinkAnswers: 'Xem kết quả trả lời phản ánh, kiến nghị đã công khai', fbLinkFollow: 'Theo dõi phản ánh đã gửi', fbWords: 'Từ khóa',
  fbView_mine: 'Của tôi', fbView_due_soon: 'Sắp đến hạn', fbView_late: 'Quá hạn', fbView_open: 'Đang xử lý', fbView_all: 'Tất cả', fbNoItems: 'Không có phản ánh, kiến nghị.',
  fbItem: 'Phản ánh, kiến nghị {code}', fbAgency: 'Cơ quan xử lý', fbContent: 'Nội dung', fbForwardedTo: 'Chuyển đến', fbActor: 'Người thực hiện',
  fbBlockLeader: 'do lãnh đạo cơ quan đang xử lý phản ánh thực hiện', fbBlockStaff: 'do cán bộ xử lý hoặc lãnh đạo của cơ quan đang xử lý phản ánh thực hiện',
  fbOtherActions: 'Thao tác bạn không thực hiện được', fbNoActions: 'Phản ánh này không còn thao tác nào.',
  fbRequestField: 'Nội dung đề nghị người gửi bổ sung', fbAnswerField: 'Nội dung trả lời', fbDupField: 'Mã phản ánh gốc', fbForwardTo: 'Chuyển đến cơ quan',
  fbLocation: 'Vị trí', fbUseFollow: 'Người gửi theo dõi phản ánh bằng mã và thông tin liên hệ tại trang', error429: 'Tra cứu quá nhiều lần, vui lòng thử lại sau một phút.',
  fbError409: 'Không thể thực hiện thao tác này với phản ánh ở trạng thái hiện tại, hoặc dữ liệu đã thay đổi; vui lòng tải lại trang.',
  ch_portal: 'Cổng dịch vụ công', ch_hotline: 'Đường dây nóng', ch_open311: 'Ứng dụng (Open311)',
});
Object.assign(dict.en, {
  feedback: 'Feedback', fbQueue: 'Handle feedback', fbFormTitle: 'Send feedback', fbHotlineTitle: 'Record feedback from a hotline call',
  fbIntro: 'Feedback on administrative rules and on how procedures are handled is received, handled and answered within the legal time limits.',
  fbHotlineIntro: "Record what the caller says and how to reach them, then read the feedback code to the caller to follow it.",
  fbStaffOnly: "Officers do not file feedback here; citizens' feedback comes through the portal or the hotline.",
  fbCategory: 'Kind of feedback', fbText: 'Feedback text', fbTextHint: 'Plain text only, without HTML markup.', fbCount: '{n} of {max} characters.',
  fbComplaintHint: 'Complaints and denunciations follow the Law on Complaints and the Law on Denunciations: they are sent to the competent body.',
  fbDossier: 'Related dossier code (if any)', fbDossierHint: 'Feedback about a dossier goes to the agency handling it.',
  fbSender: 'Sender', fbCaller: 'Caller', fbContactHint: 'Without an account, give a phone number or an e-mail address to follow the answer.',
  fbSend: 'Send the feedback', fbRecord: 'Record the feedback', fbSent: 'Feedback sent', fbRecorded: 'Feedback recorded', fbYourCode: 'Feedback code',
  fbFollowHow: 'To follow it, enter this code with the last 4 digits of the phone number or the e-mail address given.',
  fbAnother: 'Record other feedback', fbFollow: 'Follow your feedback', fbFollowButton: 'Follow', fbCode: 'Feedback code',
  fbContact: "Last 4 digits of the sender's phone, or the sender's e-mail", fbNotFound: 'No feedback matches this code and this contact.',
  fbAnswerDue: 'Answer due', fbClassifyDue: 'Classify by', fbAskDue: 'Ask for more by', fbPublishDue: 'Publish by',
  fbAnsweredAt: 'Answered', fbPublished: 'Published', fbRequest: 'Information requested', fbAnswer: 'Answer',
  fbDuplicateOf: 'Duplicate of', fbDuplicateHint: 'Please follow the original feedback with the code above.', fbRate: 'Rate the answer',
  fbLevel: 'Satisfaction', fbRated: 'This answer has already been rated.', fbAnswers: 'Answers to feedback',
  fbSearch: 'Search the feedback and the answers', fbAllCategories: 'Any kind', fbNoAnswers: 'No matching answer yet.',
  fbLinkAnswers: 'See the published answers to feedback', fbLinkFollow: 'Follow feedback you sent', fbWords: 'Words',
  fbView_mine: 'Mine', fbView_due_soon: 'Due soon', fbView_late: 'Late', fbView_open: 'Open', fbView_all: 'All', fbNoItems: 'No feedback.',
  fbItem: 'Feedback {code}', fbAgency: 'Handling agency', fbContent: 'Content', fbForwardedTo: 'Forwarded to', fbActor: 'By',
  fbBlockLeader: 'a leader of the agency handling the feedback does this', fbBlockStaff: 'an officer or a leader of the agency handling the feedback does this',
  fbOtherActions: 'Actions you cannot take', fbNoActions: 'Nothing is left to do on this feedback.',
  fbRequestField: 'Information to ask the sender for', fbAnswerField: 'The answer', fbDupField: 'Code of the original feedback', fbForwardTo: 'Forward to the agency',
  fbLocation: 'Location', fbUseFollow: 'Senders follow their feedback with its code and their contact on the page', error429: 'Too many lookups; please try again in a minute.',
  fbError409: 'Not possible in the feedback\'s current state, or the data changed; please reload the page.',
  ch_portal: 'Portal', ch_hotline: 'Hotline', ch_open311: 'App (Open311)',
});

// The administrator's Open311 clients (web/pages/admin.js).
Object.assign(dict.vi, {
  open311: 'Ứng dụng Open311',
  o311Intro: 'Ứng dụng, ki-ốt gửi phản ánh, kiến nghị qua Open311 (GeoReport v2), mỗi ứng dụng bằng một khóa API riêng. Hệ thống chỉ lưu mã băm của khóa, nên khóa chỉ hiển thị một lần khi cấp.',
  o311Name: 'Tên ứng dụng', o311NameHint: 'Ví dụ: Ứng dụng Sơn Hà. Tên đã dùng, kể cả của ứng dụng đã bị thu hồi khóa, không dùng lại được.',
  o311IssueTitle: 'Cấp khóa cho ứng dụng mới', o311Issue: 'Cấp khóa', o311Key: 'Khóa API của ứng dụng {name}', o311KeyLabel: 'Khóa API',
  o311KeyOnce: 'Hãy sao chép khóa này và gửi cho ứng dụng ngay bây giờ: khóa sẽ không được hiển thị lại. Nếu để mất khóa, hãy thu hồi và cấp khóa mới với tên khác.',
  o311Copy: 'Sao chép khóa', o311Copied: 'Đã sao chép khóa.', o311Dismiss: 'Đã lưu khóa, ẩn khóa đi',
  o311Created: 'Ngày cấp', o311LastUsed: 'Lần dùng gần nhất', o311Requests: 'Số yêu cầu đã gửi', o311Never: 'Chưa dùng',
  o311Revoked: 'Đã thu hồi', o311Revoke: 'Thu hồi khóa', o311Confirm: 'Xác nhận thu hồi',
  o311ConfirmHint: 'Sau khi thu hồi, ứng dụng {name} không gửi được phản ánh bằng khóa này nữa.',
  o311RevokedOk: 'Đã thu hồi khóa của ứng dụng {name}.', o311None: 'Chưa cấp khóa cho ứng dụng nào.',
  o311NotActive: 'Ứng dụng này không còn khóa đang hoạt động.',
});
Object.assign(dict.en, {
  open311: 'Open311 clients',
  o311Intro: 'Apps and kiosks send feedback through Open311 (GeoReport v2), each with its own API key. Only a hash of the key is kept, so a key is shown once, when it is issued.',
  o311Name: 'Client name', o311NameHint: 'For example: Sơn Hà app. A name once used, even by a client whose key was revoked, cannot be used again.',
  o311IssueTitle: 'Issue a key to a new client', o311Issue: 'Issue the key', o311Key: 'API key of {name}', o311KeyLabel: 'API key',
  o311KeyOnce: 'Copy this key and pass it to the client now: it will not be shown again. If the key is lost, revoke it and issue a new one under another name.',
  o311Copy: 'Copy the key', o311Copied: 'Key copied.', o311Dismiss: 'I have saved it: hide the key',
  o311Created: 'Issued', o311LastUsed: 'Last used', o311Requests: 'Requests sent', o311Never: 'Never',
  o311Revoked: 'Revoked', o311Revoke: 'Revoke the key', o311Confirm: 'Confirm revocation',
  o311ConfirmHint: 'Once revoked, {name} can no longer send feedback with this key.',
  o311RevokedOk: 'The key of {name} is revoked.', o311None: 'No client has a key yet.',
  o311NotActive: 'This client has no active key any more.',
});

// A feedback item's category, status or action (history rows have no label): the server's
// Vietnamese label when it sent one, else these words.
const feedbackNames = {
  category: { rule: ['Quy định hành chính', 'Administrative rules'], handling: ['Việc giải quyết thủ tục, hồ sơ', 'Handling of a procedure or dossier'],
    conduct: ['Hành vi, thái độ của cán bộ', "Officers' conduct"], other: ['Nội dung khác', 'Other'], complaint: ['Khiếu nại, tố cáo', 'Complaint or denunciation'] },
  status: { received: ['Đã tiếp nhận', 'Received'], accepted: ['Đang xem xét, xử lý', 'Being handled'], waiting: ['Chờ người gửi bổ sung thông tin', "Waiting for the sender's information"],
    answered: ['Đã có kết quả trả lời', 'Answered'], published: ['Đã công khai kết quả trả lời', 'Answer published'], refused: ['Không tiếp nhận xử lý', 'Not accepted'],
    duplicate: ['Trùng với phản ánh, kiến nghị khác', 'Duplicate of other feedback'], routed_out: ['Chuyển cơ quan có thẩm quyền (khiếu nại, tố cáo)', 'Sent to the competent body (complaint)'] },
  action: { submit: ['Gửi phản ánh, kiến nghị', 'Sent'], record: ['Ghi nhận qua đường dây nóng', 'Recorded from the hotline'], accept: ['Tiếp nhận xử lý', 'Accept for handling'],
    refuse: ['Từ chối tiếp nhận', 'Refuse'], duplicate: ['Đánh dấu trùng', 'Mark as a duplicate'], 'route-out': ['Chuyển cơ quan có thẩm quyền', 'Send to the competent body'],
    forward: ['Chuyển cơ quan khác xử lý', 'Forward to another agency'], ask: ['Đề nghị bổ sung thông tin', 'Ask for more information'],
    inform: ['Nhận thông tin bổ sung', 'Record the information received'], answer: ['Trả lời', 'Answer'], publish: ['Công khai kết quả trả lời', 'Publish the answer'] },
};
export const FEEDBACK_CATEGORIES = Object.keys(feedbackNames.category);
export function feedbackText(kind, name, label) {
  const words = feedbackNames[kind][name];
  if (current === 'en') return words ? words[1] : name;
  return label || (words ? words[0] : name);
}

// The service index's points to win back (web/pages/recover.js).
Object.assign(dict.vi, {
  recMenu: 'Điểm cần cải thiện',
  recTitle: 'Điểm cần cải thiện', recIntro: 'Chỉ số phục vụ người dân, doanh nghiệp: mỗi đơn vị bị mất điểm ở đâu và cần làm gì trong kỳ để lấy lại.',
  recPeriodPick: 'Kỳ', recPeriod_month: 'Tháng này', recPeriod_quarter: 'Quý này', recPeriod_year: 'Năm nay', recPeriod_custom: 'Tùy chọn',
  recPeriod: 'Kỳ từ {from} đến {to}.', recUnits: 'Điểm có thể lấy lại của các đơn vị',
  recUnitsHint: 'Xếp theo số điểm tăng thêm trên thang 100 nếu lấy lại toàn bộ điểm bị mất ở các tiêu chí hệ thống ghi nhận. Chọn một đơn vị để xem chi tiết.',
  recGain: 'Điểm có thể tăng (thang 100)', recRecoverable: 'Điểm bị mất có thể lấy lại', recNotMeasured: 'Điểm ở tiêu chí chưa ghi nhận',
  recWhole: '(toàn đơn vị)', recPoints: 'Điểm đạt / điểm tối đa', recOf: 'Chi tiết: {name}', recParts: 'Các tiêu chí bị mất điểm và việc cần làm',
  recNoLoss: 'Không có tiêu chí nào bị mất điểm trong kỳ.', recLost: 'Điểm bị mất', recAction: 'Việc cần làm', recFullAt: 'đủ điểm từ {n} %',
  recNotMeasuredParts: 'Tiêu chí hệ thống chưa ghi nhận', recOnlineUnused: 'Thủ tục trực tuyến chưa có hồ sơ nộp trực tuyến trong kỳ',
  recMore: 'và {n} thủ tục khác', recAtRisk: 'Hồ sơ có nguy cơ trễ hạn (hạn đến hết ngày {until})', recLeft: 'Thời gian làm việc còn lại',
  recMoreDossiers: 'và {n} hồ sơ khác', recHoursMinutes: '{h} giờ {m} phút',
});
Object.assign(dict.en, {
  recMenu: 'Points to win back',
  recTitle: 'Points to win back', recIntro: 'The service index: where each unit loses points and what to do in the period to win them back.',
  recPeriodPick: 'Period', recPeriod_month: 'This month', recPeriod_quarter: 'This quarter', recPeriod_year: 'This year', recPeriod_custom: 'Custom',
  recPeriod: 'From {from} to {to}.', recUnits: 'Points each unit can win back',
  recUnitsHint: 'Ranked by what winning back every point lost on the parts recorded adds to the total out of 100. Choose a unit for its detail.',
  recGain: 'Gain on the total (out of 100)', recRecoverable: 'Points lost that can be won back', recNotMeasured: 'Points on parts not recorded',
  recWhole: '(the whole unit)', recPoints: 'Points / maximum', recOf: 'Detail: {name}', recParts: 'Parts losing points and what to do',
  recNoLoss: 'No part loses points in the period.', recLost: 'Points lost', recAction: 'What to do', recFullAt: 'full from {n} %',
  recNotMeasuredParts: 'Parts not recorded yet', recOnlineUnused: 'Online procedures without an online dossier in the period',
  recMore: 'and {n} more procedures', recAtRisk: 'Dossiers at risk of being late (due by the end of {until})', recLeft: 'Working time left',
  recMoreDossiers: 'and {n} more dossiers', recHoursMinutes: '{h} h {m} min',
});

// The PAR INDEX and the external indices (web/pages/par.js, indices.js).
Object.assign(dict.vi, {
  parMenu: 'Chỉ số CCHC',
  parNav_assess: 'Tự đánh giá', parNav_losses: 'Tiêu chí bị mất điểm', parNav_indices: 'Các chỉ số qua các năm',
  parTitle: 'Tự đánh giá Chỉ số cải cách hành chính', parLossesTitle: 'Tiêu chí bị mất điểm', parStructure: 'Bộ chỉ số',
  parSubject: 'Đơn vị được đánh giá', parNoStructure: 'Chưa có bộ chỉ số nào. Ban Chỉ đạo nạp bộ chỉ số của năm từ tệp.',
  parExample: 'Đây là bộ chỉ số ví dụ để minh họa định dạng, không phải bảng điểm chính thức.',
  parScore: 'Tổng điểm (điểm thẩm định nếu có)', parSelf: 'Điểm tự đánh giá', parAppraised: 'Điểm thẩm định', parLoss: 'Điểm bị mất',
  parAssessed: 'Tiêu chí thành phần đã chấm', parOwnOnly: 'Bạn thấy các tiêu chí thành phần do đơn vị mình chịu trách nhiệm.',
  parCode: 'Mã', parItem: 'Lĩnh vực, tiêu chí, tiêu chí thành phần', parSub: 'Tiêu chí thành phần', parArea: 'Lĩnh vực',
  parResponsible: 'Đơn vị chịu trách nhiệm', parFigure: 'Số liệu liên kết', parValue: 'Giá trị đạt được', parTarget: 'chỉ tiêu',
  parBands: 'Các mức', parBand: 'từ {from}: {points} điểm', parNote: 'Giải trình, ghi chú', parEvidence: 'Tài liệu kiểm chứng', parEdit: 'Chấm điểm',
  parScoreOf: 'Chấm điểm tiêu chí {code}', parEvidenceOf: 'Tài liệu kiểm chứng của tiêu chí {code}',
  parNotScored: '— Chưa chấm —', parYes: 'Đạt ({n} điểm)', parNo: 'Không đạt (0 điểm)', parScoreHint: 'Từ 0 đến {max} điểm.',
  parSelfOr: 'Hoặc điểm tự đánh giá', parValueHint: 'Đạt {target} trở lên được đủ {max} điểm; thấp hơn được điểm theo tỷ lệ.',
  parFigureDefault: 'Theo bộ chỉ số: {name}', parFigureNone: 'Không liên kết, chấm thủ công',
  parFromFigure: 'Điểm tự đánh giá được tính từ số liệu liên kết của hệ thống.', parUpload: 'Tải lên tài liệu kiểm chứng (PDF, JPEG, PNG)',
  parUploadButton: 'Tải lên', parSaved: 'Đã lưu tiêu chí {code}.',
  parLoad: 'Nạp bộ chỉ số từ tệp', parLoadHint: 'Tệp JSON theo định dạng bộ chỉ số; nếu có lỗi, hệ thống không lưu gì và liệt kê từng lỗi.',
  parLoadFile: 'Tệp bộ chỉ số (JSON)', parLoadButton: 'Nạp bộ chỉ số', parNotJson: 'Tệp không phải JSON hợp lệ.',
  parLoaded: 'Đã nạp {n} mục, tổng {points} điểm; {w} cảnh báo.', parNotLoaded: 'Không nạp được: {n} lỗi.', parWarning: '(cảnh báo)',
  parByLabel: 'Xem điểm bị mất theo', parBy_criterion: 'Theo tiêu chí thành phần', parBy_area: 'Theo lĩnh vực', parBy_unit: 'Theo đơn vị chịu trách nhiệm',
  parItems: 'Số tiêu chí thành phần', parLosing: 'Số tiêu chí bị mất điểm', parNoLoss: 'Không có tiêu chí nào bị mất điểm.',
  parRanking: 'Xếp hạng các đơn vị', scoring_yes_no: 'Đạt / không đạt', scoring_proportion: 'Tỷ lệ so với chỉ tiêu',
  scoring_scale: 'Thang điểm theo mức', scoring_survey: 'Điều tra xã hội học',
  idxTitle: 'Các chỉ số qua các năm', idxTrend: 'Điểm các chỉ số theo năm', idxScore: 'Điểm', idxRank: 'Xếp hạng', idxSource: 'Nguồn',
  idxUpdated: 'Cập nhật', idxTable: 'Điểm, xếp hạng và nguồn của các chỉ số theo năm', idxNone: 'Chưa ghi nhận chỉ số nào.',
  idxChartNote: 'Biểu đồ xu hướng điểm theo năm; số liệu đầy đủ trong bảng dưới đây.', idxAllUnits: 'Mọi đơn vị',
  idxRecord: 'Ghi nhận điểm chỉ số', idxFormHint: 'Ghi nhận điểm, thứ hạng đã công bố và nguồn; ghi lại cùng chỉ số, năm và đơn vị sẽ thay giá trị cũ.',
  idxKind: 'Chỉ số', idxRankHint: 'Để trống nếu không công bố thứ hạng.', idxSourceHint: 'Ví dụ: Quyết định công bố của Bộ Nội vụ.',
  idxSave: 'Ghi nhận', idxSaved: 'Đã ghi nhận {kind} năm {year} của {agency}.',
  idx_par_index: 'Chỉ số cải cách hành chính (PAR INDEX)', idx_sipas: 'Chỉ số hài lòng về sự phục vụ hành chính (SIPAS)',
  idx_papi: 'Chỉ số hiệu quả quản trị và hành chính công cấp tỉnh (PAPI)', idx_pci: 'Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)',
  idx_ddci: 'Chỉ số năng lực cạnh tranh cấp sở, ngành, địa phương (DDCI)',
});
Object.assign(dict.en, {
  parMenu: 'PAR INDEX',
  parNav_assess: 'Self-assessment', parNav_losses: 'Criteria losing points', parNav_indices: 'Indices over the years',
  parTitle: 'PAR INDEX self-assessment', parLossesTitle: 'Criteria losing points', parStructure: 'Structure',
  parSubject: 'Agency assessed', parNoStructure: 'No structure yet. The steering committee loads the year\'s structure from a file.',
  parExample: 'This structure is an example of the format, not the official point table.',
  parScore: 'Score (appraised where given)', parSelf: 'Self score', parAppraised: 'Appraised score', parLoss: 'Points lost',
  parAssessed: 'Sub-criteria scored', parOwnOnly: 'You see the sub-criteria your unit is responsible for.',
  parCode: 'Code', parItem: 'Area, criterion, sub-criterion', parSub: 'Sub-criterion', parArea: 'Area',
  parResponsible: 'Unit responsible', parFigure: 'Linked figure', parValue: 'Value reached', parTarget: 'target',
  parBands: 'Bands', parBand: 'from {from}: {points} points', parNote: 'Note', parEvidence: 'Evidence', parEdit: 'Score',
  parScoreOf: 'Score sub-criterion {code}', parEvidenceOf: 'Evidence of sub-criterion {code}',
  parNotScored: '— Not scored —', parYes: 'Met ({n} points)', parNo: 'Not met (0 points)', parScoreHint: 'From 0 to {max} points.',
  parSelfOr: 'Or the self score', parValueHint: '{target} or more scores the full {max} points; less scores in proportion.',
  parFigureDefault: 'As the structure links it: {name}', parFigureNone: 'Not linked: scored by hand',
  parFromFigure: 'The self score comes from the linked figure.', parUpload: 'Upload evidence (PDF, JPEG, PNG)',
  parUploadButton: 'Upload', parSaved: 'Sub-criterion {code} saved.',
  parLoad: 'Load a structure from a file', parLoadHint: 'A JSON structure document; when anything is wrong nothing is stored and every problem is listed.',
  parLoadFile: 'Structure file (JSON)', parLoadButton: 'Load the structure', parNotJson: 'The file is not valid JSON.',
  parLoaded: '{n} items loaded, {points} points in all; {w} warnings.', parNotLoaded: 'Not loaded: {n} errors.', parWarning: '(warning)',
  parByLabel: 'Points lost by', parBy_criterion: 'By sub-criterion', parBy_area: 'By area', parBy_unit: 'By unit responsible',
  parItems: 'Sub-criteria', parLosing: 'Losing points', parNoLoss: 'No criterion loses points.',
  parRanking: 'Units ranked', scoring_yes_no: 'Met / not met', scoring_proportion: 'Share of a target',
  scoring_scale: 'Scale of bands', scoring_survey: 'Survey',
  idxTitle: 'Indices over the years', idxTrend: 'Index scores by year', idxScore: 'Score', idxRank: 'Rank', idxSource: 'Source',
  idxUpdated: 'Updated', idxTable: 'Score, rank and source of each index by year', idxNone: 'No index recorded yet.',
  idxChartNote: 'The trend of each score by year; the table below holds every number.', idxAllUnits: 'All units',
  idxRecord: 'Record an index value', idxFormHint: 'Record the published score, the rank and the source; the same index, year and unit again replaces the value.',
  idxKind: 'Index', idxRankHint: 'Leave empty when no rank was published.', idxSourceHint: 'For example: the Ministry of Home Affairs\' decision.',
  idxSave: 'Record', idxSaved: '{kind} {year} of {agency} recorded.',
  idx_par_index: 'Public administration reform index (PAR INDEX)', idx_sipas: 'Satisfaction with public administrative services (SIPAS)',
  idx_papi: 'Provincial governance and public administration performance (PAPI)', idx_pci: 'Provincial competitiveness (PCI)',
  idx_ddci: 'Department and district competitiveness (DDCI)',
});

const statusEn = { new: 'Submitted online', received: 'Received', refused: 'Not accepted', processing: 'Processing', supplement: 'Supplement requested',
  financial: 'Awaiting payment', withdrawn: 'Withdrawn', stopped: 'Stopped', processed: 'Result ready', returned: 'Result returned' };

let current = localStorage.getItem('motcua.lang') === 'en' ? 'en' : 'vi';

// A page's own texts, kept in a module of their own (web/lib/i18n-plans.js), join the dictionary.
export function addTexts(vi, en) {
  Object.assign(dict.vi, vi);
  Object.assign(dict.en, en);
}

export const lang = () => current;
export function setLang(l) {
  current = l;
  localStorage.setItem('motcua.lang', l);
  document.documentElement.lang = l;
}
document.documentElement.lang = current;

export function t(key, vars = {}) {
  const s = dict[current][key] ?? dict.vi[key] ?? key;
  return s.replace(/\{(\w+)\}/g, (_, k) => (vars[k] ?? ''));
}

// A dossier's status in words: the server's Vietnamese label, or English.
export const statusText = (name, label) => (current === 'en' ? statusEn[name] || name : label || name);
// An action's name: the server's Vietnamese label, or its English name.
const actionEn = { 'supplement-sent': 'Supplement sent online by the applicant', accept: 'Accept', refuse: 'Refuse', handover: 'Hand over', 'request-supplement': 'Request a supplement', supplement: 'Record the supplement',
  forward: 'Forward', approve: 'Approve', 'send-back': 'Send back', consult: 'Consult an agency', 'request-payment': 'Request payment',
  pay: 'Record payment', finish: 'Finish with the result', return: 'Return the result', withdraw: 'Withdraw', stop: 'Stop', apologize: 'Apologise, re-appoint' };
export const actionText = (name, label) => (current === 'en' ? actionEn[name] || name : label || name);

// A role's name; the Vietnamese ones are the server's labels.
const roleNames = {
  vi: { citizen: 'Công dân, tổ chức', receiver: 'Cán bộ một cửa', processor: 'Cán bộ xử lý', leader: 'Lãnh đạo', unit_admin: 'Quản trị đơn vị',
    admin: 'Quản trị hệ thống', steering: 'Ban Chỉ đạo cải cách hành chính', auditor: 'Kiểm tra, giám sát' },
  en: { citizen: 'Citizen or organisation', receiver: 'One-stop desk officer', processor: 'Processing officer', leader: 'Leader', unit_admin: 'Unit administrator',
    admin: 'System administrator', steering: 'Reform steering committee', auditor: 'Inspector' },
};
export const ROLES = Object.keys(roleNames.vi);
export const roleText = (name) => roleNames[current][name] || name;

// A field error from the API ({code, param, message}), in the page's language, by its stable code.
const fieldCodes = {
  required: ['Bắt buộc nhập', 'Required'],
  unknown_field: ['Không được hỗ trợ', 'Not supported'],
  type: ['Giá trị không đúng kiểu', 'Wrong kind of value'],
  control_characters: ['Có ký tự điều khiển không được phép', 'Holds control characters'],
  too_long: ['Tối đa $1 ký tự', 'At most $1 characters'],
  too_short: ['Tối thiểu $1 ký tự', 'At least $1 characters'],
  out_of_range: ['Giá trị phải từ $1 đến $2', 'Must be from $1 to $2'],
  not_one_of: ['Chọn một trong: $1', 'Choose one of: $1'],
  phone: ['Số điện thoại không hợp lệ (8 đến 15 chữ số)', 'Not a phone number (8 to 15 digits)'],
  id_number: ['Số định danh gồm 12 chữ số (hoặc CMND 9 chữ số)', '12 digits (or an old 9-digit ID)'],
  email: ['Thư điện tử không hợp lệ', 'Not an e-mail address'],
  date: ['Ngày không hợp lệ (năm-tháng-ngày)', 'Not a date (YYYY-MM-DD)'],
  time: ['Thời điểm không hợp lệ', 'Not a time'],
  office_hours: ['Giờ làm việc không hợp lệ (HH:MM-HH:MM, tổng 8 giờ)', 'Invalid office hours (HH:MM-HH:MM, 8 hours in all)'],
  markup: ['Chỉ nhập văn bản, không dùng thẻ HTML', 'Plain text only, without HTML markup'],
  not_found: ['Không tìm thấy: $1', 'Not found: $1'],
  // not the API's: the feedback form names the phone's "required" so, as a phone or an e-mail will do
  contact: ['Nhập số điện thoại hoặc thư điện tử để theo dõi kết quả trả lời', 'Give a phone number or an e-mail address to follow the answer'],
  // a reform plan's task and its monthly report
  taken: ['Số $1 đã có trong kế hoạch này', 'Number $1 is taken in this plan'],
  subtask_cycle: ['Nhiệm vụ không thể là nhiệm vụ con của chính nó hoặc của nhiệm vụ con của nó', 'A task cannot be a subtask of itself or of its subtasks'],
  after_today: ['Không được sau ngày hôm nay', 'Cannot be after today'],
  not_full: ['Chỉ nhập ngày hoàn thành khi tiến độ đạt 100 %', 'Give the day it was done only at 100 %'],
  overdue_cause: ['Nhiệm vụ đã quá hạn: nêu rõ nguyên nhân', 'The task is overdue: state the cause'],
  // not the API's either: an Open311 client's name already taken (the API answers 409)
  name_taken: ['Đã có ứng dụng mang tên này (kể cả ứng dụng đã bị thu hồi khóa); vui lòng chọn tên khác', 'A client has this name already (a revoked one counts too); choose another'],
  // a citizen's account: an e-mailed link past its time or used; not the API's: two passwords that differ
  expired: ['Đường dẫn không hợp lệ, đã được dùng hoặc đã hết hạn', 'The link is not valid, was used already or has expired'],
  mismatch: ['Hai mật khẩu đã nhập không giống nhau', 'The two passwords differ'],
  // a staged file: its content is not PDF, JPEG or PNG; or it is no longer held
  file_type: ['Tệp không phải PDF, JPEG hoặc PNG (kiểm tra theo nội dung tệp)', 'The file is not a PDF, JPEG or PNG (judged by its content)'],
  upload_gone: ['Tệp đã chọn không còn được lưu tạm (quá một ngày hoặc đã gửi): vui lòng chọn lại tệp', 'The chosen file is no longer held (over a day old or already sent): choose it again'],
};
export function fieldText(err) {
  const e = typeof err === 'string' ? { code: 'invalid', message: err } : err;
  const texts = fieldCodes[e.code];
  if (texts) {
    const args = String(e.param || '').split('..');
    return texts[current === 'en' ? 1 : 0].replace(/\$(\d)/g, (_, i) => args[Number(i) - 1] ?? '');
  }
  if (current === 'en') return e.message;
  // the English message of an error without a stable code, in Vietnamese; never the two mixed
  for (const [re, vi] of messagesVi) {
    const m = re.exec(e.message || '');
    if (m) return vi.replace(/\$(\d)/g, (_, i) => m[Number(i)] ?? '');
  }
  return 'Giá trị không hợp lệ';
}
const messagesVi = [
  [/^no (?:active )?agency with identifier (\S+)/, 'Không có cơ quan, đơn vị mang mã $1'],
  [/^must be an agency identifier like/, 'Phải là mã định danh cơ quan, dạng 000.00.04.H43'],
  [/^must hold only letters, digits, dots and dashes/, 'Chỉ gồm chữ cái, chữ số, dấu chấm và dấu gạch ngang (ví dụ 1.001234)'],
  [/^calendar-day durations are whole days/, 'Thời hạn tính theo ngày phải là số ngày nguyên'],
  [/^must be a whole number of working hours/, 'Phải là số giờ làm việc nguyên (bội số của 0,125 ngày)'],
  [/^must not exceed duration_days/, 'Không được dài hơn thời hạn giải quyết'],
  [/^must be an object/, 'Giá trị không đúng dạng'],
  [/^must be UTF-8 text/, 'Phải là văn bản'],
  [/^a dossier is not sent for consultation to its own unit/, 'Không lấy ý kiến chính đơn vị đang giữ hồ sơ'],
  [/^must be later than the current appointment/, 'Phải sau thời điểm hẹn trả hiện tại'],
  [/^must be at most a year after the current appointment/, 'Không quá một năm sau thời điểm hẹn trả hiện tại'],
  [/^must fall within office hours on a working day/, 'Phải trong giờ làm việc của một ngày làm việc'],
  [/^must not be after today/, 'Không được sau ngày hôm nay'],
  [/^must not be before the dossier was received/, 'Không được trước ngày tiếp nhận hồ sơ'],
  [/^must be the amount due, (\d+) đồng/, 'Phải nộp đủ số tiền phải nộp, $1 đồng'],
  [/^a result sent by post needs its tracking number/, 'Trả kết quả qua bưu chính cần mã bưu gửi'],
  [/^must list 1 to (\d+) missing documents/, 'Liệt kê từ 1 đến $1 giấy tờ cần bổ sung'],
  [/^a file is required/, 'Vui lòng chọn tệp'],
  [/^at most (\d+) (components|fees|variants)/, 'Tối đa $1 mục'],
];

// The message of an error as a whole.
// An error as people read it: the server's own reason for a refused action (in Vietnamese, or its
// English name's translation), else the status's general text.
export function errorText(err) {
  const s = err && err.status;
  const p = (err && err.problem) || {};
  if (p.reason && current === 'en' && dict.en[`block_${p.reason}`]) return `${dict.en[`block_${p.reason}`]}. (${p.detail})`;
  if (p.reason_label && current !== 'en') return p.reason_label;
  if ([401, 403, 404, 409, 413, 415, 422, 429].includes(s)) return t(`error${s}`);
  return t('errorGeneric');
}
