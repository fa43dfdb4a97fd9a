"""A fuzz harness: mutate every bundled scenario and push each mutant through the whole
pipeline an author or a trainee would: validate → best → play → lint → graph → test.

Every mutant must end in one of the expected ways: refused with located, one-line
messages, or valid and then played, scored, linted, drawn and tested; a search too
large for the engine is refused with its message. Anything else is a failure: an
internal error (an exception nobody expected), a hang (a mutant over the time limit),
a message that is not one located line.

CI runs it small (tests/test_fuzz.py); a developer runs it large:

    python tests/fuzz.py --count 10000            # about a quarter of an hour on 2 cores
    python tests/fuzz.py --count 200 --seed 7 --save fuzz-failures/

Each mutant is reproducible from its seed and number (printed with every failure;
`--only N` replays one, `--save DIR` writes the failing mutants as files).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import random
import re
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script from a checkout

from cold_to_gold.author.graph import dot, mermaid  # noqa: E402
from cold_to_gold.author.lint import lint  # noqa: E402
from cold_to_gold.engine import Run, SearchTooLarge, best_for, check_all, transcript  # noqa: E402
from cold_to_gold.library.load import load_text  # noqa: E402
from cold_to_gold.scenario import ScenarioInvalid  # noqa: E402

SOURCES = sorted((ROOT / "scenarios").glob("*.yaml"))
NAME = "mutant.yaml"
SEARCH_FILES = ("engine/best.py", "engine/state_key.py", "engine/rules.py", "author/explore.py")

# Pieces of YAML and of the format that tend to break parsers and validators.
BITS = [
    ":", ": ", "- ", "-", "{", "}", "[", "]", ",", "&a ", "*a", "<<: *a", "!!", "#", "'", '"',
    "\n", "  ", "\t", "~", "null", "true", "no", "on", "-1", "0", "0.5", "1e9", "010", "1:30",
    "0o17", ".inf", ".nan", "---\n", "...", "|\n", ">-\n", "? ", "%YAML 1.2\n", "!!bool 1",
    "!!int x", "!!float x", "!!null x", "!!str ", "!!binary x", "!!timestamp x", "!!set ",
    "!!omap ", "!!python/object:os.system ", "!custom ", "!<tag:x,2024:y> ", "\x07", "\x85",
    "\u2028", "é", "١٢", "１２", "²", "\ufeff", "goto: ", "when: ", "with: ", "minutes: ",
    "trust >= ", "they_know_you", "visits.", "out_of_time", "not ", " and ", " or ", "==",
    "(", ")", "\\", "\\n", "\r\n", "\r",
]  # fmt: skip

VALUES = [
    "0", "-1", "1", "2", "7", "-100", "999", "100000", "999999999999", "1.5", "-0.25", "010",
    "1:30", "1e3", "0o17", "0x1F", "1_000", ".inf", "-.inf", ".nan", "true", "false", "yes",
    "off", "~", "null", "''", '""', "[]", "{}", "[1, 2]", "{a: 1}", "!!bool 1", "!!int x",
    "!!float x", "!!null x", "!!str 12", "!!timestamp soon", "!!python/tuple [1]", "!mine x",
    '"two\\nlines"', "'it''s'", '"tab\\there"', "|\n      block\n      text", "a" * 300,
    "x" * 5000, "١٢", "&anchor value", "*anchor", "[[[[[[[[1]]]]]]]]", "é" * 40,
    "won", "lost", "neutral", "post", "email", "call", "meet", "gold", "out_of_time",
    "1.0e+999999", "-1.0e+99", "1.0e-999999", "9" * 40,
]  # fmt: skip

GUARDS = [
    "trust >= 1", "trust >= ١٢", "not not not true", "(" * 50 + "1" + ")" * 50,
    "1 < trust < 3", "trust == = 1", "trust >= 1 and", "visits.nowhere > 0", "x" * 1200,
    "minutes_left >= 30", "referrals > 0 or false", "trust >= 1.5.5", "9" * 400,
    "they_know_you - - - 1 > 0", "'text' == 1", "trust >= 1 # comment", "\\u0000",
]  # fmt: skip


def mutate(text: str, rng: random.Random) -> str:
    """One to four random edits: characters, lines, values, guards, references."""
    for _ in range(rng.randint(1, 4)):
        text = rng.choice(MUTATORS)(text, rng)
    return text


def _insert_bit(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice(BITS) + text[at:]


def _delete_span(text: str, rng: random.Random) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + text[at + rng.randint(1, 40) :]


def _lines(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    action = rng.randrange(4)
    if action == 0:
        del lines[i]
    elif action == 1:
        lines.insert(i, lines[j])
    elif action == 2:
        lines[i], lines[j] = lines[j], lines[i]
    else:
        lines[i] = rng.choice(["", " ", "  ", "   ", "\t", "    "]) + lines[i].lstrip()
    return "\n".join(lines)


def _value(text: str, rng: random.Random) -> str:
    """Replace the value after one `key: ` with an interesting one."""
    lines = text.split("\n")
    candidates = [
        i for i, line in enumerate(lines) if ": " in line and not line.strip().startswith("#")
    ]
    if not candidates:
        return text
    i = rng.choice(candidates)
    key = lines[i][: lines[i].index(": ") + 2]
    lines[i] = key + rng.choice(VALUES)
    return "\n".join(lines)


def _guard(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if "when:" in line]
    if not candidates:
        return text
    i = rng.choice(candidates)
    lines[i] = lines[i][: lines[i].index("when:")] + "when: " + json.dumps(rng.choice(GUARDS))
    return "\n".join(lines)


def _reference(text: str, rng: random.Random) -> str:
    """Point a goto, start or with at another id of the file, or at nothing."""
    lines = text.split("\n")
    keys = ("goto:", "start:", "with:", "id:")
    candidates = [i for i, line in enumerate(lines) if line.strip().startswith(keys)]
    targets = [line.split(":", 1)[1].strip() for line in lines if line.strip().startswith(keys)]
    if not candidates:
        return text
    i = rng.choice(candidates)
    key = lines[i][: lines[i].index(":") + 1]
    lines[i] = key + " " + (rng.choice(targets) if rng.random() < 0.8 else "nowhere")
    return "\n".join(lines)


NUMBERS = [
    "0",
    "1",
    "-5",
    "3",
    "10",
    "45",
    "240",
    "1.5",
    "-0.5",
    "010",
    "1:30",
    "1e3",
    "999999999999",
]
_NUMBER = re.compile(r"(?<![\w.])-?[0-9]+(\.[0-9]+)?(?![\w.])")


def _number(text: str, rng: random.Random) -> str:
    """Change one number in the file: a cost, a budget, an effect, a threshold."""
    found = list(_NUMBER.finditer(text))
    if not found:
        return text
    match = rng.choice(found)
    return text[: match.start()] + rng.choice(NUMBERS) + text[match.end() :]


def _misspell_key(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    candidates = [i for i, line in enumerate(lines) if re.match(r"\s*-?\s*[a-z_]+:", line)]
    if not candidates:
        return text
    i = rng.choice(candidates)
    line = lines[i]
    start = len(line) - len(line.lstrip(" -"))
    end = line.index(":", start)
    at = rng.randrange(start, end)
    lines[i] = line[:at] + rng.choice("aeiouxz_") + line[at + 1 :]
    return "\n".join(lines)


def _truncate(text: str, rng: random.Random) -> str:
    return text[: rng.randrange(len(text) + 1)]


MUTATORS: list[Callable[[str, random.Random], str]] = [
    _insert_bit, _insert_bit, _delete_span, _lines, _lines, _value, _value, _value, _guard,
    _guard, _reference, _reference, _reference, _number, _number, _number, _misspell_key,
    _truncate,
]  # fmt: skip


# --- the pipeline -------------------------------------------------------------------


class Slow(Exception):
    """The mutant used up its time."""


@contextlib.contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    def expire(signum: int, frame: object) -> None:
        raise Slow

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


class BadMessage(Exception):
    """A message that is not one located line."""


def check_line(text: str, what: str) -> None:
    if not text.strip() or len(text.splitlines()) != 1:
        raise BadMessage(f"{what} is not one line: {text!r}")


def check_located(line: int, column: int, message: str, what: str) -> None:
    if line < 1 or column < 1:
        raise BadMessage(f"{what} at line {line}, column {column}: {message!r}")
    check_line(message, what)


def run_pipeline(text: str, rng: random.Random) -> str:
    """The mutant through every stage; returns how it ended ("refused" or "valid")."""
    try:
        scenario = load_text(text, NAME)
    except ScenarioInvalid as error:
        if not error.problems:
            raise BadMessage("refused without a problem") from None
        for problem in error.problems:
            check_located(problem.line, problem.column, problem.message, "problem")
            check_line(str(problem), "problem")
            if not str(problem).startswith(f"{NAME}:"):
                raise BadMessage(f"problem without its file: {problem}") from None
        return "refused"
    best_for(scenario)  # best
    run = Run(scenario)  # play: random choices, some taken back
    for _ in range(300):
        options = [option for option in run.options() if option.available]
        if run.finished or not options:
            break
        if run.steps and rng.random() < 0.1:
            run.undo()
            continue
        run.choose(rng.choice(options).choice.id)
    json.dumps(transcript(run))
    report = lint(scenario)  # lint
    for finding in report.findings:
        check_located(finding.line, finding.column, finding.message, "lint finding")
        check_line(str(finding), "lint finding")
    for line in report.summary(scenario):
        check_line(line, "lint summary")
    mermaid(scenario)  # graph
    dot(scenario)
    for outcome in check_all(scenario):  # test
        for failure in outcome.failures:
            check_line(failure, "test failure")
    return "valid"


@dataclass
class Report:
    outcomes: Counter[str] = field(default_factory=Counter)
    failures: list[tuple[int, str, str]] = field(default_factory=list)  # (number, kind, detail)
    slowest: tuple[float, int] = (0.0, -1)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failures


def in_the_search(error: BaseException) -> bool:
    """Whether the time or memory ran out inside the best-run search or the exploration."""
    frames = traceback.extract_tb(error.__traceback__)
    return any(frame.filename.endswith(SEARCH_FILES) for frame in frames)


def fuzz_one(number: int, seed: int, limit: float) -> tuple[str, str, str]:
    """(outcome, failure kind or "", detail) for mutant `number` of `seed`."""
    rng = random.Random(f"{seed}:{number}")
    source = rng.choice(SOURCES)
    text = mutate(source.read_text(encoding="utf-8"), rng)
    try:
        with time_limit(limit):
            return run_pipeline(text, rng), "", ""
    except SearchTooLarge as error:
        check_line(str(error), "search message")
        return "too large", "", ""
    except (Slow, MemoryError) as error:
        if in_the_search(error):  # the unbounded search of format 1: issue 10 bounds it
            return "slow search", "", source.name
        return "failed", "hang", f"{source.name}: no answer within {limit} s"
    except BadMessage as error:
        return "failed", "bad message", f"{source.name}: {error}"
    except Exception as error:
        where = traceback.extract_tb(error.__traceback__)[-1]
        detail = f"{source.name}: {type(error).__name__}: {error} ({where.filename}:{where.lineno})"
        return "failed", "internal error", detail


def mutant_text(number: int, seed: int) -> str:
    rng = random.Random(f"{seed}:{number}")
    source = rng.choice(SOURCES)
    return mutate(source.read_text(encoding="utf-8"), rng)


def fuzz(count: int, seed: int, limit: float, numbers: list[int] | None = None) -> Report:
    report = Report()
    began = time.perf_counter()
    for number in numbers if numbers is not None else range(count):
        start = time.perf_counter()
        outcome, kind, detail = fuzz_one(number, seed, limit)
        took = time.perf_counter() - start
        report.outcomes[outcome] += 1
        if kind:
            report.failures.append((number, kind, detail))
        report.slowest = max(report.slowest, (took, number))
    report.seconds = time.perf_counter() - began
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000, help="mutants to try (default 1000)")
    parser.add_argument("--seed", type=int, default=1, help="which mutants (default 1)")
    parser.add_argument("--limit", type=float, default=10.0, help="seconds per mutant")
    parser.add_argument("--memory", type=int, default=1024, help="MiB of memory at most")
    parser.add_argument("--only", type=int, action="append", help="replay mutant N only")
    parser.add_argument("--save", type=Path, help="write each failing mutant to this folder")
    args = parser.parse_args(argv)
    limit = args.memory * 1024 * 1024  # a runaway search must not swap a shared machine
    with contextlib.suppress(ValueError, OSError):  # not every system lets a process cap it
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    report = fuzz(args.count, args.seed, args.limit, args.only)
    total = sum(report.outcomes.values())
    print(
        f"{total} mutants of {len(SOURCES)} scenarios (seed {args.seed}) in {report.seconds:.1f} s"
    )
    for outcome, count in sorted(report.outcomes.items()):
        print(f"  {outcome:<12} {count:>6}")
    took, number = report.slowest
    print(f"  slowest: mutant {number}, {took:.2f} s")
    for number, kind, detail in report.failures:
        print(f"FAIL mutant {number} (seed {args.seed}): {kind}: {detail}")
        if args.save:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"mutant-{args.seed}-{number}.yaml").write_text(
                mutant_text(number, args.seed), encoding="utf-8"
            )
    print("OK: no internal error, no hang, every message one located line" if report.ok else
          f"{len(report.failures)} failures")  # fmt: skip
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main())
