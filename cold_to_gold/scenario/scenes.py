"""Scenes, their choices, and endings: read, cross-checked, and checked for endless loops."""

from __future__ import annotations

from typing import Any

from cold_to_gold.scenario import spec
from cold_to_gold.scenario.draft import Draft
from cold_to_gold.scenario.guards import Guard, GuardError, parse_guard
from cold_to_gold.scenario.loops import endless_loops
from cold_to_gold.scenario.model import Choice, Effect, Ending, Number, Scene, Value, Variant
from cold_to_gold.scenario.problems import Where
from cold_to_gold.scenario.reader import Entry, did_you_mean, shape
from cold_to_gold.scenario.yaml_tree import YamlNode


def read_scene_ids(draft: Draft) -> None:
    """Read the ids of scenes and endings first: choices may name any of them."""
    reader = draft.reader
    for key, target in (("scenes", draft.scene_entries), ("endings", draft.ending_entries)):
        entry = draft.root.get(key)
        if entry is None:
            continue
        entries = reader.entries(entry.node, key)
        if entries is None:
            continue
        if not entries:
            reader.error(entry.node.where, f"{key}: needs at least one")
        for item in entries:
            if reader.scalar(item.key, spec.NAME, key) is not None:
                target.append(item)
    scene_ids = set(draft.scene_ids)
    for item in draft.ending_entries:
        if item.name in scene_ids:
            reader.error(
                item.key.where,
                f"endings: '{item.name}' is also a scene id; "
                "scenes and endings share one namespace",
            )
    for item in draft.scene_entries:
        if item.name == spec.OUT_OF_TIME:
            reader.error(
                item.key.where,
                f"scenes: '{spec.OUT_OF_TIME}' is the ending reached when time runs out; "
                "a scene cannot use it",
            )


def read_endings(draft: Draft) -> None:
    reader = draft.reader
    primary = draft.people[0].id if draft.people else None
    for item in draft.ending_entries:
        label = f"endings.{item.name}"
        found = reader.record(item.node, spec.ENDING, item.key.where, label)
        values = {
            key: reader.field(found, spec.ENDING, key, label) for key in found if key != "text"
        }
        texts = read_texts(draft, found.get("text"), primary, f"{label}.text")
        if values.get("title") and texts is not None:
            draft.endings[item.name] = Ending(
                item.name,
                values["title"],
                texts[0],
                values.get("outcome") or "neutral",
                item.key.where,
                variants=texts[1],
            )


def read_texts(
    draft: Draft,
    entry: Entry | None,
    person: str | None,
    label: str,
    variant: spec.Record = spec.VARIANT,
) -> tuple[str, tuple[Variant, ...]] | None:
    """A text, or a list of variants: (the last variant's text, the variants or ()).
    `variant` is the record of one variant (a `locked` reason's text is one line)."""
    if entry is None:
        return None
    reader, node = draft.reader, entry.node
    if not node.is_seq:
        text = reader.scalar(node, variant.field("text").kind, label)
        return None if text is None else (text, ())
    items = reader.items(node, label, 1)
    variants: list[Variant] = []
    ok = bool(items)
    for i, item in enumerate(items):
        item_label = f"{label}[{i}]"
        found = reader.record(item, variant, item.where, item_label)
        text = reader.field(found, variant, "text", item_label)
        last = i == len(items) - 1
        when = None
        if "when" in found:
            if last:
                reader.error(
                    found["when"].key.where,
                    f"{item_label}.when: the last variant is shown when no other holds; "
                    "remove its `when`",
                )
                ok = False
            when = _read_guard(draft, found["when"], person, f"{item_label}.when")
            ok = ok and when is not None
        elif not last and found:
            reader.error(
                item.where,
                f"{item_label}: only the last variant may leave out `when` "
                "(this one would hide the ones after it)",
            )
            ok = False
        if text is None:
            ok = False
        elif ok:
            variants.append(Variant(when, text, item.where))
    if not ok:
        return None
    return variants[-1].text, tuple(variants)


def read_scenes(draft: Draft) -> None:
    reader = draft.reader
    targets = [*draft.scene_ids, *draft.ending_ids, spec.OUT_OF_TIME]
    for item in draft.scene_entries:
        label = f"scenes.{item.name}"
        found = reader.record(item.node, spec.SCENE, item.key.where, label)
        values = {
            key: reader.field(found, spec.SCENE, key, label)
            for key in found
            if key not in ("choices", "text")
        }
        primary = draft.people[0].id if draft.people else None
        texts = read_texts(draft, found.get("text"), primary, f"{label}.text")
        choices = []
        if "choices" in found:
            nodes = reader.items(found["choices"].node, f"{label}.choices", 1)
            first_at: dict[str, Where] = {}
            for i, node in enumerate(nodes):
                choice = _read_choice(draft, node, f"{label}.choices[{i}]", targets, first_at)
                if choice is not None:
                    choices.append(choice)
        if values.get("title") and texts is not None and choices:
            draft.scenes[item.name] = Scene(
                item.name,
                values["title"],
                texts[0],
                tuple(choices),
                values.get("facilitator_notes") or "",
                item.key.where,
                texts[1],
            )
    _check_loops(draft)


