"""The scenario library: what is listed, in which order, and the cache that lists it fast."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

from conftest import MINIMAL
from pilot_wait import PATIENCE, until

from cold_to_gold.base import paths
from cold_to_gold.library import cache as library_cache
from cold_to_gold.library import listing as library
from cold_to_gold.library.listing import LibraryEntry, discover, discover_cached, find
from cold_to_gold.tui.app import build_app
from cold_to_gold.tui.screens.picker import PickerScreen
from cold_to_gold.tui.screens.welcome import WelcomeScreen


def own_scenario(text: str = MINIMAL, name: str = "mine.yaml") -> Path:
    folder = paths.user_scenarios_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def listing(entries: list[LibraryEntry]) -> list[tuple]:
    return [(e.path, e.source, e.summary, e.problems, e.notes) for e in entries]


def test_bundled_first_then_yours_easiest_first() -> None:
    own_scenario()
    entries = discover()
    sources = [entry.source for entry in entries]
    assert sources == sorted(sources, key=("bundled", "yours", "given").index)
    assert entries[0].id == "first-steps"  # the tutorial: beginner and shortest
    assert find("t", entries).source == "yours"


def test_nothing_is_cached_before_the_first_listing() -> None:
    assert discover_cached() is None


def test_the_cache_lists_what_reading_the_files_lists() -> None:
    own_scenario()
    read = discover(use_cache=True)
    assert library_cache.cache_path().is_file()
    cached = discover_cached()
    assert cached is not None
    assert listing(cached) == listing(read) == listing(discover())
    assert all(entry.scenario is None for entry in cached)  # nothing was read
    assert cached[0].load().id == read[0].id  # and each still loads when played


def test_a_changed_file_is_read_again() -> None:
    path = own_scenario()
    discover(use_cache=True)
    path.write_text(MINIMAL.replace("title: T\n", "title: Changed\n"), encoding="utf-8")
    os.utime(path, ns=(1, 1))  # a different stamp even within the clock's resolution
    assert discover_cached() is None
    entries = discover(use_cache=True)
    assert find("t", entries).title == "Changed"
    cached = discover_cached()
    assert cached is not None and find("t", cached).title == "Changed"


def test_a_broken_file_is_cached_with_its_problems() -> None:
    own_scenario("format: cold-to-gold/1\nid: broken\n", "broken.yaml")
    read = discover(use_cache=True)
    cached = discover_cached()
    assert cached is not None
    broken = find("broken", cached)
    assert broken is not None and not broken.valid
    assert broken.problems == find("broken", read).problems
    assert "title" in " ".join(problem.message for problem in broken.problems)


def test_a_new_file_is_not_in_the_cache() -> None:
    discover(use_cache=True)
    own_scenario()
    assert discover_cached() is None


def test_a_long_listing_stopped_midway_keeps_what_it_checked(monkeypatch) -> None:
    """Each file checked takes two seconds on a fake clock: the cache is saved on the way,
    so a listing stopped after three files keeps them (and what the cache held before)."""
    own_scenario(name="a-mine.yaml")
    discover(use_cache=True)
    for name in ("b.yaml", "c.yaml"):
        own_scenario(MINIMAL.replace("id: t\n", f"id: {name[0]}\n"), name)
    now = [0.0]
    checked = library.load_entry

    def slow_check(path: Path, source: str) -> LibraryEntry:
        now[0] += 2.0
        return checked(path, source)

    monkeypatch.setattr(library.time, "monotonic", lambda: now[0])
    monkeypatch.setattr(library, "load_entry", slow_check)
    listed = library.read_each(use_cache=True)
    files = library.scenario_files(paths.user_scenarios_dir())
    for entry in listed:  # stopped once the last of the new files was checked
        if entry.path == files[-2]:
            break
    listed.close()
    kept = library_cache.read()
    assert str(library_cache.resolved(files[0])) in kept  # known before
    assert str(library_cache.resolved(files[1])) in kept  # checked on the way
    assert len(kept) == len(discover()) - 1  # all but the file never reached


def test_a_corrupt_or_foreign_cache_is_ignored_and_rewritten() -> None:
    discover(use_cache=True)
    cache = library_cache.cache_path()
    cache.write_text("{not json", encoding="utf-8")
    assert discover_cached() is None
    discover(use_cache=True)
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["version"] = "0.0.0-other"
    cache.write_text(json.dumps(data), encoding="utf-8")
    assert discover_cached() is None


async def test_a_cached_library_is_listed_in_the_picker_s_first_frame(monkeypatch) -> None:
    discover(use_cache=True)
    expected = [entry.id for entry in discover()]

    def no_reading(*args: object, **kwargs: object) -> list[LibraryEntry]:
        raise AssertionError("the files were read although the cache lists them all")

    monkeypatch.setattr(library, "discover", no_reading)
    app = build_app()
    async with app.run_test(size=(80, 24)):
        # No pause: mounting the picker listed the library and read the store.
        screen = app.screen_stack[0]
        assert isinstance(screen, PickerScreen)
        assert [entry.id for entry in screen.shown] == expected


async def test_the_first_start_lists_each_file_as_it_is_read(monkeypatch) -> None:
    """A file slow to check holds back neither the rows read before it, nor the welcome,
    nor the keys: the picker lists what is read while the rest is read."""
    own_scenario(name="slow.yaml")
    bundled = len(library.scenario_files(paths.bundled_dir("scenarios")))
    checked = threading.Event()  # the slow file's check ends when the test says so
    load_entry = library.load_entry

    def slow(path: Path, source: str) -> LibraryEntry:
        if path.name == "slow.yaml":
            assert checked.wait(PATIENCE)
        return load_entry(path, source)

    monkeypatch.setattr(library, "load_entry", slow)
    app = build_app()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            picker = app.screen_stack[0]
            assert isinstance(picker, PickerScreen)
            await until(pilot, lambda: len(picker.entries) == bundled)
            assert isinstance(app.screen, WelcomeScreen)  # over the rows read so far
            assert not app.library  # still reading: the slow file is not in the cache yet
            assert not [name for name in library_cache.read() if name.endswith("slow.yaml")]
            await pilot.press("enter", "s", "t", "a", "g", "e")
            assert [entry.id for entry in picker.shown] == ["the-stage"]
            checked.set()
            await until(pilot, lambda: app.library)
            assert [entry.id for entry in app.library][-1] == "t"
    finally:
        checked.set()  # never leave the reading thread waiting
    assert library_cache.cache_path().is_file()


def count_checks(monkeypatch) -> list[Path]:
    """The files the library checks from now on (read and validated), in order."""
    checked: list[Path] = []
    real = library.load_entry

    def counting(path: Path, source: str) -> LibraryEntry:
        checked.append(path)
        return real(path, source)

    monkeypatch.setattr(library, "load_entry", counting)
    return checked


def test_list_and_play_by_id_never_check_the_same_bad_file_twice(monkeypatch, capsys) -> None:
    from cold_to_gold.cli import main

    own_scenario("format: cold-to-gold/1\nid: broken\n", "broken.yaml")
    checked = count_checks(monkeypatch)
    assert main(["list"]) == 0
    first = len(checked)
    assert any(path.name == "broken.yaml" for path in checked)
    assert main(["list"]) == 0
    assert main(["play", "first-steps", "--choose", "call"]) == 0
    assert len(checked) == first  # the verdicts came from the cache
    assert "INVALID" in capsys.readouterr().out


def test_play_by_id_checks_only_the_files_that_can_be_that_scenario(monkeypatch) -> None:
    """A folder of slow-to-check files costs `play ID` nothing when the cache is cold:
    a file whose text never spells the id (nor escapes a character) cannot be it."""
    from cold_to_gold.cli import main

    for number in range(3):
        own_scenario(MINIMAL.replace("id: t\n", f"id: other-{number}\n"), f"other{number}.yaml")
    wanted = own_scenario(MINIMAL.replace("id: t\n", "id: zq-wanted\n"), "mine.yaml")
    escaped = own_scenario(MINIMAL.replace("id: t\n", 'id: "zq-\\x77anted-2"\n'), "escaped.yaml")
    checked = count_checks(monkeypatch)
    assert main(["play", "zq-wanted", "--choose", "call"]) == 0
    assert sorted(path.name for path in checked if path.parent == wanted.parent) == [
        "escaped.yaml",
        "mine.yaml",
    ]
    checked.clear()
    assert main(["play", "zq-wanted-2", "--choose", "call"]) == 0  # its id written with an escape
    assert [path.name for path in checked if path.parent == wanted.parent] == ["escaped.yaml"]
    checked.clear()
    assert main(["play", "first-steps", "--choose", "call"]) == 0
    assert [path for path in checked if path.parent == wanted.parent] == [escaped]


def test_play_by_the_id_of_a_refused_file_shows_why_it_was_refused(capsys) -> None:
    """Not "no scenario with the id" (a usage error): the file is there, and refused."""
    from cold_to_gold.cli import main

    path = own_scenario(MINIMAL.replace("id: t\n", "id: zq-refused\n").replace("goto:", "goto: x"))
    for _ in range(2):  # the file checked, then its verdict from the cache
        assert main(["play", "zq-refused", "--choose", "call"]) == 1
        error = capsys.readouterr().err
        assert error.startswith(f"{path}:") and "no scenario with the id" not in error
