"""Located problems in a scenario file, reported the way a compiler does."""

from __future__ import annotations

from typing import NamedTuple

from cold_to_gold.base.one_line import escaped, one_line


class Where(NamedTuple):
    """A 1-based line and column in a source file."""

    line: int
    column: int


START_OF_FILE = Where(1, 1)


class Problem(NamedTuple):
    """One error found in a scenario file (a NamedTuple: cheap to define and to make)."""

    path: str
    line: int
    column: int
    message: str

    def __str__(self) -> str:
        return f"{escaped(self.path)}:{self.line}:{self.column}: {self.message}"

    def sort_key(self) -> tuple[int, int, str]:
        return (self.line, self.column, self.message)


class ScenarioInvalid(Exception):
    """A scenario file could not be loaded; `problems` holds every error, sorted by line."""

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = tuple(sorted(problems, key=Problem.sort_key))
        first = self.problems[0] if self.problems else "invalid scenario"
        super().__init__(str(first))


class Problems:
    """Collects problems for one file while validation keeps going."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[Problem] = []

    def add(self, where: Where, message: str) -> None:
        """Record a problem; its message is made one line (quoted values escaped, shortened)."""
        self.items.append(Problem(self.path, where.line, where.column, one_line(message)))

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise ScenarioInvalid(self.path, self.items)
