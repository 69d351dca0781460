"""The suite runs offline: a connection to anything but this machine fails the test."""

from __future__ import annotations

import socket

import pytest

from conftest import BLOCKED_CONNECTIONS, NetworkAccessError


@pytest.mark.parametrize("address", [("93.184.216.34", 80), ("example.org", 443)])
def test_outside_connections_are_refused(address):
    with pytest.raises(NetworkAccessError):
        socket.create_connection(address, timeout=1)
    assert BLOCKED_CONNECTIONS
    BLOCKED_CONNECTIONS.clear()  # expected here; anywhere else it fails the session


def test_loopback_stays_open():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname(), timeout=1)
    client.close()
    server.close()


def test_parsing_and_readability_need_no_network():
    import analysis
    from analysis.readability import readability

    parsed = analysis.parse(["Officials said prices may rise. The plan could fail."])
    assert len(parsed.hedges) == 2
    assert readability("The plan could fail.")["words_per_sentence"] == 4
    assert not BLOCKED_CONNECTIONS
