"""Build line-numbered YAML data straight from the parser's events.

PyYAML's usual path composes a node for every value and then constructs Python objects from
the nodes: for a clinic's 10,000 resources that is ~3 s and a node tree of ~100 MB before any
resource exists. Plain content files need none of that machinery, so this builds the same
``LDict``/``LList`` values (with the line of every key and item) in one pass over the events.

Anything unusual (anchors and aliases, explicit tags, several documents, very deep nesting, a
scalar that will not construct) makes :func:`load_fast` return ``FALLBACK``: the caller then
uses the full loader, which also words every syntax error.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
)
from yaml.nodes import ScalarNode

FALLBACK = object()
MAX_DEPTH = 64
# Dates stay text, as in the full loader (the date check words impossible ones).
_TEXT = ("tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp")

_resolver = yaml.resolver.Resolver()
_constructor = yaml.constructor.SafeConstructor()


class _Unusual(Exception):
    pass


def _scalar(event: ScalarEvent) -> Any:
    if event.anchor is not None or event.tag not in (None, "!"):
        raise _Unusual
    if event.style or event.tag == "!":  # quoted, block or '!': always text
        return event.value
    tag = _resolver.resolve(ScalarNode, event.value, (True, False))
    if tag in _TEXT:
        return event.value
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark)
    try:
        return _constructor.construct_object(node, deep=True)
    except Exception as exc:  # a bad date or number: the full loader reports it
        raise _Unusual from exc


def load_fast(text: str, loader: type, ldict: type, llist: type) -> Any:
    """The document's data, or FALLBACK when the full loader should read this text."""
    try:
        return _build(yaml.parse(text, Loader=loader), ldict, llist)
    except (_Unusual, yaml.YAMLError):
        return FALLBACK


def _build(events, ldict: type, llist: type) -> Any:
    # Each open container: [container, key waiting for its value (mappings), is_mapping]
    stack: list[list[Any]] = []
    root: Any = None
    documents = 0

    def add(value: Any, line: int) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        top = stack[-1]
        container = top[0]
        if top[2]:  # a mapping: a key, then its value
            if top[1] is _NO_KEY:
                if isinstance(value, (dict, list)):
                    raise _Unusual  # a complex key
                if value in container:
                    container.duplicates.append((value, line))
                container.key_lines[value] = line
                top[1] = value
            else:
                container[top[1]] = value
                top[1] = _NO_KEY
        else:
            container.append(value)
            container.item_lines.append(line)

    for event in events:
        kind = type(event)
        if kind is ScalarEvent:
            add(_scalar(event), event.start_mark.line + 1)
        elif kind is MappingStartEvent or kind is SequenceStartEvent:
            if event.anchor is not None or event.tag is not None or len(stack) >= MAX_DEPTH:
                raise _Unusual
            line = event.start_mark.line + 1
            if kind is MappingStartEvent:
                value = ldict()
                value.key_lines = {}
                value.duplicates = []
            else:
                value = llist()
                value.item_lines = []
            value.line = line
            add(value, line)
            stack.append([value, _NO_KEY, kind is MappingStartEvent])
        elif kind is MappingEndEvent or kind is SequenceEndEvent:
            top = stack.pop()
            if top[2] and top[1] is not _NO_KEY:
                raise _Unusual  # a key with no value: let the full loader say so
        elif kind is AliasEvent:
            raise _Unusual
        elif kind is DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Unusual
    return root


_NO_KEY = object()
