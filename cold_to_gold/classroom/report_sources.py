"""Where the class report's runs come from: a stored session, every session of a scenario,
a trainee's own history, and the pre/post check played around a session.

Each trainee's choices are replayed by the engine on the scenario the session
played (its source is stored with it), so the numbers are the host's numbers.
Sessions of one scenario pool into one report only when they played the same
file; a session that played an earlier version is replayed on the newest one
as far as its choices still apply, and the report says how many did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from cold_to_gold.classroom.records import Records, SessionRow
from cold_to_gold.classroom.report import Taken
from cold_to_gold.classroom.results import Attempt, NoSuchSession, session_results
from cold_to_gold.engine import Run, RunError
from cold_to_gold.engine.sound import sound_choices
from cold_to_gold.scenario.model import Scenario

CHECK_ID = "before-and-after"
CHECK_WINDOW = timedelta(hours=12)  # a check counts for a session played within this of it


def attempt_taken(attempt: Attempt, session: SessionRow, rounds: dict[int, str]) -> Taken:
    paced = rounds if session.pace == "together" else {}
    opened = max(attempt.seat.joined_at, session.started_at)
    made = tuple(choice.made_at for choice in attempt.choices)
    return Taken(attempt.name, attempt.run, made, opened, paced)


def session_taken(records: Records, key: str) -> tuple[SessionRow, Scenario, list[Taken]]:
    """A stored session (by id or code): its row, its scenario, and each seated trainee's run."""
    results = session_results(records, key)
    rounds = records.round_times(results.session.id)
    taken = [
        attempt_taken(attempt, results.session, rounds)
        for attempt in results.attempts
        if not attempt.removed
    ]
    return results.session, results.scenario, taken


@dataclass(frozen=True)
class Pooled:
    """Every stored session of one scenario since a date, replayed on the newest file."""

    scenario: Scenario
    sessions: tuple[SessionRow, ...]
    taken: tuple[Taken, ...]
    older_versions: int  # sessions that played an earlier version of the file


def pooled_sessions(records: Records, scenario_id: str, since: str | None = None) -> Pooled:
    """Every session of `scenario_id` (started on or after `since`, an ISO date), oldest first."""
    sessions = [
        s
        for s in records.sessions()
        if s.scenario_id == scenario_id and (since is None or s.started_at[:10] >= since)
    ]
    if not sessions:
        after = f" since {since}" if since else ""
        raise NoSuchSession(f"no class session of '{scenario_id}'{after} in {records.path}")
    replayed = [session_results(records, session.id) for session in sessions]
    newest = replayed[-1].scenario
    taken: list[Taken] = []
    older = 0
    for session, results in zip(sessions, replayed, strict=True):
        rounds = records.round_times(session.id)
        same = session.scenario_source == sessions[-1].scenario_source
        older += not same
        for attempt in results.attempts:
            if attempt.removed:
                continue
            if not same:
                attempt = _replayed(newest, attempt)
            taken.append(attempt_taken(attempt, session, rounds))
    return Pooled(newest, tuple(sessions), tuple(taken), older)


def _replayed(scenario: Scenario, attempt: Attempt) -> Attempt:
    run = Run(scenario)
    for choice in attempt.choices:
        try:
            run.choose(choice.choice_id)
        except RunError:
            break
    return Attempt(attempt.seat, run, attempt.choices[: len(run.steps)])


def history_taken(store, scenario: Scenario, name: str, since: str | None = None) -> list[Taken]:
    """The trainee's own finished runs of the scenario (the progress store), replayed."""
    taken = []
    for finished in store.history(scenario.id):
        if since is not None and finished.finished_at[:10] < since:
            continue
        data = store.transcript(finished.id)
        if data is None:
            continue
        run = Run(scenario)
        try:
            for step in data.get("steps", []):
                run.choose(step["choice"])
        except (RunError, KeyError, TypeError):
            continue  # a run of an earlier version of the file: it no longer replays
        stamps = store.choice_times(finished.id)
        if len(stamps) != len(run.steps):
            stamps = (finished.finished_at,) * len(run.steps)
        taken.append(Taken(name, run, tuple(stamps), finished.started_at))
    return taken


