"""The page the preview server shows while the catalogue has errors, instead of hanging.

Self-contained (no stylesheet, font or script from elsewhere): the editor may be offline and the
theme's files may be the very thing that is broken. Every text from the catalogue is escaped.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

from markupsafe import Markup

from ..diagnostics import Diagnostic

# Lets the page's script tell the error page from the site's own 404 page.
MARKER = "thutuc-xem-thu-loi"

_STYLE = """
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#fff7f7;color:#222}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{color:#b00020;font-size:1.6rem}
h2{font-size:1.1rem;margin:1.5rem 0 .5rem;word-break:break-all}
li{margin:.4rem 0}
code{background:#fde;padding:0 .2em;word-break:break-all}
.fix{font-weight:bold;border-left:4px solid #b00020;padding-left:.8rem}
"""

# MkDocs adds its live-reload script only to pages it serves from disk, not to its 404 answer:
# there this script asks for the same address until the answer is no longer this page.
_RELOAD = """
window.addEventListener("load", function () {
  if (typeof livereload === "function") { return; }
  var poll = function () {
    fetch(location.href, {cache: "no-store"}).then(function (answer) {
      return answer.text().then(function (text) {
        if (answer.ok || text.indexOf("MARKER") < 0) { location.reload(); } else { setTimeout(poll, 2000); }
      });
    }, function () { setTimeout(poll, 2000); });
  };
  setTimeout(poll, 2000);
});
""".replace("MARKER", MARKER)


def _finding(d: Diagnostic) -> Markup:
    field = Markup(" <small>({})</small>").format(d.field) if d.field else Markup("")
    return Markup("<li><code>{}:{}:{}</code> <strong>{}</strong>: {}{}</li>").format(
        d.file, d.line, d.column, d.code, d.message, field
    )


def _by_file(errors: Iterable[Diagnostic]) -> Markup:
    sections = [
        Markup("<section><h2>{}</h2><ul>{}</ul></section>").format(
            file, Markup("").join(_finding(d) for d in found)
        )
        for file, found in groupby(sorted(errors), key=lambda d: d.file)
    ]
    return Markup("").join(sections)


def error_page(errors: list[Diagnostic], warnings: int) -> str:
    """The whole HTML page listing every error as file:line:column, code and message, by file."""
    more = (
        Markup(
            "<p>Ngoài ra có {} cảnh báo (không chặn việc dựng): xem bằng <code>thutuc check</code>.</p>"
        ).format(warnings)
        if warnings
        else Markup("")
    )
    return str(
        Markup(
            '<!doctype html>\n<html lang="vi"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            '<meta name="{}" content="1"><title>Danh mục thủ tục có {} lỗi — xem thử</title>'
            "<style>{}</style></head><body><main>"
            "<h1>Danh mục thủ tục có {} lỗi: chưa dựng lại được trang</h1>"
            "<p>Trang xem thử tạm thay bằng danh sách lỗi dưới đây (tệp:dòng:cột, mã lỗi, lời nhắn).</p>"
            '{}{}<p class="fix">Sửa các lỗi trên rồi lưu tệp: trang sẽ tự tải lại.</p>'
            "</main><script>{}</script></body></html>\n"
        ).format(
            MARKER,
            len(errors),
            Markup(_STYLE),
            len(errors),
            _by_file(errors),
            more,
            Markup(_RELOAD),
        )
    )
