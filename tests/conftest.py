"""Shared fixtures: every test gets its own data folder, never the real home directory."""

from __future__ import annotations

import gc
import os
import subprocess
import textwrap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cold_to_gold.library.load import load_text
from cold_to_gold.scenario import Problem, Scenario, ScenarioInvalid

DATA = Path(__file__).parent / "data"
CONTRACT_EXAMPLE = DATA / "first-call.yaml"

MINIMAL = """\
format: cold-to-gold/1
id: t
title: T
people:
  - {id: ann, name: Ann}
start: a
scenes:
  a:
    title: A
    text: A
    choices:
      - {channel: call, label: Call, goto: win}
endings:
  win: {title: W, text: W, outcome: won}
"""


def pytest_collection_finish(session: pytest.Session) -> None:
    """Leave what collection loaded (Textual, the app, every test module) out of the
    garbage collector's passes, and run them less often: each app test makes a great
    many objects, and passes over the whole test process took a fifth of its time."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 10, 10)


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (the pyproject's default): two workers per core. Most app tests spend
    their time waiting for Textual to fall idle between keys, so a second worker on
    each core fills that time: on 2 cores the plain run took 116 s with two workers
    and 94 s with four (measured back to back on a quiet machine)."""
    return 2 * len(os.sched_getaffinity(0))


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point COLD_TO_GOLD_HOME at a fresh temporary folder for every test."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("COLD_TO_GOLD_HOME", str(home))
    monkeypatch.delenv("COLD_TO_GOLD_DEBUG", raising=False)
    return home


@pytest.fixture(scope="session")
def checked_library(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The library cache a returning trainee has: the bundled scenarios, checked once a session."""
    from cold_to_gold.library import cache as library_cache
    from cold_to_gold.library.listing import discover

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COLD_TO_GOLD_HOME", str(tmp_path_factory.mktemp("checked")))
        discover(use_cache=True)
        return library_cache.cache_path().read_bytes()


@pytest.fixture
def warm_library(request: pytest.FixtureRequest, data_home: Path, checked_library: bytes) -> None:
    """Start the test's data folder with that cache, as the app finds it on every start but
    the first (a test marked `cold_library` starts without it): the picker lists the
    library from it at once, instead of checking every file again in each test."""
    from cold_to_gold.library import cache as library_cache

    if request.node.get_closest_marker("cold_library") is None:
        assert library_cache.cache_path().parent == data_home
        library_cache.cache_path().write_bytes(checked_library)


@pytest.fixture
def guide_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the facilitator guide and of the bundled scenarios, which the guide's
    generator reads and writes instead of the project's own: a test that runs it to
    rewrite (`generate.main([])`) never changes the project's files. Returns the guide."""
    import shutil

    from cold_to_gold.base.paths import bundled_dir
    from cold_to_gold.guide import generate, maps

    copies = {}
    for name in ("facilitator_guide", "scenarios"):
        copies[name] = tmp_path / name
        shutil.copytree(bundled_dir(name), copies[name])

    def elsewhere(name: str) -> Path:
        return copies.get(name) or bundled_dir(name)

    monkeypatch.setattr(generate, "bundled_dir", elsewhere)
    monkeypatch.setattr(maps, "bundled_dir", elsewhere)
    return copies["facilitator_guide"]


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def load(text: str) -> Scenario:
    """A scenario from YAML text (dedented)."""
    return load_text(dedent(text), "s.yaml")


def problems(text: str) -> list[Problem]:
    """The errors a YAML text produces; fails the test if it is valid."""
    try:
        load_text(dedent(text), "s.yaml")
    except ScenarioInvalid as error:
        return list(error.problems)
    raise AssertionError("expected the scenario to be invalid")


def only_problem(text: str) -> Problem:
    found = problems(text)
    assert len(found) == 1, "\n".join(map(str, found))
    return found[0]


@contextmanager
def read_only(*paths: Path) -> Iterator[None]:
    """Make files or folders read-only for the block, even for root (which ignores modes).

    As root, the immutable attribute (`chattr +i`) is what the kernel refuses to write.
    """
    root = os.geteuid() == 0
    for path in paths:
        if root:
            subprocess.run(["chattr", "+i", str(path)], check=True)
        else:
            path.chmod(path.stat().st_mode & ~0o222)
    try:
        for path in paths:
            assert not os.access(path, os.W_OK), f"could not make {path} read-only"
        yield
    finally:
        for path in paths:
            if root:
                subprocess.run(["chattr", "-i", str(path)], check=True)
            else:
                path.chmod(path.stat().st_mode | 0o200)
