"""An optional roster: which learner account each trainee's name stands for, in xAPI.

A CSV file with a header row: `name`, then `email` or `account` (or both; the
email wins). A trainee whose name is on it (case and spacing ignored) is the
xAPI actor `mbox: mailto:EMAIL`, or the account `ACCOUNT` on the home page
(`COLD_TO_GOLD_XAPI_HOMEPAGE`, the company's LMS, say). Anyone else stays a
seat of the session, as without a roster.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path
from typing import Any

DEFAULT_HOME_PAGE = "https://cold-to-gold.invalid/"  # a URL, as xAPI asks; not a real site
HOME_PAGE_VARIABLE = "COLD_TO_GOLD_XAPI_HOMEPAGE"


class RosterError(Exception):
    """The roster file or the home page setting cannot be used; one line says why."""


def home_page(env: dict[str, str] | None = None) -> str:
    """The `homePage` of xAPI accounts: the variable's URL, or the default."""
    env = dict(os.environ) if env is None else env
    value = env.get(HOME_PAGE_VARIABLE, "").strip()
    if not value:
        return DEFAULT_HOME_PAGE
    if not value.startswith(("http://", "https://")):
        raise RosterError(f"{HOME_PAGE_VARIABLE} must be an http:// or https:// URL")
    return value


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Roster:
    """Names to learner identities; empty when no file is given."""

    def __init__(self, people: dict[str, dict[str, str]] | None = None) -> None:
        self.people = people or {}

    @classmethod
    def load(cls, path: str | None) -> Roster:
        if not path:
            return cls()
        try:
            with Path(path).open(encoding="utf-8-sig", newline="") as source:
                rows = list(csv.DictReader(source))
        except (OSError, UnicodeDecodeError, csv.Error) as error:
            raise RosterError(f"cannot read the roster {path}: {error}") from None
        people: dict[str, dict[str, str]] = {}
        for line, row in enumerate(rows, start=2):
            name = (row.get("name") or "").strip()
            email = (row.get("email") or "").strip()
            account = (row.get("account") or "").strip()
            if not name or not (email or account):
                raise RosterError(
                    f"{path}:{line}: a roster row needs a name and an email or an account "
                    "(header: name,email or name,account)"
                )
            if email and ("@" not in email or email.startswith("mailto:")):
                raise RosterError(f"{path}:{line}: '{email}' is not an email address")
            people[_key(name)] = {"email": email, "account": account}
        return cls(people)

    def actor(self, name: str, seat_account: str, home: str) -> dict[str, Any]:
        """The xAPI actor for trainee `name`; without a roster entry, the seat's account."""
        found = self.people.get(_key(name))
        if found and found["email"]:
            return {"objectType": "Agent", "name": name, "mbox": f"mailto:{found['email']}"}
        account = found["account"] if found else seat_account
        return {"objectType": "Agent", "name": name, "account": {"homePage": home, "name": account}}
