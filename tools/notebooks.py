"""Keep committed notebooks small, diff-friendly and checkable by nbval.

    .venv/bin/python tools/notebooks.py --execute notebooks/NN_name.ipynb   # after editing a lesson
    .venv/bin/python tools/notebooks.py --check notebooks/*.ipynb            # what the tests run

The normal form: no outputs and no execution counts, except in cells tagged
``nbval-check-output`` (their outputs are the reference nbval compares, and nbval only compares a
cell that has an execution count, so those cells carry the placeholder count 1); no widget state,
no per-cell metadata but tags, no notebook metadata but the kernel. nbstripout does the same except
that it cannot keep a count on just the checked cells, hence this small tool.
"""

from __future__ import annotations

import argparse
import copy
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import nbformat

ROOT = Path(__file__).resolve().parent.parent
CHECK = "nbval-check-output"
KEPT_NOTEBOOK_METADATA = ("kernelspec", "language_info")


def is_checked(cell: Any) -> bool:
    return CHECK in cell.get("metadata", {}).get("tags", [])


def normalise(notebook: Any) -> Any:
    """Return a normalised copy of ``notebook`` (an nbformat NotebookNode)."""
    result = copy.deepcopy(notebook)
    result.metadata = {
        k: result.metadata[k] for k in KEPT_NOTEBOOK_METADATA if k in result.metadata
    }
    if "language_info" in result.metadata:
        result.metadata["language_info"] = {"name": result.metadata["language_info"]["name"]}
    for cell in result.cells:
        tags = cell.metadata.get("tags", [])
        cell.metadata = {"tags": tags} if tags else {}
        if cell.cell_type != "code":
            continue
        if is_checked(cell):
            cell.execution_count = 1
            for output in cell.outputs:
                if "execution_count" in output:
                    output["execution_count"] = 1
                if "metadata" in output:
                    output["metadata"] = {}
        else:
            cell.execution_count = None
            cell.outputs = []
    return result


def nbval(notebook: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """pytest --nbval-lax on ``notebook`` from the lessons' folder; its exit code and output."""
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--nbval-lax",
            "--nbval-current-env",
            "--nbval-cell-timeout=120",
            str(notebook),
        ],
        cwd=ROOT / "notebooks",
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


class CellError(RuntimeError):
    """A cell raised: the message names the notebook and the cell."""


def run(path: Path, timeout: float = 120, on_kernel: Any = None, on_cell: Any = None) -> Any:
    """Execute a notebook top to bottom in a fresh kernel, in its folder; return it with outputs.

    Uses jupyter_client's blocking client, as nbval does: nbclient's asyncio client was seen to
    stall for exactly the cell timeout on these machines (its reply arrives late), which nbval's
    blocking client does not. ``on_kernel`` receives the kernel manager once it is started (the
    benchmark samples its memory); ``on_cell`` receives each code cell once it has run (even if it
    raised). Outputs other than stream, display, results and errors are ignored.
    """
    from jupyter_client.manager import start_new_kernel

    notebook = nbformat.read(path, as_version=4)
    manager, client = start_new_kernel(kernel_name="python3", cwd=str(path.parent))
    if on_kernel is not None:
        on_kernel(manager)
    try:
        for index, cell in enumerate(notebook.cells):
            if cell.cell_type != "code":
                continue
            outputs: list[Any] = []

            def collect(message: dict[str, Any], outputs: list[Any] = outputs) -> None:
                kind = message["msg_type"]
                if kind == "clear_output":
                    outputs.clear()
                elif kind in {"stream", "display_data", "execute_result", "error"}:
                    outputs.append(nbformat.v4.output_from_msg(message))

            reply = client.execute_interactive(cell.source, timeout=timeout, output_hook=collect)
            cell.outputs = outputs
            if on_cell is not None:
                on_cell(cell)
            if reply["content"]["status"] == "error":
                content = reply["content"]
                raise CellError(f"{path}, cell {index}: {content['ename']}: {content['evalue']}")
    finally:
        client.stop_channels()
        manager.shutdown_kernel(now=True)
    return notebook


def execute(path: Path) -> None:
    """Run the notebook in a fresh kernel and store it normalised."""
    nbformat.write(normalise(run(path)), path)
    print(f"executed and normalised {path}")


def check(path: Path) -> bool:
    """True when the committed file is already in normal form."""
    notebook = nbformat.read(path, as_version=4)
    return bool(normalise(notebook) == notebook)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--execute", action="store_true", help="run, then normalise in place")
    mode.add_argument("--check", action="store_true", help="fail if a notebook is not normalised")
    mode.add_argument("--fix", action="store_true", help="normalise in place without running")
    parser.add_argument("paths", nargs="+", type=Path)
    args = parser.parse_args(argv)
    failed = []
    for path in args.paths:
        if args.execute:
            execute(path)
        elif args.fix:
            nbformat.write(normalise(nbformat.read(path, as_version=4)), path)
        elif not check(path):
            failed.append(path)
    for path in failed:
        print(f"{path} is not normalised: run tools/notebooks.py --execute {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
