"""YAML text → plain data straight from libyaml's events, with no node tree (SPEC §2, §7).

The core-schema resolver, the safe loader class and the scalar constructors live here; `build`
turns a document's events into mappings, lists and scalars and gives up (returns `GIVE_UP`) at the
first thing that is not plain: an anchor or alias, an unknown tag, a merge key, a duplicate or
non-text key, too deep a nesting, more than one document or a syntax error. The loader then reads
the file the slow way, through the composed node tree, which words and locates every such problem.
A clean file, the common case, never holds a node tree: the tree (about 15 KB per merchant) is
composed again only when a position is asked for.
"""

from __future__ import annotations

import math
import re
from typing import Any

import yaml


class CoreResolver(yaml.resolver.BaseResolver):
    """YAML 1.2 core schema (SPEC §2), as editors and JSON-Schema validators read files: `4:30` is
    text (never sexagesimal 270), `017` is 17 (never octal 15), `0o17` is 15, yes/no/on/off are
    text and only true/false are booleans. PyYAML alone resolves YAML 1.1."""


#: the core schema's implicit tags (SPEC §2): those that are a few words, and the numbers
_WORD_TAGS = (
    ("tag:yaml.org,2002:bool", ("true", "True", "TRUE", "false", "False", "FALSE")),
    ("tag:yaml.org,2002:null", ("~", "null", "Null", "NULL", "")),
    ("tag:yaml.org,2002:merge", ("<<",)),
)
_INT_DECIMAL, _INT_OTHER = r"[-+]?[0-9]+", r"0o[0-7]+|0x[0-9a-fA-F]+"
_FLOAT_DECIMAL = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
_FLOAT_OTHER = r"[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
_INT, _FLOAT = f"{_INT_DECIMAL}|{_INT_OTHER}", f"{_FLOAT_DECIMAL}|{_FLOAT_OTHER}"
_NUMBER_FIRST = "-+0123456789."
#: each core tag's own form: an explicit `!!int 1_000` that is not in it stays text, as a plain
#: `1_000` does (Python's int() and float() would take underscores, spaces and `1_0.5`)
FORMS: dict[str, re.Pattern[str]] = {}
for _tag, _words in _WORD_TAGS:
    FORMS[_tag] = re.compile("^(?:" + "|".join(map(re.escape, _words)) + ")$")
    CoreResolver.add_implicit_resolver(_tag, FORMS[_tag], sorted({w[:1] for w in _words}))
for _tag, _regexp in (("tag:yaml.org,2002:int", _INT), ("tag:yaml.org,2002:float", _FLOAT)):
    FORMS[_tag] = re.compile(f"^(?:{_regexp})$")
    CoreResolver.add_implicit_resolver(_tag, FORMS[_tag], list(_NUMBER_FIRST))

_Parser: Any = getattr(yaml, "cyaml", None) and getattr(yaml.cyaml, "CParser", None)  # libyaml


if _Parser is not None:

    class Loader(_Parser, yaml.constructor.SafeConstructor, CoreResolver):  # type: ignore[misc]
        def __init__(self, stream: str) -> None:
            _Parser.__init__(self, stream)
            yaml.constructor.SafeConstructor.__init__(self)
            CoreResolver.__init__(self)

else:  # pragma: no cover

    class Loader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        yaml.constructor.SafeConstructor,
        CoreResolver,
    ):
        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            yaml.constructor.SafeConstructor.__init__(self)
            CoreResolver.__init__(self)


#: Visiting more nodes than this through aliases means a "billion laughs", not a scenario.
MAX_ALIASED_NODES = 100_000
#: Expanding aliases may not grow a document past this many times its size (scalars included, SPEC §7).
MAX_EXPANSION = 10
#: ... with a floor so that a tiny file may still use an anchor or two
MIN_EXPANDED = 4096
#: Scenario files are a few levels deep; anything deeper is not a scenario.
MAX_DEPTH = 64

_STR = "tag:yaml.org,2002:str"


