"""Catalogue text written into other languages: CSV cells, Markdown, terminals, GitHub workflow commands.

Names and texts come from YAML files, and `thutuc diff` and `report` also read old git revisions that no
rule of today's `thutuc check` ever saw; so no writer trusts them to be plain text. Each target language
has one function here and every writer uses it: data must never create structure (a formula, a Markdown
heading, link or mention, a terminal escape sequence, a second workflow command). JSON needs nothing for
structure (the encoder escapes what JSON must); `json_for_terminal` only makes its bytes safe to print.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# --- CSV -----------------------------------------------------------------------------------------------

# OWASP "CSV injection": a spreadsheet evaluates a cell starting with one of these. The full-width forms
# are included because some spreadsheet programs normalise them to their ASCII counterparts.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def csv_cell(text: str) -> str:
    """A text cell a spreadsheet shows as text: a leading apostrophe before a formula-starting character.

    The apostrophe is what spreadsheet programs themselves use to mark "text, not formula"; it is hidden
    when the cell is shown. Only text goes through here: numbers our code counts are written as `int`
    (see `csv_row`), and the numbers the model stores as text (fees, time limits, dates) are never
    negative, so no real number starts with `-` and none is changed.
    """
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_row(cells: Iterable[str | int]) -> list[str | int]:
    """A row whose text cells pass through `csv_cell`; integers computed by our code are safe as they are."""
    return [csv_cell(cell) if isinstance(cell, str) else cell for cell in cells]


# --- Terminal ------------------------------------------------------------------------------------------

_SHORT = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
# C0 and C1 controls and DEL drive the terminal (ESC[2J clears it, ESC]… sets its title or links); line
# and paragraph separators and bidirectional overrides make a line look like other text ("Trojan Source").
_UNSAFE = [
    *range(0x00, 0x20), *range(0x7F, 0xA0), 0x061C, 0x200E, 0x200F, 0x2028, 0x2029,
    *range(0x202A, 0x202F), *range(0x2066, 0x206A),
]  # fmt: skip


def _visible(code: int) -> str:
    return _SHORT.get(code) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


_TERMINAL = {code: _visible(code) for code in _UNSAFE}


def terminal(text: str) -> str:
    """One line safe to print: every control character shown as `\\x1b`, `\\n`, `\\u202e`…

    Vietnamese letters and ordinary punctuation are unchanged. A backslash already in the text is left
    alone: the output is for people to read, and doubling it would make paths and messages harder to read.
    """
    return text.translate(_TERMINAL)


def terminal_lines(text: str) -> str:
    """Like `terminal`, but keeps line feeds: for our own messages that list one failure per line."""
    return "\n".join(terminal(line) for line in text.split("\n"))


_JSON_UNSAFE = {code: f"\\u{code:04x}" for code in _UNSAFE if code >= 0x20}


def json_for_terminal(encoded: str) -> str:
    """JSON text (from `json.dumps`) whose bytes are safe to print; it decodes to the very same data.

    `json.dumps(..., ensure_ascii=False)` escapes the C0 controls itself but writes DEL, the C1 controls
    (U+009B starts an escape sequence too) and U+2028/U+2029 as they are. Outside strings JSON has only
    ASCII structure and spaces, so every such character is inside a string, where `\\uXXXX` means it.
    """
    return encoded.translate(_JSON_UNSAFE)


# --- GitHub workflow commands --------------------------------------------------------------------------


def github_message(text: str) -> str:
    """The message part of `::error …::message`: GitHub's escaping, then no control character at all."""
    escaped = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(escaped)


def github_property(text: str) -> str:
    """A property value (`file=…`, `title=…`): also `:` and `,`, which end a value or the properties."""
    return github_message(text).replace(":", "%3A").replace(",", "%2C")


# --- Markdown ------------------------------------------------------------------------------------------

# Every line break Python knows (str.splitlines): a Markdown line break would end the paragraph, the table
# row or the list item the text was put in.
_LINE_BREAK = re.compile("\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
# Characters that start inline structure anywhere on a line: escape, code, emphasis, strike-through, links,
# images, footnotes, raw HTML, entities, table cells, maths, headings' closing sequences and issue links,
# mentions.
_ALWAYS = frozenset("\\`*_~[]<>&|$#@")
# GitHub links `@name` (mention, a notification) and `#12` (issue) in text it has already decoded, so an
# entity alone does not stop them: an encoded zero-width space after the sign breaks the pattern, as
# Dependabot does in its pull requests.
_AFTER = {"@": "&#8203;", "#": "&#8203;"}


def fold_lines(text: str) -> str:
    """The text on one line: every line break becomes a space."""
    return _LINE_BREAK.sub(" ", text)


def _entity(char: str) -> str:
    return f"&#{ord(char)};{_AFTER.get(char, '')}"


def _needs_entity(text: str, i: int) -> bool:
    char = text[i]
    if char in _ALWAYS:
        return True
    if i == 0:
        # A line, list item or table cell may start here: `#`, `-`, `>`, `1.`, indentation start blocks.
        return not char.isalpha()
    if i == len(text) - 1 and char.isspace():
        return True  # `**text **` would no longer be bold; a trailing space is data, keep it visible
    # GitHub turns `http://…` and `www.…` into links while it reads the source; an encoded `:` or `.` is not.
    if char == ":":
        return text.startswith("//", i + 1)
    return char == "." and text[max(0, i - 3) : i].lower() == "www"


def markdown_inline(text: str) -> str:
    """Text that Markdown (CommonMark, GitHub) shows as one run of plain text, wherever it is put inline.

    Line breaks become spaces and control characters are shown as `\\x1b` (see `terminal`); then every
    character that could start structure becomes a numeric character reference (`&#42;`), which Markdown
    decodes to the character as text and never reads as syntax: the characters in `_ALWAYS` everywhere, the
    first character unless it is a letter (block syntax: `#`, `-`, `>`, `1.`, indentation), a trailing
    space, the `:` of `://` and the `.` of `www.`. `@` and `#` are followed by an encoded zero-width space
    (see `_AFTER`). Letters, digits and ordinary punctuation (`(` `)` `:` `.` `,` `/`) stay readable.
    """
    plain = terminal(fold_lines(text))
    return "".join(_entity(c) if _needs_entity(plain, i) else c for i, c in enumerate(plain))


_GIT_ANCESTOR = re.compile(r"&#126;(?=[0-9])")


def markdown_revision(text: str) -> str:
    """A git revision as given on the command line, e.g. `HEAD~1`, kept readable in the diff's heading.

    As `markdown_inline`, but `~` before a digit (git's "n-th ancestor") stays: alone it starts nothing
    in CommonMark. Only for revision names typed by whoever runs the command, never for catalogue data.
    """
    return _GIT_ANCESTOR.sub("~", markdown_inline(text))


def markdown_code(text: str) -> str:
    """A code span showing `text` literally (outside tables: GitHub splits table cells on any `|`)."""
    plain = terminal(fold_lines(text))
    longest = max((len(run) for run in re.findall("`+", plain)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {plain} " if plain.startswith(("`", " ")) or plain.endswith(("`", " ")) else plain
    return f"{fence}{padded}{fence}"
