"""Browser trainees: the join app served to a web page by textual-serve, on the host's port.

Each browser session is one app process on the host (`cold-to-gold join`,
connected to the host over loopback), drawn in the page by textual-serve's
own JavaScript. The page is textual-serve's, with its one link outside the
room (a web font) taken out, so nothing is fetched from beyond the room's
network. The page opens only with the session's join code in the link.
"""

from __future__ import annotations

import html
import re
import shlex
import sys
import tempfile
from importlib import resources
from pathlib import Path
from typing import Any

from aiohttp import web

from cold_to_gold.classroom.hub import Hub

_OUTSIDE = re.compile(r"<link[^>]*https?://[^>]*>\s*", re.IGNORECASE)


class BrowserUnavailable(Exception):
    """textual-serve is not installed (the `browser` extra)."""


def offline_templates() -> Path:
    """textual-serve's page template without links outside the room, in a folder of its own."""
    source = resources.files("textual_serve").joinpath("templates", "app_index.html")
    page = _OUTSIDE.sub("", source.read_text(encoding="utf-8"))
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
        self.server = Server(
            "true", host="127.0.0.1", port=0, title=f"Cold to Gold — {hub.scenario.title}",
            templates_path=self.templates,
        )  # fmt: skip

    def attach(self, app: web.Application) -> None:
        aiohttp_jinja2, jinja2 = self._jinja
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates))
        app.router.add_get("/", self.index, name="index")
        app.router.add_get("/browser/ws", self.server.handle_websocket, name="websocket")
        app.router.add_static("/static", self.server.statics_path, name="static")

    def listening(self, public_host: str, port: int) -> None:
        """Where the page is reached, and the app each browser session runs."""
        self.server.public_url = f"http://{public_host}:{port}"
        address = f"{self.hub.code}@127.0.0.1:{port}"
        self.server.command = shlex.join([sys.executable, "-m", "cold_to_gold", "join", address])

    async def index(self, request: web.Request) -> Any:
        code = request.query.get("code", "").strip().upper()
        if code != self.hub.code:
            return web.Response(text=_ask_code(self.hub, bool(code)), content_type="text/html")
        return await self.server.handle_index(request)


def _ask_code(hub: Hub, wrong: bool) -> str:
    problem = "<p><strong>That is not this session's code.</strong></p>" if wrong else ""
    return (
        "<!doctype html><meta charset=utf-8><title>Cold to Gold</title>"
        f"<h1>{html.escape(hub.scenario.title)}</h1>{problem}"
        "<form><label>Join code <input name=code autofocus></label> "
        "<button>Join</button></form>"
    )
