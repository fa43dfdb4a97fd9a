"""The wire protocol: messages checked field by field, and the written contract in step."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from cold_to_gold.classroom.protocol import CLIENT, HOST, ProtocolError, clean_name, decode

DOC = Path(__file__).parent.parent / "docs" / "classroom-protocol.md"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ('{"v": 2, "type": "choose", "step": "0", "choice": "call"}', "wrong type"),
        ('{"v": 2, "type": "choose", "step": true, "choice": "call"}', "wrong type"),
        ('{"v": 2, "type": "choose", "step": -1, "choice": "call"}', "out of range"),
        ('{"v": 2, "type": "choose", "choice": "call"}', "needs the field 'step'"),
        ('{"v": 2, "type": "ready", "step": 0, "extra": 1}', "no field 'extra'"),
        ('{"type": "leave"}', "version"),
        ("\xff", "not JSON"),
    ],
)
def test_a_message_breaking_the_contract_is_refused_with_why(text, reason) -> None:
    with pytest.raises(ProtocolError, match=reason):
        decode(text, CLIENT)


def test_a_valid_message_is_returned_as_sent() -> None:
    data = decode('{"v": 2, "type": "choose", "step": 2, "choice": "call"}', CLIENT)
    assert data == {"v": 2, "type": "choose", "step": 2, "choice": "call"}


def test_names_are_cleaned_or_refused() -> None:
    assert clean_name("  Ann \t Lee ") == "Ann Lee"
    assert clean_name("[b]Zoë[/b]") == "[b]Zoë[/b]"  # kept as typed; fronts never read markup
    assert clean_name("a\nb") == "a b"
    for bad in ("", "   ", "a\x00b", "x" * 41):
        with pytest.raises(ProtocolError):
            clean_name(bad)


def test_the_written_contract_lists_every_message_and_field() -> None:
    text = DOC.read_text(encoding="utf-8")
    for catalogue in (CLIENT, HOST):
        for kind, fields in catalogue.items():
            row = re.search(rf"^\| `{kind}` \|(.*)$", text, re.MULTILINE)
            assert row, f"{kind} is not in {DOC.name}"
            for name in fields:
                assert f"`{name}`" in row.group(1), f"{kind}.{name} is not in {DOC.name}"


def test_the_classroom_never_imports_textual() -> None:
    modules = "hub, server, client, host, records, export, xapi, lrs, forwarding, scripted"
    modules = modules.replace("export", "gradebook")
    code = (
        f"import sys\nfrom cold_to_gold.classroom import {modules}\nprint('textual' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
