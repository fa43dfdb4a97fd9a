"""What the subcommands share: exit codes, messages, finding the scenario a user names."""

from __future__ import annotations

import errno
import sys
from typing import TYPE_CHECKING

from cold_to_gold.base.one_line import escaped, quoted, shortened

# pathlib is imported where it is used: the app pauses garbage collection for its
# start (cli.app.load_app), and what the command imports before that pause (this
# module, the package) is collected again and again while it loads.
if TYPE_CHECKING:
    from pathlib import Path

    from cold_to_gold.classroom.records import Records

EXIT_OK = 0
EXIT_INPUT = 1
EXIT_USAGE = 2


class UsageError(Exception):
    """The command was given something it cannot use (exit code 2)."""


class InputError(Exception):
    """A path or file given cannot be read (exit code 1), said in one line."""


def open_class_records() -> Records:
    """The live classes' records, for host, report and export; one line (`InputError`)
    when they cannot be opened, another program's lock included."""
    from cold_to_gold.classroom.records import Records, RecordsError

    try:
        return Records.open()
    except RecordsError as error:
        raise InputError(f"cannot open the classroom records: {error}") from None


def fail(message: str, code: int = EXIT_INPUT) -> int:
    print(f"cold-to-gold: {message}", file=sys.stderr)
    return code


def exists(path: Path) -> bool:
    """Whether anything is at `path` (a dangling link counts); a name the system refuses
    (too long, a NUL byte) is a usage error, not a crash."""
    try:
        return path.exists() or path.is_symlink()
    except (OSError, ValueError) as error:
        why = getattr(error, "strerror", None) or error
        raise UsageError(f"cannot use the path {quoted(str(path))}: {why}") from None


def existing_paths(names: list[str]) -> list[Path]:
    """The paths as given, each checked to exist and not to be a loop of links."""
    from pathlib import Path  # see the note at the top

    found = []
    for name in names:
        path = Path(name)
        if not exists(path):
            raise UsageError(f"no such file or folder: {shortened(escaped(name), 100)}")
        if in_a_loop(path):
            raise InputError(
                f"cannot read {shortened(escaped(name), 100)}: its symbolic links lead round "
                "in a loop"
            )
        found.append(path)
    return found


def in_a_loop(path: Path) -> bool:
    """Whether following `path`'s symbolic links never ends (ELOOP)."""
    try:
        path.stat()
    except OSError as error:
        return error.errno == errno.ELOOP
    return False


NO_FILES = "no *.yaml or *.yml files found"


def named_scenario_files(names: list[str]) -> list[Path]:
    """Every scenario file the user named: files as given, folders searched recursively,
    and a scenario of the library by its id (`validate the-week`, as `play` takes it).

    A missing path is a usage error; an empty result is for the caller to report
    (`no_files(names)`).
    """
    from cold_to_gold.library.listing import scenario_files

    paths = []
    for name in names:
        if looks_like_path(name):
            paths += existing_paths([name])
            continue
        from cold_to_gold.library.listing import find_named

        entry = find_named(name)
        if entry is None:
            raise UsageError(
                f"no such file, folder or scenario id: {shortened(escaped(name), 100)} "
                "(see `cold-to-gold list`)"
            )
        paths.append(entry.path)
    return [file for path in paths for file in scenario_files(path)]


def no_files(names: list[str]) -> str:
    """'no *.yaml or *.yml files found in FOLDER': what was searched, by name."""
    where = ", ".join(shortened(escaped(name), 100) for name in names)
    return f"{NO_FILES} in {where}" if where else NO_FILES


def looks_like_path(name: str) -> bool:
    from pathlib import Path  # see the note at the top

    return name.endswith((".yaml", ".yml")) or "/" in name or exists(Path(name))
