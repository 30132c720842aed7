"""Where a character of a text value stands in its YAML file, down to the column.

A long text is folded over several lines (`>-`), indented, quoted or written with escapes
("\\u200d"); the reader keeps only where the value starts. To point at personal data in
the middle of a summary, the value and the file's text are walked side by side from there.
"""

from __future__ import annotations

import bisect
import re
import unicodedata

from ..diagnostics import FieldPath
from ..readers.yaml_reader import Mark, SourceFile

_ESCAPES = {
    "0": "\0", "a": "\a", "b": "\b", "t": "\t", "\t": "\t", "n": "\n", "v": "\v", "f": "\f", "r": "\r",
    "e": "\x1b", " ": " ", '"': '"', "/": "/", "\\": "\\", "N": "\x85", "_": "\xa0", "L": "\u2028",
    "P": "\u2029",
}  # fmt: skip
_HEX = {"x": 2, "u": 4, "U": 8}
_SPACE = " \t\r\n"


class Locator:
    """Positions in the file of offsets in one value, asked for in increasing order (linear)."""

    def __init__(self, source: SourceFile, path: FieldPath, value: str) -> None:
        self.source, self.path, self.value = source, path, value
        self.text = source.text
        self.start = source.mark_of(path)
        self.quote = ""
        self.lines = [0, *(m.end() for m in re.finditer("\n", self.text))] if self.text else []
        self.i = self._first() if self.lines else -1
        self.j = 0

    def _first(self) -> int:
        """Where the value's first character is: after a block indicator's line, or a quote."""
        line = min(self.start.line, len(self.lines)) - 1
        at = self.lines[line] + self.start.column - 1
        self.quote = self.text[at : at + 1] if self.text[at : at + 1] in ("'", '"') else ""
        if self.text[at : at + 1] in ("|", ">"):
            end = self.text.find("\n", at)
            at = len(self.text) if end < 0 else end + 1
            while self.text[at : at + 1] in (" ", "\t"):
                at += 1
            return at
        return at + 1 if self.quote else at

    def mark(self, offset: int, found: str) -> Mark:
        """The file position of `value[offset]`; the field's own position if the walk gets lost."""
        while self.i >= 0 and self.j < offset:
            self._step()
        if self.i < 0:
            return self._searched(found)
        line = bisect.bisect_right(self.lines, self.i)
        return Mark(line, self.i - self.lines[line - 1] + 1)

    def _step(self) -> None:
        char, here = self.value[self.j], self.text[self.i : self.i + 1]
        if char in _SPACE and here in _SPACE and here:
            # Folding and indentation: a run of blanks in the value is a run of blanks in the file.
            while self.j < len(self.value) and self.value[self.j] in _SPACE:
                self.j += 1
            while self.i < len(self.text) and self.text[self.i] in _SPACE:
                self.i += 1
        elif self.quote == '"' and here == "\\":
            self._escape(char)
        elif here == char:
            doubled = self.quote == "'" and char == "'"
            self.i, self.j = self.i + (2 if doubled else 1), self.j + 1
        else:
            self._composed(char)

    def _escape(self, char: str) -> None:
        code = self.text[self.i + 1 : self.i + 2]
        if code == "\n":  # a line continued with "\": nothing in the value
            self.i += 2
            while self.i < len(self.text) and self.text[self.i] in " \t":
                self.i += 1
            return
        width = _HEX.get(code, 0)
        try:
            decoded = chr(int(self.text[self.i + 2 : self.i + 2 + width], 16)) if width else _ESCAPES[code]
        except (KeyError, ValueError):
            decoded = ""
        if decoded != char:
            self.i = -1
            return
        self.i, self.j = self.i + 2 + width, self.j + 1

    def _composed(self, char: str) -> None:
        """A letter the reader composed (NFC) from a letter and marks written apart."""
        for width in (2, 3, 4):
            if unicodedata.normalize("NFC", self.text[self.i : self.i + width]) == char:
                self.i, self.j = self.i + width, self.j + 1
                return
        self.i = -1

    def _searched(self, found: str) -> Mark:
        """Lost (an unusual encoding): the first line from the field on that holds the text."""
        lines = self.text.splitlines()
        probe = found[:8]
        for number in range(self.start.line - 1, min(len(lines), self.start.line + 200)):
            column = lines[number].find(probe)
            if column >= 0:
                return Mark(number + 1, column + 1)
        return self.start
