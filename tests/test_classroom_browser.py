"""Browser trainees: the page served offline with the join code, and (opt-in) a real
headless Chromium that joins and plays by keys."""

from __future__ import annotations

import asyncio
import json
import shutil
import signal
import sys
from pathlib import Path

import pytest
from aiohttp.test_utils import TestClient, TestServer
from classroom_helpers import FIRST_CALL, make_hub

from cold_to_gold.classroom.browser import BrowserFront, offline_templates
from cold_to_gold.classroom.server import build_server

CHROMIUM = Path("/usr/lib/chromium/chromium")


def playwright_with_chromium():  # type: ignore[no-untyped-def]
    """Playwright's `async_playwright`, once Debian's Chromium is known to be there."""
    try:
        from playwright.async_api import async_playwright
    except ImportError:
        pytest.fail("the browser test needs playwright: pip install playwright")
    if not CHROMIUM.exists():
        pytest.fail(f"the browser test needs Debian's chromium at {CHROMIUM}")
    return async_playwright


def test_the_page_template_links_nothing_outside_the_room() -> None:
    folder = offline_templates()
    try:
        page = (folder / "app_index.html").read_text()
        assert "googleapis" not in page and "https://" not in page
        assert "{{ config.static.url }}js/textual.js" in page
    finally:
        shutil.rmtree(folder)


async def test_the_page_opens_only_with_the_join_code(tmp_path) -> None:
    hub = make_hub(tmp_path)
    front = BrowserFront(hub)
    async with TestClient(TestServer(build_server(hub, front.attach), host="127.0.0.1")) as http:
        front.listening("127.0.0.1", http.port)
        asked = await (await http.get("/")).text()
        assert "Join code" in asked and hub.code not in asked
        wrong = await (await http.get("/?code=NOPE12")).text()
        assert "not this session's code" in wrong
        page = await (await http.get(f"/?code={hub.code.lower()}")).text()
        assert f"ws://127.0.0.1:{http.port}/browser/ws" in page
        assert (await http.get("/static/js/textual.js")).status == 200
        assert "cold_to_gold join" in front.server.command
        assert f"{hub.code}@127.0.0.1:{http.port}" in front.server.command
    shutil.rmtree(front.templates)


@pytest.mark.browser
async def test_a_browser_trainee_joins_and_plays_by_keys(tmp_path) -> None:
    """Headless Chromium (Debian's `chromium`) through Playwright, no browser download."""
    async_playwright = playwright_with_chromium()
    host = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cold_to_gold", "host", str(FIRST_CALL),
        "--headless", "--pace", "free", "--browser",
        stdout=asyncio.subprocess.PIPE,
    )  # fmt: skip
    assert host.stdout is not None
    ready = json.loads(await asyncio.wait_for(host.stdout.readline(), 20))
    outside: list[str] = []
    try:
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox"]
            )
            page = await browser.new_page(viewport={"width": 1000, "height": 700})
            page.on("request", lambda r: None if "127.0.0.1" in r.url else outside.append(r.url))
            await page.goto(ready["url"])
            await page.wait_for_timeout(3000)  # the app process starts and asks for a name
            await page.mouse.click(500, 350)
            await page.keyboard.type("Browser Bea")
            await page.keyboard.press("Enter")
            events = []
            while not any(e["event"] == "joined" for e in events):
                events.append(json.loads(await asyncio.wait_for(host.stdout.readline(), 15)))
            await page.wait_for_timeout(1500)
            await page.keyboard.press("2")
            await page.wait_for_timeout(700)
            await page.reload()  # a new app process: the browser's cookie brings the seat back
            while not any(e["event"] == "rejoined" for e in events):
                events.append(json.loads(await asyncio.wait_for(host.stdout.readline(), 15)))
            await page.wait_for_timeout(3000)
            await page.mouse.click(500, 350)
            for key in ("Enter", "1", "Enter"):
                await page.keyboard.press(key)
                await page.wait_for_timeout(700)
            while not any(e["event"] == "finished" for e in events):
                events.append(json.loads(await asyncio.wait_for(host.stdout.readline(), 15)))
            await browser.close()
    finally:
        host.send_signal(signal.SIGTERM)
        await asyncio.wait_for(host.wait(), 10)
    finished = next(e for e in events if e["event"] == "finished")
    assert (finished["name"], finished["grade"]) == ("Browser Bea", "gold")
    assert sum(e["event"] == "joined" for e in events) == 1  # one seat, taken back
    assert outside == []  # nothing fetched from beyond the room


def test_the_page_waits_for_a_gone_host_and_takes_the_seat_back() -> None:
    folder = offline_templates()
    try:
        page = (folder / "app_index.html").read_text()
        script = page.rsplit("<script>", 1)[1]
        assert page.index("seat comes back") > page.index('closed-dialog">')
        assert 'method: "HEAD"' in script and "window.location.href = getStartUrl()" in script
    finally:
        shutil.rmtree(folder)


@pytest.mark.browser
async def test_a_browser_page_comes_back_to_its_seat_after_the_host_is_killed(tmp_path) -> None:
    """The host killed without a goodbye and resumed: the page reloads by itself."""
    async_playwright = playwright_with_chromium()

    async def start(*args: str) -> tuple[asyncio.subprocess.Process, dict]:
        host = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cold_to_gold", "host", *args, "--headless",
            stdout=asyncio.subprocess.PIPE,
        )  # fmt: skip
        assert host.stdout is not None
        return host, json.loads(await asyncio.wait_for(host.stdout.readline(), 20))

    async def heard(host: asyncio.subprocess.Process, event: str) -> dict:
        while True:
            seen = json.loads(await asyncio.wait_for(host.stdout.readline(), 30))
            if seen["event"] == event:
                return seen

    host, ready = await start(str(FIRST_CALL), "--pace", "free", "--browser")
    again = None
    try:
        async with async_playwright() as driver:
            browser = await driver.chromium.launch(
                executable_path=str(CHROMIUM), args=["--no-sandbox"]
            )
            page = await browser.new_page(viewport={"width": 1000, "height": 700})
            await page.goto(ready["url"])
            await page.wait_for_selector("body.-first-byte", timeout=20_000)
            await page.wait_for_timeout(1500)  # the name field takes the keys
            await page.mouse.click(500, 350)
            await page.keyboard.type("Browser Bea")
            await page.keyboard.press("Enter")
            await heard(host, "joined")
            host.kill()  # no goodbye
            await host.wait()
            await page.wait_for_function(
                "document.querySelector('.closed-dialog .message').textContent"
                ".includes('seat comes back')",
                timeout=20_000,
            )
            again, resumed = await start("--resume", ready["session"])
            assert resumed["port"] == ready["port"]
            back = await heard(again, "rejoined")  # nobody pressed anything
            assert back["name"] == "Browser Bea"
            await browser.close()
    finally:
        for process in (host, again):
            if process is not None and process.returncode is None:
                process.send_signal(signal.SIGTERM)
                await asyncio.wait_for(process.wait(), 10)
