"""Every finding `thutuc check` can report: code, severity and a Vietnamese title.

Declared once: the checker uses it, and the editor guide's table of codes is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..diagnostics import Severity

E, W = Severity.ERROR, Severity.WARNING


@dataclass(frozen=True)
class Code:
    code: str
    severity: Severity
    title: str


CODES: dict[str, Code] = {
    c.code: c
    for c in (
        # reading the file
        Code("E100", E, "Lỗi cú pháp YAML"),
        Code("E101", E, "Thụt lề bằng Tab"),
        Code("E102", E, "Tệp không phải UTF-8"),
        Code("E103", E, "Trường bị lặp"),
        Code("E104", E, "Thẻ YAML không được phép"),
        Code("E105", E, "Khóa gộp '<<' không được phép"),
        Code("E106", E, "Tên trường không hợp lệ"),
        Code("E107", E, "Giá trị không đọc được (ví dụ ngày không có thật)"),
        Code("E108", E, "Tệp quá lớn"),
        Code("E109", E, "Tệp rỗng"),
        Code("E110", E, "Cấp ngoài cùng không phải nhóm trường"),
        Code("E111", E, "Tệp nằm sai chỗ hoặc sai đuôi"),
        Code("E112", E, "Liên kết tượng trưng (symlink) hoặc tệp đặc biệt trong danh mục"),
        Code("E113", E, "Tệp mẫu không thuộc loại được phép (pdf, doc, docx, odt)"),
        Code("E114", E, "Nội dung tệp mẫu không khớp đuôi tệp"),
        # the schema
        Code("E200", E, "Thiếu trường bắt buộc"),
        Code("E201", E, "Trường không có trong mẫu dữ liệu"),
        Code("E202", E, "Sai kiểu giá trị"),
        Code("E203", E, "Giá trị không nằm trong danh sách cho phép"),
        Code("E204", E, "Sai định dạng"),
        Code("E205", E, "Số nằm ngoài khoảng cho phép"),
        Code("E206", E, "Để trống hoặc thiếu mục"),
        Code("E207", E, "Quá dài"),
        Code("E208", E, "Ngày không hợp lệ"),
        Code("E209", E, "Giá trị không hợp lệ"),
        Code("E210", E, "Ký tự ẩn hoặc ký tự điều khiển trong văn bản"),
        Code("E211", E, "Xuống dòng hoặc Tab trong trường chỉ viết một dòng"),
        # rules across fields and files
        Code("E300", E, "Tên tệp khác mã định danh"),
        Code("E301", E, "Mã định danh bị trùng"),
        Code("E302", E, "Mã thủ tục quốc gia bị trùng trong cùng cấp"),
        Code("E303", E, "Tham chiếu tới mục không tồn tại"),
        Code("E304", E, "Tình trạng thủ tục thiếu thông tin đi kèm"),
        Code("E305", E, "Ngày bắt đầu sau ngày kết thúc"),
        Code("E306", E, "Ngày ở tương lai"),
        Code("E307", E, "Kênh thực hiện không hợp lệ"),
        Code("E308", E, "Quan hệ thay thế không khớp hai chiều"),
        Code("E309", E, "Khoản phí thiếu số tiền"),
        Code("E310", E, "Cấp huyện trên thủ tục còn hiệu lực"),
        Code("E311", E, "Giấy tờ không có số bản"),
        Code("E312", E, "Mục bị lặp trong danh sách"),
        Code("E313", E, "Thủ tục tự tham chiếu chính nó"),
        Code("E314", E, "Thiếu thông báo dữ liệu mẫu"),
        Code("E315", E, "Mã định danh trùng tên trang mà trang web tự tạo"),
        Code("E316", E, "Văn bản chứa từ dành riêng của khung trang"),
        Code("E330", E, "Còn chỗ chưa điền (CẦN ĐIỀN)"),
        Code("E340", E, "Tên ngắn của trường hợp hồ sơ quá dài"),
        Code("E341", E, "Tên ngắn của trường hợp hồ sơ bị trùng"),
        Code("E320", E, "Văn bản công khai chứa dữ liệu cá nhân"),
        Code("E321", E, "Trường thông tin người gửi không được phép"),
        Code("E322", E, "Phản ánh thiếu thông tin theo tình trạng"),
        # warnings: shown always, fail only under --strict
        Code("W401", W, "Lâu chưa rà soát"),
        Code("W402", W, "Thủ tục chưa có cán bộ chịu trách nhiệm"),
        Code("W403", W, "Phí do HĐND tỉnh quy định nhưng chưa ghi số tiền"),
        Code("W404", W, "Văn bản chứa thẻ HTML"),
        Code("W405", W, "Cơ quan thiếu thông tin liên hệ"),
        Code("W406", W, "Kênh trực tuyến chưa ghi mức độ"),
        Code("W407", W, "Tệp mẫu không thủ tục nào dẫn tới"),
        Code("W410", W, "Trường hợp hồ sơ chưa có tên ngắn"),
    )
}


def severity_of(code: str) -> Severity:
    return CODES[code].severity
