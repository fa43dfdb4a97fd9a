"""Scene text is Markdown: as plain text for the surfaces that cannot show styles, and
the markup a one-line field cannot show.

The app draws a scene's text, an ending's text, a choice's feedback and the
facilitator notes as Markdown. A plain-text surface (the headless summary, the
debrief's path lines, history) shows the same words without the markers: no
asterisks, no backticks, a link's text without its address. One-line fields
(titles, labels, `locked`, names, roles) are plain text everywhere, so Markdown
written there would show as it was typed: `validate` refuses it (see
`one_line_markup`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _parser() -> Any:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


@lru_cache(maxsize=1024)
def plain_text(source: str) -> str:
    """The words of a Markdown text without its markers: paragraphs separated by a blank
    line, list items on lines of their own ('- ' or '1. '), code as written."""
    blocks: list[str] = []
    lists: list[list[int]] = []  # per open list: [next number] (0 for bullets)
    item_prefix = ""
    in_list = False  # the last block is a list, which the next item joins
    quote = 0
    for token in _parser().parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(token.attrGet("start") or 1) if kind == "ordered_list_open" else 0
            lists.append([start])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
            in_list = bool(lists)
        elif kind == "list_item_open" and lists:
            number = lists[-1][0]
            item_prefix = "  " * (len(lists) - 1) + (f"{number}. " if number else "- ")
            if number:
                lists[-1][0] += 1
        elif kind == "blockquote_open":
            quote += 1
        elif kind == "blockquote_close":
            quote -= 1
        elif kind == "inline":
            text = ("> " * quote) + _inline(token.children or [])
            if item_prefix or (lists and blocks):
                # Inside a list: each item on a line of its own, no blank line between.
                text, item_prefix = (item_prefix or "  " * len(lists)) + text, ""
                if blocks and in_list:
                    blocks[-1] += "\n" + text
                    continue
            blocks.append(text)
            in_list = bool(lists)
            continue
        elif kind in ("fence", "code_block"):
            blocks.append(token.content.rstrip("\n"))
            in_list = False
    return "\n\n".join(block for block in blocks if block.strip())


def _inline(children: list[Any]) -> str:
    parts = []
    for child in children:
        kind = child.type
        if kind in ("text", "code_inline"):
            parts.append(child.content)
        elif kind == "softbreak":
            parts.append(" ")
        elif kind == "hardbreak":
            parts.append("\n")
        elif kind == "image":
            parts.append(_inline(child.children or []))
    return "".join(parts)


def one_line(source: str) -> str:
    """A Markdown text as one line of plain text (the path lines, the summary)."""
    return " ".join(plain_text(source).split())


# Markup that a one-line field would show as typed: *emphasis*, **strong**, _emphasis_,
# `code`, [a link](address). A lone asterisk or underscore ("5 * 3", "snake_case") is not.
_MARKUP = [
    (re.compile(r"(?<![\w*])\*\*?[^\s*][^*]*?\*\*?(?![\w*])"), "*emphasis* or **strong**"),
    (re.compile(r"(?<!\w)__?[^\s_][^_]*?__?(?!\w)"), "_emphasis_"),
    (re.compile(r"`[^`]+`"), "`code`"),
    (re.compile(r"\[[^\]]+\]\([^)]*\)"), "[a link](address)"),
]


def one_line_markup(text: str) -> str | None:
    """The kind of Markdown markup found in a one-line field ('*emphasis*', ...), or None."""
    for pattern, name in _MARKUP:
        if pattern.search(text):
            return name
    return None
