"""From located YAML to a valid `Scenario`, collecting every error on the way.

The top of the file: format, identity, people, channels, vars, scoring and
tests. Scenes, choices and endings are read in `scenes.py`; loops are found in
`loops.py`.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from cold_to_gold.scenario import spec
from cold_to_gold.scenario.draft import Draft
from cold_to_gold.scenario.guards import RESERVED
from cold_to_gold.scenario.model import (
    DEFAULT_CHANNELS,
    DEFAULT_CHANNELS_2,
    DEFAULT_SCORING,
    DEFAULT_SCORING_2,
    Channel,
    Expectation,
    Grade,
    Person,
    Scenario,
    ScenarioTest,
    Scoring,
)
from cold_to_gold.scenario.problems import Problems
from cold_to_gold.scenario.reader import Entry, Reader, did_you_mean
from cold_to_gold.scenario.scenes import read_endings, read_scene_ids, read_scenes
from cold_to_gold.scenario.yaml_tree import YamlNode


def build_scenario(root: YamlNode, problems: Problems) -> Scenario | None:
    """Check the whole document; return the scenario, or None when `problems` has errors."""
    reader = Reader(problems)
    if not root.is_map:
        problems.add(root.where, f"the file must be a mapping of keys, not {_shape(root)}")
        return None
    version = _format_version(reader, root)
    if version is None:
        return None  # another format version: its other keys may mean something else
    found = reader.record(root, spec.SCENARIO, root.where, "scenario")
    draft = Draft(reader, found, version=version)
    draft.channels = dict(DEFAULT_CHANNELS_2 if version >= 2 else DEFAULT_CHANNELS)
    top = {name: reader.field(found, spec.SCENARIO, name, "") for name in _SCALAR_KEYS}
    if "objectives" in found:
        top["objectives"] = _texts(reader, found["objectives"].node, "objectives")
    draft.time_budget = top["time_budget"]
    _read_people(draft)
    _read_channels(draft)
    _read_vars(draft)
    read_scene_ids(draft)
    _check_start(draft)
    read_endings(draft)
    read_scenes(draft)
    scoring = _read_scoring(draft)
    tests = _read_tests(draft, scoring)
    var_labels = _read_var_labels(draft)
    if problems:
        return None
    return Scenario(
        path=problems.path,
        id=top["id"],
        title=top["title"],
        summary=top["summary"] or "",
        level=top["level"] or "",
        play_minutes=top["play_minutes"],
        objectives=tuple(top.get("objectives") or ()),
        time_budget=draft.time_budget,
        people=tuple(draft.people),
        channels=MappingProxyType(draft.channels),
        vars=MappingProxyType(draft.vars),
        var_labels=MappingProxyType(var_labels),
        start=top["start"],
        scenes=MappingProxyType(draft.scenes),
        endings=MappingProxyType(draft.endings),
        scoring=scoring,
        tests=tests,
        key_where=MappingProxyType({name: entry.key.where for name, entry in found.items()}),
        format=version,
    )


def _format_version(reader: Reader, root: YamlNode) -> int | None:
    """1 or 2 from `format:`; None for a format this version does not read."""
    for key, value in root.value:
        if key.is_scalar and key.text == "format":
            text = reader.scalar(value, spec.SCENARIO.field("format").kind, "format")
            return None if text is None else spec.FORMATS.index(text) + 1
    return 2  # reported as a missing key


_SCALAR_KEYS = ("id", "title", "summary", "level", "play_minutes", "time_budget", "start")


def _shape(node: YamlNode) -> str:
    return {"seq": "a list"}.get(node.kind, f"the value '{node.text}'")


def _texts(reader: Reader, node: YamlNode, label: str) -> list[str]:
    items = reader.items(node, label)
    texts = (reader.scalar(item, spec.LINE, f"{label}[{i}]") for i, item in enumerate(items))
    return [text for text in texts if text is not None]


def _read_people(draft: Draft) -> None:
    reader = draft.reader
    entry = draft.root.get("people")
    if entry is None:
        return
    first_at: dict[str, int] = {}
    for i, node in enumerate(reader.items(entry.node, "people", 1)):
        label = f"people[{i}]"
        found = reader.record(node, spec.PERSON, node.where, label)
        person_id = reader.field(found, spec.PERSON, "id", label)
        name = reader.field(found, spec.PERSON, "name", label)
        if person_id in first_at:
            reader.error(
                found["id"].node.where,
                f"{label}.id: duplicate person id '{person_id}' (first at line "
                f"{first_at[person_id]})",
            )
            continue
        start = _metric_map(reader, found.get("start"), f"{label}.start")
        # A wrong weight is reported; the person still counts as known for the rest of the file.
        weight = reader.field(found, spec.PERSON, "weight", label)
        if person_id is None or name is None:
            continue
        first_at[person_id] = found["id"].node.where.line
        draft.people.append(
            Person(
                person_id,
                name,
                reader.field(found, spec.PERSON, "role", label) or "",
                reader.field(found, spec.PERSON, "about", label) or "",
                MappingProxyType(start),
                node.where,
                1 if weight is None else weight,
            )
        )


def _metric_map(reader: Reader, entry: Entry | None, label: str) -> dict[str, Any]:
    if entry is None:
        return {}
    values = {}
    for item in reader.entries(entry.node, label) or ():
        metric = reader.scalar(item.key, spec.METRIC, label)
        amount = reader.scalar(item.node, spec.NUMBER, f"{label}.{item.name}")
        if metric is not None and amount is not None:
            values[metric] = amount
    return values


def _read_channels(draft: Draft) -> None:
    reader = draft.reader
    entry = draft.root.get("channels")
    if entry is None:
        return
    for item in reader.entries(entry.node, "channels") or ():
        name = reader.scalar(item.key, spec.CHANNEL, "channels")
        label = f"channels.{item.name}"
        found = reader.record(item.node, spec.CHANNEL_COST, item.key.where, label)
        values = {
            key: reader.field(found, spec.CHANNEL_COST, key, label)
            for key in found
            if key != "ceiling"
        }
        base = draft.channels.get(name or "")
        ceiling = _read_ceiling(reader, found.get("ceiling"), base, f"{label}.ceiling")
        if name is None or base is None or ceiling is None or None in values.values():
            continue
        draft.channels[name] = Channel(
            name,
            values.get("minutes", base.minutes),
            values.get("they_know_you", base.they_know_you),
            values.get("you_know_them", base.you_know_them),
            values.get("trust", base.trust),
            MappingProxyType(ceiling),
        )


def _read_ceiling(
    reader: Reader, entry: Entry | None, base: Channel | None, label: str
) -> dict[str, Any] | None:
    """The channel's ceilings: its defaults, with the ones named replaced (null removes one)."""
    ceiling = dict(base.ceiling) if base is not None else {}
    if entry is None:
        return ceiling
    ok = True
    for item in reader.entries(entry.node, label) or ():
        metric = reader.scalar(item.key, spec.METRIC, label)
        if item.node.is_scalar and item.node.value is None:
            if metric is not None:
                ceiling.pop(metric, None)
            continue
        amount = reader.scalar(item.node, spec.NUMBER, f"{label}.{item.name}")
        if metric is None or amount is None:
            ok = False
        else:
            ceiling[metric] = amount
    return ceiling if ok else None


