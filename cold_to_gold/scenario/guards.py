"""The guard language of `when:` — parsed once, names resolved, never `eval`-ed.

    guard   := or
    or      := and ('or' and)*
    and     := not ('and' not)*
    not     := 'not' not | compare
    compare := sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)*      chains like 1 < trust < 3
    sum     := product (('+'|'-') product)*
    product := unary ('*' unary)*
    unary   := '-' unary | atom
    atom    := number | 'true' | 'false' | '(' guard ')' | name | name '.' name

Names: `trust`, `they_know_you`, `you_know_them` (the choice's person),
`<person>.<metric>`, `referrals`, `minutes_spent`, `minutes_left`, vars, and
`visits.<scene>`. Ids with a '-' or a leading digit are read whole when they
name a person or scene (`dana-ruiz.trust`), so `trust-1` still subtracts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

from cold_to_gold.scenario.spec import METRICS, RUN_NUMBERS

MAX_LENGTH = 1000
MAX_DEPTH = 40
KEYWORDS = ("and", "or", "not", "true", "false")
COMPARISONS = ("==", "!=", "<=", ">=", "<", ">")
RESERVED = (*KEYWORDS, *METRICS, *RUN_NUMBERS, "visits")

_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")  # ASCII digits only: "١٢" is not a number here
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_WORD_CHAR = re.compile(r"[A-Za-z0-9_]")
_MISTAKES = {
    "=": "use == to compare",
    "&": "use and",
    "|": "use or",
    "!": "use not or !=",
    "'": "conditions compare numbers and true/false, not text",
    '"': "conditions compare numbers and true/false, not text",
}


class GuardError(Exception):
    """A guard that cannot be used; `offset` is where in the guard text it went wrong."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


# --- the tree -------------------------------------------------------------


@dataclass(frozen=True)
class Ref:
    """A name a guard reads.

    `kind` is metric, var, visits, referrals, minutes_spent or minutes_left.
    """

    kind: str
    name: str = ""
    person: str = ""


@dataclass(frozen=True)
class Const:
    value: bool | int | Decimal


@dataclass(frozen=True)
class Unary:
    op: str  # "not" or "-"
    operand: Expr


@dataclass(frozen=True)
class Binary:
    op: str  # "and", "or", "+", "-", "*"
    left: Expr
    right: Expr


@dataclass(frozen=True)
class Compare:
    first: Expr
    rest: tuple[tuple[str, Expr], ...]


Expr = Ref | Const | Unary | Binary | Compare


@dataclass(frozen=True)
class Guard:
    """A parsed guard: its source text, its tree and every name it reads."""

    source: str
    expr: Expr
    refs: frozenset[Ref]


@dataclass(frozen=True)
class Names:
    """What the guards of one scenario may name."""

    people: Collection[str]
    scenes: Collection[str]
    endings: Collection[str] = ()
    vars: Collection[str] = ()

    @cached_property
    def whole_ids(self) -> list[str]:
        """Ids with a '-' or a leading digit, longest first: the lexer reads these whole."""
        special = {
            name for name in (*self.people, *self.scenes) if "-" in name or name[:1].isdigit()
        }
        return sorted(special, key=len, reverse=True)


# --- lexing ---------------------------------------------------------------


@dataclass(frozen=True)
class _Token:
    kind: str  # "num", "name", "op", "end"
    text: str
    at: int


def _tokens(source: str, whole_ids: list[str]) -> list[_Token]:
    tokens: list[_Token] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch.isspace():
            i += 1
            continue
        two = source[i : i + 2]
        if two in ("==", "!=", "<=", ">="):
            tokens.append(_Token("op", two, i))
            i += 2
            continue
        if ch in "<>()+-*.":
            tokens.append(_Token("op", ch, i))
            i += 1
            continue
        if ch in _MISTAKES:
            raise GuardError(f"unexpected '{ch}': {_MISTAKES[ch]}", i)
        whole = _whole_id_at(source, i, whole_ids)
        if whole:
            tokens.append(_Token("name", whole, i))
            i += len(whole)
            continue
        number = _NUMBER.match(source, i)
        if number:
            end = number.end()
            if end < len(source) and _WORD_CHAR.match(source, end):
                raise GuardError(f"'{source[i : end + 1]}' is not a number or a name", i)
            tokens.append(_Token("num", number.group(), i))
            i = end
            continue
        word = _WORD.match(source, i)
        if word:
            tokens.append(_Token("name", word.group(), i))
            i = word.end()
            continue
        raise GuardError(f"unexpected character '{ch}'", i)
    tokens.append(_Token("end", "", len(source)))
    return tokens


def _whole_id_at(source: str, i: int, whole_ids: list[str]) -> str | None:
    """An id with '-' or a leading digit, read whole when it stands at `i`."""
    for candidate in whole_ids:  # longest first
        end = i + len(candidate)
        if source.startswith(candidate, i) and not _WORD_CHAR.match(source, end):
            return candidate
    return None


# --- parsing --------------------------------------------------------------


def parse_guard(source: str, names: Names, person: str) -> Guard:
    """Parse and resolve a guard, or raise `GuardError` with the offset of the mistake.

    `person` is the choice's person: whose metrics the bare names mean.
    """
    if not source.strip():
        raise GuardError("the condition is empty", 0)
    if len(source) > MAX_LENGTH:
        raise GuardError(f"the condition is longer than {MAX_LENGTH} characters", 0)
    parser = _Parser(_tokens(source, names.whole_ids), names, person)
    expr = parser.guard()
    return Guard(source, expr, frozenset(parser.refs))


