"""The install pre-flight: can this laptop run the workshop? One check per line.

Each check returns a `Finding`: `ok`, `warn` (works, or an optional part is
missing) or `fail` (the workshop cannot run on this laptop as it is). Nothing
here changes the user's data: the data folder is tested with a file of its own
that is removed again. `cold-to-gold check-setup` prints the findings.
"""

from __future__ import annotations

import importlib
import os
import shutil
import sqlite3
import sys
import tempfile
import warnings
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from cold_to_gold.base import paths

PYTHON = (3, 11)
COMFORTABLE = (80, 24)
SMALLEST = (60, 20)  # the app's smallest supported size


@dataclass(frozen=True)
class Finding:
    status: str  # "ok", "warn" or "fail"
    message: str


def ok(message: str) -> Finding:
    return Finding("ok", message)


def warn(message: str) -> Finding:
    return Finding("warn", message)


def fail(message: str) -> Finding:
    return Finding("fail", message)


def run_checks() -> list[Finding]:
    """Every check, in the order a facilitator would fix things."""
    return [
        python(),
        packages(),
        terminal_size(),
        terminal_text(),
        data_folder(),
        progress_file(),
        class_records(),
        bundled_library(),
        own_scenarios(),
        graphviz(),
        live_class(),
        extra("textual_serve", "browser trainees", "browser"),
        extra("asyncssh", "SSH trainees", "ssh"),
    ]


def python() -> Finding:
    found = ".".join(str(part) for part in sys.version_info[:3])
    if sys.version_info[:2] < PYTHON:
        return fail(f"Python {found}: Cold to Gold needs {PYTHON[0]}.{PYTHON[1]} or newer")
    return ok(f"Python {found}")


def packages() -> Finding:
    """The app's own packages import (a broken or partial install shows here), and each
    installed requirement is a version the package's own metadata allows (another app's
    install may have moved one outside the range)."""
    needed = ("textual", "transitions", "yaml", "platformdirs", "aiohttp", "segno")
    missing = []
    for name in needed:
        try:
            importlib.import_module(name)
        except ImportError as error:
            missing.append(f"{name} ({error})")
    if missing:
        return fail(f"missing packages: {', '.join(missing)}; reinstall: pip install cold-to-gold")
    wrong, checked = unmet_requirements()
    if wrong:
        fixes = " ".join(f"'{requirement}'" for requirement in wrong)
        return fail(
            f"{'; '.join(wrong.values())}: Cold to Gold was not tested with "
            f"{'it' if len(wrong) == 1 else 'them'}; fix: pip install {fixes}"
        )
    if checked is None:
        return warn(
            f"Textual {metadata.version('textual')} and the other packages import; their "
            "versions were not checked (Cold to Gold's own install metadata is missing)"
        )
    return ok(
        f"Textual {metadata.version('textual')} and the other packages import, each at a "
        "version Cold to Gold supports"
    )


def unmet_requirements(
    distribution: str = "cold-to-gold",
) -> tuple[dict[str, str], int | None]:
    """The requirements in the package's metadata that the installed versions do not meet
    (requirement -> what is wrong, in words), and how many were checked (None: no metadata).

    Every plain requirement is checked; one of an extra (`browser`, `ssh`) only when it
    is installed; the `test` extra never (it is for developing Cold to Gold).
    """
    from packaging.requirements import InvalidRequirement, Requirement

    try:
        listed = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:
        return {}, None
    wrong: dict[str, str] = {}
    checked = 0
    for line in listed:
        try:
            requirement = Requirement(line)
        except InvalidRequirement:
            continue
        marker, optional = requirement.marker, False
        if marker is not None:
            if marker.evaluate({"extra": ""}):
                pass  # a platform marker that holds here: a plain requirement
            elif any(marker.evaluate({"extra": extra}) for extra in ("browser", "ssh")):
                optional = True
            else:
                continue  # the test extra, or another platform's requirement
        try:
            installed = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            if not optional:
                wrong[_bare(requirement)] = f"{requirement.name} is not installed"
            continue
        checked += 1
        if not requirement.specifier.contains(installed, prereleases=True):
            wrong[_bare(requirement)] = (
                f"{requirement.name} {installed} is installed, Cold to Gold needs "
                f"{requirement.specifier}"
            )
    return wrong, checked


def _bare(requirement: object) -> str:
    """The requirement without its marker: what `pip install` is given to fix it."""
    text = str(requirement)
    return text.split(";")[0].strip()


def terminal_size() -> Finding:
    try:
        columns, lines = os.get_terminal_size(sys.stdout.fileno())
    except (OSError, ValueError):
        return warn("terminal: not run in a terminal window, so its size was not checked")
    size = f"{columns}×{lines}"
    if columns >= COMFORTABLE[0] and lines >= COMFORTABLE[1]:
        return ok(f"terminal {size}")
    if columns >= SMALLEST[0] and lines >= SMALLEST[1]:
        return warn(f"terminal {size}: it works; {_size(COMFORTABLE)} or more is comfortable")
    return warn(f"terminal {size}: make the window at least {_size(SMALLEST)}, or the font smaller")


def _size(size: tuple[int, int]) -> str:
    return f"{size[0]}×{size[1]}"


def terminal_text() -> Finding:
    """Colours and symbols. Meaning never rests on colour alone, so neither can fail."""
    from rich.console import Console  # Textual's own dependency: what the app will see

    # As a terminal would be told by its environment, even when the output is piped.
    colours = Console(file=sys.stdout, force_terminal=True).color_system
    term = os.environ.get("TERM", "unset")
    encoding = (sys.stdout.encoding or "").lower().replace("-", "")
    shown = {"truecolor": "millions of colours", "256": "256 colours", "standard": "16 colours"}
    said = shown.get(colours or "", "no colours")
    if encoding != "utf8":
        return warn(
            f"{said} (TERM={term}), but text is {sys.stdout.encoding}: symbols such as ✉ and ☎ "
            "may show as '?'; use a UTF-8 locale (e.g. LANG=C.UTF-8)"
        )
    if colours in (None, "standard"):
        return warn(f"{said} (TERM={term}): it works; a 256-colour terminal looks better")
    return ok(f"{said} (TERM={term}), UTF-8 symbols")


