"""Messages that stay on one line, whatever text they quote.

Editors and CI read errors as `path:line:column: message`, one to a line; a
quoted value that spans lines (or carries a control character) would break
that. Line breaks and control characters are written as escapes, long quoted
values are shortened.
"""

from __future__ import annotations

import re

QUOTE_LIMIT = 60
MESSAGE_LIMIT = 500

# Everything `str.splitlines` breaks on, and every other control character. Patterns,
# not compiled ones: `re` compiles them on first use (most starts print no message).
_UNSAFE = r"[\x00-\x1f\x7f-\x9f\u2028\u2029]"
_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_LONG_QUOTE = f"'([^']{{{QUOTE_LIMIT + 1},}})'"


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escaped(text: str) -> str:
    """`text` with line breaks and control characters written as escapes (`\\n`, `\\x07`)."""
    return re.sub(_UNSAFE, _escape, text)


def shortened(text: str, limit: int = QUOTE_LIMIT) -> str:
    """`text` cut to `limit` characters, with '…' where it was cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def quoted(text: str, limit: int = QUOTE_LIMIT) -> str:
    """A user's value for a message: escaped, shortened, in single quotes."""
    return f"'{shortened(escaped(text), limit)}'"


def one_line(message: str, limit: int = MESSAGE_LIMIT) -> str:
    """A message made safe to print as one line: escaped, long quotes and the whole shortened."""
    text = re.sub(_LONG_QUOTE, lambda match: quoted(match.group(1)), escaped(message))
    return shortened(text, limit)
