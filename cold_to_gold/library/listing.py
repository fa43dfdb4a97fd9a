"""The scenario library: bundled scenarios, the user's own, and any paths given.

Listing the library can use a small cache of what each file looked like when
it was last checked (keyed by size and modification time), so the picker can
show the library before the validator has even been imported. A scenario is
loaded in full when it is played (`LibraryEntry.load`).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from cold_to_gold.base import paths
from cold_to_gold.library import cache as library_cache
from cold_to_gold.library.entry import LibraryEntry, Summary

SUFFIXES = (".yaml", ".yml")
SAVE_EVERY = 1.0  # seconds between saves of the cache while a long listing goes on


def scenario_files(path: Path) -> list[Path]:
    """A file as itself; a folder as every `*.yaml` / `*.yml` inside it, recursively, sorted.

    A folder inside that cannot be read is listed too, so that loading it reports why
    (as an unreadable file is reported); named pipes and devices are left out.
    """
    if not path.is_dir():
        return [path]
    found: list[Path] = []

    def refused(error: OSError) -> None:
        found.append(Path(error.filename) if error.filename else path)

    for folder, _, names in os.walk(path, onerror=refused):  # links to folders not followed
        for name in names:
            item = Path(folder, name)
            if item.suffix in SUFFIXES and item.is_file():
                found.append(item)
    return sorted(found)


def load_entry(path: Path, source: str) -> LibraryEntry:
    """Read and validate one file into an entry."""
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.scenario.problems import ScenarioInvalid

    try:
        scenario = load_scenario(path)
    except ScenarioInvalid as error:
        return LibraryEntry(path, source, None, error.problems)
    return LibraryEntry(path, source, Summary.of(scenario), scenario=scenario)


def discover(extra: Iterable[Path] = (), use_cache: bool = False) -> list[LibraryEntry]:
    """Every scenario the app can offer: bundled first, then the user's, then those given.

    With `use_cache`, files unchanged since they were last checked are listed
    from the cache without being read; the others are validated and cached.
    """
    return arrange(list(read_each(extra, use_cache)))


def read_each(extra: Iterable[Path] = (), use_cache: bool = False) -> Iterator[LibraryEntry]:
    """Each file's entry as soon as it is read (the picker lists them as they come), in the
    order the files are found; `arrange` puts what was read so far in the library's order.

    With `use_cache`, as `discover`: the cache is rewritten once every file was read,
    and on the way, at most once every `SAVE_EVERY` seconds, when files were checked:
    a long first listing that is stopped keeps what it learnt.
    """
    cache = library_cache.read() if use_cache else {}
    entries = []
    missed = False
    saved = time.monotonic()
    for path, source in _files(extra):
        entry = _cached_entry(cache, path, source) if use_cache else None
        if entry is None:
            missed = True
            entry = load_entry(path, source)
            if use_cache and time.monotonic() - saved >= SAVE_EVERY:
                library_cache.write([*entries, entry], kept=cache)
                saved = time.monotonic()
        entries.append(entry)
        yield entry
    if use_cache and missed:
        library_cache.write(entries)


def arrange(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    """Entries in the library's order, a repeated id noted on all but its first."""
    return _note_duplicates(_in_order(entries))


def discover_cached(extra: Iterable[Path] = ()) -> list[LibraryEntry] | None:
    """The library from the cache alone, in a few milliseconds; None when any file
    is new or has changed since it was last checked (then `discover` reads it)."""
    cache = library_cache.read()
    entries = []
    for path, source in _files(extra):
        cached = _cached_entry(cache, path, source)
        if cached is None:
            return None
        entries.append(cached)
    return arrange(entries)


def find_named(name: str) -> LibraryEntry | None:
    """`find(name, discover(use_cache=True))`, checking only the files that can be it.

    A scenario's id is a slug: in its file it is spelled out, or written with a
    backslash escape in a double-quoted string. So a file not yet in the cache
    whose bytes hold neither the id nor a backslash (and whose name is not
    `name`) cannot be the one named, and is not checked: one slow-to-check file
    in the folder never delays playing another by its id.
    """
    cache = library_cache.read()
    entries = []
    for path, source in _files(()):
        entry = _cached_entry(cache, path, source)
        if entry is None:
            if path.stem != name and not _may_spell(path, name):
                continue
            entry = load_entry(path, source)
        entries.append(entry)
    arranged = arrange(entries)
    found = find(name, arranged)
    if found is None:  # a refused file that says it is that scenario: loading it says why
        found = next((e for e in arranged if not e.valid and _declares(e.path, name)), None)
    return found