class _Parser:
    def __init__(self, tokens: list[_Token], names: Names, person: str) -> None:
        self.tokens = tokens
        self.pos = 0
        self.names = names
        self.person = person
        self.refs: set[Ref] = set()
        self.depth = 0

    @property
    def token(self) -> _Token:
        return self.tokens[self.pos]

    def take(self) -> _Token:
        token = self.tokens[self.pos]
        self.pos += 1
        return token

    def at(self, kind: str, *texts: str) -> bool:
        return self.token.kind == kind and (not texts or self.token.text in texts)

    def guard(self) -> Expr:
        expr = self.or_()
        if not self.at("end"):
            raise GuardError(f"unexpected '{self.token.text}'", self.token.at)
        return expr

    def or_(self) -> Expr:
        expr = self.and_()
        while self.at("name", "or"):
            self.take()
            expr = Binary("or", expr, self.and_())
        return expr

    def and_(self) -> Expr:
        expr = self.not_()
        while self.at("name", "and"):
            self.take()
            expr = Binary("and", expr, self.not_())
        return expr

    def not_(self) -> Expr:
        if self.at("name", "not"):
            self.take()
            return Unary("not", self.nested(self.not_))
        return self.compare()

    def compare(self) -> Expr:
        first = self.sum()
        rest = []
        while self.at("op", *COMPARISONS):
            op = self.take().text
            rest.append((op, self.sum()))
        return Compare(first, tuple(rest)) if rest else first

    def sum(self) -> Expr:
        expr = self.product()
        while self.at("op", "+", "-"):
            op = self.take().text
            expr = Binary(op, expr, self.product())
        return expr

    def product(self) -> Expr:
        expr = self.unary()
        while self.at("op", "*"):
            self.take()
            expr = Binary("*", expr, self.unary())
        return expr

    def unary(self) -> Expr:
        if self.at("op", "-"):
            self.take()
            return Unary("-", self.nested(self.unary))
        return self.atom()

    def nested(self, parse: Callable[[], Expr]) -> Expr:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            raise GuardError(f"the condition nests more than {MAX_DEPTH} levels", self.token.at)
        try:
            return parse()
        finally:
            self.depth -= 1

    def atom(self) -> Expr:
        token = self.token
        if token.kind == "num":
            self.take()
            return Const(Decimal(token.text) if "." in token.text else int(token.text))
        if self.at("op", "("):
            self.take()
            expr = self.nested(self.or_)
            if not self.at("op", ")"):
                raise GuardError("missing ')'", self.token.at)
            self.take()
            return expr
        if token.kind == "name":
            if token.text in ("true", "false"):
                self.take()
                return Const(token.text == "true")
            if token.text in ("and", "or", "not"):
                raise GuardError(f"'{token.text}' needs a value before it", token.at)
            return self.reference()
        if token.kind == "end":
            raise GuardError("the condition ends too early", token.at)
        raise GuardError(f"unexpected '{token.text}'", token.at)

    def reference(self) -> Expr:
        first = self.take()
        if self.at("op", "."):
            self.take()
            if not self.at("name"):
                raise GuardError(f"a name must follow '{first.text}.'", self.token.at)
            second = self.take()
            ref = self.dotted(first, second)
        else:
            ref = self.bare(first)
        self.refs.add(ref)
        return ref

    def dotted(self, first: _Token, second: _Token) -> Ref:
        names = self.names
        if first.text == "visits":
            if second.text in names.scenes:
                return Ref("visits", second.text)
            if second.text in names.endings:
                raise GuardError(
                    f"visits counts arrivals at scenes; '{second.text}' is an ending", second.at
                )
            raise GuardError(_unknown("scene", second.text, names.scenes), second.at)
        if first.text in names.people:
            if second.text in METRICS:
                return Ref("metric", second.text, first.text)
            raise GuardError(_unknown("metric", second.text, METRICS), second.at)
        raise GuardError(_unknown("person", first.text, names.people), first.at)

    def bare(self, token: _Token) -> Ref:
        name, names = token.text, self.names
        if name in METRICS:
            return Ref("metric", name, self.person)
        if name in RUN_NUMBERS:
            return Ref(name)
        if name in names.vars:
            return Ref("var", name)
        if name == "visits":
            raise GuardError("visits needs a scene, as in visits.<scene id>", token.at)
        if name in names.people:
            raise GuardError(
                f"'{name}' is a person: name one of their metrics, as in {name}.trust", token.at
            )
        if name in names.scenes:
            raise GuardError(f"'{name}' is a scene: use visits.{name} to count arrivals", token.at)
        known = [*METRICS, *RUN_NUMBERS, *names.vars, "true", "false"]
        raise GuardError(_unknown("name", name, known), token.at)


def _unknown(what: str, name: str, known: Collection[str]) -> str:
    message = f"unknown {what} '{name}'"
    close = difflib.get_close_matches(name, list(known), n=1, cutoff=0.6)
    if not close and name.lower() in known:
        close = [name.lower()]
    if close:
        message += f" (did you mean '{close[0]}'?)"
    return message


def describe(guard: Guard) -> str:
    """The guard as the trainee reads it in a lock reason."""
    return " ".join(guard.source.split())
