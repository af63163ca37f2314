"""The progress store under two processes writing at once (moved from tests/test_progress.py:
it starts two Python processes)."""

from __future__ import annotations

from pathlib import Path

from widgets.classroom.progress import ProgressStore


def test_two_kernels_saving_at_once_keep_every_answer(tmp_path: Path) -> None:
    import subprocess
    import sys

    # Each read pauses a little, so without the lock the two writers would overwrite each other.
    script = (
        "import sys, time; from pathlib import Path; "
        "from widgets.classroom.progress import ProgressStore; "
        "read = ProgressStore.read; "
        "ProgressStore.read = lambda self: (read(self), time.sleep(0.003))[0]; "
        "store = ProgressStore(Path(sys.argv[1])); "
        "[store.save(sys.argv[2], f'q{i}', i) for i in range(40)]"
    )
    runs = [
        subprocess.Popen([sys.executable, "-c", script, str(tmp_path), lesson])
        for lesson in ("kernel-a", "kernel-b")
    ]
    assert [run.wait(timeout=60) for run in runs] == [0, 0]
    saved = ProgressStore(tmp_path).read()
    assert len(saved["kernel-a"]) == 40 and len(saved["kernel-b"]) == 40
