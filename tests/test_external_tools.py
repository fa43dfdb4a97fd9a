"""Our output checked by the real tools that read it: Graphviz, Mermaid, the YAML language server.

Opt-in, because each needs a tool from outside Python (tests/external/tools.py
says how to get it); `pytest` alone runs none of them:

    pytest -m graphviz           # apt-get install graphviz
    pytest -m mermaid            # npm install --prefix tests/external --package-lock=false
    pytest -m language_server    # the same npm install
"""

from __future__ import annotations

import json
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import pytest
from conftest import CONTRACT_EXAMPLE
from test_branch_map import TWO_DAYS

from cold_to_gold.author.dot_map import EDGE_FONT
from cold_to_gold.author.graph import dot, mermaid
from cold_to_gold.author.render import PNG_DPI, for_the_page, printed_points, render
from cold_to_gold.author.schema_file import SCHEMA_FILE
from cold_to_gold.cli import main
from cold_to_gold.paths import bundled_dir
from cold_to_gold.scenario import load_scenario, load_text

sys.path.insert(0, str(Path(__file__).parent / "external"))
from lsp import LanguageServer
from tools import HERE, need_dot, need_node, need_node_module, yaml_language_server

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))
PAGE = (7.5, 10.0)  # inches inside the margins of an A4 or US Letter page
SMALLEST_PRINTED = 7.0  # points, for the edge labels (benchmarks/map_print.py)


# --- Graphviz --------------------------------------------------------------------


@pytest.mark.graphviz
@pytest.mark.parametrize("path", SCENARIOS, ids=[path.stem for path in SCENARIOS])
def test_every_map_renders_with_graphviz_and_prints_readably_on_one_page(path: Path) -> None:
    need_dot()
    text = dot(load_scenario(path))
    svg = ElementTree.fromstring(render(text, "svg"))
    assert svg.tag.endswith("svg")
    assert render(text, "png").startswith(b"\x89PNG\r\n")
    printed = printed_points(text)
    assert printed >= SMALLEST_PRINTED, f"edge labels print at {printed:.1f} pt"


# Edges that cross another edge's label text, over the whole bundled library: 33 before
# labels were broken into short lines and nodes spaced wider; Graphviz's placement of
# labels beside nodes with many arrows in still lets a few through (the-stage's encore).
MOST_EDGES_THROUGH_LABELS = 14


@pytest.mark.graphviz
def test_edges_seldom_run_through_labels() -> None:
    dot_program = need_dot()
    crossed = {
        path.stem: edges_through_labels(dot_program, for_the_page(dot(load_scenario(path))))
        for path in SCENARIOS
    }
    assert sum(map(len, crossed.values())) <= MOST_EDGES_THROUGH_LABELS, crossed
    assert crossed["cold-to-gold"] == [] and crossed["before-and-after"] == []


def edges_through_labels(dot_program: str, text: str) -> list[tuple[str, str]]:
    """(edge, label) pairs where an edge's drawn curve crosses another edge's label text,
    read from Graphviz's own layout (`-Tjson`: curves and the label's text boxes)."""
    laid = json.loads(
        subprocess.run([dot_program, "-Tjson"], input=text, capture_output=True, text=True).stdout
    )
    edges = laid.get("edges", [])
    crossed = []
    for owner in edges:
        for op in owner.get("_ldraw_", []):
            if op["op"] != "T":
                continue
            (x, y), width = op["pt"], op["width"]
            left = {"l": x, "r": x - width}.get(op["align"], x - width / 2)
            box = (left + 2, y, left + width - 2, y + EDGE_FONT * 0.6)  # the letters' body
            for other in edges:
                if other is owner or "pos" not in other:
                    continue
                if any(box[0] < px < box[2] and box[1] < py < box[3] for px, py in curve(other)):
                    crossed.append((f"{other['tail']}->{other['head']}", op["text"]))
    return crossed


def curve(edge: dict) -> list[tuple[float, float]]:
    """Points along an edge's drawn B-spline (its `pos`), 20 per segment."""
    points = [
        tuple(float(v) for v in point.split(",")[-2:])
        for point in edge["pos"].split()
        if not point.startswith(("e,", "s,"))
    ]
    found = []
    for i in range(0, len(points) - 3, 3):
        p0, p1, p2, p3 = points[i : i + 4]
        for step in range(21):
            t = step / 20
            a, b, c, d = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t**3
            found.append(
                (
                    a * p0[0] + b * p1[0] + c * p2[0] + d * p3[0],
                    a * p0[1] + b * p1[1] + c * p2[1] + d * p3[1],
                )
            )
    return found


