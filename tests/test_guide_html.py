"""`cold-to-gold guide --html DIR`: self-contained, printable pages; opt-in, printed for real."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from cold_to_gold.cli import main
from cold_to_gold.guide_html import guide_pages, output_name, render_page
from cold_to_gold.paths import bundled_dir

GUIDE = bundled_dir("facilitator_guide")
SCENARIOS = sorted(path.stem for path in bundled_dir("scenarios").glob("*.yaml"))


class Links(HTMLParser):
    """Every href and src in a page, and the tags that would load something."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "a" and found.get("href"):
            self.hrefs.append(str(found["href"]))
        if tag in ("link", "script", "iframe", "object", "embed") or (
            tag in ("img", "source", "use", "image") and (found.get("src") or found.get("href"))
        ):
            self.loads.append(f"<{tag} {found}>")


@pytest.fixture(scope="module")
def written(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("printed")
    assert main(["guide", "--html", str(out)]) == 0
    return out


def test_every_page_of_the_guide_is_written_with_the_answer_keys_plans_and_handout(
    written: Path,
) -> None:
    for page in guide_pages(GUIDE):
        assert (written / output_name(page, GUIDE)).is_file()
    assert (written / "index.html").is_file()  # the guide's README
    for name in (
        "handout",
        "session-60-minutes",
        "session-half-day",
        "session-pairs",
        "session-remote",
        "pre-post-check",
        "check-sheet",
        "pushback",
        "origin-story",
        "running-it",
    ):
        assert (written / f"{name}.html").is_file(), name
    for scenario_id in SCENARIOS:
        assert (written / "answer-keys" / f"{scenario_id}.html").is_file()


def test_pages_are_self_contained_with_a_print_stylesheet(written: Path) -> None:
    for page in written.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        parser = Links()
        parser.feed(text)
        assert parser.loads == [], f"{page.name} loads {parser.loads}"
        assert "@media print" in text and "@page" in text
        assert "http://" not in re.sub(r'xmlns(:xlink)?="[^"]*"', "", text.split("</style>")[0])


def test_maps_are_drawn_inside_the_answer_keys_and_debriefs(written: Path) -> None:
    for scenario_id in SCENARIOS:
        for folder in ("answer-keys", "debriefs"):
            text = (written / folder / f"{scenario_id}.html").read_text(encoding="utf-8")
            assert text.count('<svg class="map" role="img"') == 1, (folder, scenario_id)
            assert "<?xml" not in text and "<!DOCTYPE svg" not in text
            assert f'href="../maps/{scenario_id}.svg"><svg' not in text  # no link around it


def test_every_link_between_pages_leads_to_a_written_page(written: Path) -> None:
    for page in written.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            if "://" in href or href.startswith(("#", "mailto:")):
                continue
            target = href.split("#")[0]
            assert not target.endswith(".md"), f"{page.name}: {href}"
            assert (page.parent / target).exists(), f"{page.relative_to(written)} -> {href}"


def test_anchors_in_links_exist_in_the_pages_they_point_at(written: Path) -> None:
    for page in written.rglob("*.html"):
        parser = Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for href in parser.hrefs:
            target, _, anchor = href.partition("#")
            if not anchor or "://" in target:
                continue
            text = (page.parent / target if target else page).read_text(encoding="utf-8")
            assert f'id="{anchor}"' in text, f"{page.name}: {href}"


def test_a_page_renders_tables_and_its_title() -> None:
    text = render_page(GUIDE / "session-60-minutes.md", GUIDE)
    assert "<title>Session plan: 60 minutes — Cold to Gold</title>" in text
    assert "<table>" in text and "<td>0:11</td>" in text
    assert '<body class="page">' in text
    handout = render_page(GUIDE / "handout.md", GUIDE)
    assert '<body class="handout">' in handout


def test_writing_over_a_file_or_where_nothing_can_be_written_is_an_input_error(
    tmp_path: Path, capsys
) -> None:
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["guide", "--html", str(a_file)]) == 1
    err = capsys.readouterr().err
    assert f"cold-to-gold: cannot write the guide to {a_file}: it is a file" in err
    assert main(["guide", "--html", str(a_file / "below")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("cold-to-gold: cannot write the guide to") and "Traceback" not in err
    with pytest.raises(SystemExit) as usage:
        main(["guide"])
    assert usage.value.code == 2


# --- printed for real (opt-in: pytest -m print) --------------------------------------

CHROMIUM = shutil.which("chromium")
PDFINFO = shutil.which("pdfinfo")


def printed_pages(html: Path, pdf: Path, paper: str) -> int:
    """Print a page with headless Chromium on the given paper, and count the PDF's pages."""
    sized = html.with_name(f"{html.stem}-{paper}.html")
    sized.write_text(
        html.read_text(encoding="utf-8").replace(
            "</style>", f"@page {{ size: {paper}; }}\n</style>", 1
        ),
        encoding="utf-8",
    )
    subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         f"--print-to-pdf={pdf}", sized.as_uri()],
        check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    info = subprocess.run([PDFINFO, str(pdf)], check=True, capture_output=True, text=True)
    return int(re.search(r"^Pages:\s+(\d+)", info.stdout, re.M)[1])


@pytest.mark.print
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_handout_prints_on_one_page(written: Path, tmp_path: Path, paper: str) -> None:
    if not (CHROMIUM and PDFINFO):
        pytest.fail("the print test needs Debian's chromium and poppler-utils (pdfinfo)")
    assert printed_pages(written / "handout.html", tmp_path / "handout.pdf", paper) == 1


@pytest.mark.print
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_the_check_sheet_and_the_60_minute_plan_print_on_two_pages_each(
    written: Path, tmp_path: Path, paper: str
) -> None:
    if not (CHROMIUM and PDFINFO):
        pytest.fail("the print test needs Debian's chromium and poppler-utils (pdfinfo)")
    for name in ("check-sheet", "session-60-minutes"):
        assert printed_pages(written / f"{name}.html", tmp_path / f"{name}.pdf", paper) <= 2
