"""Every Mermaid map we write, read line by line against the part of Mermaid's grammar it uses.

Mermaid's flowchart grammar (flow.jison in mermaid-js/mermaid) accepts far
more than we write; this checks that each line is one of the statements we mean
to use, in its exact form, and that the statements agree with each other (every
link's nodes declared, every linkStyle number a link, every class a classDef).
The real parser checks the same maps in an opt-in test (test_external_tools).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from conftest import CONTRACT_EXAMPLE
from test_branch_map import TWO_DAYS

from cold_to_gold.author.graph import mermaid
from cold_to_gold.base.paths import bundled_dir
from cold_to_gold.library.load import load_scenario, load_text
from cold_to_gold.scenario import Scenario

SCENARIOS = sorted(bundled_dir("scenarios").glob("*.yaml"))

ID = r"[A-Za-z_][A-Za-z0-9_]*"
# Words the grammar reads as keywords, never as a node's id.
KEYWORDS = {"end", "graph", "flowchart", "subgraph", "style", "class", "classDef", "click",
            "linkStyle", "default", "call", "href", "interpolate", "direction"}  # fmt: skip
# Inside a quoted label: no quote and no raw line break; entity codes (#quot;) and <br> only.
TEXT = r'(?:[^"#<>\n]|#\w+;|<br>)+'
SHAPES = [r'\["(?P<a>{t})"\]', r'\(\["(?P<b>{t})"\]\)', r'\{{\{{"(?P<c>{t})"\}}\}}',
          r'\("(?P<d>{t})"\)', r"\(\((?P<e>start)\)\)"]  # fmt: skip
NODE = re.compile(
    rf"^  (?:  )?(?P<id>{ID})(?:{'|'.join(shape.format(t=TEXT) for shape in SHAPES)})$"
)
LINK = re.compile(
    rf'^  (?P<from>{ID}) (?P<arrow>-->|-\.->|---|-\.-)(?:\|"{TEXT}"\|)? (?P<to>{ID})$'
)
STYLE = r"[a-z-]+:[#A-Za-z0-9 .]+(?:,[a-z-]+:[#A-Za-z0-9 .]+)*"
LINK_STYLE = re.compile(rf"^  linkStyle (?P<numbers>\d+(?:,\d+)*) {STYLE}$")
CLASS_DEF = re.compile(rf"^  classDef (?P<name>{ID}) {STYLE}$")
CLASS = re.compile(rf"^  class (?P<ids>{ID}(?:,{ID})*) (?P<name>{ID})$")
SUBGRAPH = re.compile(rf'^  subgraph (?P<id>{ID}) \["{TEXT}"\]$')
COMMENT = re.compile(r"^  %% [^\n]*$")


def check(text: str) -> dict[str, str]:
    """Every line of a map, checked; returns the front matter. Fails at the first bad line."""
    lines = text.splitlines()
    assert text.endswith("\n") and lines[0] == "---", "front matter first"
    end = lines.index("---", 1)
    front = yaml.safe_load("\n".join(lines[1:end]))
    assert set(front) <= {"title", "config"}
    assert lines[end + 1] == "flowchart TD"
    nodes: set[str] = set()
    links = 0
    classes: set[str] = set()
    used: list[tuple[str, str]] = []  # (class, node)
    open_groups = 0
    for number, line in enumerate(lines[end + 2 :], start=end + 3):
        where = f"line {number}: {line!r}"
        if found := NODE.match(line):
            assert found["id"] not in nodes | KEYWORDS, f"{where}: declared twice or a keyword"
            assert line.startswith("    ") == bool(open_groups), f"{where}: indented as its group"
            nodes.add(found["id"])
        elif found := LINK.match(line):
            assert {found["from"], found["to"]} <= nodes, f"{where}: a node declared later"
            links += 1
        elif found := LINK_STYLE.match(line):
            assert all(int(n) < links for n in found["numbers"].split(",")), f"{where}: no link"
        elif found := CLASS_DEF.match(line):
            classes.add(found["name"])
        elif found := CLASS.match(line):
            used += [(found["name"], node) for node in found["ids"].split(",")]
        elif found := SUBGRAPH.match(line):
            assert open_groups == 0 and found["id"] not in KEYWORDS, where
            open_groups += 1
        elif line == "  end":
            assert open_groups == 1, f"{where}: no group to end"
            open_groups -= 1
        else:
            assert COMMENT.match(line), f"{where}: not a statement the map means to use"
    assert open_groups == 0
    for name, node in used:
        assert name in classes and node in nodes, (name, node)
    return front


@pytest.mark.parametrize("path", [*SCENARIOS, CONTRACT_EXAMPLE], ids=lambda path: path.stem)
def test_every_map_follows_the_grammar(path: Path) -> None:
    scenario = load_scenario(path)
    front = check(mermaid(scenario))
    assert front["title"] == scenario.title


def test_titles_and_labels_with_quotes_brackets_and_hashes_stay_inside_their_quotes() -> None:
    scenario: Scenario = load_text(TWO_DAYS, "two-days.yaml")
    assert check(mermaid(scenario))["title"] == 'Two "Days" <of> #selling & more'


@pytest.mark.parametrize(
    "broken",
    [
        'flowchart TD\n  a["x"]\n',  # no front matter
        '---\ntitle: "t"\n---\nflowchart TD\n  a["x "y""]\n',  # a quote inside a label
        '---\ntitle: "t"\n---\nflowchart TD\n  a["x"]\n  a --> b\n',  # b never declared
        '---\ntitle: "t"\n---\nflowchart TD\n  end["x"]\n',  # a keyword as an id
        '---\ntitle: "t"\n---\nflowchart TD\n  a["x"]\n  linkStyle 0 stroke:red\n',  # no link 0
        '---\ntitle: "t"\n---\nflowchart TD\n  subgraph g ["G"]\n  a["x"]\n  end\n',  # indent
    ],
)
def test_the_check_catches_what_mermaid_would_refuse(broken: str) -> None:
    with pytest.raises(AssertionError):
        check(broken)