def _read_vars(draft: Draft) -> None:
    reader = draft.reader
    entry = draft.root.get("vars")
    if entry is None:
        return
    for item in reader.entries(entry.node, "vars") or ():
        name = reader.scalar(item.key, spec.VAR_NAME, "vars")
        value = reader.scalar(item.node, spec.NUMBER_OR_BOOL, f"vars.{item.name}")
        if name in RESERVED:
            reader.error(item.key.where, f"vars: '{name}' is a reserved name; pick another")
            continue
        if name is not None and value is not None:
            draft.vars[name] = value


def _read_var_labels(draft: Draft) -> dict[str, str]:
    """`var_labels`: var -> the words the debrief shows it under (one line)."""
    reader = draft.reader
    entry = draft.root.get("var_labels")
    labels: dict[str, str] = {}
    for item in (reader.entries(entry.node, "var_labels") or ()) if entry else ():
        label = reader.scalar(item.node, spec.LINE, f"var_labels.{item.name}")
        if item.name not in draft.vars:
            hint = did_you_mean(item.name, draft.vars)
            reader.error(item.key.where, f"var_labels: unknown var '{item.name}'{hint}")
        elif label is not None:
            labels[item.name] = label
    return labels


def _check_start(draft: Draft) -> None:
    reader = draft.reader
    entry = draft.root.get("start")
    start = reader.field(draft.root, spec.SCENARIO, "start", "") if entry else None
    if start is None or start in draft.scene_ids:
        return
    if start in draft.ending_ids:
        reader.error(entry.node.where, f"start: '{start}' is an ending; start must be a scene")
    else:
        hint = did_you_mean(start, draft.scene_ids)
        reader.error(entry.node.where, f"start: unknown scene '{start}'{hint}")


def _read_scoring(draft: Draft) -> Scoring:
    reader = draft.reader
    entry = draft.root.get("scoring")
    defaults = DEFAULT_SCORING_2 if draft.version >= 2 else DEFAULT_SCORING
    if entry is None:
        return defaults
    found = reader.record(entry.node, spec.SCORING, entry.key.where, "scoring")
    weights = dict(defaults.weights)
    if "weights" in found:
        known = [*weights, *draft.number_vars]
        for item in reader.entries(found["weights"].node, "scoring.weights") or ():
            amount = reader.scalar(item.node, spec.NUMBER, f"scoring.weights.{item.name}")
            if item.name in draft.vars and item.name not in draft.number_vars:
                reader.error(
                    item.key.where,
                    f"scoring.weights: '{item.name}' is a true/false var; "
                    "only number vars can be weighted",
                )
            elif item.name not in known:
                hint = did_you_mean(item.name, known)
                reader.error(item.key.where, f"scoring.weights: unknown weight '{item.name}'{hint}")
            elif amount is not None:
                weights[item.name] = amount
    grades = defaults.grades
    if "grades" in found:
        grades = _read_grades(reader, found["grades"], draft.grades_written) or grades
    return Scoring(MappingProxyType(weights), grades)


