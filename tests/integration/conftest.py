"""Integration tests: they start servers, kernels or other processes (seconds each), so `make unit`
leaves them out and `make integration` runs them. The server helpers they share with the browser
tests live in tests/browser/harness.py (importable without a browser)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "browser"))
