"""The console and the join app, driven by keys with Pilot against a real host on loopback."""

from __future__ import annotations

import asyncio

from aiohttp.test_utils import TestServer
from classroom_helpers import Trainee, make_hub
from pilot_wait import until
from textual.widgets import DataTable, Static

from cold_to_gold.classroom.client import Address
from cold_to_gold.classroom.host import Host, Where
from cold_to_gold.classroom.server import build_server
from cold_to_gold.tui.classroom.console_app import ConsoleApp
from cold_to_gold.tui.classroom.join_app import JoinApp


def shown(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def test_the_console_follows_the_room_and_reveals_on_r(tmp_path) -> None:
    hub = make_hub(tmp_path)
    app = ConsoleApp(hub, Host(hub, Where.choose(lan=False)), port=0)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert hub.code in shown(app, "#join-info") and app.host.port > 0
        ann, bo = Trainee(), Trainee()
        a = hub.join(ann, hub.code, name="Ann")
        b = hub.join(bo, hub.code, name="[b]Bo")
        hub.choose(a, 0, "call")
        app.screen.show()  # the next redraw, without waiting for its timer
        await pilot.pause()
        table = app.screen.query_one("#roster", DataTable)
        assert [str(table.get_row_at(n)[1]) for n in range(2)] == ["Ann", "[b]Bo"]
        assert [table.get_row_at(n)[5] for n in range(2)] == ["answered", "waiting"]
        assert "1 answered, 1 to answer" in shown(app, "#gate")
        assert shown(app, "#split") == ""  # hidden until the reveal
        await pilot.press("r")
        assert "Find her number" in shown(app, "#split") and ann.last["type"] == "feedback"
        await pilot.press("a")
        assert hub.round == 1
        await pilot.press("p")
        assert hub.paused and bo.last["type"] == "paused"
        await pilot.press("p")
        table.move_cursor(row=1)
        await pilot.press("x")
        await pilot.press("y")
        assert hub.seats[b.number].removed and bo.closed
        await pilot.press("v")
        assert "1 joined" in shown(app, "#projector-room")
        assert "Ann" not in shown(app, "#projector-room")  # no names on the wall...
        await pilot.press("n")
        assert "Ann" in shown(app, "#projector-room")  # ...until the facilitator says so
        await pilot.press("d")
        debrief = shown(app, "#class-debrief")  # the class report's numbers
        assert "Most common path" in debrief and "reached by 1, answered 1" in debrief
    assert hub.ended  # quitting the console stops the host; `--resume` carries on


async def wait_for(pilot, condition) -> None:
    await until(pilot, condition, what="the app never got there")


async def test_a_trainee_plays_a_live_class_by_keys(tmp_path) -> None:
    hub = make_hub(tmp_path)  # together pace, the facilitator reveals
    server = TestServer(build_server(hub), host="127.0.0.1")
    await server.start_server()
    other = Trainee()
    hub.join(other, hub.code, name="Bo")
    app = JoinApp(Address(hub.code, "127.0.0.1", server.port), "Ann")
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await wait_for(pilot, lambda: app.screen.view.get("type") == "scene")
            assert "A comment under your post" in shown(app, "#scene-title")
            await pilot.press("3")  # locked: nothing is sent
            await pilot.press("2")
            await wait_for(pilot, lambda: app.screen.view.get("type") == "wait")
            assert "Waiting for the facilitator" in shown(app, "#live-status")
            hub.reveal()
            await wait_for(pilot, lambda: app.screen.view.get("type") == "feedback")
            choices = app.screen.query_one("#choices")
            prompt = str(choices.get_option_at_index(0).prompt)
            assert "Continue" in prompt and "undo" not in prompt  # the host owns the run
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.view.get("reason") == "facilitator")
            hub.advance()
            await wait_for(pilot, lambda: app.screen.view.get("type") == "scene")
            await pilot.press("1")
            hub.choose(hub.seats[1], 0, "post")
            hub.reveal()
            await wait_for(pilot, lambda: app.screen.view.get("type") == "feedback")
            await pilot.press("enter")
            await wait_for(pilot, lambda: app.screen.view.get("type") == "finished")
            assert "Grade: won · gold" in str(app.screen.query_one("#scene-body").source)
        assert hub.seats[2].run.path == ["call", "meet"]
    finally:
        await server.close()
        await asyncio.sleep(0)


async def test_the_console_forwards_the_room_to_the_lrs(tmp_path, monkeypatch) -> None:
    from lrs_stub import KEY, SECRET, StubLrs

    lrs = StubLrs()
    server = TestServer(lrs.app(), host="127.0.0.1")
    await server.start_server()
    monkeypatch.setenv("COLD_TO_GOLD_LRS_ENDPOINT", f"http://127.0.0.1:{server.port}/xapi")
    monkeypatch.setenv("COLD_TO_GOLD_LRS_KEY", KEY)
    monkeypatch.setenv("COLD_TO_GOLD_LRS_SECRET", SECRET)
    hub = make_hub(tmp_path, pace="free")
    app = ConsoleApp(hub, Host(hub, Where.choose(lan=False)), port=0)
    try:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            for name, plan in (("Ann", ["call", "meet"]), ("Bo", ["post", "email"]), ("Cy", [])):
                seat = hub.join(Trainee(), hub.code, name=name)
                for step, choice in enumerate(plan):
                    hub.choose(seat, step, choice)
            await wait_for(pilot, lambda: hub.records.outbox_counts()["waiting"] == 0)
            verbs = sorted(s["verb"]["id"].rsplit("/", 1)[-1] for s in lrs.stored.values())
            assert verbs.count("attended") == 3 and verbs.count("completed") == 2
            assert verbs.count("answered") == 4
    finally:
        await server.close()
