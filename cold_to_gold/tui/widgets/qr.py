"""A QR code drawn with half blocks: two rows of modules per line of text."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

# Light modules are drawn as blocks in white on black, so the code reads the same
# on a dark or a light terminal (a phone's camera needs dark modules on light).
_CELLS = {(0, 0): "█", (1, 0): "▄", (0, 1): "▀", (1, 1): " "}


def qr_text(data: str) -> Text:
    import segno

    rows = [list(row) for row in segno.make(data, error="m").matrix_iter(border=2)]
    if len(rows) % 2:
        rows.append([0] * len(rows[0]))
    lines = [
        "".join(_CELLS[(top, bottom)] for top, bottom in zip(upper, lower, strict=True))
        for upper, lower in zip(rows[::2], rows[1::2], strict=True)
    ]
    return Text("\n".join(lines), style="#ffffff on #000000", no_wrap=True)


class QrCode(Static):
    """The join link as a QR code a phone or laptop camera can read."""

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
    }
    """

    def __init__(self, data: str, **kwargs) -> None:
        super().__init__(qr_text(data), **kwargs)
