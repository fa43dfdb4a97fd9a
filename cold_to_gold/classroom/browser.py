"""Browser trainees: the join app served to a web page by textual-serve, on the host's port.

Each browser session is one app process on the host (`cold-to-gold join`,
connected to the host over loopback), drawn in the page by textual-serve's
own JavaScript. The page is textual-serve's, with its one link outside the
room (a web font) taken out, so nothing is fetched from beyond the room's
network, and one script added: a page whose host has gone waits for it and
reloads when it is back, which takes the trainee's seat back (`seat_back.js`).
The page opens only with the session's join code in the link, and gives the
browser a cookie with it: `/browser/ws` starts an app process only for a
browser that brings that cookie, and only up to the door's caps (in all, and
per address). The processes get a scrubbed environment (`children.py`).
"""

from __future__ import annotations

import copy
import hashlib
import html
import re
import secrets
import sys
import tempfile
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web

from cold_to_gold.base import paths
from cold_to_gold.classroom.children import remote_folder, scrubbed_command
from cold_to_gold.classroom.hub import Hub

COOKIE = "cold-to-gold-code"
DEVICE = "cold-to-gold-device"  # a browser's own random id: its seat comes back on a reload
_DEVICE_ID = re.compile(r"^[A-Za-z0-9_-]{16,64}$")

_OUTSIDE = re.compile(r"<link[^>]*https?://[^>]*>\s*", re.IGNORECASE)


class BrowserUnavailable(Exception):
    """textual-serve is not installed (the `browser` extra)."""


def offline_templates() -> Path:
    """textual-serve's page template without links outside the room, and with the script
    that takes the seat back when the host returns (`seat_back.js`), in a folder of its own."""
    source = resources.files("textual_serve").joinpath("templates", "app_index.html")
    page = _OUTSIDE.sub("", source.read_text(encoding="utf-8"))
    seat_back = resources.files(__package__).joinpath("seat_back.js").read_text(encoding="utf-8")
    page = page.replace("</body>", f"<script>\n{seat_back}</script>\n</body>", 1)
    folder = Path(tempfile.mkdtemp(prefix="cold-to-gold-page-"))
    (folder / "app_index.html").write_text(page, encoding="utf-8")
    return folder


class BrowserFront:
    """Adds the browser routes to the host's application: `/`, `/browser/ws`, `/static`."""

    def __init__(self, hub: Hub) -> None:
        try:
            import aiohttp_jinja2
            import jinja2
            from textual_serve.server import Server
        except ImportError:
            raise BrowserUnavailable(
                "joining from a browser needs the 'browser' extra: "
                "pip install 'cold-to-gold[browser]'"
            ) from None
        self.hub = hub
        self._jinja = (aiohttp_jinja2, jinja2)
        self.templates = offline_templates()
        self.folder = remote_folder()
        self.running: Counter[str] = Counter()  # app processes per source address
        self.server = Server(
            "true", host="127.0.0.1", port=0, title=f"Cold to Gold — {hub.scenario.title}",
            templates_path=self.templates,
        )  # fmt: skip

    def attach(self, app: web.Application) -> None:
        aiohttp_jinja2, jinja2 = self._jinja
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates))
        app.router.add_get("/", self.index, name="index")
        app.router.add_get("/browser/ws", self.socket, name="websocket")
        app.router.add_static("/static", self.server.statics_path, name="static")

    def listening(self, public_host: str, port: int) -> None:
        """Where the page is reached, and the app each browser session runs."""
        self.server.public_url = f"http://{public_host}:{port}"
        address = f"{self.hub.code}@127.0.0.1:{port}"
        self.argv = [sys.executable, "-m", "cold_to_gold", "join", address]
        self.server.command = scrubbed_command(self.argv, self.folder)

    async def index(self, request: web.Request) -> Any:
        code = request.query.get("code", "").strip().upper()
        source = request.remote or "?"
        if code and not self.hub.door.may_try(source):
            return web.Response(status=429, text="too many wrong codes: wait a minute")
        if code and code != self.hub.code:
            self.hub.failed_attempt(source, "page")
        if code != self.hub.code:
            return web.Response(text=_ask_code(self.hub, bool(code)), content_type="text/html")
        page = await self.server.handle_index(request)
        page.set_cookie(COOKIE, self.hub.code, path="/browser", httponly=True, samesite="Strict")
        if not _DEVICE_ID.match(request.cookies.get(DEVICE, "")):
            page.set_cookie(
                DEVICE, secrets.token_urlsafe(18), path="/", httponly=True,
                samesite="Strict", max_age=7 * 24 * 3600,
            )  # fmt: skip
        return page

    def device_folder(self, request: web.Request) -> Path | None:
        """This browser's own data folder on the host (from its random cookie), if any.

        Kept in the host's data folder under the session, not in this host process's
        scratch folder: a host restarted with `--resume` finds the same browser's seat
        token there, so the trainee's page is back in their seat without asking anyone."""
        device = request.cookies.get(DEVICE, "")
        if not _DEVICE_ID.match(device):
            return None
        name = hashlib.sha256(device.encode()).hexdigest()[:32]
        return devices_folder(self.hub.session.id) / name

    def refusal(self, request: web.Request) -> web.Response | None:
        """Why `/browser/ws` starts no app process for this request, if it does not."""
        door, source = self.hub.door, request.remote or "?"
        if not door.may_try(source):
            return web.Response(status=429, text="too many wrong codes: wait a minute")
        if request.cookies.get(COOKIE, "").upper() != self.hub.code:
            if COOKIE in request.cookies:
                self.hub.failed_attempt(source, "browser")
            return web.Response(status=403, text="open the join link with the code first")
        limits = door.limits
        if sum(self.running.values()) >= limits.browser_apps:
            return web.Response(status=503, text="the host runs as many browser trainees as it can")
        if self.running[source] >= limits.browser_apps_per_address:
            return web.Response(status=429, text="this address runs as many pages as it may")
        return None

    async def socket(self, request: web.Request) -> Any:
        """One browser trainee's page: its app process, once the door lets it in."""
        refused = self.refusal(request)
        if refused is not None:
            return refused
        source = request.remote or "?"
        self.running[source] += 1
        server = copy.copy(self.server)  # this page's own command: its device's folder
        server.command = scrubbed_command(self.argv, self.folder, self.device_folder(request))
        try:
            return await server.handle_websocket(request)
        finally:
            self.running[source] -= 1


def devices_folder(session_id: str) -> Path:
    """Where the browser trainees of a session keep their seats on the host."""
    return paths.data_dir() / "browser-devices" / session_id


def _ask_code(hub: Hub, wrong: bool) -> str:
    problem = "<p><strong>That is not this session's code.</strong></p>" if wrong else ""
    return (
        "<!doctype html><meta charset=utf-8><title>Cold to Gold</title>"
        f"<h1>{html.escape(hub.scenario.title)}</h1>{problem}"
        "<form><label>Join code <input name=code autofocus></label> "
        "<button>Join</button></form>"
    )
