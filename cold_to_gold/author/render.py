"""Render DOT text to SVG or PNG through Graphviz's `dot` program, when it is installed.

A map is first laid out once (`dot -Tplain`) to see whether it prints larger
upright or turned a quarter on the page (`dot_map.turned`); a PNG is marked
with its resolution (a `pHYs` chunk), which Graphviz leaves out, so it prints
at its size rather than at a viewer's guess.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib

from cold_to_gold.author.dot_map import EDGE_FONT, is_turned, page_scale, turned

PICTURES = ("svg", "png")
TIMEOUT_SECONDS = 60  # a map of a few dozen scenes takes well under a second
PNG_DPI = 150  # sharp enough to print
GET_GRAPHVIZ = (
    "install Graphviz (https://graphviz.org/download/ - e.g. `apt install graphviz`, "
    "`brew install graphviz`, `winget install graphviz`), or use --format dot or mermaid"
)


class RenderError(Exception):
    """Graphviz is missing, or it could not draw the map; the message says which and why."""


def graphviz() -> str | None:
    """The path of Graphviz's `dot` program, or None when it is not installed."""
    return shutil.which("dot")


def render(dot_text: str, picture: str) -> bytes:
    """The map drawn as an SVG or PNG file's bytes, upright or turned, whichever prints larger."""
    if picture not in PICTURES:
        raise ValueError(f"cannot render {picture!r}; expected one of {PICTURES}")
    if graphviz() is None:
        raise RenderError(f"--format {picture} needs Graphviz's `dot` program: {GET_GRAPHVIZ}")
    if picture == "png":
        return with_resolution(_run(for_the_page(dot_text), "png", [f"-Gdpi={PNG_DPI}"]), PNG_DPI)
    return _run(for_the_page(dot_text), picture)


def for_the_page(dot_text: str) -> str:
    """The map as drawn on the page: turned a quarter when that prints its text larger."""
    width, height = laid_out(dot_text)
    if is_turned(dot_text) or page_scale(width, height) >= page_scale(width, height, True):
        return dot_text
    sideways = turned(dot_text)
    if sideways == dot_text:
        return dot_text  # not a branch map of ours: drawn as it is
    upright = page_scale(width, height)
    if page_scale(*laid_out(sideways), sideways=True) > upright:
        return sideways
    return dot_text


def printed_points(dot_text: str) -> float:
    """The size, in points on the page, of the map's edge labels as `render` draws it."""
    shown = for_the_page(dot_text)
    return EDGE_FONT * page_scale(*laid_out(shown), sideways=is_turned(shown))


def laid_out(dot_text: str) -> tuple[float, float]:
    """Width and height, in inches, of Graphviz's layout before it is fitted to the page."""
    plain = _run(dot_text, "plain").decode()
    # "graph SCALE WIDTH HEIGHT": the first line of the plain output
    width, height = (float(value) for value in plain.split("\n", 1)[0].split()[2:4])
    return width, height


def with_resolution(png: bytes, dpi: int) -> bytes:
    """The PNG with a `pHYs` chunk saying `dpi` (as pixels per metre), after its header."""
    header_end = 8 + 8 + 13 + 4  # signature, IHDR's length and type, its data, its CRC
    if not png.startswith(b"\x89PNG\r\n\x1a\n") or b"pHYs" in png[:200]:
        return png
    per_metre = round(dpi / 0.0254)
    data = struct.pack(">IIB", per_metre, per_metre, 1)  # unit 1: the metre
    chunk = struct.pack(">I", len(data)) + b"pHYs" + data
    chunk += struct.pack(">I", zlib.crc32(b"pHYs" + data))
    return png[:header_end] + chunk + png[header_end:]


def _run(dot_text: str, picture: str, options: list[str] | None = None) -> bytes:
    program = graphviz()
    if program is None:
        raise RenderError(f"--format {picture} needs Graphviz's `dot` program: {GET_GRAPHVIZ}")
    command = [program, f"-T{picture}", *(options or [])]
    try:
        done = subprocess.run(
            command, input=dot_text.encode(), capture_output=True, timeout=TIMEOUT_SECONDS
        )
    except subprocess.TimeoutExpired:
        raise RenderError(f"Graphviz did not finish within {TIMEOUT_SECONDS} s") from None
    except OSError as error:
        raise RenderError(f"cannot run {program}: {error.strerror or error}") from None
    if done.returncode != 0 or not done.stdout:
        reason = done.stderr.decode(errors="replace").strip().splitlines()
        raise RenderError(f"Graphviz failed: {reason[-1] if reason else 'no output'}")
    return done.stdout