def _core_int(text: str) -> int | str:
    if text.startswith("0o"):
        return int(text[2:], 8)
    if text.startswith("0x"):
        return int(text[2:], 16)
    return int(text, 10) if len(text) <= 4000 else text  # beyond int(): the number check says why


def _core_float(text: str) -> float | str:
    lowered = text.lower()
    if lowered.endswith(".inf"):
        return -math.inf if text.startswith("-") else math.inf
    if lowered == ".nan":
        return math.nan
    number = float(text)
    return number if math.isfinite(number) else text  # 1e400 as written: "too large", not inf


SCALAR_TAGS: dict[str, Any] = {
    "tag:yaml.org,2002:int": _core_int,
    "tag:yaml.org,2002:float": _core_float,
    "tag:yaml.org,2002:bool": lambda text: text.lower() == "true",
    "tag:yaml.org,2002:null": lambda text: None,
}
PLAIN_TEXT_TAGS = {_STR}  # !!binary, !!timestamp: outside the core schema, refused

#: what `build` returns when the file needs the node tree to be read (and its problems worded)
GIVE_UP: Any = object()

_SEQ = "tag:yaml.org,2002:seq"
_MAP = "tag:yaml.org,2002:map"
_MERGE = "tag:yaml.org,2002:merge"
_INT_TAG, _FLOAT_TAG = "tag:yaml.org,2002:int", "tag:yaml.org,2002:float"
#: the same resolution without a regex per tag (`build` runs it once per scalar): each word as
#: `^(?:...)$` matches it (with a trailing newline too), and one pattern for both numbers (groups
#: 1 and 2: an int, decimal or not; 3 and 4: a float, decimal or not), tried only on ASCII text,
#: as each of them is
_WORDS = {
    form: tag
    for tag, words in _WORD_TAGS
    for w in words
    for form in (w, w + "\n")
    if form[:1] == w[:1]
}
_NUMBER = re.compile(f"^(?:({_INT_DECIMAL})|({_INT_OTHER})|({_FLOAT_DECIMAL})|({_FLOAT_OTHER}))$")
#: a plain scalar's value when it is one of the words (what its tag's constructor gives; the merge
#: key `<<` is not among them: `build` gives up on it)
_WORD_VALUES = {form: SCALAR_TAGS[tag](form) for form, tag in _WORDS.items() if tag in SCALAR_TAGS}
#: files smaller than this do not share their keys and short texts (it costs more than it saves)
SHARE_ABOVE = 1 << 16


class _GiveUp(Exception):
    pass


def build(text: str, budget: int, max_depth: int, encoded: bytes | None = None) -> Any:
    """The plain data of `text`'s single document (None when it has none), or GIVE_UP; `budget`
    and `max_depth` as `loader._Builder` counts them. `encoded`, the file's UTF-8 bytes that
    `text` was decoded from, spares libyaml encoding the text again (5-10 µs a file)."""
    source = text if encoded is None else encoded
    parser = _Parser(source) if _Parser is not None else Loader(text)
    try:
        return _events_to_data(parser.get_event, budget, max_depth, len(text) > SHARE_ABOVE)
    except (yaml.YAMLError, _GiveUp, RecursionError):
        return GIVE_UP
    finally:
        parser.dispose()


