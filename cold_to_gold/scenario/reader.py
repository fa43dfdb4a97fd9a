"""Reads located YAML nodes against the format's kinds, reporting every mistake it meets."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from cold_to_gold.base.one_line import escaped, quoted
from cold_to_gold.scenario.markdown_text import one_line_markup
from cold_to_gold.scenario.problems import Problems, Where
from cold_to_gold.scenario.spec import Kind, Record
from cold_to_gold.scenario.yaml_tree import YamlNode
from cold_to_gold.scenario.yaml_values import Ambiguous, yaml12_number

_SHAPES = {"map": "a mapping", "seq": "a list"}

# Control characters (C0 but line feed and tab, DEL, C1): written as YAML escapes
# (`"\e]0;title\a"`, `"\x9b2J"`) they would set a window title or clear the screen
# wherever the text is printed.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Characters that make text show in another order or on other lines than it is written
# in (bidirectional embeddings, overrides and isolates; the Unicode line and paragraph
# separators): a label could read as something else on screen than in the file.
REORDERING = re.compile(r"[\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_REFUSED_WHY = {
    CONTROL: lambda found: (
        f"contains the control character {escaped(found.group())} (at character "
        f"{found.start() + 1}), which would drive the terminal it is shown on; remove it "
        "(line breaks and tabs are fine)"
    ),
    REORDERING: lambda found: (
        f"contains U+{ord(found.group()):04X} (at character {found.start() + 1}), which "
        "shows text in another order or on other lines than it is written; remove it "
        "(right-to-left text needs none, and a line break is written as one)"
    ),
}

# Far beyond any scenario's minutes or scores, well inside what exact arithmetic can hold.
MAX_NUMBER = 10**15
MAX_TEXT = "10^15 either way"


@dataclass(frozen=True)
class Entry:
    """One key of a mapping and its value."""

    name: str
    key: YamlNode
    node: YamlNode


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """' (did you mean 'x'?)' for the closest known name, or ''."""
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def one_of(options: Iterable[str]) -> str:
    options = list(options)
    if len(options) <= 1:
        return "".join(options)
    return ", ".join(options[:-1]) + " or " + options[-1]


def shape(node: YamlNode) -> str:
    """What a node is, for a message: a list, nothing, 'yes' (true/false), 'text'."""
    if node.kind in _SHAPES:
        return _SHAPES[node.kind]
    if node.value is None:
        return "nothing"
    if isinstance(node.value, bool):
        return f"{quoted(node.text)} (true/false)"
    return quoted(node.text)


def not_a_number(node: YamlNode, label: str, expected: str) -> str:
    """The message for a value that is not the number expected, with YAML 1.1's surprises."""
    value = node.value if node.is_scalar else None
    if isinstance(value, Ambiguous):
        return f"{label}: {quoted(value.text)} is ambiguous: {value.why}; write the number you mean"
    message = f"{label}: expected {expected}, got {shape(node)}"
    if node.is_scalar and not node.quoted and isinstance(value, str):
        meant = yaml12_number(node.text)
        if meant is not None and (meant > MAX_NUMBER or meant < -MAX_NUMBER):
            message += f" (YAML 1.2 reads it as a number, too large: at most {MAX_TEXT})"
        elif meant is not None:
            message += (
                f" (YAML 1.2 reads it as {meant}; this YAML 1.1 reader, as text: write {meant})"
            )
    return message


