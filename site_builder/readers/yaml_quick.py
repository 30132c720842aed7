"""The quick way to read a clean file: values straight from libyaml's events, no nodes, no positions.

Almost every file of a catalogue is clean YAML. Composing it into nodes, then walking the nodes to
build values and record every value's position, cost 1.05 ms a file (20,000 procedures: 21 s of
CPU), and the positions are only ever needed for a message. Here the values are built from the
parser's events in one pass (0.6 ms); positions are recorded later, by the careful reader, only if
a message needs one (`SourceFile.positions`).

Anything the careful reader (yaml_reader._Builder) would report, or that needs its care, makes
this reader give up: an anchor or an alias (alias bombs), any explicit tag, a key that is not
text, a merge key, a duplicate key, a «CẦN ĐIỀN» place, a value YAML cannot construct, more than
one document, a syntax error, too many values or too deep. `parse_yaml` then reads the file the
careful way, which reports exactly what it always did. So a file read here has no problem to
report, and its values are the very values the careful reader builds
(tests/test_quick_reader.py compares both on every file of the tests and the sample).
"""

from __future__ import annotations

from typing import Any
from unicodedata import normalize

import yaml
from yaml.constructor import ConstructorError, SafeConstructor
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
    StreamStartEvent,
)
from yaml.nodes import ScalarNode

from .yaml_messages import PLACEHOLDER

_STR = "tag:yaml.org,2002:str"
# The plain scalars the careful reader accepts besides text (others, like `=`, are unknown tags).
_CONSTRUCTED = {f"tag:yaml.org,2002:{name}" for name in ("int", "float", "bool", "null", "timestamp")}


class _GiveUp(Exception):
    """The careful reader must read this file."""


def quick_values(text: str, loader_type: type[Any], max_values: int, max_depth: int) -> dict[str, Any] | None:
    """The top-level mapping of a clean one-document file, or None if the careful reader must read it.

    `loader_type` is the reader's libyaml loader, whose implicit resolvers decide what a plain scalar is.
    Gives up a little earlier than the careful reader's limits (at `max_values` values or depth
    `max_depth`), never later."""
    loader = loader_type(text)
    try:
        return _Quick(loader, max_values, max_depth).document()
    except (_GiveUp, yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


class _Plain:
    """What a plain scalar is (the loader's implicit resolvers, as `resolve` applies them), remembered
    for short values: keys and short values repeat from file to file."""

    def __init__(self, loader_type: type[Any]) -> None:
        table = loader_type.yaml_implicit_resolvers
        every = tuple(table.get(None, ()))
        self.by_first = {first: (*rules, *every) for first, rules in table.items() if first is not None}
        self.every = every
        self.known: dict[str, str] = {}

    def tag(self, value: str) -> str:
        known = self.known.get(value)
        if known is not None:
            return known
        tag = _STR
        for rule_tag, regexp in self.by_first.get(value[:1], self.every):
            if regexp.match(value):
                tag = str(rule_tag)
                break
        if len(value) <= _REMEMBERED_LENGTH:
            if len(self.known) >= _REMEMBERED:
                self.known.clear()
            self.known[value] = tag
        return tag


_REMEMBERED_LENGTH = 40
_REMEMBERED = 20_000
_PLAIN: dict[type[Any], _Plain] = {}
_MADE: dict[tuple[str, str], Any] = {}


def _plain(loader_type: type[Any]) -> _Plain:
    found = _PLAIN.get(loader_type)
    if found is None:
        found = _PLAIN[loader_type] = _Plain(loader_type)
    return found


class _Quick:
    def __init__(self, loader: Any, max_values: int, max_depth: int) -> None:
        self.next = loader.get_event
        self.plain = _plain(type(loader)).tag
        self.known = _MADE
        self.budget = max_values
        self.max_depth = max_depth
        self.constructor = SafeConstructor()

    def document(self) -> dict[str, Any]:
        following = self.next
        if type(following()) is not StreamStartEvent or type(following()) is not DocumentStartEvent:
            raise _GiveUp  # an empty file
        root = following()
        if type(root) is not MappingStartEvent:
            raise _GiveUp  # not a mapping, or an alias
        data = self.mapping(root, 0)
        if type(following()) is not DocumentEndEvent or type(following()) is not StreamEndEvent:
            raise _GiveUp  # a second document
        return data

    def value(self, event: Any, depth: int) -> Any:
        self.budget -= 1
        if self.budget <= 0 or depth >= self.max_depth or event.anchor is not None:
            raise _GiveUp
        kind = type(event)
        if kind is ScalarEvent:
            return self.scalar(event)
        if kind is MappingStartEvent:
            return self.mapping(event, depth)
        if kind is not SequenceStartEvent or event.tag is not None:
            raise _GiveUp  # an alias, or a tag
        items = []
        following = self.next
        item = following()
        while type(item) is not SequenceEndEvent:
            items.append(self.value(item, depth + 1))
            item = following()
        return items

    def mapping(self, event: Any, depth: int) -> dict[str, Any]:
        if event.tag is not None or event.anchor is not None:
            raise _GiveUp
        result: dict[str, Any] = {}
        following = self.next
        while True:
            key_event = following()
            if type(key_event) is not ScalarEvent:
                if type(key_event) is MappingEndEvent:
                    return result
                raise _GiveUp  # a key that is a list or a mapping, or an alias
            written = key_event.value
            if (
                key_event.tag is not None
                or key_event.anchor is not None
                or written == "<<"
                or (key_event.implicit[0] and self.plain(written) != _STR)
            ):
                raise _GiveUp  # a key that is not text, or a merge key
            key = normalize("NFC", written)
            if key in result:
                raise _GiveUp  # a duplicate
            result[key] = self.value(following(), depth + 1)

    def scalar(self, event: Any) -> Any:
        if event.tag is not None:
            raise _GiveUp
        value = event.value
        tag = self.plain(value) if event.implicit[0] else _STR
        if tag == _STR:
            text = normalize("NFC", value)
            if PLACEHOLDER in text:
                raise _GiveUp
            return text
        return self.made(tag, value)

    def made(self, tag: str, value: str) -> Any:
        """A number, a date, a yes/no or nothing: what the careful reader's constructor makes of it
        (kept: `6` or `0` is made thousands of times, and each is immutable)."""
        key = (tag, value)
        if key in self.known:
            return self.known[key]
        if tag not in _CONSTRUCTED:
            raise _GiveUp
        try:
            made = self.constructor.construct_object(ScalarNode(tag, value), deep=True)
        except ConstructorError as exc:
            raise _GiveUp from exc
        if len(value) <= _REMEMBERED_LENGTH:
            if len(self.known) >= _REMEMBERED:
                self.known.clear()
            self.known[key] = made
        return made
