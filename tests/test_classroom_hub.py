"""The session hub, headless: in-process trainees, the pacing gate, reveal, pause, remove."""

from __future__ import annotations

from pathlib import Path

import pytest
from classroom_helpers import Trainee, make_hub, reopen

from cold_to_gold.classroom.hub import Refused


def seat_two(hub):
    ann, bo = Trainee(), Trainee()
    a = hub.join(ann, hub.code, name="Ann")
    b = hub.join(bo, hub.code.lower(), name="Bo")
    return (ann, a), (bo, b)


def test_join_welcomes_with_a_token_and_the_first_scene(tmp_path: Path) -> None:
    hub = make_hub(tmp_path)
    ann = Trainee()
    seat = hub.join(ann, hub.code, name="  Ann   Lee ")
    assert ann.kinds() == ["welcome", "scene"]
    welcome = ann.inbox[0]
    assert welcome["name"] == "Ann Lee" and welcome["seat"] == seat.number == 1
    assert welcome["scenario"]["id"] == "first-call" and "scenes:" in welcome["scenario"]["source"]
    assert len(welcome["token"]) >= 30
    assert [option["id"] for option in ann.last["options"]] == ["post", "call", "lunch"]
    assert ann.last["options"][2]["locked"]  # the lunch needs trust first


@pytest.mark.parametrize(
    ("code", "name", "reason"),
    [
        ("WRONG1", "Cy", "join code"),
        (None, "", "empty"),
        (None, "x" * 41, "at most"),
        (None, "ann", "taken"),
        (None, "Bell\x07", "control"),
        (None, None, "name is needed"),
    ],
)
def test_join_is_refused_with_a_reason(tmp_path: Path, code, name, reason) -> None:
    hub = make_hub(tmp_path)
    hub.join(Trainee(), hub.code, name="Ann")
    with pytest.raises(Refused, match=reason):
        hub.join(Trainee(), code or hub.code, name=name)


def test_together_holds_feedback_until_reveal_then_opens_the_next_decision(tmp_path) -> None:
    hub = make_hub(tmp_path)
    (ann, a), (bo, b) = seat_two(hub)
    hub.choose(a, 0, "call")
    assert ann.last["type"] == "wait" and ann.last["reason"] == "answered"
    with pytest.raises(Refused, match="out of turn"):
        hub.choose(a, 1, "meet")  # the next decision is not open
    assert hub.status(a) == "answered" and hub.status(b) == "waiting"
    assert [seat.name for seat in hub.waiting_on()] == ["Bo"]
    hub.choose(b, 0, "post")
    assert not hub.revealed  # no auto-reveal: the facilitator decides
    hub.reveal()
    assert ann.last["type"] == "feedback" and ann.last["text"].startswith("She talks")
    assert bo.last["type"] == "feedback" and bo.last["choice"] == "post"
    assert hub.split(0) == {"the_comment": {"call": 1, "post": 1}}
    hub.ready(a, 0)
    assert ann.last["type"] == "wait" and ann.last["reason"] == "facilitator"
    hub.advance()
    assert ann.last["type"] == "scene" and ann.last["scene"]["id"] == "invited"
    assert bo.last["type"] == "feedback"  # still reading; moves on when ready
    hub.ready(b, 0)
    assert bo.last["scene"]["id"] == "quiet_week"


def test_auto_reveal_and_advance_play_a_room_to_the_end(tmp_path: Path) -> None:
    hub = make_hub(tmp_path, auto_reveal=True, auto_advance=True)
    events: list[dict] = []
    hub.listeners.append(events.append)
    trainees = [(Trainee(), name) for name in ("Ann", "Bo", "Cy")]
    seats = [hub.join(sink, hub.code, name=name) for sink, name in trainees]
    plans = {"Ann": ["call", "meet"], "Bo": ["post", "email"], "Cy": ["post"] * 5}
    for _ in range(10):  # each trainee reacts to what it was last shown, as a client would
        for (sink, name), seat in zip(trainees, seats, strict=True):
            if sink.last["type"] == "scene":
                hub.choose(seat, sink.last["step"], plans[name][sink.last["step"]])
            elif sink.last["type"] == "feedback":
                hub.ready(seat, sink.last["step"])
    assert [sink.last["type"] for sink, _ in trainees] == ["finished"] * 3
    grades = {sink.inbox[0]["name"]: sink.last["result"]["grade"] for sink, _ in trainees}
    assert grades == {"Ann": "gold", "Bo": "cold", "Cy": "cold"}
    finished = [event["name"] for event in events if event["event"] == "finished"]
    assert sorted(finished) == ["Ann", "Bo", "Cy"]
    chose = [(event["name"], event["step"]) for event in events if event["event"] == "chose"]
    assert len(chose) == len(set(chose)) == 2 + 2 + 5  # every choice once


