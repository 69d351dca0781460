from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "seeds" / "000_a393c1bd41ea709c.txt"


@pytest.fixture
def write(tmp_path):
    """Write bytes or text to a file under tmp_path and return its path."""

    def _write(relative: str, content: bytes | str) -> Path:
        path = tmp_path / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            content = content.encode("utf-8")
        path.write_bytes(content)
        return path

    return _write


# --- no network, ever ------------------------------------------------------------------------
# Every test runs with connections to anything but this machine refused, and any attempt
# recorded: the session then fails even if the code under test swallowed the error (as a
# download helper falling back quietly would). Loopback stays open: Dask's LocalCluster and the
# notebook kernels talk over it.

import socket  # noqa: E402

BLOCKED_CONNECTIONS: list[str] = []


class NetworkAccessError(OSError):
    """A test tried to reach the network."""


def _is_loopback(host: object) -> bool:
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    return name in ("localhost", "", "::1", "0.0.0.0", "::") or name.startswith("127.")


def _guard(address: object) -> None:
    if isinstance(address, tuple) and address and not _is_loopback(address[0]):
        BLOCKED_CONNECTIONS.append(repr(address))
        raise NetworkAccessError(f"network access attempted in a test: {address!r}")


@pytest.fixture(autouse=True, scope="session")
def no_network():
    real_connect, real_connect_ex = socket.socket.connect, socket.socket.connect_ex
    real_getaddrinfo = socket.getaddrinfo

    def connect(self, address):
        _guard(address)
        return real_connect(self, address)

    def connect_ex(self, address):
        _guard(address)
        return real_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            BLOCKED_CONNECTIONS.append(repr(host))
            raise NetworkAccessError(f"name lookup attempted in a test: {host!r}")
        return real_getaddrinfo(host, *args, **kwargs)

    socket.socket.connect, socket.socket.connect_ex = connect, connect_ex
    socket.getaddrinfo = getaddrinfo
    try:
        yield BLOCKED_CONNECTIONS
    finally:
        socket.socket.connect, socket.socket.connect_ex = real_connect, real_connect_ex
        socket.getaddrinfo = real_getaddrinfo
    if BLOCKED_CONNECTIONS:
        pytest.fail(f"tests tried to reach the network: {', '.join(BLOCKED_CONNECTIONS)}")