def _events_to_data(next_event: Any, budget: int, max_depth: int, share: bool) -> Any:
    """Plain data from events, counting what `loader._Builder` counts (sizes, depth).

    This runs once per event of every file, so it is one closure over local names: no method
    calls, no attribute look-ups beyond the event's own."""
    #: one str object per distinct key or short text: 100,000 merchants share their keys
    texts: dict[str, str] = {}
    size = 0
    scalar_event, text_tags, constructors, forms = (
        yaml.ScalarEvent,
        PLAIN_TEXT_TAGS,
        SCALAR_TAGS,
        FORMS,
    )
    seq_start, seq_end = yaml.SequenceStartEvent, yaml.SequenceEndEvent
    map_start, map_end = yaml.MappingStartEvent, yaml.MappingEndEvent
    words, word_values, number, number_first = _WORDS, _WORD_VALUES, _NUMBER.match, _NUMBER_FIRST
    isfinite = math.isfinite
    text_tag, int_tag, float_tag, seq_tag, map_tag = _STR, _INT_TAG, _FLOAT_TAG, _SEQ, _MAP

    def scalar(tag: str, value: str) -> Any:
        construct = constructors.get(tag)
        if construct is None:
            raise _GiveUp
        try:
            return construct(value)
        except (ValueError, OverflowError):
            return value

    def node(event: Any, depth: int) -> Any:
        nonlocal size
        if event.anchor is not None or depth > max_depth:  # anchors and aliases: the tree counts
            raise _GiveUp
        kind = type(event)
        tag = event.tag
        if kind is scalar_event:
            value: str = event.value
            size += len(value) + 1
            if tag is None or tag == "!":
                tag = text_tag
                if event.implicit[0]:  # plain: the core schema's tag, as CoreResolver gives it
                    word = words.get(value)
                    if word is not None:
                        tag = word
                    elif value[:1] in number_first and value.isascii():
                        found = number(value)
                        if found is not None:
                            tag = int_tag if found.lastindex in (1, 2) else float_tag
            elif tag in forms and not forms[tag].match(value):
                return value  # `!!int 1_000`: text, as a plain 1_000 is
            if tag in text_tags:
                return texts.setdefault(value, value) if share and len(value) <= 32 else value
            return scalar(tag, value)
        depth += 1
        if kind is map_start and (tag is None or tag == "!" or tag == map_tag):
            out: dict[str, Any] = {}
            deep = depth > max_depth  # its values are too deep: `node` gives up on them
            event = next_event()
            while type(event) is not map_end:
                if type(event) is not scalar_event or event.anchor is not None:
                    raise _GiveUp  # a key that is not text, or is anchored
                key: str = event.value
                tag = event.tag
                if (
                    tag == _MERGE
                    or (key == "<<" and (tag is None or tag == "!") and event.implicit[0])
                    or key in out
                ):
                    raise _GiveUp  # a merge key, or a duplicate
                size += len(key)
                event = next_event()
                if (  # a plain scalar, the common value, resolved here as `node` resolves it
                    type(event) is scalar_event
                    and event.tag is None
                    and event.anchor is None
                    and event.implicit[0]
                    and not deep
                ):
                    item: Any = event.value
                    size += len(item) + 1
                    word = words.get(item)
                    if word is not None:
                        if item not in word_values:
                            raise _GiveUp  # the merge key `<<` as a value
                        item = word_values[item]
                    elif item[:1] in number_first and item.isascii():
                        found = number(item)
                        group = 0 if found is None else found.lastindex
                        if group == 1:  # as _core_int reads a decimal int
                            item = int(item) if len(item) <= 4000 else item
                        elif group == 3:  # as _core_float reads a decimal float
                            as_float = float(item)
                            item = as_float if isfinite(as_float) else item
                        elif group:
                            item = scalar(int_tag if group == 2 else float_tag, item)
                    elif share and len(item) <= 32:
                        item = texts.setdefault(item, item)
                else:
                    item = node(event, depth)
                out[texts.setdefault(key, key) if share else key] = item
                event = next_event()
            size += len(out) + 1
            return out
        if kind is seq_start and (tag is None or tag == "!" or tag == seq_tag):
            items = []
            event = next_event()
            while type(event) is not seq_end:
                items.append(node(event, depth))
                event = next_event()
            size += len(items) + 1
            return items
        raise _GiveUp

    next_event()  # stream start
    if type(next_event()) is yaml.StreamEndEvent:
        return None
    data = node(next_event(), 0)
    next_event()  # document end
    if type(next_event()) is not yaml.StreamEndEvent or size > budget:
        raise _GiveUp  # a second document; or too big, which only aliases could make it
    return data