def _declares(path: Path, name: str) -> bool:
    """Whether the file has a top-level `id: name` line (quoted or not)."""
    data = _head(path)
    if data is None:
        return False
    line = rf"^id:[ \t]*([\"']?){re.escape(name)}\1[ \t\r]*(#.*)?$"
    return re.search(line, data.decode("utf-8", "replace"), re.MULTILINE) is not None


def _may_spell(path: Path, name: str) -> bool:
    """Whether the file's first bytes (as many as a scenario may have) can spell the id."""
    data = _head(path)
    if data is None:
        return True  # checking it says why it cannot be read
    return name.encode("utf-8", "surrogatepass") in data or b"\\" in data


def _head(path: Path) -> bytes | None:
    """The file's first bytes, as many as a scenario may have; None when it cannot be read."""
    from cold_to_gold.scenario.yaml_tree import MAX_BYTES

    try:
        with path.open("rb") as file:
            return file.read(MAX_BYTES + 1)
    except OSError:
        return None


def _files(extra: Iterable[Path]) -> list[tuple[Path, str]]:
    """Each scenario file once, with where it comes from."""
    folders = [(paths.bundled_dir("scenarios"), "bundled"), (paths.user_scenarios_dir(), "yours")]
    found: list[tuple[Path, str]] = []
    seen: set[Path] = set()
    for folder, source in folders:
        if folder.is_dir():
            found += _unseen(scenario_files(folder), source, seen)
    for item in extra:
        found += _unseen(scenario_files(item), "given", seen)
    return found


def _cached_entry(cache: dict, path: Path, source: str) -> LibraryEntry | None:
    cached = library_cache.lookup(cache, path)
    if cached is None:
        return None
    summary, problems = cached
    return LibraryEntry(path, source, summary, problems)


_SOURCES = ("bundled", "yours", "given")
_LEVELS = ("beginner", "intermediate", "advanced")


def _in_order(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    """Bundled first, then yours, then given; within each, easiest and shortest first."""

    def rank(entry: LibraryEntry) -> tuple:
        summary = entry.summary
        level = summary.level if summary else ""
        level_rank = _LEVELS.index(level) if level in _LEVELS else len(_LEVELS)
        minutes = (summary.play_minutes or 0) if summary else 0
        return (_SOURCES.index(entry.source), level_rank, minutes, entry.title.lower())

    return sorted(entries, key=rank)


def _unseen(files: list[Path], source: str, seen: set[Path]) -> list[tuple[Path, str]]:
    fresh = []
    for file in files:
        resolved_file = library_cache.resolved(file)
        if resolved_file not in seen:
            seen.add(resolved_file)
            fresh.append((file, source))
    return fresh


def _note_duplicates(entries: list[LibraryEntry]) -> list[LibraryEntry]:
    first: dict[str, LibraryEntry] = {}
    noted = []
    for entry in entries:
        if entry.valid and entry.id in first:
            entry = replace(
                entry, notes=(f"id '{entry.id}' is also used by {first[entry.id].path}",)
            )
        elif entry.valid:
            first[entry.id] = entry
        noted.append(entry)
    return noted


def ending_titles(entries: Iterable[LibraryEntry]) -> dict[tuple[str, str], str]:
    """(scenario id, ending id) -> the ending's title, for history (which stores ids)."""
    titles: dict[tuple[str, str], str] = {}
    for entry in entries:
        if entry.summary is not None:
            for ending_id, title in entry.summary.endings:
                titles.setdefault((entry.id, ending_id), title)
    return titles


def find(name: str, entries: list[LibraryEntry]) -> LibraryEntry | None:
    """A scenario by id (the first valid one wins) or by file name."""
    for entry in entries:
        if entry.valid and entry.id == name:
            return entry
    for entry in entries:
        if entry.path.stem == name:
            return entry
    return None