def _read_choice(
    draft: Draft, node: YamlNode, label: str, targets: list[str], first_at: dict[str, Where]
) -> Choice | None:
    reader = draft.reader
    found = reader.record(node, spec.CHOICE, node.where, label)
    values = {
        key: reader.field(found, spec.CHOICE, key, label)
        for key in found
        if key not in ("effects", "set", "when", "with", "gains", "feedback", "locked")
    }
    channel = values.get("channel")
    choice_id = values.get("id") or channel
    id_entry = found.get("id") or found.get("channel")
    if choice_id is not None:
        draft.choice_ids.add(choice_id)
    if choice_id is not None and id_entry is not None:
        if choice_id in first_at:
            reader.error(
                id_entry.node.where,
                f"{label}: duplicate choice id '{choice_id}' in this scene (first at line "
                f"{first_at[choice_id].line}); give each choice its own `id`",
            )
        else:
            first_at[choice_id] = id_entry.node.where
    goto = values.get("goto")
    if goto is not None and goto not in targets:
        hint = did_you_mean(goto, targets)
        reader.error(
            found["goto"].node.where, f"{label}.goto: unknown scene or ending '{goto}'{hint}"
        )
        goto = None
    people = _read_people(draft, found.get("with"), label)
    person = people[0] if people else None
    when = _read_guard(draft, found.get("when"), person, f"{label}.when")
    effects = _read_effects(draft, found.get("effects"), people, label)
    sets = _read_sets(draft, found.get("set"), label)
    gains = _read_gains(draft, found.get("gains"), label)
    feedback = ("", ())
    if "feedback" in found:
        feedback = read_texts(draft, found["feedback"], person, f"{label}.feedback")
    locked: tuple[str, tuple[Variant, ...]] | None = ("", ())
    if "locked" in found:
        locked_label = f"{label}.locked"
        locked = read_texts(draft, found["locked"], person, locked_label, spec.LOCKED_VARIANT)
    if channel is None:
        return None
    minutes = values.get("minutes", draft.channels[channel].minutes)
    needed = (choice_id, values.get("label"), goto, person, minutes, effects, sets, gains)
    if None in needed or feedback is None or locked is None:
        return None
    if "when" in found and when is None:
        return None
    if "mistake" in found and values.get("mistake") is None:
        return None
    assert people is not None and gains is not None
    return Choice(
        choice_id,
        channel,
        values["label"],
        goto,
        people[0],
        minutes,
        when,
        tuple(effects),
        tuple(sets),
        feedback[0],
        node.where,
        locked[0],
        people=people,
        gains=gains[0],
        gains_none=gains[1],
        feedback_variants=feedback[1],
        mistake=bool(values.get("mistake")),
        locked_variants=locked[1],
    )


def _read_people(draft: Draft, entry: Entry | None, label: str) -> tuple[str, ...] | None:
    """`with`: one person's id or a list of them; default the primary person."""
    if entry is None:
        return (draft.people[0].id,) if draft.people else None
    reader = draft.reader
    label = f"{label}.with"
    nodes = reader.items(entry.node, label, 1) if entry.node.is_seq else (entry.node,)
    people: list[str] = []
    ok = bool(nodes)
    for i, node in enumerate(nodes):
        item_label = f"{label}[{i}]" if entry.node.is_seq else label
        person = reader.scalar(node, spec.SLUG, item_label)
        if person is None:
            ok = False
        elif person not in draft.person_ids:
            hint = did_you_mean(person, draft.person_ids)
            reader.error(node.where, f"{item_label}: unknown person '{person}'{hint}")
            ok = False
        elif person in people:
            reader.error(node.where, f"{item_label}: '{person}' is already in the list")
            ok = False
        else:
            people.append(person)
    return tuple(people) if ok else None


def _read_gains(
    draft: Draft, entry: Entry | None, label: str
) -> tuple[dict[str, Number], bool] | None:
    """`gains`: `none` (every default gain 0) or metric -> gain; (the gains, whether none)."""
    if entry is None:
        return {}, False
    reader, node = draft.reader, entry.node
    label = f"{label}.gains"
    if node.is_scalar and node.text.strip() == spec.GAINS_NONE and not node.quoted:
        return {metric: 0 for metric in spec.METRICS}, True
    if not node.is_map:
        reader.error(
            node.where,
            f"{label}: expected `none` or a mapping such as {{trust: 0, you_know_them: 1}}, "
            f"got {shape(node)}",
        )
        return None
    gains: dict[str, Number] = {}
    ok = True
    for item in reader.entries(node, label) or ():
        metric = reader.scalar(item.key, spec.METRIC, label)
        amount = reader.scalar(item.node, spec.NUMBER, f"{label}.{item.name}")
        if metric is None or amount is None:
            ok = False
        else:
            gains[metric] = amount
    return gains if ok else None, False