def test_a_resent_choice_is_not_made_twice_and_a_different_one_is_refused(tmp_path) -> None:
    hub = make_hub(tmp_path, pace="free")
    ann = Trainee()
    seat = hub.join(ann, hub.code, name="Ann")
    hub.choose(seat, 0, "call")
    hub.choose(seat, 0, "call")  # the connection dropped before the answer came
    assert seat.run.path == ["call"]
    assert ann.kinds()[-2:] == ["feedback", "feedback"]  # the resend is answered
    with pytest.raises(Refused, match="already answered"):
        hub.choose(seat, 0, "post")
    with pytest.raises(Refused, match="out of turn"):
        hub.choose(seat, 5, "meet")
    with pytest.raises(Refused, match="no choice 'phone'"):
        hub.choose(seat, 1, "phone")
    assert len(hub.records.choices(hub.session.id)) == 1


def test_a_token_returns_to_its_own_seat_and_no_other(tmp_path: Path) -> None:
    hub = make_hub(tmp_path, pace="free")
    ann, bo = Trainee(), Trainee()
    a = hub.join(ann, hub.code, name="Ann")
    hub.join(bo, hub.code, name="Bo")
    hub.choose(a, 0, "call")
    hub.leave(a)
    again = Trainee()
    back = hub.join(again, hub.code, token=ann.inbox[0]["token"])
    assert back is a and again.inbox[0]["name"] == "Ann"
    assert again.last["type"] == "feedback" and again.last["path"] == ["call"]
    assert all("Ann" not in str(item) for item in bo.inbox)  # Bo never hears of Ann
    with pytest.raises(Refused, match="not known"):
        hub.join(Trainee(), hub.code, token="guessed-token")
    third = Trainee()
    hub.join(third, hub.code, token=ann.inbox[0]["token"])
    assert again.closed  # the older connection to the seat is closed


def test_pause_refuses_choices_and_resume_gives_the_scene_back(tmp_path: Path) -> None:
    hub = make_hub(tmp_path, pace="free")
    ann = Trainee()
    seat = hub.join(ann, hub.code, name="Ann")
    hub.pause()
    assert ann.last["type"] == "paused"
    with pytest.raises(Refused, match="paused"):
        hub.choose(seat, 0, "call")
    hub.resume_play()
    assert ann.last["type"] == "scene"


def test_remove_closes_the_seat_for_good_and_the_room_moves_on(tmp_path: Path) -> None:
    hub = make_hub(tmp_path, auto_reveal=True)
    (_ann, a), (bo, b) = seat_two(hub)
    hub.choose(a, 0, "call")
    hub.remove(b.number)
    assert bo.closed and bo.last["type"] == "ended"
    assert hub.revealed  # nobody left to wait for
    with pytest.raises(Refused, match="removed"):
        hub.join(Trainee(), hub.code, token=bo.inbox[0]["token"])
    with pytest.raises(Refused, match="removed"):
        hub.choose(b, 0, "post")


def test_a_restarted_hub_resumes_every_seat_and_choice(tmp_path: Path) -> None:
    hub = make_hub(tmp_path)
    (_ann, a), (bo, b) = seat_two(hub)
    hub.choose(a, 0, "call")
    hub.choose(b, 0, "post")
    hub.reveal()
    hub.advance()
    hub.choose(a, 1, "meet")
    hub.records.close()  # the host is gone; what it answered is on disk

    again = reopen(hub, tmp_path)
    assert (again.round, again.revealed, again.code) == (1, False, hub.code)
    assert [seat.run.path for seat in again.seats.values()] == [["call", "meet"], ["post"]]
    assert again.seats[1].run.finished
    back = Trainee()
    again.join(back, hub.code, token=bo.inbox[0]["token"])
    assert back.last["type"] == "feedback" and back.last["step"] == 0  # shown again: not saved
    again.ready(again.seats[2], 0)
    assert back.last["type"] == "scene" and back.last["scene"]["id"] == "quiet_week"
    again.choose(again.seats[2], 1, "email")
    assert len(again.records.choices(hub.session.id)) == 4


def test_a_host_stopped_between_the_reveal_and_the_next_decision_opens_it_when_resumed(
    tmp_path: Path,
) -> None:
    # A headless host reveals and opens the next decision in one go, saving each: a
    # host killed between the two saves left the round revealed and never opened the
    # next one, so after `--resume` every trainee waited forever.
    hub = make_hub(tmp_path, auto_reveal=True)  # reveals, but does not advance
    (_ann, a), (bo, b) = seat_two(hub)
    hub.choose(a, 0, "call")
    hub.choose(b, 0, "post")
    assert (hub.round, hub.revealed) == (0, True)
    hub.records.close()  # killed here, before the next decision was opened

    again = reopen(hub, tmp_path, auto_reveal=True, auto_advance=True)
    assert (again.round, again.revealed) == (1, False)
    back = Trainee()
    again.join(back, hub.code, token=bo.inbox[0]["token"])
    again.ready(again.seats[2], 0)
    assert back.last["type"] == "scene" and back.last["step"] == 1
