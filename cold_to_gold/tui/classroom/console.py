"""The facilitator's console: where to join, the roster, the gate, and the room's answers."""

from __future__ import annotations

import contextlib
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.markup import escape
from textual.widgets import DataTable, Static

from cold_to_gold.base.verdict import verdict
from cold_to_gold.classroom.hub import Hub, Seat
from cold_to_gold.engine import result_of
from cold_to_gold.tui.classroom.hub_screen import HubScreen
from cold_to_gold.tui.widgets.key_bar import KeyBar
from cold_to_gold.tui.widgets.split_bars import split_text
from cold_to_gold.tui.widgets.title_bar import TitleBar

if TYPE_CHECKING:
    from cold_to_gold.classroom.reach import RoomReach
    from cold_to_gold.engine.state import RunState

COLUMNS = ("Seat", "Name", "Online", "Scene", "Step", "Status")


class ConsoleScreen(HubScreen):
    """Follows the hub's events; the facilitator reveals, advances, pauses and removes."""

    PLACE = "Console"
    BINDINGS = [
        Binding("r", "reveal", "Reveal"),
        Binding("a", "advance", "Next decision"),
        Binding("p", "pause", "Pause/resume"),
        Binding("x", "remove", "Remove"),
        Binding("space", "mark", "Mark", show=False),
        Binding("l", "lock", "Lock room"),
        Binding("g", "give", "Give seat back"),
        Binding("d", "app.class_debrief", "Debrief"),
        Binding("v", "app.projector", "Projector"),
        Binding("e", "end", "End"),
        Binding("q", "quit", "Quit"),
    ]

    reach_for: tuple[RunState, ...] | None = None  # the states "still open" was found for

    def __init__(self) -> None:
        super().__init__()
        self.marked: set[int] = set()  # seats marked with space, for removing many at once

    def compose(self) -> ComposeResult:
        yield TitleBar()
        with Vertical(id="console-body"):
            yield Static(id="join-info")
            yield Static(id="door")
            yield Static(id="gate")
            yield Static(id="split")
            yield Static(id="reach")
            yield DataTable(id="roster", cursor_type="row", zebra_stripes=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.title = f"Live class — {self.hub.scenario.title}"
        table = self.query_one("#roster", DataTable)
        self.columns = table.add_columns(*COLUMNS)
        self.rows: dict[int, tuple] = {}  # what the roster shows, by seat
        host = self.app.host  # type: ignore[attr-defined]
        info = Text()
        info.append("Join code ", "bold")
        info.append(self.hub.code, "bold reverse")
        info.append(f"   cold-to-gold join {host.address}\n")
        if host.front is not None:  # only when browsers are served (--browser)
            info.append(f"Browser: {host.url}\n", "italic")
        if host.ssh_command is not None:
            info.append(f"SSH: {host.ssh_command}  (the password is the join code)\n", "italic")
        info.append(f"pace: {self.hub.pace}   session {self.hub.session.id}")
        self.query_one("#join-info", Static).update(info)
        self.follow_the_hub()  # redrawn at most twice a second, whatever the room does

    def show(self) -> None:
        self.dirty = False
        hub = self.hub
        self.query_one("#gate", Static).update(gate_line(hub))
        self.query_one("#door", Static).update(door_line(hub))
        split = self.query_one("#split", Static)
        if hub.pace == "together" and hub.revealed:
            parts = [
                split_text(hub.scenario, scene, counts)
                for scene, counts in hub.split(hub.round).items()
            ]
            split.update(Text("\n").join(parts) if parts else "")
        else:
            split.update("")
        self.show_reach()
        table = self.query_one("#roster", DataTable)
        for seat in hub.seats.values():  # only what changed: a room of 200 stays cheap
            cells = self.row_of(seat)
            before = self.rows.get(seat.number)
            if before is None:
                table.add_row(*cells, key=str(seat.number))
            else:
                for column, (old, new) in enumerate(zip(before, cells, strict=True)):
                    if str(old) != str(new):
                        table.update_cell(str(seat.number), self.columns[column], new)
            self.rows[seat.number] = cells

    def row_of(self, seat: Seat) -> tuple:
        return (
            ("✔ " if seat.number in self.marked else "") + str(seat.number),
            Text(seat.name),  # a Text, never markup: names are shown as typed
            "yes" if seat.connected else "no",
            seat.run.at,
            str(seat.step),
            self.status(seat),
        )

    def show_reach(self) -> None:
        """Once a decision is revealed: how many trainees can still reach each grade.

        Searched in a worker, again only when some trainee's state has changed."""
        hub, line = self.hub, self.query_one("#reach", Static)
        if hub.pace != "together" or not hub.revealed or not hub.active_seats():
            self.reach_for = None
            line.update("")
            return
        states = tuple(seat.run.state for seat in hub.active_seats())
        if states != self.reach_for:
            self.reach_for = states
            self.find_reach(states)

    @work(thread=True, exclusive=True, group="room-reach")
    def find_reach(self, states: tuple[RunState, ...]) -> None:
        from cold_to_gold.classroom.reach import room_reach

        found = room_reach(self.hub.scenario, states)
        with contextlib.suppress(RuntimeError):  # the app closed meanwhile
            self.app.call_from_thread(self.reach_found, states, found)

    def reach_found(self, states: tuple[RunState, ...], found: RoomReach) -> None:
        if self.is_attached and states == self.reach_for:
            self.query_one("#reach", Static).update(Text(found.words(), "italic"))

    def status(self, seat: Seat) -> str:
        """The roster's status; a finished run's with its grade and outcome: 'won · cold'."""
        status = self.hub.status(seat)
        ending = seat.run.ending
        if status != "finished" or ending is None:
            return status
        return f"{status}: {verdict(result_of(seat.run).grade, ending.outcome)}"

    # --- the facilitator's actions ----------------------------------------------------

    def action_reveal(self) -> None:
        if self.hub.pace != "together":
            self.notify("Free pace: every trainee sees their feedback at once.")
            return
        self.hub.reveal()
        self.show()

    def action_advance(self) -> None:
        if self.hub.pace != "together":
            self.notify("Free pace: every trainee moves on at their own pace.")
            return
        self.hub.advance()
        self.show()

    def action_pause(self) -> None:
        if self.hub.paused:
            self.hub.resume_play()
        else:
            self.hub.pause()
        self.show()

    def action_mark(self) -> None:
        """Mark (or unmark) the seat under the cursor; `x` then removes every marked seat."""
        number = self._cursor_seat()
        if number is None:
            return
        self.marked ^= {number}
        table = self.query_one("#roster", DataTable)
        row = table.cursor_row
        self.show()
        table.move_cursor(row=min(row + 1, table.row_count - 1))

    def action_give(self) -> None:
        """Someone asks for a seat from another device: give it to them, or keep it."""
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        if not self.hub.claims:
            self.notify("Nobody is asking for a seat back.")
            return
        number = next(iter(self.hub.claims))
        name = escape(self.hub.seats[number].name)
        question = (
            f"A device asks for {name}'s seat. Give it to that device? Only do so when "
            f"{name} is the one asking (the other device loses the seat)."
        )

        def answered(yes: bool | None) -> None:
            (self.hub.grant if yes else self.hub.decline)(number)
            self.show()

        self.app.push_screen(ConfirmScreen(question, yes="Give", no="Keep"), answered)

    def action_lock(self) -> None:
        self.hub.lock(not self.hub.locked)
        self.show()

    def _cursor_seat(self) -> int | None:
        table = self.query_one("#roster", DataTable)
        if not table.row_count:
            return None
        return int(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value or 0)

    def action_remove(self) -> None:
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        marked = sorted(n for n in self.marked if not self.hub.seats[n].removed)
        if marked:
            names = ", ".join(escape(self.hub.seats[n].name) for n in marked[:5])
            more = f" and {len(marked) - 5} more" if len(marked) > 5 else ""
            question = (
                f"Remove {len(marked)} marked seats ({names}{more})? They cannot be reopened."
            )
        else:
            number = self._cursor_seat()
            seat = self.hub.seats.get(number or 0)
            if seat is None or seat.removed:
                return
            marked = [seat.number]
            question = (
                f"Remove {escape(seat.name)} from the session? Their seat cannot be reopened."
            )

        def answered(yes: bool | None) -> None:
            if yes:
                self.hub.remove_many(marked)
                self.marked.clear()
                self.show()

        self.app.push_screen(ConfirmScreen(question, yes="Remove", no="Keep"), answered)

    def action_end(self) -> None:
        from cold_to_gold.tui.screens.confirm import ConfirmScreen

        def answered(yes: bool | None) -> None:
            if yes:
                self.hub.end()
                self.show()
                self.app.action_class_debrief()  # type: ignore[attr-defined]

        question = "End the session for everyone? Trainees are told it has ended."
        self.app.push_screen(ConfirmScreen(question, yes="End", no="Go on"), answered)

    def action_quit(self) -> None:
        self.app.exit(0)


def gate_line(hub: Hub) -> Text:
    """Where the room stands, in one line."""
    joined = len(hub.active_seats())
    online = sum(seat.connected for seat in hub.active_seats())
    text = Text(f"{joined} joined, {online} online   ", "bold")
    if hub.ended:
        return text.append("The session has ended.", "bold")
    if hub.all_finished():
        return text.append("Every run has ended: d shows the class debrief.", "bold")
    if hub.paused:
        text.append("PAUSED — p resumes   ", "bold reverse")
    if hub.pace == "free":
        finished = sum(seat.run.finished for seat in hub.active_seats())
        return text.append(f"Free pace: {finished} finished")
    answered = len(hub.answered())
    waiting = len(hub.waiting_on())
    text.append(f"Decision {hub.round + 1}: {answered} answered, {waiting} to answer   ")
    if hub.revealed:
        text.append("revealed — a opens the next decision", "italic")
    else:
        text.append("answers hidden — r reveals", "italic")
    return text


def door_line(hub: Hub) -> Text:
    """The room's door: locked or open, and the failed attempts to get in."""
    text = Text()
    if hub.locked:
        text.append("Room LOCKED: no new seats — l opens it", "bold reverse")
    else:
        text.append("Room open to new seats — l locks it once everyone is in", "italic")
    for number in hub.claims:
        text.append(f"\n{hub.seats[number].name}", "bold reverse")
        text.append(" asks for their seat from another device — g gives it or keeps it", "bold")
    failed = hub.door.failed
    if failed:
        where = len(hub.door.failed_from)
        text.append(f"   {failed} failed attempts to get in (wrong code or password)", "bold")
        text.append(f" from {where} address{'es' if where > 1 else ''}")
    return text
