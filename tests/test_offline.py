"""tools/offline really cuts the network (where the machine allows it) but keeps loopback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

OFFLINE = Path(__file__).resolve().parent.parent / "tools" / "offline"
PROBE = """
import socket
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen()
socket.create_connection(server.getsockname(), timeout=5).close()  # loopback works
try:
    socket.create_connection(("pypi.org", 443), timeout=5)
except OSError:
    print("outside unreachable")
else:
    print("outside reachable")
"""


def test_offline_runner_cuts_the_network_but_not_loopback() -> None:
    run = subprocess.run(
        [str(OFFLINE), sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=60
    )
    if "NOTICE" in run.stderr:
        pytest.skip("this machine cannot cut the network: " + run.stderr.strip())
    assert run.returncode == 0, run.stderr
    assert "network cut" in run.stdout
    assert run.stdout.strip().endswith("outside unreachable")
