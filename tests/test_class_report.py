"""The class report: every count, split, median and gain from the choices the room made."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from classroom_helpers import FIRST_CALL, Trainee, make_hub, played_hub, reopen

from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.classroom.records import ChoiceRow, Records, SeatRow, SessionRow
from cold_to_gold.classroom.report import class_report
from cold_to_gold.classroom.report_sources import gain_between, session_taken
from cold_to_gold.cli import main

PLANS = {
    "Ann": ["call", "meet"],
    "Bo": ["post", "email"],  # the meeting no longer fits: out of time, lost
    "Cy": ["post", "post", "email"],
    "Di": ["call", "meet"],
    "Ed": ["post"],  # still playing
}


@pytest.fixture
def hub(tmp_path: Path):
    return played_hub(tmp_path, PLANS)


def _json(capsys, *argv: str) -> dict:
    assert main(["report", *argv, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_every_count_and_split_follows_the_choices_made(hub, capsys) -> None:
    data = _json(capsys, hub.code)
    assert (data["session"], data["scenario"]) == (hub.session.id, "first-call")
    assert (data["trainees"], data["finished"]) == (5, 4)  # the removed seat is not counted
    results = {(r["outcome"], r["grade"]): r["count"] for r in data["results"]}
    assert results == {("won", "gold"): 2, ("lost", "cold"): 2}
    decisions = {d["scene"]: d for d in data["decisions"]}
    assert [d["scene"] for d in data["decisions"]] == ["the_comment", "quiet_week", "invited"]
    comment = decisions["the_comment"]
    assert (comment["reached"], comment["answered"]) == (5, 5)
    assert {c["id"]: c["count"] for c in comment["choices"]} == {"post": 3, "call": 2, "lunch": 0}
    assert [c["id"] for c in comment["choices"] if c["best"]] == ["call"]
    quiet = decisions["quiet_week"]
    # Cy posted there twice (a loop): two answers, one trainee; Ed is there now.
    assert (quiet["reached"], quiet["answered"]) == (3, 3)
    assert {c["id"]: c["count"] for c in quiet["choices"]} == {"email": 2, "post": 1}
    invited = decisions["invited"]  # Bo and Cy arrived with no time left: the run ended there
    assert (invited["reached"], invited["answered"]) == (2, 2)
    assert data["paths"][0] == {
        "choices": ["call", "meet"],
        "scenes": ["the_comment", "invited"],
        "count": 2,
        "ending": "gold",
        "outcome": "won",
        "grade": "gold",
    }
    assert sum(p["count"] for p in data["paths"]) == 4
    people = {p["name"]: p for p in data["people"]}
    assert people["Ed"]["finished"] is False and people["Ed"]["grade"] is None
    assert people["Cy"]["minutes"] == 30 + 30 + 10
    # Minutes per channel: the average over the four who finished.
    assert data["channels"]["post"]["minutes"] == pytest.approx((0 + 30 + 60 + 0) / 4, abs=0.05)
    assert data["channels"]["meet"]["minutes"] == (120 + 120) / 4
    assert data["channels"]["meet"]["best_minutes"] == 120
    assert _json(capsys, hub.code, "--anonymous").get("people") is None


def _session(records: Records, key: str, scenario_path: Path, started: str) -> SessionRow:
    source = scenario_path.read_text()
    row = SessionRow(
        key, key.upper()[-6:], _scenario_id(source), "t", str(scenario_path), source, "together",
        "127.0.0.1", 0, "f", 0, False, False, started, None,
    )  # fmt: skip
    records.create_session(row)
    return row


def _scenario_id(source: str) -> str:
    return next(line.split(":")[1].split()[0] for line in source.splitlines() if line[:3] == "id:")


def _seat(records: Records, session: str, number: int, name: str, joined: str) -> None:
    records.add_seat(session, SeatRow(number, name, f"h{number}", joined, None))


def test_the_median_time_to_decide_counts_from_when_the_decision_opened(tmp_path) -> None:
    records = Records.open()
    _session(records, "s1", FIRST_CALL, "2026-12-01T09:00:00.000+00:00")
    for number, name in enumerate(["A", "B", "C"], 1):
        _seat(records, "s1", number, name, "2026-12-01T09:00:00.000+00:00")
    # Decision 1 is open from the start; decision 2 opens to the room at 09:02.
    records.db.execute("INSERT INTO rounds VALUES ('s1', 1, '2026-12-01T09:02:00.000+00:00')")
    times = {1: ("09:00:10", "09:02:30"), 2: ("09:00:20", "09:02:10"), 3: ("09:01:00", "09:03:00")}
    for seat, (first, second) in times.items():
        for step, (scene, choice, at) in enumerate(
            [("the_comment", "call", first), ("invited", "meet", second)]
        ):
            records.record_choice(
                "s1", ChoiceRow(seat, step, scene, choice, f"2026-12-01T{at}.000+00:00")
            )
    _, scenario, taken = session_taken(records, "s1")
    report = class_report(scenario, taken)
    first, second = report.decisions
    assert first.median_seconds == 20  # 10, 20, 60
    assert second.median_seconds == 30  # from 09:02 (not from each answer): 30, 10, 60


def test_two_sessions_aggregate_to_the_sum_of_their_splits(tmp_path, capsys) -> None:
    hubs = []
    for plans in (
        {"A": ["call", "meet"], "B": ["post"]},
        {"C": ["post", "email"], "D": ["call", "meet"]},
    ):
        hub = make_hub(tmp_path, pace="free")
        for name, plan in plans.items():
            seat = hub.join(Trainee(), hub.code, name=name)
            for step, choice in enumerate(plan):
                hub.choose(seat, step, choice)
        hubs.append(hub)
    one, two = (_json(capsys, hub.code) for hub in hubs)
    both = _json(capsys, "--scenario", "first-call")
    assert both["sessions"] == [hub.session.id for hub in hubs]
    assert both["trainees"] == one["trainees"] + two["trainees"] == 4
    for decision in both["decisions"]:
        parts = [
            {c["id"]: c["count"] for d in data["decisions"] if d["scene"] == decision["scene"]
             for c in d["choices"]}
            for data in (one, two)
        ]  # fmt: skip
        for choice in decision["choices"]:
            assert choice["count"] == sum(part.get(choice["id"], 0) for part in parts)


def test_a_session_killed_and_resumed_counts_each_choice_once(tmp_path, capsys) -> None:
    hub = make_hub(tmp_path, pace="free")
    trainee = Trainee()
    hub.join(trainee, hub.code, name="A")
    token = trainee.inbox[0]["token"]
    hub.choose(hub.seats[1], 0, "call")
    again = reopen(hub, tmp_path)  # a new host on the same records, as after `kill -9`
    seat = again.join(Trainee(), again.code, token=token)
    again.choose(seat, 0, "call")  # the trainee's app resends what it had sent
    again.choose(seat, 1, "meet")
    data = _json(capsys, hub.code)
    assert [d["answered"] for d in data["decisions"]] == [1, 1]
    assert (data["trainees"], data["finished"]) == (1, 1)


def test_the_check_gain_by_item_matches_trainees_by_name(tmp_path) -> None:
    check = bundled_dir("scenarios") / "before-and-after.yaml"
    records = Records.open()
    from cold_to_gold.engine.result import best_for
    from cold_to_gold.library.load import load_scenario

    scenario = load_scenario(check)
    sound = best_for(scenario).path
    wrong = _a_wrong_path(scenario)
    answers = {"before": {"Ann": wrong, "Bo": sound}, "after": {"ann ": sound, "Bo": sound}}
    for key, started in (("before", "2026-12-01T09:00"), ("after", "2026-12-01T11:00")):
        _session(records, key, check, started + ":00.000+00:00")
        for number, (name, path) in enumerate(answers[key].items(), 1):
            _seat(records, key, number, name, started + ":00.000+00:00")
            at = scenario.start
            for step, choice_id in enumerate(path):
                row = ChoiceRow(number, step, at, choice_id, started + ":30.000+00:00")
                records.record_choice(key, row)
                at = next(c.goto for c in scenario.scenes[at].choices if c.id == choice_id)
    gain = gain_between(records, "before", "after")
    assert gain is not None and gain.matched == 2
    changed = {item.scene for item in gain.items if item.gain}
    assert all(item.after == 1.0 for item in gain.items)
    for item in gain.items:
        assert item.before == (0.5 if item.scene in changed else 1.0)
    assert changed  # the wrong path differs from the sound one somewhere


def _a_wrong_path(scenario) -> list[str]:
    """Every item answered with its first choice that is not the sound one (where there is one)."""
    from cold_to_gold.engine import Run
    from cold_to_gold.engine.result import best_for

    sound = best_for(scenario).path
    run = Run(scenario)
    for right in sound:
        options = [o.choice.id for o in run.options() if o.available]
        run.choose(next((o for o in options if o != right), right))
        if run.finished:
            break
    return run.path


def test_report_refuses_what_it_cannot_use(tmp_path, capsys) -> None:
    assert main(["report", "NOPE"]) == 1
    assert "no session 'NOPE'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stopped:
        main(["report"])
    assert stopped.value.code == 2
    with pytest.raises(SystemExit) as stopped:
        main(["report", "--scenario", "x", "--since", "yesterday"])
    assert stopped.value.code == 2


def test_the_page_is_self_contained_and_marks_best_and_mistakes(hub, tmp_path, capsys) -> None:
    out = tmp_path / "page"
    assert main(["report", hub.code, "--html", str(out)]) == 0
    page = next(out.glob("report-*.html")).read_text()
    # Nothing is fetched: no source, stylesheet, import or link to elsewhere (namespaces are names).
    for fetch in ("src=", "<link", "@import", "url(", 'href="http', "href='http"):
        assert fetch not in page
    assert "Each decision" in page and "<svg" in page and "best" in page
    assert "Ann" in page
    assert main(["report", hub.code, "--html", str(out), "--anonymous"]) == 0
    assert "Ann" not in next(out.glob("report-*.html")).read_text()


def test_the_statements_rebuild_the_reports_splits_and_results(hub, capsys) -> None:
    """docs/class-report-from-xapi.md's recipe, followed on the session's statements."""
    from collections import Counter

    from cold_to_gold.classroom.results import session_results
    from cold_to_gold.classroom.xapi import (
        CHOICE_EXTENSION,
        GRADE_EXTENSION,
        OUTCOME_EXTENSION,
        session_statements,
    )

    data = _json(capsys, hub.code)
    statements = session_statements(session_results(hub.records, hub.code))
    verb = lambda s: s["verb"]["id"].rsplit("/", 1)[1]  # noqa: E731
    results = Counter(
        (s["result"]["extensions"][OUTCOME_EXTENSION], s["result"]["extensions"][GRADE_EXTENSION])
        for s in statements
        if verb(s) == "completed"
    )
    assert results == {(r["outcome"], r["grade"]): r["count"] for r in data["results"]}
    for decision in data["decisions"]:
        answered = [
            s
            for s in statements
            if verb(s) == "answered" and s["object"]["id"].endswith(f":scene:{decision['scene']}")
        ]
        split = Counter(s["result"]["extensions"][CHOICE_EXTENSION] for s in answered)
        assert split == {c["id"]: c["count"] for c in decision["choices"] if c["count"]}


# --- printed for real (opt-in: pytest -m print) --------------------------------------

CHROMIUM = shutil.which("chromium")
PDF_TOOLS = shutil.which("pdfinfo") and shutil.which("pdftoppm")


def _margins_are_blank(pdf: Path, folder: Path) -> bool:
    """Every printed page keeps its margins white: nothing was pushed past the text width."""
    subprocess.run(
        ["pdftoppm", "-r", "40", "-gray", str(pdf), str(folder / "page")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    for picture in sorted(folder.glob("page*.pgm")):
        data = picture.read_bytes()
        _, width, height, _, pixels = data.split(maxsplit=4)
        width, height = int(width), int(height)
        edge = int(0.3 * 40)  # 0.3 in of the 0.5 in margin
        for row in range(height):
            line = pixels[row * width : (row + 1) * width]
            if min(line[:edge]) < 200 or min(line[-edge:]) < 200:
                return False
    return True


@pytest.mark.print
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_page_prints_on_a4_and_letter_without_clipping(hub, tmp_path: Path, paper: str) -> None:
    if not (CHROMIUM and PDF_TOOLS):
        pytest.fail("the print test needs Debian's chromium and poppler-utils")
    assert main(["report", hub.code, "--html", str(tmp_path)]) == 0
    page = next(tmp_path.glob("report-*.html"))
    sized = tmp_path / f"sized-{paper}.html"
    sized.write_text(
        page.read_text().replace("</style>", f"@page {{ size: {paper}; }}\n</style>", 1)
    )
    pdf = tmp_path / f"report-{paper}.pdf"
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         f"--print-to-pdf={pdf}", sized.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    for name in PLANS:
        assert name in text
    assert "Find her number" in text and "the best run" in text
    assert _margins_are_blank(pdf, tmp_path)
    # Nothing was shrunk to fit: every word, chart labels included, prints at 7 pt or more
    # (a word's box is about 1.15 times its type size).
    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True)
    heights = [  # words, not a lone separator whose glyph box is only its dot
        float(bottom) - float(top)
        for top, bottom, word in re.findall(
            r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<', boxes.stdout
        )
        if any(ch.isalnum() for ch in word)
    ]
    assert heights and min(heights) >= 7 * 1.15


def test_the_guide_fills_what_rooms_chose_from_the_records_and_keeps_the_expectation(
    tmp_path, capsys
) -> None:
    from cold_to_gold.classroom.hub import Hub
    from cold_to_gold.engine import find_best
    from cold_to_gold.library.load import load_text

    path = bundled_dir("scenarios") / "first-steps.yaml"
    source = path.read_text()
    scenario = load_text(source, str(path))
    hub = Hub.create(scenario, source, Records.open(), pace="free")
    seat = hub.join(Trainee(), hub.code, name="Ann")
    for step, choice in enumerate(find_best(scenario).path):
        hub.choose(seat, step, choice)
    assert main(["guide", "--html", str(tmp_path / "guide")]) == 0
    measured = (tmp_path / "guide" / "debriefs" / "first-steps.html").read_text()
    assert "Measured: 1 class session" in measured and "1 trainee (1 finished)" in measured
    assert "No class session of this scenario is on record yet" not in measured
    other = (tmp_path / "guide" / "debriefs" / "the-week.html").read_text()
    assert "No class session of this scenario is on record yet" in other


def test_what_each_choice_left_reachable_counts_the_trainees_who_took_it(hub, capsys) -> None:
    from cold_to_gold.engine import play
    from cold_to_gold.engine.reachable import still_reachable
    from cold_to_gold.library.load import load_scenario

    scenario = load_scenario(FIRST_CALL)
    data = _json(capsys, hub.code)
    comment = next(d for d in data["decisions"] if d["scene"] == "the_comment")
    opened = {c["id"]: c["still_open"] for c in comment["choices"]}
    grades = [g.name for g in scenario.scoring.grades]
    for choice_id, took in (("call", 2), ("post", 3)):
        best = still_reachable(scenario, play(scenario, [choice_id]).state).grade
        # Everyone who took it can still reach its best grade and every grade below it.
        expected = {g: (took if grades.index(g) >= grades.index(best) else 0) for g in grades}
        assert opened[choice_id] == expected
    assert opened["lunch"] == {}
    text = main(["report", hub.code]) or capsys.readouterr().out
    assert "gold still open for 2 of 2" in text


@pytest.mark.print
def test_pdf_is_printed_by_a_headless_chromium(hub, tmp_path: Path) -> None:
    if not (CHROMIUM and PDF_TOOLS):
        pytest.fail("the print test needs Debian's chromium and poppler-utils")
    pdf = tmp_path / "room.pdf"
    assert main(["report", hub.code, "--pdf", str(pdf), "--anonymous"]) == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "the room's own numbers" in text and "Ann" not in text


def test_pdf_without_a_browser_says_how(hub, tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    assert main(["report", hub.code, "--pdf", str(tmp_path / "x.pdf")]) == 1
    assert "--pdf needs a headless Chromium" in capsys.readouterr().err


def test_the_check_around_a_session_is_the_last_before_and_the_first_after(tmp_path) -> None:
    from cold_to_gold.classroom.report_sources import check_gain

    check = bundled_dir("scenarios") / "before-and-after.yaml"
    records = Records.open()
    for key, hour in (("old", "01"), ("before", "08"), ("after", "12"), ("later", "13")):
        _session(records, key, check, f"2026-12-01T{hour}:00:00.000+00:00")
        _seat(records, key, 1, "Ann", f"2026-12-01T{hour}:00:00.000+00:00")
    session = _session(records, "class", FIRST_CALL, "2026-12-01T09:00:00.000+00:00")
    found = check_gain(records, session)
    assert found is not None
    assert (found.before_session, found.after_session, found.matched) == ("before", "after", 1)
    alone = _session(records, "alone", FIRST_CALL, "2026-12-03T09:00:00.000+00:00")
    assert check_gain(records, alone) is None  # no check within twelve hours


def test_across_sessions_the_check_gain_pools_every_session_and_own_runs_stay_apart(
    tmp_path, capsys
) -> None:
    from cold_to_gold.engine.result import best_for
    from cold_to_gold.library.load import load_scenario
    from cold_to_gold.store.progress import ProgressStore
    from cold_to_gold.store.recorded import RecordedRun

    check = bundled_dir("scenarios") / "before-and-after.yaml"
    scenario = load_scenario(check)
    sound = best_for(scenario).path
    wrong = _a_wrong_path(scenario)
    records = Records.open()
    # Two classes of first-call, each with a check before (all wrong) and after (all sound).
    for day, names in (("01", ["Ann"]), ("02", ["Bo", "Cy", "Di"])):
        for key, hour, path in (("b", "08", wrong), ("a", "12", sound)):
            _session(records, f"{key}{day}", check, f"2026-12-{day}T{hour}:00:00.000+00:00")
            for number, name in enumerate(names, 1):
                _seat(records, f"{key}{day}", number, name, f"2026-12-{day}T{hour}:00:00+00:00")
                at = scenario.start
                for step, choice_id in enumerate(path):
                    row = ChoiceRow(
                        number, step, at, choice_id, f"2026-12-{day}T{hour}:01:00+00:00"
                    )
                    records.record_choice(f"{key}{day}", row)
                    at = next(c.goto for c in scenario.scenes[at].choices if c.id == choice_id)
        _session(records, f"class{day}", FIRST_CALL, f"2026-12-{day}T09:00:00.000+00:00")
    store = ProgressStore.open()
    recorded = RecordedRun.start(load_scenario(FIRST_CALL), store)
    for choice in ("call", "meet"):
        recorded.choose(choice)
    store.close()
    data = _json(capsys, "--scenario", "first-call")
    assert data["check"]["matched"] == 4
    changed = [item for item in data["check"]["items"] if item["before"] < 1]
    assert changed and all(item["before"] == 0 and item["after"] == 1 for item in changed)
    assert data["solo"]["trainees"] == 1 and data["solo"]["finished"] == 1
    assert data["trainees"] == 0  # the classes had nobody seated; own runs are not mixed in


def test_a_second_sound_answer_counts_as_sound_in_the_gain(tmp_path) -> None:
    """The report scores the check as its printed key does: any unmarked choice is sound."""
    from cold_to_gold.engine import Run
    from cold_to_gold.engine.result import best_for
    from cold_to_gold.engine.sound import sound_choices
    from cold_to_gold.library.load import load_scenario

    check = bundled_dir("scenarios") / "before-and-after.yaml"
    scenario = load_scenario(check)
    sound = sound_choices(scenario)
    doubles = [scene for scene, ids in sound.items() if len(ids) > 1]
    assert doubles  # the check has items with two sound answers
    records = Records.open()
    for key, hour in (("before", "08"), ("after", "12")):
        _session(records, key, check, f"2026-12-01T{hour}:00:00.000+00:00")
        _seat(records, key, 1, "Ann", f"2026-12-01T{hour}:00:00.000+00:00")
        run = Run(scenario)
        for step, best in enumerate(best_for(scenario).path):
            at = run.at
            other = [i for i in sound[at] if i != best] if key == "after" else []
            choice = other[0] if other else best
            records.record_choice(
                key, ChoiceRow(1, step, at, choice, f"2026-12-01T{hour}:01:00+00:00")
            )
            run.choose(choice)
    gain = gain_between(records, "before", "after")
    assert gain is not None and all(item.before == item.after == 1.0 for item in gain.items)
