"""The facilitator guide as printable HTML: one self-contained page per Markdown page.

Each page carries its own stylesheet (for the screen and for print), its
branch maps drawn inline as SVG, and links between pages rewritten from `.md`
to `.html` (the guide's README becomes `index.html`). Nothing is loaded from
the network. Markdown is read by markdown-it-py, which Textual already brings.
"""

from __future__ import annotations

import html
import re
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from mdit_py_plugins.anchors import anchors_plugin

from cold_to_gold.guide_check import SHEETS
from cold_to_gold.guide_rooms import filled

STYLE = Path(__file__).with_name("guide_print.css")
INDEX = "index.html"
NAV = (
    ("README.md", "Guide"),
    ("running-it.md", "Running it"),
    ("session-60-minutes.md", "60 minutes"),
    ("origin-story.md", "The story"),
    ("session-half-day.md", "Half day"),
    ("session-pairs.md", "20–30 in pairs"),
    ("session-remote.md", "Remote"),
    ("handout.md", "Handout"),
    ("pre-post-check.md", "The check"),
    ("pushback.md", "Pushback"),
)
KINDS = {"handout.md": "handout", "check-sheet.md": "sheet"}  # pages with their own print layout
_XML_PROLOGUE = re.compile(r"<\?xml.*?\?>|<!DOCTYPE.*?>|<!--.*?-->", re.S)


def guide_pages(folder: Path) -> list[Path]:
    """Every Markdown page of the guide: the top folder and its subfolders."""
    return sorted(folder.glob("*.md")) + sorted(folder.glob("*/*.md"))


def output_name(page: Path, folder: Path) -> Path:
    """Where a page goes, relative to the output folder."""
    relative = page.relative_to(folder)
    return Path(INDEX) if relative == Path("README.md") else relative.with_suffix(".html")


def write_guide(
    folder: Path, out: Path, rooms: Callable[[str], str | None] | None = None
) -> list[Path]:
    """Write every page of the guide under `out`, the maps the pages link to, and the
    scenarios' scripts (`scripts/<id>.html`).

    `rooms` gives a debrief page's "what rooms chose" block from the classroom records.
    """
    written = []
    for page in guide_pages(folder):
        target = out / output_name(page, folder)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(page, folder, rooms), encoding="utf-8")
        written.append(target)
    maps = folder / "maps"
    if maps.is_dir():  # plain links to a map open the picture itself
        (out / "maps").mkdir(parents=True, exist_ok=True)
        for svg in sorted(maps.glob("*.svg")):
            shutil.copyfile(svg, out / "maps" / svg.name)
    for sub in sorted(path for path in folder.iterdir() if path.is_dir()):
        written.append(_folder_index(sub, folder, out))
    written += _scripts(folder, out)
    return written


def _scripts(folder: Path, out: Path) -> list[Path]:
    """The printable script of every bundled scenario, under `scripts/`."""
    from cold_to_gold.author.script_html import write_scripts
    from cold_to_gold.paths import bundled_dir

    return write_scripts(bundled_dir("scenarios"), out / "scripts", _nav(folder, "../"))


def _folder_index(sub: Path, folder: Path, out: Path) -> Path:
    """A page listing a subfolder's pages or maps, so that a link to the folder leads somewhere."""
    items = []
    for page in sorted(sub.glob("*.md")):
        title = _title(page.read_text(encoding="utf-8")) or page.stem
        items.append(f'<li><a href="{page.stem}.html">{html.escape(title)}</a></li>')
    for picture in sorted(sub.glob("*.svg")):
        items.append(f'<li><a href="{picture.name}">{html.escape(picture.stem)}</a></li>')
    heading = html.escape(sub.name.replace("-", " ").capitalize())
    body = f"<h1>{heading}</h1>\n<ul>\n" + "\n".join(items) + "\n</ul>\n"
    target = out / sub.name / INDEX
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(_document(heading, "page", _nav(folder, "../"), body), encoding="utf-8")
    return target


