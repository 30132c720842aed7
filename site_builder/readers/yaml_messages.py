"""Vietnamese explanations of what can be wrong with the YAML text itself.

Editors are civil servants, not programmers: each message says what is wrong and how to
fix it. libyaml's own explanation follows in parentheses, translated (never in English).
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


# libyaml's (and PyYAML's) own wording of a syntax error, in Vietnamese, matched by how the text starts: the
# "Chi tiết" tail must not be English. Longer prefixes first where one starts another.
_DETAILS: tuple[tuple[str, str], ...] = (
    ("while scanning a simple key", "khi đọc một tên trường"),
    ("while scanning a plain scalar", "khi đọc một giá trị không có dấu nháy"),
    ("while scanning a double-quoted scalar", "khi đọc một giá trị trong dấu nháy kép"),
    ("while scanning a quoted scalar", "khi đọc một giá trị trong dấu nháy"),
    ("while scanning a block scalar", "khi đọc một đoạn văn nhiều dòng (| hoặc >)"),
    ("while scanning an anchor", "khi đọc một nhãn (&tên)"),
    ("while scanning an alias", "khi đọc một bí danh (*tên)"),
    ("while scanning a tag", "khi đọc một thẻ (!tên)"),
    ("while scanning a", "khi đọc một chỉ thị YAML (dòng bắt đầu bằng %)"),
    ("while scanning for the next token", "khi tìm phần tiếp theo của tệp"),
    ("while parsing a block mapping", "khi đọc một nhóm trường"),
    ("while parsing a block collection", "khi đọc một danh sách"),
    ("while parsing a flow sequence", "khi đọc một danh sách trong dấu [ ]"),
    ("while parsing a flow mapping", "khi đọc một nhóm trong dấu { }"),
    ("while parsing a", "khi đọc một giá trị"),
    ("while composing a mapping", "khi đọc một nhóm trường"),
    ("while increasing", "khi đọc các cấp lồng nhau"),
    ("mapping values are not allowed", "dấu hai chấm không được đặt ở đây"),
    ("mapping keys are not allowed", "tên trường không được đặt ở đây"),
    ("block sequence entries are not allowed", "mục danh sách '- ' không được đặt ở đây"),
    ("sequence entries are not allowed", "mục danh sách '- ' không được đặt ở đây"),
    ("could not find expected ':'", "không thấy dấu hai chấm cần có"),
    ("did not find expected key", "không thấy tên trường cần có"),
    ("did not find expected '-' indicator", "không thấy dấu '- ' của mục danh sách"),
    ("did not find expected ',' or ']'", "không thấy dấu phẩy hoặc dấu ] cần có"),
    ("did not find expected ',' or '}'", "không thấy dấu phẩy hoặc dấu } cần có"),
    ("did not find expected node content", "không thấy giá trị cần có"),
    ("did not find expected <document start>", "không thấy dòng '---' mở đầu tài liệu"),
    ("did not find expected comment or line break", "sau giá trị chỉ được có chú thích (#) hoặc xuống dòng"),
    ("did not find expected whitespace", "thiếu dấu cách cần có"),
    ("did not find expected", "thiếu một ký tự cần có"),
    ("did not find the expected '>'", "thiếu dấu > đóng"),
    ("expected <block end>", "thụt lề không khớp với cấu trúc phía trên"),
    ("expected the node content", "không thấy giá trị cần có"),
    ("expected a single document", "tệp chứa nhiều hơn một tài liệu YAML"),
    ("but found another document", "gặp thêm một tài liệu YAML"),
    ("expected ',' or ']'", "không thấy dấu phẩy hoặc dấu ] cần có"),
    ("expected ',' or '}'", "không thấy dấu phẩy hoặc dấu } cần có"),
    ("expected a comment or a line break", "sau giá trị chỉ được có chú thích (#) hoặc xuống dòng"),
    ("expected", "thiếu một ký tự cần có"),
    ("found character '\\t'", "có ký tự Tab"),
    ("found a tab character", "có ký tự Tab ở chỗ thụt lề"),
    ("found character", "có ký tự không được mở đầu một giá trị"),
    ("found unknown escape character", "có chuỗi thoát \\ không hợp lệ trong dấu nháy kép"),
    ("found invalid Unicode character escape code", "có mã ký tự \\u không hợp lệ"),
    ("found unexpected end of stream", "tệp kết thúc giữa chừng"),
    ("found unexpected ':'", "gặp dấu hai chấm không đúng chỗ"),
    ("found unexpected document", "gặp dòng '---' hoặc '...' không đúng chỗ"),
    ("found undefined alias", "bí danh chưa được khai báo"),
    ("found duplicate anchor", "nhãn (&tên) bị khai báo lại"),
    ("second occurrence", "lần khai báo thứ hai"),
    ("found undefined tag handle", "thẻ chưa được khai báo"),
    ("found an indentation indicator equal to 0", "chỉ số thụt lề bằng 0"),
    ("found", "gặp nội dung không hợp lệ"),
    ("control characters are not allowed", "có ký tự điều khiển không được phép"),
    ("special characters are not allowed", "có ký tự đặc biệt không được phép"),
    ("invalid", "có ký tự không hợp lệ"),
    ("incomplete", "có ký tự bị cắt dở"),
    ("unacceptable character", "có ký tự không được phép"),
)


def _detail(english: str) -> str:
    """One part of libyaml's explanation, in Vietnamese; a general sentence for wording not listed above."""
    for prefix, vietnamese in _DETAILS:
        if english.startswith(prefix):
            return vietnamese
    return "trình đọc YAML không hiểu được chỗ này"


def _details(*parts: str) -> str:
    return "; ".join(dict.fromkeys(_detail(part) for part in parts if part))


def syntax(problem: str, context: str) -> str:
    """A Vietnamese explanation of a libyaml syntax error, with a way to fix it."""
    details = _details(context, problem)
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem or needle in context:
            return (
                f"Lỗi cú pháp YAML. {hint} (Chi tiết: {details})" if details else f"Lỗi cú pháp YAML. {hint}"
            )
    return _generic(details)


def syntax_generic(original: str) -> str:
    """A YAML error without a position: its English text is not shown, only what it says in Vietnamese."""
    return _generic(_details(original.strip().splitlines()[0] if original.strip() else ""))


def _generic(details: str) -> str:
    tail = f" (Chi tiết: {details})" if details else ""
    return (
        "Lỗi cú pháp YAML: tệp không đọc được từ vị trí này. Kiểm tra thụt lề (dấu cách, không dùng Tab), "
        f"dấu hai chấm sau tên trường và các dấu nháy.{tail}"
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
