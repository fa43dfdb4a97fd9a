"""The scenario library: bundled scenarios, the user's own, and any paths given."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cold_to_gold import paths
from cold_to_gold.scenario.load import load_scenario
from cold_to_gold.scenario.model import Scenario
from cold_to_gold.scenario.problems import Problem, ScenarioInvalid

SUFFIXES = (".yaml", ".yml")


@dataclass(frozen=True)
class LibraryEntry:
    """One scenario file: loaded, or with the problems that stop it loading."""

    path: Path
    source: str  # "bundled", "yours" or "given"
    scenario: Scenario | None
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return self.scenario.id if self.scenario else self.path.stem

    @property
    def title(self) -> str:
        return self.scenario.title if self.scenario else self.path.name

    @property
    def valid(self) -> bool:
        return self.scenario is not None


def scenario_files(path: Path) -> list[Path]:
    """A file as itself; a folder as every `*.yaml` / `*.yml` inside it, recursively, sorted."""
    if path.is_dir():
        return sorted(
            item for item in path.rglob("*") if item.suffix in SUFFIXES and item.is_file()
        )
    return [path]


def load_entry(path: Path, source: str) -> LibraryEntry:
    try:
        return LibraryEntry(path, source, load_scenario(path))
    except ScenarioInvalid as error:
        return LibraryEntry(path, source, None, error.problems)


def discover(extra: Iterable[Path] = ()) -> list[LibraryEntry]:
    """Every scenario the app can offer: bundled first, then the user's, then those given."""
    folders = [(paths.bundled_dir("scenarios"), "bundled"), (paths.user_scenarios_dir(), "yours")]
    entries: list[LibraryEntry] = []
    seen: set[Path] = set()
    for folder, source in folders:
        if folder.is_dir():
            entries.extend(_load_all(scenario_files(folder), source, seen))
    for item in extra:
        entries.extend(_load_all(scenario_files(item), "given", seen))
    return _note_duplicates(entries)


def _load_all(files: list[Path], source: str, seen: set[Path]) -> list[LibraryEntry]:
    loaded = []
    for file in files:
        resolved = file.resolve()
        if resolved not in seen:
            seen.add(resolved)
            loaded.append(load_entry(file, source))
    return loaded


def _note_duplicates(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    first: dict[str, LibraryEntry] = {}
    noted = []
    for entry in entries:
        if entry.valid and entry.id in first:
            note = f"id '{entry.id}' is also used by {first[entry.id].path}"
            entry = LibraryEntry(entry.path, entry.source, entry.scenario, entry.problems, (note,))
        elif entry.valid:
            first[entry.id] = entry
        noted.append(entry)
    return noted


def find(name: str, entries: list[LibraryEntry]) -> LibraryEntry | None:
    """A scenario by id (the first valid one wins) or by file name."""
    for entry in entries:
        if entry.valid and entry.id == name:
            return entry
    for entry in entries:
        if entry.path.stem == name:
            return entry
    return None
