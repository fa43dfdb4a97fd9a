"""Who may come in: the room's door against guessing, flooding and idle connections.

Every front (`/ws`, the browser pages, SSH) asks the same `Door`, keyed by the
source address of the connection:
- wrong join codes (and SSH passwords, and unknown seat tokens) are limited per
  address: a few at once, then one every `retry_after` seconds; each one is
  counted, and the console shows the count;
- new seats are capped per address (a person needs one; a shared laptop a few).
  The host's own address is exempt: browser and SSH trainees' apps run on the
  host and reach `/ws` over loopback, after their own front checked the code;
- a connection that never sends `join` is closed after `join_seconds`.
The clock is injectable, so tests move time instead of waiting for it.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

LOOPBACK = ("127.0.0.1", "::1")


@dataclass
class Limits:
    join_seconds: float = 10.0  # from connecting to sending `join`
    wrong_burst: int = 5  # wrong codes an address may send at once...
    retry_after: float = 12.0  # ...then one per this many seconds
    seats_per_address: int = 4
    browser_apps: int = 60  # app processes for browser trainees, at most, on the host
    browser_apps_per_address: int = 3
    ssh_tries: int = 3  # password tries on one SSH connection
    exempt: tuple[str, ...] = LOOPBACK  # no seat cap for these addresses
    clock: Callable[[], float] = field(default=time.monotonic, repr=False)


class Door:
    """The per-address counts behind the room's door; the hub and every front share one."""

    def __init__(self, limits: Limits | None = None) -> None:
        self.limits = limits or Limits()
        self.failed = 0  # wrong codes, passwords and tokens, from everywhere: the console shows it
        self.failed_from: Counter[str] = Counter()
        self._tries: dict[str, tuple[float, float]] = {}  # address: (tokens, at)
        self.seats_from: Counter[str] = Counter()

    def may_try(self, address: str) -> bool:
        """Whether `address` may try a code now (it has not used up its wrong guesses)."""
        return self._tokens(address) >= 1

    def wrong(self, address: str) -> None:
        """A wrong code, password or token from `address`: counted and spent."""
        self.failed += 1
        self.failed_from[address] += 1
        tokens = self._tokens(address)
        self._tries[address] = (max(tokens - 1, 0.0), self.limits.clock())

    def _tokens(self, address: str) -> float:
        limits = self.limits
        held = self._tries.get(address)
        if held is None:
            return float(limits.wrong_burst)
        tokens, at = held
        return min(limits.wrong_burst, tokens + (limits.clock() - at) / limits.retry_after)

    def may_seat(self, address: str) -> bool:
        if address in self.limits.exempt:
            return True
        return self.seats_from[address] < self.limits.seats_per_address

    def seated(self, address: str) -> None:
        self.seats_from[address] += 1