def _read_grades(reader: Reader, entry: Entry, written: set[str]) -> tuple[Grade, ...]:
    """The grades table; `written` gets every grade name the file gives, read or not."""
    items = reader.entries(entry.node, "scoring.grades")
    if items is None:
        return ()
    written.update(item.name for item in items)
    grades: list[Grade] = []
    by_threshold: dict[Any, str] = {}
    for item in items:
        grade = _read_grade(reader, item)
        if grade is None:
            continue
        threshold = grade.threshold
        if threshold in by_threshold:
            reader.error(
                item.node.where,
                f"scoring.grades.{item.name}: has the same threshold as "
                f"'{by_threshold[threshold]}'",
            )
            continue
        if threshold == 0 and grade.outcomes:
            reader.error(
                item.node.where,
                f"scoring.grades.{item.name}: the grade at 0 cannot require an outcome, "
                "so every finished run has a grade",
            )
            continue
        by_threshold[threshold] = item.name
        grades.append(grade)
    if not items:
        reader.error(entry.node.where, "scoring.grades: needs at least one grade")
    elif 0 not in by_threshold and len(grades) == len(items):
        reader.error(
            entry.key.where,
            "scoring.grades: needs a grade at threshold 0, so every percent has a grade",
        )
    return tuple(sorted(grades, key=lambda grade: grade.threshold, reverse=True))


def _read_grade(reader: Reader, item: Entry) -> Grade | None:
    """A grade: `gold: 90`, or `gold: {min: 90, outcome: won}` (outcome: one or a list)."""
    label = f"scoring.grades.{item.name}"
    if not item.node.is_map:
        threshold = reader.scalar(item.node, spec.NUMBER, label)
        return None if threshold is None else Grade(item.name, threshold)
    found = reader.record(item.node, spec.GRADE, item.key.where, label)
    threshold = reader.field(found, spec.GRADE, "min", label)
    outcomes: list[str] = []
    ok = threshold is not None
    if "outcome" in found:
        node = found["outcome"].node
        nodes = reader.items(node, f"{label}.outcome", 1) if node.is_seq else (node,)
        ok = ok and bool(nodes)
        for i, child in enumerate(nodes):
            child_label = f"{label}.outcome[{i}]" if node.is_seq else f"{label}.outcome"
            outcome = reader.scalar(child, spec.OUTCOME, child_label)
            if outcome is None:
                ok = False
            elif outcome not in outcomes:
                outcomes.append(outcome)
    return Grade(item.name, threshold, tuple(outcomes)) if ok else None


def _read_tests(draft: Draft, scoring: Scoring) -> tuple[ScenarioTest, ...]:
    reader = draft.reader
    entry = draft.root.get("tests")
    if entry is None:
        return ()
    choice_ids = sorted(draft.choice_ids)
    tests = []
    for i, node in enumerate(reader.items(entry.node, "tests")):
        label = f"tests[{i}]"
        found = reader.record(node, spec.TEST, node.where, label)
        name = reader.field(found, spec.TEST, "name", label) or f"test {i + 1}"
        choose = []
        if "choose" in found:
            for j, item in enumerate(reader.items(found["choose"].node, f"{label}.choose")):
                choice_id = reader.scalar(item, spec.NAME, f"{label}.choose[{j}]")
                if choice_id is not None and choice_id not in choice_ids:
                    hint = did_you_mean(choice_id, choice_ids)
                    reader.error(
                        item.where, f"{label}.choose[{j}]: no choice has the id '{choice_id}'{hint}"
                    )
                choose.append(choice_id)
        expect = _read_expectation(draft, found.get("expect"), scoring, f"{label}.expect")
        tests.append(ScenarioTest(name, tuple(choose), expect, node.where))
    return tuple(tests)


def _read_expectation(
    draft: Draft, entry: Entry | None, scoring: Scoring, label: str
) -> Expectation:
    if entry is None:
        return Expectation()
    reader = draft.reader
    found = reader.record(entry.node, spec.EXPECT, entry.key.where, label)
    values = {key: reader.field(found, spec.EXPECT, key, label) for key in found}
    ending = values.get("ending")
    endings = [*draft.ending_ids, spec.OUT_OF_TIME]
    if ending is not None and ending not in endings:
        if ending in draft.scene_ids:
            message = f"'{ending}' is a scene, not an ending"
        else:
            message = f"unknown ending '{ending}'{did_you_mean(ending, endings)}"
        reader.error(found["ending"].node.where, f"{label}.ending: {message}")
    grade = values.get("grade")
    grade_names = [item.name for item in scoring.grades]
    # A grade whose own line had an error is still a grade the file names: not "unknown".
    if grade is not None and grade not in grade_names and grade not in draft.grades_written:
        hint = did_you_mean(grade, grade_names)
        reader.error(found["grade"].node.where, f"{label}.grade: unknown grade '{grade}'{hint}")
    return Expectation(
        ending, grade, values.get("outcome"), values.get("min_percent"), values.get("max_percent")
    )