@dataclass(frozen=True)
class ItemGain:
    """One item of the pre/post check: the share who gave the sound answer before and after."""

    scene: str
    title: str
    before: float  # 0..1, of the matched trainees who answered it before
    after: float

    @property
    def gain(self) -> float:
        return self.after - self.before


@dataclass(frozen=True)
class CheckGain:
    before_session: str
    after_session: str
    matched: int  # trainees found in both checks, by name
    items: tuple[ItemGain, ...]


def check_gain(records: Records, session: SessionRow) -> CheckGain | None:
    """The check played before and after `session` by the same trainees (matched by name).

    The "before" is the last check session that started before it, the "after" the
    first that started after it, both within `CHECK_WINDOW`; None when either is missing
    or nobody took both.
    """
    if session.scenario_id == CHECK_ID:
        return None
    start = datetime.fromisoformat(session.started_at)
    checks = [s for s in records.sessions() if s.scenario_id == CHECK_ID]
    before = [
        s for s in checks if start - CHECK_WINDOW <= datetime.fromisoformat(s.started_at) < start
    ]
    after = [
        s for s in checks if start < datetime.fromisoformat(s.started_at) <= start + CHECK_WINDOW
    ]
    if not before or not after:
        return None
    return gain_between(records, before[-1].id, after[0].id)


def gain_between(records: Records, before_key: str, after_key: str) -> CheckGain | None:
    """The gain by item between two check sessions, over the trainees in both (by name)."""
    first = session_results(records, before_key)
    second = session_results(records, after_key)
    answers_before = _answers(first.attempts)
    answers_after = _answers(second.attempts)
    names = sorted(set(answers_before) & set(answers_after))
    if not names:
        return None
    scenario = second.scenario
    sound = sound_choices(scenario)
    items = []
    for scene_id, right in sound.items():
        was = [answers_before[n][scene_id] in right for n in names if scene_id in answers_before[n]]
        now = [answers_after[n][scene_id] in right for n in names if scene_id in answers_after[n]]
        if not was or not now:
            continue
        title = scenario.scenes[scene_id].title
        items.append(ItemGain(scene_id, title, sum(was) / len(was), sum(now) / len(now)))
    return CheckGain(first.session.id, second.session.id, len(names), tuple(items))


def _answers(attempts: Sequence[Attempt]) -> dict[str, dict[str, str]]:
    """Name (case and spacing folded) -> scene -> the choice made there."""
    found: dict[str, dict[str, str]] = {}
    for attempt in attempts:
        if attempt.removed:
            continue
        key = " ".join(attempt.name.split()).casefold()
        found[key] = {step.scene: step.choice.id for step in attempt.run.steps}
    return found


def live_taken(records: Records, session: SessionRow, seats: Sequence) -> list[Taken]:
    """The runs a host holds right now (each seat's `number`, `name`, `run`, `joined_at`),
    with the times of their choices from the records: the console's class debrief."""
    rounds = records.round_times(session.id) if session.pace == "together" else {}
    times: dict[int, list[str]] = {}
    for choice in records.choices(session.id):
        times.setdefault(choice.seat, []).append(choice.made_at)
    return [
        Taken(
            seat.name,
            seat.run,
            tuple(times.get(seat.number, [])[: len(seat.run.steps)]),
            max(seat.joined_at, session.started_at),
            rounds,
        )
        for seat in seats
    ]


def pooled_check_gain(records: Records, sessions: Sequence[SessionRow]) -> CheckGain | None:
    """The check's gain around every one of `sessions`, pooled: each item's shares are
    weighted by how many trainees took both checks around each session."""
    gains = [gain for session in sessions if (gain := check_gain(records, session))]
    if not gains:
        return None
    matched = sum(gain.matched for gain in gains)
    totals: dict[str, list[float]] = {}
    titles: dict[str, str] = {}
    for gain in gains:
        for item in gain.items:
            total = totals.setdefault(item.scene, [0.0, 0.0, 0.0])
            total[0] += item.before * gain.matched
            total[1] += item.after * gain.matched
            total[2] += gain.matched
            titles[item.scene] = item.title
    items = tuple(
        ItemGain(scene, titles[scene], before / n, after / n)
        for scene, (before, after, n) in totals.items()
    )
    first, last = gains[0], gains[-1]
    return CheckGain(first.before_session, last.after_session, matched, items)
