"""`cold-to-gold script FILE|ID [--html DIR]`: every scene, choice and ending, with its line."""

from __future__ import annotations

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import CONTRACT_EXAMPLE, dedent

from cold_to_gold.author.script import script_rows, script_text
from cold_to_gold.author.script_html import script_page
from cold_to_gold.cli import main
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import Scenario, load_scenario, load_text

BUNDLED = sorted(bundled_dir("scenarios").glob("*.yaml"))


def script_column(out: str) -> str:
    """The middle column of the plain-text script, its wrapped lines joined again."""
    cells = [m[1] for m in re.finditer(r"^ *\d* \| (.*?) *\|$", out, re.M)]
    return flat(" ".join(cells))


def flat(text: str) -> str:
    """The text with every run of white space one space: wrapping does not hide a name."""
    return " ".join(text.split())


class Visible(HTMLParser):
    """The text a reader of the page sees, tags left out."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.loads: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("link", "script", "img", "iframe", "object", "embed"):
            self.loads.append(tag)


def named_everywhere(scenario: Scenario, text: str) -> None:
    """Every scene, choice and ending of the scenario is named in `text`, with its line."""
    lines = scenario_lines(scenario)
    for scene in scenario.scenes.values():
        assert flat(scene.title.upper()) in text or flat(scene.title) in text, scene.id
        assert f"id: {scene.id}" in text
        assert str(scene.where.line) in lines
        for choice in scene.choices:
            assert flat(choice.label) in text, (scene.id, choice.id)
            assert f"id: {choice.id} · {choice.channel} · {choice.minutes} min" in text
            assert str(choice.where.line) in lines
    for ending in scenario.endings.values():
        assert f"id: {ending.id}" in text
        assert str(ending.where.line) in lines


def scenario_lines(scenario: Scenario) -> set[str]:
    return {str(row.line) for row in script_rows(scenario) if row.line is not None}


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_text_script_names_every_scene_choice_and_ending_of_every_bundled_file(
    path: Path, capsys
) -> None:
    scenario = load_scenario(path)
    assert main(["script", scenario.id]) == 0
    out = capsys.readouterr().out
    text = script_column(out)
    named_everywhere(scenario, text)
    for row in script_rows(scenario):  # every text shown, in words, and the feedback
        if row.text:
            assert flat(row.text.replace("\n", " "))[:40] in text
    mistakes = sum(c.mistake for scene in scenario.scenes.values() for c in scene.choices)
    assert text.count("marked as a mistake (mistake: true)") == mistakes
    table = out[out.index(" line | script") :]
    assert [line for line in table.splitlines() if len(line) > 80] == []


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: p.stem)
def test_the_html_script_names_every_scene_choice_and_ending_and_loads_nothing(
    path: Path,
) -> None:
    scenario = load_scenario(path)
    page = script_page(scenario)
    parser = Visible()
    parser.feed(page)
    assert parser.loads == []
    assert "@media print" in page and "@page" in page and "http://" not in page.split("</style>")[0]
    named_everywhere(scenario, flat(" ".join(parser.parts)))
    assert page.count('<td class="comments"></td>') == len(script_rows(scenario))


def test_rows_follow_the_file_with_lines_and_conditions_in_words() -> None:
    scenario = load_text(
        dedent(
            """\
            format: cold-to-gold/2
            id: t
            title: T
            time_budget: 200
            people:
              - {id: ada, name: Ada Brennan}
              - {id: max, name: Max, weight: 0}
            vars: {asked: false}
            start: coffee
            endings:
              won_it: {title: Signed, text: She signs., outcome: won}
            scenes:
              coffee:
                title: Coffee
                text:
                  - when: visits.coffee >= 2
                    text: Again.
                  - text: First time.
                choices:
                  - channel: meet
                    label: Meet her
                    with: [ada, max]
                    effects: {referrals: 1}
                    goto: won_it
                    feedback:
                      - when: ada.trust >= 3
                        text: Warm.
                      - text: Cold.
                  - id: ask
                    channel: email
                    label: Ask for the order
                    when: trust >= 2 and not asked
                    locked: she does not know you yet
                    mistake: true
                    set: {asked: true}
                    goto: coffee
            """
        ),
        "t.yaml",
    )
    rows = script_rows(scenario)
    assert [row.kind for row in rows] == [
        "ending", "scene", "text", "text", "choice", "feedback", "feedback", "choice", "feedback",
        "ending",
    ]  # fmt: skip
    assert [row.line for row in rows] == [11, 13, 16, 18, 20, 26, 28, 29, None, None]
    assert rows[2].heading == 'Text, after you have been at "Coffee" twice or more'
    assert rows[5].heading == "Feedback, when Ada Brennan's trust is at least 3"
    meet, ask = rows[4], rows[7]
    assert meet.facts[0] == "id: meet · meet · 90 min · with Ada Brennan, Max (does not count)"
    assert "also: referrals +1" in meet.facts
    assert meet.facts[-1] == "leads to: the ending Signed (won)"
    assert (
        "open only when Ada Brennan's trust is at least 2 and asked is false "
        '(the trainee reads: "she does not know you yet")'
    ) in ask.facts
    assert "marked as a mistake (mistake: true)" in ask.facts
    assert "also: asked = true" in ask.facts
    assert rows[8].heading == "Feedback: none"
    text = script_text(scenario)
    assert "Person: Max (does not count)" in text
    assert "ENDING: OUT OF TIME (LOST)" in text  # the built-in ending, with no line of its own
    assert "comments" in text.splitlines()[text.splitlines().index("") + 3]


def test_bad_input_and_usage_get_one_line_and_the_right_code(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: cold-to-gold/2\nid: x\n")
    assert main(["script", str(broken)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(str(broken)) and "Traceback" not in err
    with pytest.raises(SystemExit) as usage:
        main(["script", "no-such-scenario"])
    assert usage.value.code == 2
    a_file = tmp_path / "a-file"
    a_file.write_text("x")
    assert main(["script", str(CONTRACT_EXAMPLE), "--html", str(a_file)]) == 1
    assert "it is a file, not a folder" in capsys.readouterr().err


def test_html_goes_into_the_folder_named(tmp_path: Path, capsys) -> None:
    out = tmp_path / "printed"
    assert main(["script", str(CONTRACT_EXAMPLE), "--html", str(out)]) == 0
    page = (out / "first-call.html").read_text(encoding="utf-8")
    assert "<title>Script: The First Call — Cold to Gold</title>" in page
    assert str(out / "first-call.html") in capsys.readouterr().out


def test_text_from_a_scenario_file_is_escaped_in_the_page() -> None:
    scenario = load_text(
        dedent(
            """\
            format: cold-to-gold/2
            id: t
            title: <b>T</b>
            people: [{id: ann, name: Ann}]
            start: a
            scenes:
              a:
                title: A
                text: "<script>alert(1)</script> and *stars*"
                choices: [{channel: call, label: "<i>x</i>", goto: w}]
            endings:
              w: {title: W, text: W, outcome: won}
            """
        ),
        "t.yaml",
    )
    page = script_page(scenario)
    assert "<script>" not in page and "<i>x</i>" not in page and "<b>T</b>" not in page
    assert "<em>stars</em>" in page


# --- printed for real (opt-in: pytest -m print) --------------------------------------

CHROMIUM = shutil.which("chromium")
PDFTOTEXT = shutil.which("pdftotext")


@pytest.mark.print
@pytest.mark.parametrize("paper", ["A4", "letter"])
def test_every_bundled_script_prints_without_clipping(tmp_path: Path, paper: str) -> None:
    """Printed with headless Chromium: every choice id line reaches the PDF whole, and no
    text runs past the right edge of the page (pdftotext -bbox gives each word's box)."""
    if not (CHROMIUM and PDFTOTEXT):
        pytest.fail("the print test needs Debian's chromium and poppler-utils (pdftotext)")
    assert main(["guide", "--html", str(tmp_path / "guide")]) == 0
    for path in BUNDLED:
        scenario = load_scenario(path)
        html = tmp_path / "guide" / "scripts" / f"{scenario.id}.html"
        sized = html.with_name(f"{scenario.id}-{paper}.html")
        sized.write_text(
            html.read_text(encoding="utf-8").replace(
                "</style>", f"@page {{ size: {paper}; }}\n</style>", 1
            ),
            encoding="utf-8",
        )
        pdf = tmp_path / f"{scenario.id}-{paper}.pdf"
        subprocess.run(
            [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
             f"--print-to-pdf={pdf}", sized.as_uri()],
            check=True, capture_output=True, timeout=120,
        )  # fmt: skip
        boxes = subprocess.run(
            [PDFTOTEXT, "-bbox", str(pdf), "-"], check=True, capture_output=True, text=True
        ).stdout
        width = float(re.search(r'<page width="([\d.]+)"', boxes)[1])
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
        assert right <= width - 20, f"{scenario.id} on {paper}: text reaches {right} of {width}"
        text = flat(
            subprocess.run(
                [PDFTOTEXT, "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
            ).stdout
        )
        for scene in scenario.scenes.values():
            assert f"id: {scene.id}" in text, (scenario.id, paper, scene.id)
            for choice in scene.choices:
                assert f"id: {choice.id} · {choice.channel}" in text, (scenario.id, choice.id)
        for ending in scenario.endings.values():
            assert f"id: {ending.id}" in text, (scenario.id, paper, ending.id)


def test_the_printed_guide_has_every_script_and_the_session_plans_link_them(
    tmp_path: Path,
) -> None:
    out = tmp_path / "guide"
    assert main(["guide", "--html", str(out)]) == 0
    index = (out / "scripts" / "index.html").read_text(encoding="utf-8")
    for path in BUNDLED:
        scenario = load_scenario(path)
        parser = Visible()
        parser.feed((out / "scripts" / f"{scenario.id}.html").read_text(encoding="utf-8"))
        named_everywhere(scenario, flat(" ".join(parser.parts)))
        assert f'href="{scenario.id}.html"' in index
    plan = (out / "session-60-minutes.html").read_text(encoding="utf-8")
    assert 'href="scripts/first-steps.html"' in plan and 'href="scripts/the-stage.html"' in plan
    assert 'href="scripts/index.html"' in (out / "running-it.html").read_text(encoding="utf-8")
