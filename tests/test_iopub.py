"""The kernel waits for a slow reader instead of dropping its messages (widgets/_iopub.py).

Run on ipykernel's own IOPubThread and a real ZeroMQ socket pair, as in a kernel: a reader that
falls behind loses messages by default (the control, so the test can fail) and loses none once
``keep_every_message`` has set the option. That it finds a running kernel's thread is checked in
tests/integration/test_iopub_in_a_kernel.py.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
import zmq
from ipykernel.iostream import IOPubThread

from widgets import _iopub

COUNT = 5000  # messages sent while the reader reads nothing: more than ZeroMQ buffers
PAYLOAD = b"x" * 10_000  # about a chart's figure


@pytest.fixture
def pair() -> Iterator[tuple[Any, zmq.Socket[bytes]]]:
    """A started IOPubThread on an XPUB socket (as ipykernel 7 makes it) and a subscribed reader."""
    context = zmq.Context()
    publisher = context.socket(zmq.XPUB)
    port = publisher.bind_to_random_port("tcp://127.0.0.1")
    thread: Any = IOPubThread(publisher)  # type: ignore[no-untyped-call]  # ipykernel: untyped
    thread.start()
    reader = context.socket(zmq.SUB)
    reader.setsockopt(zmq.SUBSCRIBE, b"")
    reader.connect(f"tcp://127.0.0.1:{port}")
    deadline = time.monotonic() + 10
    while not reader.poll(50):  # until the subscription has reached the publisher
        assert time.monotonic() < deadline, "the reader never subscribed"
        thread.background_socket.send_multipart([b"probe"])
    while reader.poll(200):
        reader.recv_multipart()
    try:
        yield thread, reader
    finally:
        thread.io_loop.add_callback(thread.io_loop.stop)  # the thread ends its own tasks
        thread.thread.join(timeout=30)
        context.destroy(linger=0)  # every socket, the threads' event pipes included


def _send_all(thread: Any) -> threading.Thread:
    """Send COUNT messages from another thread (a blocked IOPub thread makes senders wait)."""
    sender = threading.Thread(
        target=lambda: [thread.background_socket.send_multipart([PAYLOAD]) for _ in range(COUNT)]
    )
    sender.start()
    return sender


def _read_all(reader: zmq.Socket[bytes], quiet_ms: int = 1000) -> int:
    """Read until nothing came for ``quiet_ms`` or every message is in; how many came."""
    received = 0
    while received < COUNT and reader.poll(quiet_ms):
        reader.recv_multipart()
        received += 1
    return received


def test_a_reader_that_falls_behind_loses_messages_by_default(pair: Any) -> None:
    thread, reader = pair
    _send_all(thread).join(timeout=60)
    deadline = time.monotonic() + 30
    while thread._events and time.monotonic() < deadline:  # every message handed to ZeroMQ
        time.sleep(0.05)
    assert _read_all(reader) < COUNT  # what ZeroMQ could not buffer is gone


def test_keep_every_message_makes_the_kernel_wait_for_the_reader(
    pair: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread, reader = pair
    monkeypatch.setattr(_iopub, "_iopub_thread", lambda: thread)
    assert _iopub.keep_every_message()
    sender = _send_all(thread)
    time.sleep(1)  # the reader reads nothing meanwhile: the publisher waits, it does not drop
    assert _read_all(reader) == COUNT
    sender.join(timeout=10)
    assert not sender.is_alive()


def test_outside_a_kernel_it_does_nothing() -> None:
    assert _iopub.keep_every_message() is False  # pytest runs no kernel
