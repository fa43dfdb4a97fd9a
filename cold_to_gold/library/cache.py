"""A small JSON cache of what each scenario file looked like when it was last checked.

Keyed by the file's resolved path, size and modification time, and by the
version of Cold to Gold that checked it: any change means the file is read again.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cold_to_gold import __version__
from cold_to_gold.base import paths
from cold_to_gold.library.entry import LibraryEntry, Summary

if TYPE_CHECKING:
    from cold_to_gold.scenario.problems import Problem

MAX_PROBLEMS = 12


def cache_path() -> Path:
    return paths.data_dir() / "library-cache.json"


def _stamp(path: Path) -> list[int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return [stat.st_mtime_ns, stat.st_size]


def resolved(path: Path) -> Path:
    """The path with its links followed; as given (made absolute) when they loop."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):  # RuntimeError: a loop of symbolic links (Python 3.11)
        return path.absolute()


def read() -> dict[str, Any]:
    """The cached files; nothing when the cache is missing, unreadable or from another version."""
    try:
        data = json.loads(cache_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != __version__:
        return {}
    files = data.get("files")
    return files if isinstance(files, dict) else {}


def lookup(cache: dict[str, Any], path: Path) -> tuple[Summary | None, tuple[Problem, ...]] | None:
    """A file's cached summary and problems, when the file has not changed since."""
    item = cache.get(str(resolved(path)))
    if not isinstance(item, dict) or item.get("stamp") != _stamp(path):
        return None
    try:
        summary = item.get("summary")
        if summary is not None:
            summary = Summary(
                **{
                    **summary,
                    "objectives": tuple(summary["objectives"]),
                    "people": tuple(tuple(person) for person in summary["people"]),
                    "endings": tuple(tuple(ending) for ending in summary.get("endings", ())),
                }
            )
        listed = item.get("problems", [])
        problems: tuple[Problem, ...] = ()
        if listed != []:  # a file with errors: the picker's first frame seldom needs this
            from cold_to_gold.scenario.problems import Problem

            problems = tuple(Problem(str(path), *problem) for problem in listed)
    except (TypeError, KeyError, ValueError):
        return None
    if summary is None and not problems:
        return None
    return summary, problems


def write(entries: list[LibraryEntry], kept: dict[str, Any] | None = None) -> None:
    """Remember every entry (and, from `kept`, a cache `read` before, the files not among
    them); a cache that cannot be written is simply not kept."""
    files = dict(kept) if kept else {}
    for entry in entries:
        stamp = _stamp(entry.path)
        if stamp is None:
            continue
        summary = entry.summary
        files[str(resolved(entry.path))] = {
            "stamp": stamp,
            "summary": None if summary is None else summary._asdict(),
            "problems": [
                [problem.line, problem.column, problem.message]
                for problem in entry.problems[:MAX_PROBLEMS]
            ],
        }
    target = cache_path()
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_text(json.dumps({"version": __version__, "files": files}), "utf-8")
        temporary.replace(target)
    except OSError:
        return
