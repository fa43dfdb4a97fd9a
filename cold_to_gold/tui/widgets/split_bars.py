"""How a decision split: a bar per choice, with its count, its channel and its label."""

from __future__ import annotations

from rich.text import Text

from cold_to_gold.scenario.model import Scenario
from cold_to_gold.tui.channels import badge


def split_text(scenario: Scenario, scene_id: str, split: dict[str, int], width: int = 24) -> Text:
    """Every choice of the scene, chosen or not, with a bar as long as its share."""
    scene = scenario.scenes[scene_id]
    total = sum(split.values()) or 1
    text = Text()
    text.append(f"{scene.title}\n", "bold")
    for choice in scene.choices:
        count = split.get(choice.id, 0)
        bar = "█" * round(width * count / total)
        text.append(f"{badge(choice.channel):<8}", "bold")
        text.append(f"{bar:<{width}} ", "green")
        text.append(f"{count:>3}  ")
        text.append(f"{choice.label}\n")
    return text
