"""Revision B, number for number: a tiny scenario worked out by hand against the contract.

Format 2 defaults: they_know_you 1, you_know_them 2, trust 3, referrals 5,
minutes -0.1; ceilings post tky 3, email tky 4 / ykt 3, call 6 / 6 / trust 3.
People: ann (weight 1), boss (weight 0), stu (weight 0.5).

- meet_ann, call: meet lifts ann to 3/3/3 (90 min); the call reaches ann and stu:
  ann 5/5/3 (trust already at the call's ceiling 3), stu 2/2/1; referrals 1;
  110 min. Score = ann (5 + 10 + 9) + 0.5 × stu (2 + 4 + 3) + 5 - 11
  = 24 + 4.5 + 5 - 11 = 22.5: the best winning run, 100 %, won · gold.
- tell_boss, call: boss 1/1/0 (weight 0: scores nothing), ann 2/2/1, stu 2/2/1,
  1 referral, 30 min: 9 + 4.5 + 5 - 3 = 15.5; 15.5 / 22.5 = 68.9 → 69 %, won · warm.
- meet_ann, give_up: ann 3/3/3, 100 min, no gains: 18 - 10 = 8; 35.6 → 36 %, lost:
  lukewarm needs won or neutral (section 10), so cold, capped by its outcome.
- meet_ann, post: the post reaches everyone; ann's tky is at the post's ceiling 3,
  boss and stu go to 1: 18 + 0.5 × 1 - 12 = 6.5; 28.9 → 29 %, lost · cold, not capped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cold_to_gold.engine import play, result_of
from cold_to_gold.engine.transcript import transcript
from cold_to_gold.scenario import load_text

TINY = Path(__file__).parent / "data" / "revision-b" / "tiny.yaml"


def tiny():
    return load_text(TINY.read_text(), str(TINY))


@pytest.mark.parametrize(
    ("path", "ending", "outcome", "score", "percent", "grade", "capped"),
    [
        (["meet_ann", "call"], "won_it", "won", 22.5, 100, "gold", False),
        (["tell_boss", "call"], "won_it", "won", 15.5, 69, "warm", False),
        (["meet_ann", "give_up"], "lost_it", "lost", 8, 36, "cold", True),
        (["meet_ann", "post"], "lost_it", "lost", 6.5, 29, "cold", False),
        (["tell_boss", "post"], "lost_it", "lost", -2.5, 0, "cold", False),
    ],
)
def test_runs_match_the_hand_worked_numbers(
    path, ending, outcome, score, percent, grade, capped
) -> None:
    data = transcript(play(tiny(), path))
    assert (data["ending"], data["outcome"]) == (ending, outcome)
    assert (data["score"], data["percent"], data["grade"]) == (score, percent, grade)
    assert data["capped_by_outcome"] is capped
    assert data["best"] == {"score": 22.5, "path": ["meet_ann", "call"]}


def test_the_people_in_the_transcript_carry_their_weight() -> None:
    data = transcript(play(tiny(), ["tell_boss", "call"]))
    people = data["people"]
    assert people["ann"] == {
        "they_know_you": 2,
        "you_know_them": 2,
        "trust": 1,
        "stage": "cold",
        "one_sided": False,
        "weight": 1,
    }
    assert people["boss"]["weight"] == 0
    assert (people["boss"]["they_know_you"], people["boss"]["you_know_them"]) == (1, 1)
    assert people["stu"]["weight"] == 0.5


def test_steps_say_which_choices_the_author_marked_as_mistakes() -> None:
    data = transcript(play(tiny(), ["tell_boss", "call"]))
    assert [step["mistake"] for step in data["steps"]] == [True, False]


def test_the_capped_lost_run_says_why_in_words() -> None:
    result = result_of(play(tiny(), ["meet_ann", "give_up"]))
    assert result.cap_note == (
        "36 % of the best, but the deal was lost: lukewarm needs a won or neutral ending"
    )


def test_the_format_2_default_table_gates_lukewarm_on_won_or_neutral() -> None:
    grades = {grade.name: grade for grade in tiny().scoring.grades}
    assert grades["lukewarm"].threshold == 30
    assert grades["lukewarm"].outcomes == ("won", "neutral")
    assert grades["cold"].outcomes == ()


def test_a_weight_changes_only_that_persons_metric_terms() -> None:
    text = TINY.read_text()
    unweighted = load_text(text.replace(", weight: 0}", "}").replace(", weight: 0.5}", "}"), "u")
    result = result_of(play(unweighted, ["tell_boss", "call"]))
    # boss now counts 1 + 2 = 3 more, stu 4.5 more: 15.5 + 3 + 4.5 = 23.
    assert result.score == 23


def test_a_format_1_file_gets_a_revision_b_key_only_when_it_uses_it() -> None:
    from conftest import MINIMAL

    plain = transcript(play(load_text(MINIMAL, "p.yaml"), ["call"]))
    assert set(plain["steps"][0]) == {"scene", "choice", "channel", "with", "minutes"}
    assert set(plain["people"]["ann"]) == {"they_know_you", "you_know_them", "trust"}
    marked = MINIMAL.replace("goto: win}", "goto: win, mistake: true}")
    data = transcript(play(load_text(marked, "m.yaml"), ["call"]))
    assert data["steps"][0]["mistake"] is True
    assert "weight" not in data["people"]["ann"]
    weighed = MINIMAL.replace("{id: ann, name: Ann}", "{id: ann, name: Ann, weight: 2}")
    data = transcript(play(load_text(weighed, "w.yaml"), ["call"]))
    assert data["people"]["ann"]["weight"] == 2 and "mistake" not in data["steps"][0]
    # Format 1 scores the weight too: the call's 2 + 4 + 3 = 9 counts twice.
    assert (plain["score"], data["score"]) == (9, 18)
