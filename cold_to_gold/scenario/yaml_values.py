"""What a YAML scalar means in a scenario: YAML 1.1 values as PyYAML reads them, with
explicit tags checked and the numbers YAML 1.1 and 1.2 read differently held back.

Only the safe tags are accepted (`!!str`, `!!int`, `!!float`, `!!bool`, `!!null`,
`!!timestamp`, `!!binary` on scalars; `!!map`, `!!seq`, `!!set`, `!!omap`,
`!!pairs` on collections); a value must fit its tag (`!!bool 1` does not).
A number whose meaning depends on the YAML version (`010`, `1:30`) becomes an
`Ambiguous` value: text fields still take its text, number fields say why not.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import Any, NamedTuple

import yaml

from cold_to_gold.base.one_line import escaped, quoted, shortened

_YAML = "tag:yaml.org,2002:"
STR, INT, FLOAT, BOOL, NULL = (f"{_YAML}{name}" for name in ("str", "int", "float", "bool", "null"))
TIMESTAMP, BINARY, MERGE = (f"{_YAML}{name}" for name in ("timestamp", "binary", "merge"))
SCALAR_TAGS = frozenset({STR, INT, FLOAT, BOOL, NULL, TIMESTAMP, BINARY, MERGE})
SEQUENCE_TAGS = frozenset({f"{_YAML}seq", f"{_YAML}omap", f"{_YAML}pairs"})
MAPPING_TAGS = frozenset({f"{_YAML}map", f"{_YAML}set"})

_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_OCTAL_11 = re.compile(r"[-+]?0[0-7_]+")  # YAML 1.1 octal: 010 is 8 (in 1.2, 10)
_OCTAL_12 = re.compile(r"[-+]?0o[0-7]+")  # YAML 1.2 octal: text in 1.1
_NUMBER_12 = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


class ValueProblem(Exception):
    """A scalar that does not fit its tag, or a tag outside the safe set (not yet located)."""


class Ambiguous(NamedTuple):
    """A number YAML 1.1 and YAML 1.2 read differently; `why` says how, for a message."""

    text: str
    why: str


def tag_name(tag: str) -> str:
    """A tag as an author writes it: '!!bool', '!mine', '!<tag:example.com,2024:x>'."""
    if tag.startswith(_YAML):
        name = "!!" + tag[len(_YAML) :]
    elif tag.startswith("!"):
        name = tag
    else:
        name = f"!<{tag}>"
    return shortened(escaped(name), 40)


def check_collection(tag: str, sequence: bool) -> None:
    """Refuse a list or mapping with a tag outside the safe set."""
    if tag not in (SEQUENCE_TAGS if sequence else MAPPING_TAGS):
        kind = "a list" if sequence else "a mapping"
        raise ValueProblem(f"the tag {tag_name(tag)} is not allowed on {kind} in a scenario")


def scalar_value(loader: Any, tag: str, text: str) -> Any:
    """The value of a scalar (decimals as `Decimal`, dates and binary as their text).

    Raises `ValueProblem` for a tag outside the safe set or a value that does not fit its tag.
    """
    if tag not in SCALAR_TAGS:
        raise ValueProblem(
            f"the tag {tag_name(tag)} is not allowed in a scenario "
            "(plain values, or !!str, !!int, !!float, !!bool, !!null)"
        )
    if tag in (STR, MERGE):
        return text
    if tag == BOOL:
        value = yaml.constructor.SafeConstructor.bool_values.get(text.lower())
        if value is None:
            raise _unfit(text, tag, "true or false")
        return value
    if tag == NULL:
        if text not in _NULLS:
            raise _unfit(text, tag, "empty (null)")
        return None
    try:
        value = loader.construct_object(yaml.ScalarNode(tag, text))
    except Exception:  # PyYAML raises several kinds for a bad int, float, date or base64
        # A tag the plain text gets anyway was (most likely) not written: such a value
        # (0x_, 2024-13-45) stays text, as it always did; a written tag must be fitted.
        implicit = yaml.resolver.BaseResolver.resolve(loader, yaml.ScalarNode, text, (True, False))
        if tag != implicit:
            raise _unfit(text, tag, _EXPECTED[tag]) from None
        return text
    if tag == INT:
        return _ambiguous_int(text, value) or value
    if tag == FLOAT:
        if ":" in text:
            return Ambiguous(text, f"YAML 1.1 reads it as {value} (base 60), YAML 1.2 as text")
        return _decimal(text)
    return text  # a date or base64: kept as written


_EXPECTED = {INT: "a whole number", FLOAT: "a number", TIMESTAMP: "a date", BINARY: "base64"}


def _unfit(text: str, tag: str, expected: str) -> ValueProblem:
    return ValueProblem(f"{quoted(text)} is not {expected}, as its tag {tag_name(tag)} says")


def _ambiguous_int(text: str, value: int) -> Ambiguous | None:
    """`010` (8 in YAML 1.1, 10 in 1.2) and `1:30` (90 in YAML 1.1, text in 1.2)."""
    digits = text.replace("_", "").lstrip("+-")
    if _OCTAL_11.fullmatch(text) and digits.strip("0"):
        ten = int(digits) * (-1 if text.startswith("-") else 1)
        return Ambiguous(
            text, f"YAML 1.1 reads it as {value} (a leading 0 means octal), YAML 1.2 as {ten}"
        )
    if ":" in text:
        return Ambiguous(text, f"YAML 1.1 reads it as {value} (base 60), YAML 1.2 as text")
    return None


def _decimal(text: str) -> Decimal | str:
    """A YAML float as an exact Decimal; infinities and NaN stay text (not numbers here)."""
    try:
        number = Decimal(text.replace("_", ""))
    except InvalidOperation:
        return text
    return number if number.is_finite() else text


# Past this, a YAML 1.2 number is left a Decimal: `int(Decimal("1e999999999"))` would build a
# billion-digit integer, and Python refuses to print an integer of more than 4,300 digits.
_LARGEST_INT = Decimal(10) ** 30


def yaml12_number(text: str) -> int | Decimal | None:
    """What YAML 1.2 would read as a number where YAML 1.1 reads text (`0o17`, `1e3`).

    A decimal number larger than 10^30 comes back as a Decimal, never converted to
    an integer.
    """
    if _OCTAL_12.fullmatch(text):  # base 8: converted in linear time, whatever its length
        return int(text.replace("0o", ""), 8)
    if _NUMBER_12.fullmatch(text):
        number = Decimal(text)
        if number.copy_abs() > _LARGEST_INT:
            return number
        return int(number) if number == number.to_integral_value() else number.normalize()
    return None
