"""A commented starter scenario: valid, lint-clean, playable, and explained line by line."""

from __future__ import annotations

from cold_to_gold.author.schema_file import MODELINE

PEOPLE = (
    ("alex", "Alex Morgan", "Office Manager, Morgan & Co"),
    ("sam", "Sam Rivera", "Director, Morgan & Co"),
    ("kim", "Kim Osei", "Alex's colleague in finance"),
    ("lee", "Lee Park", "A friend of Alex in the same trade"),
)

TEMPLATE = """\
# A Cold to Gold scenario. Check it while you write:
#   cold-to-gold validate {file}          every mistake, with its line
#   cold-to-gold lint {file}              what a validator cannot see
#   cold-to-gold play {file} --watch      a live preview that reloads on save
# The format is described in facilitator_guide/authoring.md.
format: cold-to-gold/1
id: {id}                              # lowercase letters, digits and '-'
title: {title}
summary: One or two sentences for the picker - the situation, not the lesson.
level: beginner                       # beginner | intermediate | advanced
play_minutes: 4                       # how long a play takes
objectives:
  - What should the trainee notice by the end?
time_budget: 120                      # minutes the trainee may spend; remove it for no limit

people:                               # the first person is the primary one
{people}
start: first_contact
scenes:
  first_contact:
    title: First contact
    text: |
      Describe the situation in a few lines. **Markdown** works here.
      {primary} has never heard of you.
    facilitator_notes: What to ask the room before it votes.
    choices:                          # press 1, 2, 3... in file order
      - channel: post                 # post | email | call | meet
        label: Post about it for everyone to see
        feedback: Everyone knows you a little better; you know nothing more about anyone.
        goto: quiet
      - channel: email
        label: Write {primary} a short note
        feedback: One person, in writing - a little on both sides, and no trust yet.
        goto: conversation
      - channel: call
        label: Call {primary} for ten minutes
        feedback: A conversation - both sides grow, and trust starts.
        goto: conversation

  quiet:
    title: Nothing happens
    text: The post was seen. Nobody answered.
    choices:
      - channel: post
        label: Post again
        feedback: More of the stage, and the clock keeps running.
        goto: quiet                   # a loop: allowed because there is a time_budget
      - channel: call
        label: Call {primary} after all
        feedback: Better late than never, but the time spent posting is gone.
        goto: conversation

  conversation:
    title: A real conversation
    text: {primary} tells you what they need.
    choices:
      - channel: meet
        label: Go and see {primary}
        when: trust >= 1              # shown locked until this holds
        locked: {primary} has to trust you a little first
        effects: {{referrals: 1}}     # extra changes, added to the channel's own
        feedback: Time together, face to face - the most of everything.
        goto: won
      - channel: email
        label: Send a proposal instead
        feedback: A document where a meeting was possible. It waits in an inbox.
        goto: cooled

endings:
  won:
    title: From cold to gold
    text: What happened because you spent the time.
    outcome: won                      # won | lost | neutral
  cooled:
    title: It cooled
    text: What happened because you did not.
    outcome: lost
  out_of_time:                        # reached when no choice is left in the budget
    title: Out of time
    text: The time went on posting.
    outcome: lost

tests:                                # run them with: cold-to-gold test {file}
  - name: a call, then a meeting, is the best path
    choose: [call, meet]
    expect: {{ending: won, grade: gold}}
  - name: posting only runs out of time
    choose: [post, post, post, post]
    expect: {{ending: out_of_time, outcome: lost}}
  - name: an email is not enough to be invited
    choose: [email, email]
    expect: {{ending: cooled, outcome: lost}}
"""


def title_of(scenario_id: str) -> str:
    """'trade-show-lead' -> 'Trade Show Lead'."""
    return " ".join(word.capitalize() for word in scenario_id.split("-")) or scenario_id


def starter(scenario_id: str, people: int = 1, file: str = "") -> str:
    """The starter scenario's YAML, with 1 to 4 people.

    Its first line points the editor's YAML language server at the schema that
    `new` writes beside it: completion and checks work as soon as it is opened.
    """
    cast = []
    for person_id, name, role in PEOPLE[: max(1, min(people, len(PEOPLE)))]:
        cast += [
            f"  - id: {person_id}",
            f"    name: {name}",
            f"    role: {role}",
            "    about: One line the trainee sees in the cast.",
        ]
    if people > 1:
        cast.append("    # aim a choice at someone else with `with: <id>`")
    return (
        MODELINE
        + "\n"
        + TEMPLATE.format(
            id=scenario_id,
            title=title_of(scenario_id),
            people="\n".join(cast) + "\n",
            primary=PEOPLE[0][1].split()[0],
            file=file or f"{scenario_id}.yaml",
        )
    )
