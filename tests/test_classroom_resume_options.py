"""A session resumed after a crash is served as it was: the same fronts, and browser
trainees' seats kept where a restarted host finds them."""

from __future__ import annotations

import argparse
from types import SimpleNamespace

from classroom_helpers import make_hub, reopen

from cold_to_gold.classroom.browser import DEVICE, BrowserFront
from cold_to_gold.classroom.records import Records
from cold_to_gold.cli.host import _same_way


def _args(**given) -> argparse.Namespace:
    return argparse.Namespace(
        **({"resume": None, "browser": False, "lan": False, "ssh": None} | given)
    )


def test_resume_serves_the_session_as_it_was_unless_told_more(tmp_path) -> None:
    hub = make_hub(tmp_path)
    records = Records.open()
    first = _args(browser=True, ssh=2222, lan=True)
    _same_way(first, records, hub.session.id)
    resumed = _args(resume=hub.session.id)  # `host --resume SESSION`, nothing else said
    _same_way(resumed, records, hub.session.id)
    assert (resumed.browser, resumed.ssh, resumed.lan) == (True, 2222, True)
    moved = _args(resume=hub.session.id, ssh=2300)  # a new SSH port, said on the command
    _same_way(moved, records, hub.session.id)
    assert (moved.browser, moved.ssh, moved.lan) == (True, 2300, True)
    again = _args(resume=hub.session.id)
    _same_way(again, Records.open(), hub.session.id)  # a new host process reads it back
    assert again.ssh == 2300


def test_a_browsers_seat_folder_outlives_the_host_process(tmp_path) -> None:
    hub = make_hub(tmp_path)
    request = SimpleNamespace(cookies={DEVICE: "a" * 24})
    before = BrowserFront(hub).device_folder(request)
    after = BrowserFront(reopen(hub, tmp_path)).device_folder(request)  # host killed, resumed
    assert before is not None and before == after
    other = BrowserFront(hub).device_folder(SimpleNamespace(cookies={DEVICE: "b" * 24}))
    assert other != before
    assert str(tmp_path) in str(before)  # in the data folder (the tests' home), not in /tmp's