@pytest.mark.graphviz
def test_a_png_says_its_resolution_so_it_prints_at_its_size() -> None:
    need_dot()
    png = render(dot(load_scenario(SCENARIOS[0])), "png")
    assert png[12:16] == b"IHDR" and png[37:41] == b"pHYs"
    per_metre = int.from_bytes(png[41:45], "big")
    assert round(per_metre * 0.0254) == PNG_DPI and png[49] == 1  # unit: the metre


@pytest.mark.graphviz
def test_graph_command_writes_a_picture(tmp_path: Path, capsys) -> None:
    need_dot()
    assert main(["graph", "the-week", "--output", str(tmp_path / "week.svg")]) == 0
    assert main(["graph", "the-week", "--output", str(tmp_path / "week.png")]) == 0
    assert ElementTree.parse(tmp_path / "week.svg").getroot().tag.endswith("svg")
    assert (tmp_path / "week.png").read_bytes().startswith(b"\x89PNG")


# --- Mermaid ---------------------------------------------------------------------


def mermaid_parse(texts: list[str]) -> list[dict]:
    need_node_module("mermaid")
    done = subprocess.run(
        [need_node(), str(HERE / "mermaid_parse.mjs")],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


@pytest.mark.mermaid
def test_every_map_parses_with_the_real_mermaid() -> None:
    scenarios = [load_scenario(path) for path in [*SCENARIOS, CONTRACT_EXAMPLE]]
    scenarios.append(load_text(TWO_DAYS, "two-days.yaml"))  # quotes, <, >, # and & in text
    results = mermaid_parse([mermaid(scenario) for scenario in scenarios])
    for scenario, result in zip(scenarios, results, strict=True):
        assert result == {"ok": True, "type": "flowchart-v2"}, (scenario.id, result)
    broken = mermaid_parse([mermaid(scenarios[0]).replace('"]', '"', 1)])
    assert broken[0]["ok"] is False  # the check can fail


# --- the YAML language server ------------------------------------------------------


@pytest.fixture
def server(tmp_path: Path):
    started = LanguageServer(yaml_language_server(), tmp_path)
    yield started
    started.close()


def problem_at(diagnostics: list[dict], message: str) -> tuple[int, int]:
    """The 1-based line and column of the diagnostic whose message has these words."""
    (found,) = [item for item in diagnostics if message in item["message"]]
    start = found["range"]["start"]
    return start["line"] + 1, start["character"] + 1


@pytest.mark.language_server
def test_a_scenario_made_by_new_completes_and_shows_schema_errors_with_no_other_step(
    tmp_path: Path, server: LanguageServer, capsys
) -> None:
    assert main(["new", "trade-show", "--dir", str(tmp_path)]) == 0
    starter = tmp_path / "trade-show.yaml"
    assert server.diagnostics_of(server.open(starter)) == []
    lines = starter.read_text().splitlines()

    broken = tmp_path / "broken.yaml"
    broken.write_text(starter.read_text().replace("level: beginner", "level: expert"))
    diagnostics = server.diagnostics_of(server.open(broken))
    capsys.readouterr()
    assert main(["validate", str(broken)]) == 1
    (reported,) = capsys.readouterr().out.splitlines()
    line, column = problem_at(diagnostics, '"beginner", "intermediate", "advanced"')
    assert reported.startswith(f"{broken}:{line}:{column}: level:")  # where validate says

    at = next(number for number, text in enumerate(lines) if text.startswith("summary:"))
    keys = tmp_path / "keys.yaml"
    keys.write_text("\n".join([*lines[:at], "", *lines[at:]]) + "\n")
    assert {"channels", "vars", "scoring"} <= set(server.completion(server.open(keys), at, 0))

    at = next(number for number, text in enumerate(lines) if text.endswith("- channel: email"))
    channel = tmp_path / "channel.yaml"
    prefix = lines[at].split("email")[0]
    channel.write_text("\n".join([*lines[:at], prefix, *lines[at + 1 :]]) + "\n")
    offered = server.completion(server.open(channel), at, len(prefix))
    assert offered == ["post", "email", "call", "meet"]


@pytest.mark.language_server
def test_the_bundled_scenarios_are_checked_against_the_schema_shipped_beside_them(
    server: LanguageServer,
) -> None:
    assert (SCENARIOS[0].parent / SCHEMA_FILE).exists()
    for path in SCENARIOS:
        assert server.diagnostics_of(server.open(path)) == [], path.name
    broken = SCENARIOS[0].read_text().replace("channel: email", "channel: fax", 1)
    unsaved = SCENARIOS[0].parent / "unsaved-edit.yaml"  # an editor's buffer, never written
    diagnostics = server.diagnostics_of(server.open(unsaved, text=broken))
    assert any('"post", "email", "call", "meet"' in item["message"] for item in diagnostics)
