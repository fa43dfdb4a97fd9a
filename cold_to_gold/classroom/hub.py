"""The class session: the roster, one engine `Run` per trainee, the pacing gate, reveal.

The host owns the truth. A trainee's client sends intents (join, choose,
ready); the hub checks each against the trainee's own run and the gate, saves
it, and tells that trainee what to show next. Plain asyncio-friendly Python:
the hub never imports Textual or aiohttp, and its methods run on the event
loop without awaiting, so each intent is applied whole before the next.

Pacing:
- `free`: every trainee plays at their own pace; feedback follows each choice.
- `together`: the room is at decision `round`. A trainee may make their
  choices up to and including the round's; the round's feedback stays hidden
  until it is revealed (by the facilitator, or when everyone connected has
  answered and auto-reveal is on). `advance` opens the next decision. A
  straggler can still answer an earlier decision and sees its feedback at once.
"""

from __future__ import annotations

import secrets
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from cold_to_gold.classroom.guard import Door
from cold_to_gold.classroom.protocol import ProtocolError, clean_name, encode, message
from cold_to_gold.classroom.records import (
    ChoiceRow,
    Records,
    SeatRow,
    SessionRow,
    now,
    token_hash,
)
from cold_to_gold.classroom.roster import Roster
from cold_to_gold.classroom.views import (
    feedback_message,
    finished_message,
    result_summary,
    scene_message,
)
from cold_to_gold.engine import Run, RunError
from cold_to_gold.scenario.model import Scenario

PACES = ("together", "free")
MAX_SEATS = 500
MIN_TOKEN = 16
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I to misread on a projector


class Sink(Protocol):
    """Where a seat's messages go: a WebSocket, or an in-process client in tests."""

    def send(self, data: dict[str, Any]) -> None: ...

    def close(self, reason: str) -> None: ...


class Refused(Exception):
    """An intent the hub will not carry out; the text is the reason the trainee is given."""


@dataclass
class Seat:
    number: int
    name: str
    run: Run
    token_hash: str
    joined_at: str
    sink: Sink | None = None
    seen: int = 0  # feedback read (the client said `ready`) for the first `seen` choices
    removed: bool = False
    last_view: str | None = field(default=None, repr=False)

    @property
    def connected(self) -> bool:
        return self.sink is not None

    @property
    def step(self) -> int:
        """How many choices this trainee has made."""
        return len(self.run.steps)


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


