"""Read one YAML file safely, keeping the line and column of every value.

PyYAML (libyaml when available) only *composes* the file into nodes; we build the Python
values ourselves so that: no tag ever constructs an object, duplicate keys are errors,
every string is NFC, alias expansion is bounded (a "billion laughs" file stops at once)
and each value's position is remembered for messages.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..diagnostics import FieldPath
from . import yaml_messages as msg
from .yaml_quick import quick_values

MAX_FILE_BYTES = 1_000_000
MAX_NODES = 100_000
MAX_DEPTH = 40

_TAG = "tag:yaml.org,2002:"
_SafeLoader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_SafeLoader):  # type: ignore[misc]
    """The safe loader, asking no path resolvers: none is ever added, yet the base class looks
    for them at every node, with the implicit resolvers (a third of composing a file)."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None

    def resolve(self, kind: type[Node], value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            if implicit[0]:
                resolvers = self.yaml_implicit_resolvers
                for tag, regexp in (*resolvers.get(value[:1], ()), *resolvers.get(None, ())):
                    if regexp.match(value):
                        return str(tag)
            return str(self.DEFAULT_SCALAR_TAG)
        if kind is SequenceNode:
            return str(self.DEFAULT_SEQUENCE_TAG)
        return str(self.DEFAULT_MAPPING_TAG)


_SCALAR_TAGS = {f"{_TAG}{name}" for name in ("str", "int", "float", "bool", "null", "timestamp")}


@dataclass(frozen=True)
class Mark:
    """1-based line and column."""

    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    """Something wrong in the YAML itself, found before the schema is consulted."""

    code: str
    mark: Mark
    path: FieldPath
    message: str


@dataclass
class SourceFile:
    """A parsed file: its data, where each value stood, and what was wrong with the text."""

    path: Path
    text: str = ""
    data: Any = None
    # Positions packed as ints (see _packed), converted only when a message needs one.
    marks: dict[FieldPath, int] = field(default_factory=dict)
    key_marks: dict[FieldPath, int] = field(default_factory=dict)
    plain_text: dict[FieldPath, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    # A digest of the file's bytes (content_digest), kept in place of the positions once the
    # file's own checks are done.
    digest: bytes | None = None
    # The file's git blob id (git_blob_id), kept with the digest: the history then knows which
    # revisions hold these very bytes without asking git for them.
    blob: str | None = None
    # Read by the quick reader (yaml_quick.py): `text` is clean, its positions not recorded yet.
    unmarked: bool = False

    def positions(self) -> None:
        """Record where each value stands (and the plain text of non-text values), if the quick
        reader skipped it: the careful reader reads the text again, for a message."""
        if self.unmarked:
            self.unmarked = False
            again = _careful(self.text, SourceFile(self.path))
            self.marks, self.key_marks, self.plain_text = again.marks, again.key_marks, again.plain_text

    def plain_text_of(self, path: FieldPath) -> str | None:
        """How a non-text value at `path` was written, if it was a plain scalar (for hints)."""
        self.positions()
        return self.plain_text.get(path)

    def drop_positions(self, raw: bytes) -> None:
        """Keep a digest of the bytes instead of every node's position (0.6 GB less at 20,000
        procedures) and instead of the bytes (0.1 GB): `mark_of` reads the file again for a
        finding across files, and parses it if it still holds the bytes that were checked."""
        self.digest, self.marks, self.key_marks, self.unmarked = content_digest(raw), {}, {}, False
        self.blob = git_blob_id(raw)

    def mark_of(self, path: FieldPath, *, key: bool = False) -> Mark:
        """The closest known position of a field path (its key, or its value)."""
        if self.digest is not None:
            raw = _read_again(self.path)
            if raw is not None and content_digest(raw) == self.digest:
                again = parse_yaml(raw, self.path, positions=True)
                self.marks, self.key_marks = again.marks, again.key_marks
            self.digest = None
        self.positions()
        if key and path in self.key_marks:
            return _to_mark(self.key_marks[path])
        probe = path
        while probe:
            if probe in self.marks:
                return _to_mark(self.marks[probe])
            probe = probe[:-1]
        return _to_mark(self.marks[()]) if () in self.marks else Mark(1, 1)


def git_blob_id(raw: bytes) -> str:
    """The id git gives a file holding `raw` (`git hash-object`): SHA-1 of a header and the bytes.
    Only ever compared with ids git reports, never trusted to tell bytes apart (content_digest)."""
    blob = hashlib.sha1(b"blob %d\x00" % len(raw), usedforsecurity=False)
    blob.update(raw)
    return blob.hexdigest()


def content_digest(raw: bytes) -> bytes:
    """What tells two files' bytes apart: 32 bytes to keep instead of the file's kilobytes (SHA-256:
    the store of checked files, check_store.py, trusts it to say the bytes did not change)."""
    return hashlib.sha256(raw).digest()


def _read_again(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None  # gone since it was checked: its positions are unknown


class _TooLarge(Exception):
    pass


class _TooDeep(Exception):
    pass


def _packed(mark: Any) -> int:
    """A PyYAML mark as one int (line, column): a mark object per node was a third of the
    memory a read catalogue holds (about 0.6 GB at 20,000 procedures)."""
    return int(mark.line) << 32 | int(mark.column)


def _to_mark(mark: Any) -> Mark:
    if isinstance(mark, int):
        return Mark((mark >> 32) + 1, (mark & 0xFFFFFFFF) + 1)
    return Mark(mark.line + 1, mark.column + 1)


def _mark(node: Node) -> Mark:
    return _to_mark(node.start_mark)


class _Builder:
    """Turns composed nodes into plain Python values, recording positions and problems."""

    def __init__(self, source: SourceFile) -> None:
        self.source = source
        self.visited = 0
        self.constructor = SafeConstructor()

    def build(self, node: Node, path: FieldPath, depth: int) -> Any:
        self.visited += 1
        if self.visited > MAX_NODES:
            raise _TooLarge
        if depth > MAX_DEPTH:
            raise _TooDeep
        self.source.marks.setdefault(path, _packed(node.start_mark))
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        if isinstance(node, SequenceNode):
            self._check_tag(node, f"{_TAG}seq", path)
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        return self._scalar(node, path)

    def _check_tag(self, node: Node, expected: str, path: FieldPath) -> bool:
        if node.tag == expected or (isinstance(node, ScalarNode) and node.tag in _SCALAR_TAGS):
            return True
        self.source.problems.append(Problem("E104", _mark(node), path, msg.unknown_tag(node.tag)))
        return False

    def _mapping(self, node: MappingNode, path: FieldPath, depth: int) -> dict[str, Any]:
        self._check_tag(node, f"{_TAG}map", path)
        result: dict[str, Any] = {}
        first_seen: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node, path)
            if key is None:
                continue
            child = (*path, key)
            if key in first_seen:
                problem = msg.duplicate_key(key, first_seen[key].line + 1)
                self.source.problems.append(Problem("E103", _mark(key_node), child, problem))
                continue
            first_seen[key] = key_node.start_mark
            self.source.key_marks[child] = _packed(key_node.start_mark)
            result[key] = self.build(value_node, child, depth + 1)
        return result

    def _key(self, node: Node, path: FieldPath) -> str | None:
        if isinstance(node, ScalarNode) and node.tag == f"{_TAG}str" and node.value != "<<":
            return unicodedata.normalize("NFC", node.value)
        if isinstance(node, ScalarNode) and node.value == "<<":
            self.source.problems.append(Problem("E105", _mark(node), path, msg.MERGE_KEY))
        else:
            shown = node.value if isinstance(node, ScalarNode) else "…"
            self.source.problems.append(Problem("E106", _mark(node), path, msg.bad_key(str(shown))))
        return None

    def _scalar(self, node: Node, path: FieldPath) -> Any:
        assert isinstance(node, ScalarNode)
        if not self._check_tag(node, f"{_TAG}str", path):
            return None
        tag = node.tag.removeprefix(_TAG)
        if tag == "str":
            text = unicodedata.normalize("NFC", node.value)
            if msg.PLACEHOLDER in text:
                self.source.problems.append(Problem("E330", _mark(node), path, msg.placeholder(text)))
            return text
        if not node.style:
            # Kept for hints: `code: 1.001193` is a float to YAML, the editor meant text.
            self.source.plain_text[path] = node.value
        try:
            value = self.constructor.construct_object(node, deep=True)
        except (ConstructorError, ValueError, OverflowError):
            self.source.problems.append(Problem("E107", _mark(node), path, msg.bad_scalar(node.value, tag)))
            return None
        return value


def _decode(raw: bytes, source: SourceFile) -> str | None:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        source.problems.append(Problem("E102", Mark(line, column), (), msg.NOT_UTF8))
        return None
    return text.removeprefix("\ufeff")


_TAB_INDENT = re.compile(r"^[ ]*\t", re.MULTILINE)


def _tabs(text: str, source: SourceFile) -> None:
    if not _TAB_INDENT.search(text):
        return
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            mark = Mark(number, indent.index("\t") + 1)
            source.problems.append(Problem("E101", mark, (), msg.TAB))


def read_yaml(path: Path) -> SourceFile:
    """Parse one file. Never raises for bad content: problems are recorded on the result."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        source = SourceFile(path)
        source.problems.append(Problem("E108", Mark(1, 1), (), msg.too_big(size, MAX_FILE_BYTES)))
        return source
    return parse_yaml(path.read_bytes(), path)


def parse_yaml(raw: bytes, path: Path, *, positions: bool = False) -> SourceFile:
    """Parse YAML bytes that came from `path` (a file, or a file at a git revision). A clean file's
    positions are recorded only when asked for (`positions`), or when a message needs them."""
    source = SourceFile(path)
    if len(raw) > MAX_FILE_BYTES:
        source.problems.append(Problem("E108", Mark(1, 1), (), msg.too_big(len(raw), MAX_FILE_BYTES)))
        return source
    text = _decode(raw, source)
    if text is None:
        return source
    source.text = text
    _tabs(text, source)
    if source.problems:
        return source
    if not positions:
        source.data = quick_values(text, _Loader, MAX_NODES, MAX_DEPTH)
        if source.data is not None:
            source.unmarked = True
            return source
    return _careful(text, source)


def _careful(text: str, source: SourceFile) -> SourceFile:
    """Compose `text` into nodes and build its values, recording positions and every problem."""
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        # For a scanner error ("while scanning a quoted scalar …") or an unclosed bracket, the
        # mistake is where the context starts; libyaml's problem mark is where it gave up.
        context = exc.context or ""
        culprit_first = context.startswith(("while scanning", "while parsing a flow"))
        where = (exc.context_mark if culprit_first else None) or exc.problem_mark or exc.context_mark
        mark = Mark(where.line + 1, where.column + 1) if where else Mark(1, 1)
        source.problems.append(Problem("E100", mark, (), msg.syntax(exc.problem or "", exc.context or "")))
        return source
    except yaml.YAMLError as exc:
        source.problems.append(Problem("E100", Mark(1, 1), (), msg.syntax_generic(str(exc))))
        return source
    if node is None:
        source.problems.append(Problem("E109", Mark(1, 1), (), msg.EMPTY))
        return source
    try:
        source.data = _Builder(source).build(node, (), 0)
    except _TooLarge:
        source.problems.append(Problem("E108", _mark(node), (), msg.too_many_nodes(MAX_NODES)))
        source.data = None
    except _TooDeep:
        source.problems.append(Problem("E108", _mark(node), (), msg.too_deep(MAX_DEPTH)))
        source.data = None
    if source.data is not None and not isinstance(source.data, dict):
        source.problems.append(Problem("E110", _mark(node), (), msg.NOT_MAPPING))
        source.data = None
    return source