def data_folder() -> Finding:
    """The data folder can be created and written, and SQLite can lock a file there."""
    folder = paths.data_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".check-setup-", dir=folder) as scratch:
            database = sqlite3.connect(Path(scratch) / "check.sqlite3")
            try:
                database.execute("PRAGMA journal_mode=WAL")
                database.execute("CREATE TABLE t (x)")
                database.execute("INSERT INTO t VALUES (1)")
                database.commit()
            finally:
                database.close()
    except (OSError, sqlite3.Error) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return fail(
            f"data folder {folder} cannot be written ({reason}); set {paths.HOME_VARIABLE} "
            "to a folder you can write, e.g. in your home folder"
        )
    return ok(f"data folder {folder} is writable, and SQLite works there")


def progress_file() -> Finding:
    """The progress file, if there is one, opens for reading and writing as the app opens it."""
    from cold_to_gold.store.database import APP_OPEN_PATIENCE_SECONDS
    from cold_to_gold.store.progress import ProgressStore, StoreError

    path = paths.database_path()
    if not path.exists():
        return ok("no progress file yet: the app starts one with the first run")
    store = ProgressStore.open(path, patience=APP_OPEN_PATIENCE_SECONDS)
    try:
        if not store.saving:
            return warn(f"progress file {path}: {store.notice}")
        try:
            runs = len(store.history())
        except StoreError as error:
            return warn(f"progress file {path} cannot be read ({error.reason})")
        noun = "run" if runs == 1 else "runs"
        note = f" ({store.notice})" if store.notice else ""
        return ok(f"progress file {path} opens for saving, {runs} finished {noun}{note}")
    finally:
        store.close()


def class_records() -> Finding:
    """The live classes' records, if there are any, open as `report` and `host` open them
    (a lock held by another program is named within about the app's patience)."""
    from cold_to_gold.classroom.records import Records, RecordsError, records_path
    from cold_to_gold.store.database import APP_OPEN_PATIENCE_SECONDS

    path = records_path()
    if not path.exists():
        return ok("class records: none yet (hosting a live class starts them)")
    try:
        records = Records.open(path, patience=APP_OPEN_PATIENCE_SECONDS)
    except RecordsError as error:
        return warn(f"class records cannot be opened now: {error}")
    try:
        sessions = len(records.sessions())
    except sqlite3.Error as error:
        return warn(f"class records {path} cannot be read ({error})")
    finally:
        records.close()
    noun = "session" if sessions == 1 else "sessions"
    return ok(f"class records {path} open, {sessions} live {noun}")


def bundled_library() -> Finding:
    from cold_to_gold.library.listing import scenario_files
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.scenario import ScenarioInvalid

    files = scenario_files(paths.bundled_dir("scenarios"))
    if not files:
        return fail("no bundled scenarios found: the install is incomplete; reinstall")
    broken = []
    for file in files:
        try:
            load_scenario(file)
        except ScenarioInvalid as error:
            broken.append(f"{file.name}: {error}")
    if broken:
        return fail(f"{len(broken)} bundled scenarios do not load: {broken[0]}; reinstall")
    return ok(f"{len(files)} bundled scenarios load and validate")


def own_scenarios() -> Finding:
    from cold_to_gold.library.listing import scenario_files
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.scenario import ScenarioInvalid

    folder = paths.user_scenarios_dir()
    files = scenario_files(folder) if folder.is_dir() else []
    if not files:
        return ok("your own scenarios: none yet")
    broken = []
    for file in files:
        try:
            load_scenario(file)
        except ScenarioInvalid:
            broken.append(file.name)
    if broken:
        return warn(
            f"{len(broken)} of your {len(files)} scenarios have problems ({', '.join(broken)}): "
            f"cold-to-gold validate {folder}"
        )
    return ok(f"your own scenarios: {len(files)} load and validate")


def graphviz() -> Finding:
    if shutil.which("dot") is None:
        return warn(
            "Graphviz not found: only needed to redraw branch maps (the guide's maps are "
            "already drawn); e.g. apt-get install graphviz"
        )
    return ok("Graphviz found: branch maps can be drawn (graph --format svg)")


def live_class() -> Finding:
    """The host can listen, and this laptop has an address others on the network can reach."""
    import socket

    from cold_to_gold.classroom.host import LOOPBACK, lan_address

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as listener:
            listener.bind((LOOPBACK, 0))
            listener.listen()
    except OSError as error:
        return fail(f"live class: cannot listen on this laptop ({error.strerror or error})")
    address = lan_address()
    if address == LOOPBACK:
        return warn(
            "live class: no local network address, so only this laptop could join "
            "(host --lan needs a network; presenter mode needs none)"
        )
    return ok(
        f"live class: this laptop can host; others on its network would join {address} "
        "(a firewall can still block them: rehearse with one other device)"
    )


def extra(module: str, who: str, name: str) -> Finding:
    try:
        # An extra's own deprecation notices (asyncssh's about DSA keys) are not the
        # facilitator's business: one line per check, nothing else.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            importlib.import_module(module)
    except ImportError:
        return warn(f"{who}: not installed; optional: pip install 'cold-to-gold[{name}]'")
    return ok(f"{who}: installed (the '{name}' extra)")
