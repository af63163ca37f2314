"""Show one lesson as a page without code (Voila), for a projector or a classroom: `make present`.

    .venv/bin/python tools/present.py 06_council.ipynb [--share] [--port 8866] [--max-kernels 12]

The page is served with a fresh token (printed in the link), on 127.0.0.1 unless ``--share``, with
the course's Voila settings (share/jupyter/voila/voila.py: idle kernels culled, a cap on kernels,
local host names only) and template (no CDN, a main landmark). Voila runs the lesson and nothing
else: a page may send widget messages to its kernel, never code. ``--share`` listens on every
network interface so learners on the same network can open the link; the link travels over plain
HTTP, so share it only on a classroom network you trust, and stop the server after the lesson.
The tests and the benchmark start Voila through :func:`voila_command` too.
"""

from __future__ import annotations

import argparse
import os
import secrets
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARE = ROOT / "share" / "jupyter"


def voila_command(
    port: int,
    notebook: Path | None = None,
    *,
    token: str,
    share: bool = False,
    max_kernels: int = 12,
) -> tuple[list[str], dict[str, str]]:
    """How the course starts Voila: (command, environment). Without ``notebook`` it serves every
    lesson in notebooks/ at /voila/render/NAME (the tests); with one, that lesson at /."""
    command = [
        sys.executable,
        "-m",
        "voila",
        "--no-browser",
        f"--Voila.ip={'0.0.0.0' if share else '127.0.0.1'}",
        f"--port={port}",
        f"--token={token}",
        f"--Voila.config_file_paths={SHARE / 'voila'}",
        f"--LessonKernels.max_kernels={max_kernels}",
        "--template=course",
    ]
    if notebook is None:
        command.append(f"--Voila.root_dir={ROOT / 'notebooks'}")
    else:
        command.append(str(notebook))
    env = {"JUPYTER_PATH": str(SHARE), "COURSE_PRESENT_SHARED": "1" if share else "0"}
    return command, env


def lan_address() -> str:
    """This machine's address on the local network (no packet is sent), or 127.0.0.1."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
        except OSError:
            return "127.0.0.1"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebook", help="a lesson in notebooks/, e.g. 06_council.ipynb")
    parser.add_argument("--share", action="store_true", help="open it to the local network")
    parser.add_argument("--port", type=int, default=8866)
    parser.add_argument("--max-kernels", type=int, default=12)
    args = parser.parse_args(argv)
    notebook = ROOT / "notebooks" / args.notebook
    if not notebook.is_file():
        lessons = ", ".join(sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb")))
        print(f"present: no lesson {args.notebook!r}; the lessons are: {lessons}")
        return 2
    token = secrets.token_urlsafe(18)
    command, env = voila_command(
        args.port, notebook, token=token, share=args.share, max_kernels=args.max_kernels
    )
    host = lan_address() if args.share else "127.0.0.1"
    print(f"\n  Open the lesson: http://{host}:{args.port}/?token={token}\n")
    if args.share:
        print(
            "  Shared on the local network: anyone with this link can view the lesson and use\n"
            "  its widgets (not run code). The link is sent over plain HTTP: use it only on a\n"
            "  network you trust, and stop this server (Ctrl+C) after the lesson.\n"
        )
    os.execvpe(command[0], command, {**os.environ, **env})
    return 0  # not reached: Voila replaces this process


if __name__ == "__main__":
    sys.exit(main())
