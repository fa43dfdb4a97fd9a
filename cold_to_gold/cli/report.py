"""`cold-to-gold report SESSION|CODE` or `report --scenario ID`: the room's own numbers.

Reads the classroom records (and, across sessions, your own history), so it
works long after the host has stopped. Prints a summary, the numbers as JSON
(`--json`), a self-contained page (`--html DIR`) or a PDF of it (`--pdf FILE`,
printed by a headless Chromium when one is installed).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

from cold_to_gold.classroom.records import Records
from cold_to_gold.classroom.report import ClassReport, class_report
from cold_to_gold.classroom.report_data import report_json, report_text
from cold_to_gold.classroom.report_sources import (
    CheckGain,
    check_gain,
    history_taken,
    pooled_check_gain,
    pooled_sessions,
    session_taken,
)
from cold_to_gold.classroom.results import NoSuchSession
from cold_to_gold.cli.common import EXIT_INPUT, EXIT_OK, UsageError, fail, open_class_records

BROWSERS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
PDF_SECONDS = 60


def run(args: argparse.Namespace) -> int:
    if bool(args.session) == bool(args.scenario):
        raise UsageError("report needs a SESSION (its id or join code) or --scenario ID")
    if args.since and not args.scenario:
        raise UsageError("--since goes with --scenario")
    if args.since:
        try:
            date.fromisoformat(args.since)
        except ValueError:
            raise UsageError(f"--since needs a date as YYYY-MM-DD, not {args.since!r}") from None
    records = open_class_records()
    try:
        built = _build(records, args)
    except NoSuchSession as error:
        return fail(str(error))
    finally:
        records.close()
    report, scenario, heading, check, key, extra = built
    solo = extra.get("solo")
    if args.json:
        data = report_json(report, key, check, args.anonymous, extra.get("sessions"), solo)
        print(json.dumps(data, indent=2, ensure_ascii=False))
    elif not (args.html or args.pdf):
        print(heading)
        sys.stdout.write(report_text(report, check, args.anonymous))
        if solo is not None:
            print(f"\nOn their own (your history, not in a class): {solo.trainees} runs")
            print(f"Results: {solo.results_line()}")
    if args.html or args.pdf:
        from cold_to_gold.classroom.report_page import report_page

        page = report_page(report, scenario, heading, check, args.anonymous, solo)
        name = f"report-{_slug(key or report.scenario)}.html"
        if args.html and not _write_page(Path(args.html), name, page):
            return EXIT_INPUT
        if args.pdf and not _print_pdf(page, Path(args.pdf)):
            return EXIT_INPUT
    return EXIT_OK


def _build(records: Records, args: argparse.Namespace):
    if args.session:
        session, scenario, taken = session_taken(records, args.session)
        report = class_report(scenario, taken, _reachable())
        check: CheckGain | None = check_gain(records, session)
        when = session.started_at[:16].replace("T", " ")
        heading = f"Session {session.id} (code {session.code}), {when} UTC, {session.pace} pace"
        return report, scenario, heading, check, session.id, {}
    pooled = pooled_sessions(records, args.scenario, args.since)
    report = class_report(pooled.scenario, pooled.taken, _reachable())
    since = f" since {args.since}" if args.since else ""
    older = (
        f"; {pooled.older_versions} played an earlier version of the file, replayed on this one"
        if pooled.older_versions
        else ""
    )
    heading = f"{len(pooled.sessions)} class sessions of {pooled.scenario.id}{since}{older}"
    extra: dict = {"sessions": [s.id for s in pooled.sessions]}
    solo = _solo(pooled.scenario, args.since)
    if solo is not None:
        extra["solo"] = solo
    check = pooled_check_gain(records, pooled.sessions)
    return report, pooled.scenario, heading, check, None, extra


def _solo(scenario, since: str | None) -> ClassReport | None:
    """Your own finished runs of the scenario, reported apart (None when there are none)."""
    from cold_to_gold.classroom.own_runs import who
    from cold_to_gold.store.progress import ProgressStore, StoreError

    try:
        store = ProgressStore.open()
    except StoreError:
        return None
    try:
        taken = history_taken(store, scenario, who(), since)
    except StoreError:
        return None
    finally:
        store.close()
    return class_report(scenario, taken) if taken else None


def _reachable():
    """The best grade still open from a state, when the engine can tell (exact, bounded)."""
    from cold_to_gold.engine.reachable import still_reachable

    return lambda scenario, state: still_reachable(scenario, state).grade


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-") or "session"


def _write_page(folder: Path, name: str, page: str) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(page, encoding="utf-8")
    except OSError as error:
        fail(f"cannot write {folder / name}: {error.strerror or error}")
        return False
    print(f"wrote {folder / name}", file=sys.stderr)
    return True


def _print_pdf(page: str, target: Path) -> bool:
    browser = next((found for name in BROWSERS if (found := shutil.which(name))), None)
    if browser is None:
        fail(
            "--pdf needs a headless Chromium (e.g. `apt install chromium`); or write the page "
            "with --html DIR and print it from any browser"
        )
        return False
    with tempfile.TemporaryDirectory() as scratch:
        source = Path(scratch) / "report.html"
        source.write_text(page, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={Path(scratch) / 'profile'}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={target.resolve()}",
            source.as_uri(),
        ]
        try:
            done = subprocess.run(
                command, capture_output=True, timeout=PDF_SECONDS, stdin=subprocess.DEVNULL
            )
        except subprocess.TimeoutExpired:
            fail(f"the browser did not print the page within {PDF_SECONDS} s")
            return False
        except OSError as error:
            fail(f"cannot run {browser}: {error.strerror or error}")
            return False
    if done.returncode != 0 or not target.is_file():
        fail(f"the browser could not print to {target}")
        return False
    print(f"wrote {target}", file=sys.stderr)
    return True
