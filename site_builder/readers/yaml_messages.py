"""Vietnamese explanations of what can be wrong with the YAML text itself.

Editors are civil servants, not programmers: each message says what is wrong and how to
fix it. libyaml's English wording is kept in parentheses for whoever must dig deeper.
"""

from __future__ import annotations

TAB = (
    "Dòng này thụt lề bằng phím Tab. YAML chỉ chấp nhận dấu cách: "
    "xóa ký tự Tab và thụt lề bằng 2 dấu cách cho mỗi cấp."
)
NOT_UTF8 = (
    "Tệp không được lưu bằng bảng mã UTF-8 nên tiếng Việt bị lỗi. "
    "Mở tệp trong trình soạn thảo (ví dụ VS Code) và lưu lại với bảng mã UTF-8."
)
EMPTY = "Tệp rỗng: không có dữ liệu nào. Điền nội dung theo mẫu (thutuc new) hoặc xóa tệp."
NOT_MAPPING = (
    "Cấp ngoài cùng của tệp phải là các cặp 'tên trường: giá trị' (ví dụ 'id: dang-ky-khai-sinh'), "
    "không phải một danh sách hay một giá trị đơn lẻ."
)
# What `thutuc new` writes where an editor still has to fill in a value.
PLACEHOLDER = "CẦN ĐIỀN"


def placeholder(text: str) -> str:
    hint = text.split(":", 1)[1].strip() if ":" in text else ""
    return f"Chỗ này chưa điền{': ' + hint if hint else ''}. Thay cả dấu nháy và chữ «{PLACEHOLDER}» bằng giá trị thật."


MERGE_KEY = "Không dùng khóa gộp '<<' trong danh mục: viết đầy đủ từng trường để người duyệt dễ đọc."

_SYNTAX_HINTS: tuple[tuple[str, str], ...] = (
    (
        "mapping values are not allowed",
        "Dấu hai chấm đặt sai chỗ. Thường do thụt lề sai, hoặc giá trị có chứa ': ' — "
        'khi đó hãy đặt cả giá trị trong dấu nháy kép, ví dụ: name: "Bước 1: Nộp hồ sơ".',
    ),
    (
        "could not find expected ':'",
        "Thiếu dấu hai chấm sau tên trường, hoặc dòng này thụt lề không khớp với dòng trên. "
        "Mỗi dòng phải có dạng 'tên_trường: giá trị'; dòng viết tiếp của một giá trị dài phải thụt vào sâu hơn.",
    ),
    (
        "did not find expected key",
        "Thụt lề không khớp: các trường cùng cấp phải thẳng cột với nhau. "
        "Kiểm tra số dấu cách ở đầu dòng này và các dòng ngay trên.",
    ),
    (
        "did not find expected '-' indicator",
        "Danh sách bị thụt lề sai: mọi mục của một danh sách phải bắt đầu bằng '- ' ở cùng một cột.",
    ),
    (
        "expected <block end>",
        "Thụt lề không khớp với cấu trúc phía trên: đưa dòng này về đúng cột của các trường cùng cấp.",
    ),
    (
        "found undefined alias",
        "Dùng bí danh (*tên) chưa được khai báo. Viết đầy đủ giá trị thay cho bí danh.",
    ),
    (
        "found unknown escape character",
        "Trong dấu nháy kép, dấu '\\' chỉ dùng cho ký tự đặc biệt. "
        "Dùng dấu nháy đơn ('...') hoặc viết '\\\\' nếu cần dấu gạch chéo ngược.",
    ),
    (
        "found unexpected end of stream",
        "Tệp kết thúc giữa chừng: có thể thiếu dấu nháy đóng (\" hoặc ') của một giá trị.",
    ),
    (
        "expected a single document",
        "Mỗi tệp chỉ chứa một thủ tục (một tài liệu YAML). Xóa dòng '---' thừa hoặc tách thành tệp riêng.",
    ),
    (
        "that cannot start any token",
        "Giá trị bắt đầu bằng ký tự đặc biệt (như @, `, % hoặc Tab). Đặt cả giá trị trong dấu nháy kép.",
    ),
    (
        "found character '\\t'",
        "Có ký tự Tab ở vị trí không hợp lệ. Thay Tab bằng dấu cách.",
    ),
    (
        "while parsing a flow",
        "Dấu ngoặc [ ] hoặc { } không khớp. Kiểm tra các dấu ngoặc và dấu phẩy trên dòng này.",
    ),
    (
        "found duplicate anchor",
        "Một bí danh (&tên) được khai báo hai lần. Xóa bớt hoặc viết đầy đủ giá trị.",
    ),
)


def syntax(problem: str, context: str) -> str:
    """A Vietnamese explanation of a libyaml syntax error, with a way to fix it."""
    original = "; ".join(part for part in (context, problem) if part)
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            return f"Lỗi cú pháp YAML. {hint} (Chi tiết: {original})"
    return syntax_generic(original)


def syntax_generic(original: str) -> str:
    return (
        "Lỗi cú pháp YAML: tệp không đọc được từ vị trí này. Kiểm tra thụt lề (dấu cách, không dùng Tab), "
        f"dấu hai chấm sau tên trường và các dấu nháy. (Chi tiết: {original})"
    )


def duplicate_key(key: str, first_line: int) -> str:
    return (
        f"Trường «{key}» xuất hiện hai lần trong cùng một nhóm (lần đầu ở dòng {first_line}). "
        "Chỉ giữ một lần: gộp nội dung lại rồi xóa dòng thừa."
    )


def unknown_tag(tag: str) -> str:
    shown = "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag
    return (
        f"Thẻ YAML «{shown}» không được phép: danh mục chỉ chứa văn bản, số, ngày, danh sách và nhóm trường. "
        "Xóa thẻ (phần bắt đầu bằng ! hoặc !!) và chỉ giữ giá trị."
    )


def bad_key(shown: str) -> str:
    return f"Tên trường «{shown}» không hợp lệ: tên trường phải là chữ, ví dụ 'name' hoặc 'status'."


def bad_scalar(value: str, tag: str) -> str:
    if tag == "timestamp":
        return (
            f"Ngày «{value}» không có thật hoặc sai dạng. "
            "Viết ngày theo dạng NĂM-THÁNG-NGÀY và kiểm tra ngày, tháng, ví dụ 2025-07-01."
        )
    return f"Giá trị «{value}» không đọc được. Nếu đây là văn bản, hãy đặt trong dấu nháy kép."


def too_big(size: int, limit: int) -> str:
    return (
        f"Tệp quá lớn ({size / 1_000_000:.1f} MB), giới hạn là {limit / 1_000_000:.0f} MB. "
        "Một thủ tục thường chỉ vài KB: kiểm tra xem có dán nhầm nội dung (ảnh, văn bản dài) vào tệp không."
    )


def too_deep(limit: int) -> str:
    return (
        f"Dữ liệu lồng nhau quá sâu (hơn {limit} cấp). Một thủ tục chỉ cần vài cấp: "
        "kiểm tra thụt lề và các dấu ngoặc [ ] { } có bị lặp không."
    )


def too_many_nodes(limit: int) -> str:
    return (
        f"Tệp có quá nhiều giá trị (hơn {limit:,} sau khi mở rộng bí danh). ".replace(",", ".")
        + "Có thể tệp dùng bí danh (&, *) lồng nhau: viết đầy đủ giá trị, không dùng bí danh."
    )
