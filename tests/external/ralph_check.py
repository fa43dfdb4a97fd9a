"""Checks xAPI statements with Ralph's own statement models; runs under Ralph's Python.

Reads a JSON list of statements on stdin and prints a JSON list with an entry per
statement Ralph's `BaseXapiStatement` refuses: its index and each error as
"field.path: message". `BaseXapiStatement` models the xAPI rules every statement
follows. Ralph's profile-aware validator (`ralph validate -f xapi`) is not used: it
picks a model by verb and activity type, so any `answered` a `cmi.interaction` is
judged as the Virtual Classroom profile's "answered poll", a profile our statements
do not claim.
"""

from __future__ import annotations

import json
import sys

from pydantic import ValidationError
from ralph.models.xapi.base.statements import BaseXapiStatement


def refusals(statements: list[dict]) -> list[dict]:
    found = []
    for index, statement in enumerate(statements):
        try:
            BaseXapiStatement.model_validate(statement)
        except ValidationError as error:
            errors = [
                f"{'.'.join(str(part) for part in item['loc'])}: {item['msg']}"
                for item in error.errors()
            ]
            found.append({"index": index, "errors": errors})
    return found


if __name__ == "__main__":
    json.dump(refusals(json.load(sys.stdin)), sys.stdout)