def _read_guard(draft: Draft, entry: Entry | None, person: str | None, label: str) -> Guard | None:
    """A `when` condition; `label` names the key itself (as in `scenes.x.choices[0].when`)."""
    if entry is None or person is None:
        return None
    source = draft.reader.scalar(entry.node, spec.GUARD, label)
    if source is None:
        return None
    try:
        return parse_guard(source, draft.guard_names, person)
    except GuardError as error:
        draft.reader.error(_offset(entry.node, error.offset), f"{label}: {error.message}")
        return None


def _offset(node: YamlNode, offset: int) -> Where:
    """Where a guard's mistake stands, when the guard sits on one line."""
    where = node.where
    if node.end_line not in (0, where.line) or node.style in ("|", ">"):
        return where
    quote = 1 if node.style in ("'", '"') else 0
    return Where(where.line, where.column + quote + offset)


def _read_effects(
    draft: Draft, entry: Entry | None, people: tuple[str, ...] | None, label: str
) -> list[Effect] | None:
    """Effects; a bare metric applies to each person the choice is `with`."""
    if entry is None:
        return []
    reader = draft.reader
    label = f"{label}.effects"
    effects: list[Effect] | None = []
    for item in reader.entries(entry.node, label) or ():
        amount = reader.scalar(item.node, spec.NUMBER, f"{label}.{item.name}")
        targets = _effect_targets(draft, item, people, label)
        if targets is None or amount is None:
            effects = None
        elif effects is not None:
            effects.extend(Effect(scope, name, amount, who) for scope, name, who in targets)
    return effects


def _effect_targets(
    draft: Draft, item: Entry, people: tuple[str, ...] | None, label: str
) -> list[tuple[str, str, str | None]] | None:
    name = item.name
    if name in spec.METRICS:
        return [("person", name, person) for person in people] if people else None
    target = _effect_target(draft, item, label)
    return None if target is None else [target]


def _effect_target(draft: Draft, item: Entry, label: str) -> tuple[str, str, str | None] | None:
    name = item.name
    if name == "referrals":
        return ("referrals", name, None)
    if name in draft.number_vars:
        return ("var", name, None)
    reader = draft.reader
    if name in draft.vars:
        reader.error(item.key.where, f"{label}: '{name}' is a true/false var; change it with `set`")
        return None
    if "." in name:
        who, _, metric = name.partition(".")
        if who not in draft.person_ids:
            hint = did_you_mean(who, draft.person_ids)
            reader.error(item.key.where, f"{label}: unknown person '{who}'{hint}")
        elif metric not in spec.METRICS:
            hint = did_you_mean(metric, spec.METRICS)
            reader.error(item.key.where, f"{label}: unknown metric '{metric}'{hint}")
        else:
            return ("person", metric, who)
        return None
    if name in ("minutes", "minutes_spent"):
        reader.error(item.key.where, f"{label}: time is set by the choice's `minutes`, not effects")
        return None
    known = [*spec.METRICS, "referrals", *draft.number_vars]
    reader.error(
        item.key.where, f"{label}: unknown metric or var '{name}'{did_you_mean(name, known)}"
    )
    return None


def _read_sets(draft: Draft, entry: Entry | None, label: str) -> list[tuple[str, Value]] | None:
    if entry is None:
        return []
    reader = draft.reader
    label = f"{label}.set"
    sets: list[tuple[str, Any]] | None = []
    for item in reader.entries(entry.node, label) or ():
        value = reader.scalar(item.node, spec.NUMBER_OR_BOOL, f"{label}.{item.name}")
        if item.name not in draft.vars:
            hint = did_you_mean(item.name, draft.vars)
            reader.error(item.key.where, f"{label}: unknown var '{item.name}'{hint}")
            sets = None
        elif value is not None and isinstance(value, bool) != isinstance(
            draft.vars[item.name], bool
        ):
            wanted = "true or false" if isinstance(draft.vars[item.name], bool) else "a number"
            reader.error(item.node.where, f"{label}.{item.name}: this var takes {wanted}")
            sets = None
        elif value is None:
            sets = None
        elif sets is not None:
            sets.append((item.name, value))
    return sets


def _check_loops(draft: Draft) -> None:
    """Report each loop that could let a run go on forever (see the contract's Termination)."""
    scenes = draft.scenes
    budget = draft.time_budget
    if budget is None and "time_budget" in draft.root:
        return  # a budget that could not be read: said at its line, not again for each loop
    edges = {
        scene.id: [
            choice.goto
            for choice in scene.choices
            if choice.goto in scenes and (budget is None or choice.minutes == 0)
        ]
        for scene in scenes.values()
    }
    for loop in endless_loops(list(scenes), edges):
        where = scenes[loop[0]].where
        path = " → ".join(loop)
        if budget is None:
            reason = "loops are allowed only with a time_budget"
        else:
            reason = "every choice on it costs 0 minutes, so the time budget never runs out"
        draft.reader.error(where, f"scenes.{loop[0]}: the loop {path} may never end: {reason}")
