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

import unicodedata
from typing import Any

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

    `loader_type` is the reader's libyaml loader, whose `resolve` decides what a plain scalar is.
    Gives up a little earlier than the careful reader's limits (at `max_values` values or depth
    `max_depth`), never later."""
    loader = loader_type(text)
    try:
        return _Quick(loader, max_values, max_depth).document()
    except (_GiveUp, yaml.YAMLError, ValueError, OverflowError):
        return None
    finally:
        loader.dispose()


class _Quick:
    def __init__(self, loader: Any, max_values: int, max_depth: int) -> None:
        self.next = loader.get_event
        self.resolve = loader.resolve
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
        if kind is SequenceStartEvent:
            if event.tag is not None:
                raise _GiveUp
            items = []
            following = self.next
            item = following()
            while type(item) is not SequenceEndEvent:
                items.append(self.value(item, depth + 1))
                item = following()
            return items
        raise _GiveUp  # an alias

    def mapping(self, event: Any, depth: int) -> dict[str, Any]:
        if event.tag is not None or event.anchor is not None:
            raise _GiveUp
        result: dict[str, Any] = {}
        following = self.next
        key_event = following()
        while type(key_event) is not MappingEndEvent:
            key = self.key(key_event)
            if key in result:
                raise _GiveUp  # a duplicate
            result[key] = self.value(following(), depth + 1)
            key_event = following()
        return result

    def key(self, event: Any) -> str:
        if (
            type(event) is not ScalarEvent
            or event.tag is not None
            or event.anchor is not None
            or event.value == "<<"
            or self.resolve(ScalarNode, event.value, event.implicit) != _STR
        ):
            raise _GiveUp
        return unicodedata.normalize("NFC", event.value)

    def scalar(self, event: Any) -> Any:
        if event.tag is not None:
            raise _GiveUp
        value = event.value
        tag = self.resolve(ScalarNode, value, event.implicit) if event.implicit[0] else _STR
        if tag == _STR:
            text = unicodedata.normalize("NFC", value)
            if PLACEHOLDER in text:
                raise _GiveUp
            return text
        if tag not in _CONSTRUCTED:
            raise _GiveUp
        try:
            return self.constructor.construct_object(ScalarNode(tag, value), deep=True)
        except ConstructorError as exc:
            raise _GiveUp from exc
