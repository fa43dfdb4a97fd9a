"""Render DOT text to SVG or PNG through Graphviz's `dot` program, when it is installed."""

from __future__ import annotations

import shutil
import subprocess

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
    """The map drawn as an SVG or PNG file's bytes."""
    if picture not in PICTURES:
        raise ValueError(f"cannot render {picture!r}; expected one of {PICTURES}")
    program = graphviz()
    if program is None:
        raise RenderError(f"--format {picture} needs Graphviz's `dot` program: {GET_GRAPHVIZ}")
    command = [program, f"-T{picture}"] + ([f"-Gdpi={PNG_DPI}"] if picture == "png" else [])
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
