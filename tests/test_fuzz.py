"""The fuzz harness (tests/fuzz.py) at CI size, and the harness itself telling failures apart.

A developer runs it large: `python tests/fuzz.py --count 10000`.
"""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import fuzz
import pytest

HARNESS = Path(fuzz.__file__)


@pytest.mark.slow  # 150 mutants, each checked in full
def test_mutants_of_every_bundled_scenario_end_as_expected() -> None:
    # Its own process: the harness caps its memory and uses a timer signal per mutant.
    done = subprocess.run(
        [sys.executable, str(HARNESS), "--count", "150", "--seed", "2026", "--limit", "10"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith(f"150 mutants of {len(fuzz.SOURCES)} scenarios (seed 2026)")
    assert lines[-1] == "OK: no internal error, no hang, every message one located line"
    counts = {line.split()[0]: int(line.split()[-1]) for line in lines if line.startswith("  ")
              and not line.startswith("  slowest")}  # fmt: skip
    assert counts["refused"] > 20 and counts["valid"] > 20  # both roads are exercised


def test_mutants_are_reproducible() -> None:
    assert fuzz.mutant_text(42, 7) == fuzz.mutant_text(42, 7)
    assert fuzz.mutant_text(42, 7) != fuzz.mutant_text(43, 7)


@pytest.mark.parametrize(
    "raised, kind",
    [
        (KeyError("1"), "internal error"),
        (fuzz.BadMessage("problem is not one line"), "bad message"),
        (fuzz.Slow(), "hang"),
    ],
)
def test_the_harness_reports_what_went_wrong(
    monkeypatch: pytest.MonkeyPatch, raised: Exception, kind: str
) -> None:
    def pipeline(text: str, rng: random.Random) -> str:
        raise raised

    monkeypatch.setattr(fuzz, "run_pipeline", pipeline)
    outcome, found, detail = fuzz.fuzz_one(0, 1, 5.0)
    assert (outcome, found) == ("failed", kind)
    assert detail


def test_a_message_on_two_lines_is_caught() -> None:
    with pytest.raises(fuzz.BadMessage):
        fuzz.check_located(3, 4, "expected a mapping, got 'two\nlines'", "problem")
    with pytest.raises(fuzz.BadMessage):
        fuzz.check_located(0, 1, "a message", "problem")
    fuzz.check_located(3, 4, "expected a mapping, got 'two\\nlines'", "problem")