class Reader:
    """Checks shapes and scalar kinds; cross-references are the validator's job."""

    def __init__(self, problems: Problems) -> None:
        self.problems = problems

    def error(self, where: Where, message: str) -> None:
        self.problems.add(where, message)

    # --- mappings and lists -------------------------------------------------

    def entries(self, node: YamlNode, label: str) -> list[Entry] | None:
        """The keys of a mapping in file order; duplicates reported and dropped."""
        if not node.is_map:
            self.error(node.where, f"{label}: expected a mapping, got {shape(node)}")
            return None
        seen: dict[str, Entry] = {}
        for key, value in node.value:
            if not key.is_scalar:
                self.error(key.where, f"{label}: keys must be plain names")
                continue
            name = key.text
            if name in seen:
                first = seen[name].key.where.line
                self.error(
                    key.where, f"{label}: duplicate key {quoted(name)} (first at line {first})"
                )
                continue
            seen[name] = Entry(name, key, value)
        return list(seen.values())

    def record(self, node: YamlNode, spec: Record, owner: Where, label: str) -> dict[str, Entry]:
        """A fixed-key mapping: unknown keys (with a did-you-mean) and missing ones reported."""
        entries = self.entries(node, label)
        if entries is None:
            return {}
        found: dict[str, Entry] = {}
        for entry in entries:
            if entry.name in spec.names:
                found[entry.name] = entry
            else:
                hint = did_you_mean(entry.name, spec.names)
                self.error(entry.key.where, f"{label}: unknown key {quoted(entry.name)}{hint}")
        for item in spec.fields:
            if item.required and item.name not in found:
                self.error(owner, f"{label}: missing required key '{item.name}'")
        return found

    def items(self, node: YamlNode, label: str, min_items: int = 0) -> tuple[YamlNode, ...]:
        if not node.is_seq:
            self.error(node.where, f"{label}: expected a list, got {shape(node)}")
            return ()
        if len(node.value) < min_items:
            self.error(node.where, f"{label}: needs at least {min_items}")
        return node.value

    def field(self, found: dict[str, Entry], spec: Record, name: str, label: str) -> Any:
        """The converted value of a scalar field, or None when absent or wrong."""
        entry = found.get(name)
        if entry is None:
            return None
        kind = spec.field(name).kind
        assert isinstance(kind, Kind)
        return self.scalar(entry.node, kind, f"{label}.{name}" if label else name)

    # --- scalars ------------------------------------------------------------

    def scalar(self, node: YamlNode, kind: Kind, label: str) -> Any:
        """Convert a scalar by its kind; report and return None when it does not fit."""
        check = getattr(self, f"_{kind.name}")
        return check(node, kind, label)

    def _text(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        if not node.is_scalar:
            self.error(node.where, f"{label}: expected text, got {shape(node)}")
            return None
        if node.value is None or not node.text.strip():
            self.error(node.where, f"{label}: is empty")
            return None
        # Text fields take the source text: `label: No` means "No", not false.
        text = node.text.rstrip() if node.quoted else node.text.strip()
        for refused in (CONTROL, REORDERING):
            found = refused.search(text)
            if found is not None:
                self.error(node.where, f"{label}: {_REFUSED_WHY[refused](found)}")
                return None
        return text

    _guard = _text

    def _line(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        """A title, a label, a name: plain text, so Markdown markup would show as typed."""
        text = self._text(node, kind, label)
        markup = one_line_markup(text) if text is not None else None
        if markup is not None:
            self.error(
                node.where,
                f"{label}: Markdown markup ({markup}) would show as typed: titles, labels "
                "and names are plain text (Markdown is for `text`, `feedback` and notes)",
            )
            return None
        return text

    def _slug(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        return self._patterned(node, kind, label)

    def _name(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        return self._patterned(node, kind, label)

    def _patterned(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        text = self._text(node, kind, label)
        if text is None:
            return None
        if not re.fullmatch(kind.pattern or ".*", text):
            self.error(node.where, f"{label}: {quoted(text)} is not a valid id (use {kind.doc})")
            return None
        return text

    def _one_of(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        text = self._text(node, kind, label)
        if text is None:
            return None
        if text not in kind.options:
            noun = kind.doc or "value"
            hint = did_you_mean(text, kind.options)
            self.error(
                node.where,
                f"{label}: unknown {noun} {quoted(text)}{hint}; expected {one_of(kind.options)}",
            )
            return None
        return text

    def _const(self, node: YamlNode, kind: Kind, label: str) -> str | None:
        text = self._text(node, kind, label)
        if text is not None and text not in kind.options:
            self.error(
                node.where,
                f"{label}: unsupported format {quoted(text)}; this version reads "
                f"{one_of(kind.options)}",
            )
            return None
        return text

    def _number(self, node: YamlNode, kind: Kind, label: str) -> int | Decimal | None:
        value = node.value if node.is_scalar else None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            value = self._in_range(node, value, label)
            if value is not None and kind.minimum is not None and value < kind.minimum:
                self.error(node.where, f"{label}: must be {kind.minimum} or more, got {node.text}")
                return None
            return value
        expected = "a number" if kind.minimum is None else f"a number, {kind.minimum} or more"
        self.error(node.where, not_a_number(node, label, expected))
        return None

    def _bool(self, node: YamlNode, kind: Kind, label: str) -> bool | None:
        value = node.value if node.is_scalar else None
        if isinstance(value, bool):
            return value
        self.error(node.where, f"{label}: expected true or false, got {shape(node)}")
        return None

    def _in_range(self, node: YamlNode, value: Any, label: str) -> Any:
        """A number the engine can add up and compare; a wild one (1.0e+999999) is refused."""
        if isinstance(value, bool) or -MAX_NUMBER <= value <= MAX_NUMBER:
            return value
        self.error(node.where, f"{label}: {quoted(node.text)} is too large (at most {MAX_TEXT})")
        return None

    def _whole(self, node: YamlNode, kind: Kind, label: str) -> int | None:
        value = node.value if node.is_scalar else None
        if isinstance(value, int | Decimal) and not isinstance(value, bool):
            value = self._in_range(node, value, label)  # before int(): 1.0e+999999 is huge
            if value is None:
                return None
        if isinstance(value, Decimal) and value == value.to_integral_value():
            value = int(value)
        if not isinstance(value, int) or isinstance(value, bool):
            self.error(node.where, not_a_number(node, label, "a whole number"))
            return None
        if kind.minimum is not None and value < kind.minimum:
            self.error(node.where, f"{label}: must be {kind.minimum} or more, got {value}")
            return None
        return value

    def _number_or_bool(self, node: YamlNode, kind: Kind, label: str) -> Any:
        value = node.value if node.is_scalar else None
        if isinstance(value, bool | int | Decimal):
            return self._in_range(node, value, label)
        self.error(node.where, not_a_number(node, label, "a number or true/false"))
        return None
