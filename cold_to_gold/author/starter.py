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
format: cold-to-gold/2
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
# What each channel costs and builds (format 2; override any of it under `channels:`).
# A gain lifts a metric only up to the channel's ceiling: only time in person takes a
# relationship to gold.
#   channel  minutes  they know you   you know them   trust
#   post     30       +1 up to 3      0               0        (reaches everyone)
#   email    10       +1 up to 4      +1 up to 3      0
#   call     20       +2 up to 6      +2 up to 6      +1 up to 3
#   meet     90       +3              +3              +3
# Time has a price: every minute costs 0.1 points, so a 90-minute meeting has to build
# 9 points to pay for itself. A grade is earned by the outcome: gold needs a won ending,
# warm and lukewarm a won or neutral one; a lost deal grades cold.
# `mistake: true` on a choice says your feedback calls it a mistake (it changes no
# number; lint warns when a run that takes it can still grade gold). A person's
# `weight: 0` keeps them in the cast while nothing done with them scores.

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
        label: Post about your new service
        feedback: Everyone knows you a little better; you know nothing more about anyone.
        goto: quiet
      - channel: email
        label: Write {primary} a short note that suggests a call
        feedback: One person, in writing - a little on both sides, and no trust yet.
        goto: conversation
      - channel: call
        label: Call {primary}
        feedback: A conversation - both sides grow, and trust starts.
        goto: conversation
      - id: drop-in                   # ids default to the channel; two meets need their own
        channel: meet
        label: Drop by {primary}'s office
        gains: none                   # a contact that failed builds nothing; the time is spent
        feedback: {primary} is in meetings all day. The receptionist takes your card.
        goto: reception

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

  reception:
    title: Back at your desk
    text: An afternoon gone, and a card on a desk somewhere.
    choices:
      - channel: call
        label: Call {primary} and ask for a time that suits them
        feedback: Asking first - {primary} is glad to talk.
        goto: conversation
      - channel: email
        label: Email {primary} to say sorry you missed them
        feedback: Polite, and one-sided.
        goto: conversation

  conversation:
    title: A real conversation
    text:                             # a text can follow the path: the first that holds
      - when: visits.reception >= 1
        text: "{primary} mentions your card at reception, then tells you what they need."
      - text: "{primary} tells you what they need."
    choices:
      - id: present
        channel: meet
        label: Visit with your standard presentation
        gains: {{you_know_them: 0}}     # replaces only the gains named: you talked, not listened
        mistake: true                 # your judgment: the debrief and the answer key mark it
        feedback: A mistake - polished, and all about you. {primary} will think about it.
        goto: maybe
      - channel: meet
        label: Ask to visit and see the problem for yourself
        when: trust >= 1              # shown locked until this holds
        locked: {primary} has to trust you a little first
        effects: {{referrals: 1, trust: 1}}  # extra changes, added to the channel's own
        feedback: Time together, on their problem - the most of everything.
        goto: won
      - channel: email
        label: Send a proposal
        feedback: A document where a conversation was possible. It waits in an inbox.
        goto: maybe

endings:
  won:
    title: From cold to gold
    text: What happened because you spent the time, on the right thing.
    outcome: won                      # won | lost | neutral
  maybe:
    title: Maybe later
    text: {primary} is friendly, and nothing is decided.
    outcome: neutral
  out_of_time:                        # reached when no choice is left in the budget
    title: Out of time
    text:
      - when: visits.quiet >= 1
        text: The time went on posting.
      - text: The time ran out before the conversation that mattered.
    outcome: lost

tests:                                # run them with: cold-to-gold test {file}
  - name: a call, then a visit about their problem, is the best path
    choose: [call, meet]
    expect: {{ending: won, grade: gold}}
  - name: posting only runs out of time
    choose: [post, post, post, post]
    expect: {{ending: out_of_time, grade: cold}}
  - name: always the highest rung wastes the afternoon at reception
    choose: [drop-in, call, email]
    expect: {{ending: maybe, grade: cold}}
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