class Hub:
    """One live session. `listeners` get every event as a plain dict (`{"event": ...}`)."""

    def __init__(
        self,
        scenario: Scenario,
        records: Records,
        session: SessionRow,
        auto_reveal: bool = False,
        auto_advance: bool = False,
        claims: bool = True,
    ) -> None:
        """`claims`: a seat may be asked for from another device (the console confirms);
        without a facilitator (headless) such a join is refused as a taken name."""
        self.scenario = scenario
        self.records = records
        self.session = session
        self.pace = session.pace
        self.round = session.round
        self.revealed = session.revealed
        self.paused = session.paused
        self.auto_reveal = auto_reveal
        self.auto_advance = auto_advance
        self.allow_claims = claims
        self.ended = False
        self.locked = False  # no new seats: everyone is in (a seat's owner still comes back)
        self.door = Door()
        self.roster = Roster()  # learner accounts for xAPI, from `host --roster`
        self.seats: dict[int, Seat] = {}
        self._hint = 0  # where `_someone_to_wait_for` starts looking
        # Someone on another device asks for a seat by its name: the facilitator decides.
        self.claims: dict[int, tuple[Sink, str]] = {}  # seat number: (connection, its token)
        self.listeners: list[Callable[[dict[str, Any]], None]] = []

    # --- making a session, or taking one up again -------------------------------------

    @classmethod
    def create(
        cls,
        scenario: Scenario,
        source: str,
        records: Records,
        pace: str = "together",
        host: str = "127.0.0.1",
        port: int = 0,
        facilitator: str = "facilitator",
        **options: bool,
    ) -> Hub:
        """A new session, saved at once, with a fresh id and join code."""
        if pace not in PACES:
            raise ValueError(f"pace must be one of {', '.join(PACES)}")
        code = new_code()
        while records.code_in_use(code):
            code = new_code()
        stamp = now()
        session_id = stamp[:10].replace("-", "") + "-" + secrets.token_hex(3)
        row = SessionRow(
            session_id, code, scenario.id, scenario.title, scenario.path, source, pace,
            host, port, facilitator, 0, False, False, stamp, None,
        )  # fmt: skip
        records.create_session(row)
        return cls(scenario, records, row, **options)

    @classmethod
    def resume(cls, scenario: Scenario, records: Records, session: SessionRow, **options: bool):
        """The session as saved: every seat, every choice replayed through the engine."""
        hub = cls(scenario, records, session, **options)
        records.reopen_session(session.id)
        made: dict[int, list[str]] = {}
        for choice in records.choices(session.id):
            made.setdefault(choice.seat, []).append(choice.choice_id)
        for row in records.seats(session.id):
            run = Run(scenario)
            for choice_id in made.get(row.seat, []):
                run.choose(choice_id)  # the same source as when it was made: it replays
            seat = Seat(row.seat, row.name, run, row.token_hash, row.joined_at)
            # Whether the last feedback was read is not saved: it is shown again (once
            # revealed), so nobody who answered before the host stopped misses it.
            seat.seen = max(seat.step - 1, 0)
            seat.removed = row.removed_at is not None
            hub.seats[row.seat] = seat
        if hub.auto_advance and hub.revealed:
            # Stopped between the reveal and the next decision (two saves): open it now,
            # or nothing would ever open it and the room would wait forever.
            hub.advance()
        return hub

    @property
    def code(self) -> str:
        return self.session.code

    # --- trainees' intents ---------------------------------------------------------------

    def join(
        self,
        sink: Sink,
        code: str,
        name: str | None = None,
        token: str | None = None,
        source: str = "127.0.0.1",
    ):
        """Seat a trainee (or return one to their seat by token); raises `Refused`.

        `source` is the connection's address, for the door's per-address limits."""
        if not self.door.may_try(source):
            raise Refused("too many wrong codes from this address: wait a minute and try again")
        if code.upper() != self.code:
            self.failed_attempt(source, "code")
            raise Refused("that join code is not this session's")
        if self.ended:
            raise Refused("the session has ended")
        if token and name is None:
            return self._rejoin(sink, token, source)
        if name is None:
            raise Refused("a name is needed to join")
        try:
            name = clean_name(name)
        except ProtocolError as error:
            raise Refused(str(error)) from None
        if token:  # a device's own token: its seat if it has one, else a new seat with it
            if len(token) < MIN_TOKEN:
                raise Refused(f"a seat token has at least {MIN_TOKEN} characters")
            mine = self._seat_of(token)
            if mine is not None:
                return self._rejoin(sink, token, source)
        taken = next((s for s in self.seats.values() if s.name.casefold() == name.casefold()), None)
        if taken is not None:
            if taken.removed or not token or taken.connected or not self.allow_claims:
                raise Refused(f"the name '{name}' is taken in this session; choose another")
            return self._claim(taken, sink, token)
        if self.locked:
            raise Refused("the room is locked: ask the facilitator to let you in")
        if len(self.seats) >= MAX_SEATS:
            raise Refused("the session is full")
        if not self.door.may_seat(source):
            raise Refused("this address has taken as many seats as one device may")
        self.door.seated(source)
        token = token or secrets.token_urlsafe(24)
        number = len(self.seats) + 1
        seat = Seat(number, name, Run(self.scenario), token_hash(token), now(), sink)
        self.records.add_seat(
            self.session.id, SeatRow(number, name, seat.token_hash, seat.joined_at, None)
        )
        self.seats[number] = seat
        self._welcome(seat, token)
        self._emit("joined", seat)
        return seat

    def _seat_of(self, token: str) -> Seat | None:
        hashed = token_hash(token)
        return next((s for s in self.seats.values() if s.token_hash == hashed), None)

    def _claim(self, seat: Seat, sink: Sink, token: str) -> None:
        """Another device asks for `seat` by its name: it waits for the facilitator."""
        earlier = self.claims.pop(seat.number, None)
        if earlier is not None:
            earlier[0].close("another device asked for this seat")
        self.claims[seat.number] = (sink, token)
        sink.send(
            message(
                "wait",
                step=0,
                reason="claim",
                message=f"'{seat.name}' is someone's seat: the facilitator has been asked "
                "to give it to this device.",
                path=[],
            )
        )
        self._emit("claim", seat)
        return None

    def seated(self, sink: Sink) -> Seat | None:
        """The seat this connection speaks for, if it has one (a claim may have been granted)."""
        return next((s for s in self.seats.values() if s.sink is sink), None)

    def claiming(self, sink: Sink) -> bool:
        return any(held is sink for held, _ in self.claims.values())

    def grant(self, number: int) -> None:
        """The facilitator gives the seat to the device that asked for it (its old token ends)."""
        claim = self.claims.pop(number, None)
        seat = self.seats.get(number)
        if claim is None or seat is None or seat.removed or self.ended:
            return
        sink, token = claim
        seat.token_hash = token_hash(token)
        self.records.change_token(self.session.id, number, seat.token_hash)
        self._rejoin(sink, token, "granted")

    def decline(self, number: int) -> None:
        claim = self.claims.pop(number, None)
        if claim is not None:
            claim[0].send(message("refused", reason="the facilitator kept that seat for its owner"))
            claim[0].close("the facilitator kept that seat for its owner")
            self._emit("declined", self.seats[number])

    def forget(self, sink: Sink) -> None:
        """A connection ended: a claim it made is withdrawn."""
        for number, (held, _) in list(self.claims.items()):
            if held is sink:
                del self.claims[number]
                self._emit("declined", self.seats[number])

    def failed_attempt(self, source: str, what: str) -> None:
        """A wrong code, password or token: counted for the console, limited per address."""
        self.door.wrong(source)
        self._emit("failed", None, what=what, source=source, failed=self.door.failed)

    def _rejoin(self, sink: Sink, token: str, source: str) -> Seat:
        seat = self._seat_of(token)
        if seat is None:
            self.failed_attempt(source, "token")
            raise Refused("that seat token is not known in this session")
        if seat.removed:
            raise Refused("the facilitator removed this seat")
        if seat.sink is not None and seat.sink is not sink:
            seat.sink.close("this seat was opened again from another connection")
        seat.sink = sink
        seat.last_view = None
        self._welcome(seat, token)
        self._emit("rejoined", seat)
        self._maybe_reveal()  # a resumed host: the room may have answered before it stopped
        return seat

    def _welcome(self, seat: Seat, token: str) -> None:
        scenario = {"id": self.scenario.id, "title": self.scenario.title}
        scenario["source"] = self.session.scenario_source
        assert seat.sink is not None
        seat.sink.send(
            message(
                "welcome",
                session=self.session.id,
                seat=seat.number,
                name=seat.name,
                token=token,
                pace=self.pace,
                scenario=scenario,
            )
        )
        self._show(seat)

    def choose(self, seat: Seat, step: int, choice_id: str) -> None:
        """Make the seat's `step`-th choice (from 0). A resend of a saved choice is a no-op."""
        self._check_active(seat)
        made = seat.step
        if step < made:
            if seat.run.steps[step].choice.id == choice_id:
                self._show(seat, again=True)  # a resend after a reconnect: answered, not redone
                return
            raise Refused(f"decision {step + 1} was already answered")
        if step > made:
            raise Refused(f"out of turn: this seat is at decision {made + 1}, not {step + 1}")
        if seat.run.finished:
            raise Refused("your run has ended")
        if self.paused:
            raise Refused("the session is paused")
        if not self.may_choose(step):
            raise Refused("out of turn: wait for the facilitator to open the next decision")
        scene = seat.run.at
        try:
            seat.run.choose(choice_id)
        except RunError as error:
            raise Refused(str(error)) from None
        try:
            self.records.record_choice(
                self.session.id, ChoiceRow(seat.number, step, scene, choice_id, now())
            )
        except Exception:
            seat.run.undo()  # not saved, so not made: the trainee may send it again
            raise
        seat.seen = step  # earlier feedback counts as read once the next choice is made
        self._emit("chose", seat, step=step, scene=scene, choice=choice_id)
        if seat.run.finished:
            summary = result_summary(seat.run)
            del summary["text"]  # the room's events carry the numbers, not the story
            self._emit("finished", seat, **summary)
        self._maybe_reveal()  # first, so a trainee who completes the room gets one message
        self._show(seat)

    def ready(self, seat: Seat, step: int) -> None:
        """The trainee has read the feedback of their `step`-th choice."""
        self._check_active(seat)
        if step >= seat.step or not self.feedback_visible(step):
            raise Refused("out of turn: there is no feedback to move on from")
        seat.seen = max(seat.seen, step + 1)
        self._show(seat)

    def leave(self, seat: Seat, reason: str = "left") -> None:
        """The trainee's connection ended; the seat waits for them to come back."""
        if seat.sink is None:
            return
        seat.sink = None
        seat.last_view = None
        self._emit("left", seat, reason=reason)
        self._maybe_reveal()

    def _check_active(self, seat: Seat) -> None:
        if self.ended:
            raise Refused("the session has ended")
        if seat.removed:
            raise Refused("the facilitator removed this seat")

    # --- the gate --------------------------------------------------------------------------

    def may_choose(self, step: int) -> bool:
        return self.pace == "free" or step <= self.round

    def feedback_visible(self, step: int) -> bool:
        return self.pace == "free" or step < self.round or (step == self.round and self.revealed)

    def waiting_on(self) -> list[Seat]:
        """Connected trainees still to answer the current decision."""
        return [
            seat
            for seat in self.active_seats()
            if seat.connected and not seat.run.finished and seat.step <= self.round
        ]

    def answered(self) -> list[Seat]:
        return [seat for seat in self.active_seats() if seat.step > self.round]

    def all_finished(self) -> bool:
        """Every trainee's run has ended (and there is at least one trainee)."""
        seats = self.active_seats()
        return bool(seats) and all(seat.run.finished for seat in seats)

    def active_seats(self) -> list[Seat]:
        return [seat for seat in self.seats.values() if not seat.removed]

    def _maybe_reveal(self) -> None:
        if (
            self.pace == "together"
            and self.auto_reveal
            and not self.revealed
            and not self.paused
            and not self.ended
            and any(s.step > self.round and not s.removed for s in self.seats.values())
            and not self._someone_to_wait_for()
        ):
            self.reveal()

    def _someone_to_wait_for(self) -> bool:
        """`waiting_on()` is not empty; after every choice, so kept cheap for a room of 500:
        the search starts at the seat found last time, which a burst of answers passes once."""
        seats = list(self.seats.values())
        count = len(seats)
        for offset in range(count):
            place = (self._hint + offset) % count
            seat = seats[place]
            if (
                seat.step <= self.round
                and seat.connected
                and not seat.removed
                and not seat.run.finished
            ):
                self._hint = place
                return True
        return False

    # --- the facilitator's actions -----------------------------------------------------------

    def reveal(self) -> None:
        """Show the room the current decision's answers and each trainee their feedback."""
        if self.pace != "together" or self.revealed or self.ended:
            return
        self.revealed = True
        self._save_gate()
        self._emit("revealed", None, round=self.round, split=self.split(self.round))
        self._show_all()
        if self.auto_advance:
            self.advance()

    def advance(self) -> None:
        """Open the next decision (revealing the current one first if it was not).

        Not past the end: when every trainee's run has ended there is no next decision."""
        if self.pace != "together" or self.ended or self.all_finished():
            return
        if not self.revealed:
            self.revealed = True  # moving on shows what the room chose
            self._emit("revealed", None, round=self.round, split=self.split(self.round))
        self.round += 1
        self.revealed = False
        self._save_gate()
        self._emit("advanced", None, round=self.round)
        self._show_all()
        self._maybe_reveal()

    def pause(self) -> None:
        if self.paused or self.ended:
            return
        self.paused = True
        self._save_gate()
        self._emit("paused", None)
        self._show_all()

    def resume_play(self) -> None:
        if not self.paused or self.ended:
            return
        self.paused = False
        self._save_gate()
        self._emit("resumed", None)
        self._show_all()
        self._maybe_reveal()

    def remove(self, number: int) -> None:
        """Take a trainee out of the session; their seat cannot be opened again."""
        seat = self.seats.get(number)
        if seat is None or seat.removed:
            return
        seat.removed = True
        self.records.remove_seat(self.session.id, number)
        self.decline(number)
        if seat.sink is not None:
            sink, seat.sink = seat.sink, None
            sink.send(message("ended", reason="the facilitator removed you from the session"))
            sink.close("removed by the facilitator")
        self._emit("removed", seat)
        self._maybe_reveal()

    def remove_many(self, numbers: list[int]) -> None:
        """Take several trainees out at once (a flood of seats, a wrong room)."""
        for number in numbers:
            self.remove(number)

    def lock(self, locked: bool = True) -> None:
        """Lock the room once everyone is in: no new seats; the seated still come back."""
        if self.locked == locked or self.ended:
            return
        self.locked = locked
        self._emit("locked" if locked else "unlocked", None)

    def end(self, reason: str = "the facilitator ended the session") -> None:
        """End the session: every trainee is told, every connection closed, the end saved."""
        if self.ended:
            return
        self.ended = True
        self.records.end_session(self.session.id)
        for held, _ in self.claims.values():
            held.send(message("ended", reason=reason))
            held.close(reason)
        self.claims.clear()
        for seat in self.seats.values():
            if seat.sink is not None:
                sink, seat.sink = seat.sink, None
                sink.send(message("ended", reason=reason))
                sink.close(reason)
        self._emit("ended", None, reason=reason)

    def stop(self) -> None:
        """The host process is stopping: the session is saved as ended, trainees are not told.

        Their connections close as the server stops; they keep trying to come back,
        and a host started with `--resume` takes them in again.
        """
        if self.ended:
            return
        self.ended = True
        self.records.end_session(self.session.id)
        self._emit("ended", None, reason="the host stopped")

    def _save_gate(self) -> None:
        self.records.save_gate(self.session.id, self.round, self.revealed, self.paused)

    # --- what the room and the dashboard see ---------------------------------------------------

    def split(self, step: int) -> dict[str, dict[str, int]]:
        """The answers to decision `step` (from 0), by the scene each trainee was in."""
        split: dict[str, Counter[str]] = {}
        for seat in self.active_seats():
            if seat.step > step:
                made = seat.run.steps[step]
                split.setdefault(made.scene, Counter())[made.choice.id] += 1
        return {scene: dict(counts) for scene, counts in split.items()}

    def status(self, seat: Seat) -> str:
        """One word for the roster: removed, finished, answered, or waiting (to answer)."""
        if seat.removed:
            return "removed"
        if seat.run.finished:
            return "finished"
        if self.pace == "together" and seat.step > self.round:
            return "answered"
        return "waiting"

    # --- telling each trainee what to show ----------------------------------------------------

    def view(self, seat: Seat) -> dict[str, Any]:
        """The one message that says what this trainee's screen shows now."""
        run, made = seat.run, seat.step
        if made > seat.seen:
            number = made - 1
            if self.feedback_visible(number):
                return feedback_message(run, run.steps[number], number)
            return message(
                "wait",
                step=made,
                reason="answered",
                message="Answer saved. Waiting for the facilitator to reveal.",
                path=run.path,
            )
        if run.finished:
            return finished_message(run)
        if self.paused:
            return message("paused", message="The facilitator paused the session.", path=run.path)
        if self.may_choose(made):
            return scene_message(run)
        return message(
            "wait",
            step=made,
            reason="facilitator",
            message="Waiting for the facilitator to open the next decision.",
            path=run.path,
        )

    def _show(self, seat: Seat, again: bool = False) -> None:
        """Send the seat its view if it changed (or `again`, to answer a resend)."""
        if seat.sink is None:
            return
        view = self.view(seat)
        encoded = encode(view)
        if encoded != seat.last_view or again:
            seat.last_view = encoded
            seat.sink.send(view)

    def _show_all(self) -> None:
        for seat in self.seats.values():
            self._show(seat)

    def _emit(self, event: str, seat: Seat | None, **details: Any) -> None:
        data: dict[str, Any] = {"event": event}
        if seat is not None:
            data |= {"seat": seat.number, "name": seat.name}
        data |= details
        for listener in list(self.listeners):
            listener(data)