def render_page(page: Path, folder: Path, rooms: Callable[[str], str | None] | None = None) -> str:
    """One page as a whole HTML document."""
    text = page.read_text(encoding="utf-8")
    if rooms is not None:
        text = filled(page, text, rooms)
    body = _parser(page).render(text)
    title = _title(text) or page.stem
    up = "../" * (len(page.relative_to(folder).parts) - 1)
    kind = "sheet" if page.parent.name == SHEETS else KINDS.get(page.name, "page")
    return _document(html.escape(title), kind, _nav(folder, up), body)


def _document(title: str, kind: str, nav: str, body: str) -> str:
    """A whole HTML document around a page's body, with the stylesheet inside it."""
    return (
        "<!doctype html>\n"
        '<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} — Cold to Gold</title>\n"
        f"<style>\n{STYLE.read_text(encoding='utf-8')}</style>\n"
        f'</head>\n<body class="{kind}">\n{nav}<main>\n{body}</main>\n'
        "</body>\n</html>\n"
    )


def _title(text: str) -> str:
    for line in text.splitlines():
        if line.startswith("# "):
            return line[2:].replace("`", "").strip()
    return ""


def _nav(folder: Path, up: str) -> str:
    links = [
        f'<a href="{up}{output_name(folder / name, folder).as_posix()}">{label}</a>'
        for name, label in NAV
        if (folder / name).exists()
    ]
    return "<nav>" + " · ".join(links) + "</nav>\n"


def _parser(page: Path) -> MarkdownIt:
    """A CommonMark parser with tables and heading anchors, whose links suit the HTML pages."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    anchors_plugin(parser, max_level=3)

    # Render rules are called as methods of the renderer: (renderer, tokens, index, ...).
    def link_open(renderer: Any, tokens: list, index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        if _wraps_a_map(tokens, index):
            return ""  # the picture is drawn inline; a link around it would lead nowhere
        token.attrSet("href", _html_href(str(token.attrGet("href") or "")))
        return renderer.renderToken(tokens, index, options, env)

    def link_close(renderer: Any, tokens: list, index: int, options: Any, env: Any) -> str:
        if index >= 1 and tokens[index - 1].type == "image" and _is_map(tokens[index - 1]):
            return ""
        return renderer.renderToken(tokens, index, options, env)

    def image(renderer: Any, tokens: list, index: int, options: Any, env: Any) -> str:
        token = tokens[index]
        source = page.parent / str(token.attrGet("src") or "")
        if _is_map(token) and source.is_file():
            return _inline_svg(source, renderer.renderInlineAsText(token.children, options, env))
        return renderer.image(tokens, index, options, env)

    parser.add_render_rule("link_open", link_open)
    parser.add_render_rule("link_close", link_close)
    parser.add_render_rule("image", image)
    return parser


def _is_map(token: Any) -> bool:
    return str(token.attrGet("src") or "").endswith(".svg")


def _wraps_a_map(tokens: list, index: int) -> bool:
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return following is not None and following.type == "image" and _is_map(following)


def _html_href(href: str) -> str:
    """A link to a Markdown page points at its HTML page; anything else is left alone."""
    path, hash_mark, anchor = href.partition("#")
    if "://" in path or path.startswith("mailto:"):
        return href
    if path.endswith("/"):  # a folder: its index page
        return path + INDEX + hash_mark + anchor
    if not path.endswith(".md"):
        return href
    if Path(path).name == "README.md":
        path = path[: -len("README.md")] + INDEX
    else:
        path = path[: -len(".md")] + ".html"
    return path + hash_mark + anchor


def _inline_svg(source: Path, alt: str) -> str:
    """The SVG drawn inside the page, labelled for screen readers, sized by the stylesheet."""
    svg = _XML_PROLOGUE.sub("", source.read_text(encoding="utf-8")).strip()
    label = html.escape(alt, quote=True)
    svg = svg.replace("<svg ", f'<svg class="map" role="img" aria-label="{label}" ', 1)
    return f'<figure class="map">{svg}</figure>'
