"""In a real kernel, a lesson's first cell (``setup_lesson()``) makes the kernel keep every
message for a reader that falls behind (widgets/_iopub.py; the mechanism is tested in
tests/test_iopub.py). Without it, this burst lost a third of its displays and the final "idle"
status, which leaves JupyterLab showing a busy kernel for ever."""

from __future__ import annotations

import time
from queue import Empty
from typing import Any

import pytest
from jupyter_client.manager import start_new_kernel

COUNT = 3000
BURST = f"""
from IPython.display import display
for i in range({COUNT}):
    display({{"text/plain": str(i), "text/html": "x" * 10_000}}, raw=True)
"""


def test_a_lesson_kernel_keeps_every_message_for_a_slow_reader() -> None:
    manager, client = start_new_kernel(kernel_name="python3")
    try:
        reply = client.execute_interactive(
            "from widgets import setup_lesson\nsetup_lesson()", timeout=60
        )
        assert reply["content"]["status"] == "ok"
        burst = client.execute(BURST)
        time.sleep(3)  # the reader (the Jupyter server on a busy machine) reads nothing meanwhile
        shown, idle = 0, False
        while not idle:
            try:
                message: Any = client.get_iopub_msg(timeout=30)
            except Empty:
                pytest.fail(f"messages lost: {shown} of {COUNT} displays came, then no idle status")
            if message["parent_header"].get("msg_id") != burst:
                continue
            shown += message["msg_type"] == "display_data"
            idle = message["msg_type"] == "status" and (
                message["content"]["execution_state"] == "idle"
            )
        assert shown == COUNT
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
