"""`--lan` advertises an address from the interfaces, never the host name's (often loopback)."""

from __future__ import annotations

import socket

import pytest

from cold_to_gold import preflight
from cold_to_gold.classroom import host
from cold_to_gold.classroom.host import Where, lan_address


@pytest.fixture
def debian_host_name(monkeypatch):
    """The host name resolves to loopback only, as on a default Debian or Ubuntu install."""
    monkeypatch.setattr(socket, "gethostbyname_ex", lambda name: (name, [], ["127.0.1.1"]))


def test_the_route_out_gives_the_address_when_the_host_name_is_loopback(
    debian_host_name, monkeypatch
) -> None:
    monkeypatch.setattr(host, "_routed_addresses", lambda: ["10.77.5.1"])
    assert lan_address() == "10.77.5.1"
    assert Where.choose(lan=True).public == "10.77.5.1"
    finding = preflight.live_class()
    assert finding.status == "ok" and "10.77.5.1" in finding.message


def test_without_a_route_the_interface_list_is_read(debian_host_name, monkeypatch) -> None:
    monkeypatch.setattr(host, "_routed_addresses", lambda: [])
    monkeypatch.setattr(
        host, "_interface_addresses", lambda: ["127.0.0.1", "169.254.3.4", "10.1.2.3"]
    )
    assert lan_address() == "10.1.2.3"


def test_no_network_is_loopback_and_check_setup_says_so(monkeypatch) -> None:
    monkeypatch.setattr(socket, "gethostbyname_ex", lambda name: (name, [], ["10.9.9.9"]))
    monkeypatch.setattr(host, "_routed_addresses", lambda: [])
    monkeypatch.setattr(host, "_interface_addresses", lambda: ["127.0.0.1"])
    assert lan_address() == "127.0.0.1"  # the host name's address is never taken on trust
    assert preflight.live_class().status == "warn"
