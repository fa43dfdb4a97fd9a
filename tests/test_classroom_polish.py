"""What the console and the projector say about joining, at 80×24."""

from __future__ import annotations

from classroom_helpers import make_hub
from textual.widgets import Static

from cold_to_gold.classroom.host import Host, Where
from cold_to_gold.tui.console_app import ConsoleApp
from cold_to_gold.tui.widgets.qr import QrCode


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def fully_shown(app, selector: str) -> bool:
    """The widget lies inside the screen, above the key bar, and is not cut off
    (a line longer than the widget is wide wraps onto lines of its own)."""
    widget = app.screen.query_one(selector, Static)
    region = widget.region
    lines = str(widget.render()).splitlines()
    needed = sum(max(1, -(-len(line) // region.width)) for line in lines)
    return region.height >= needed and region.bottom <= app.size.height - 1


async def test_the_console_names_ssh_and_no_browser_link_without_browser(tmp_path) -> None:
    hub = make_hub(tmp_path)
    host = Host(hub, Where.choose(lan=False), ssh_port=0)
    app = ConsoleApp(hub, host, port=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        info = text_of(app, "#join-info")
        assert "Browser" not in info and "http://" not in info
        assert f"ssh -p {host.ssh_port} NAME@127.0.0.1" in info
        assert "password is the join code" in info
        await pilot.press("v")
        assert not app.screen.query(QrCode)
        join = text_of(app, "#projector-join")
        assert hub.code in join and host.address in join and "password" in join
        assert fully_shown(app, "#projector-join")


async def test_the_projector_shows_link_qr_and_address_with_browser_at_80x24(tmp_path) -> None:
    hub = make_hub(tmp_path)
    host = Host(hub, Where("127.0.0.1", "192.168.100.200"), browser=True)
    app = ConsoleApp(hub, host, port=0)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert host.url in text_of(app, "#join-info")
        await pilot.press("v")
        assert app.screen.query(QrCode)
        assert host.address in text_of(app, "#projector-join")
        assert fully_shown(app, "#projector-join") and fully_shown(app, "#projector-link")
