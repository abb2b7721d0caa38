"""Test helpers: the committed circomlibjs vectors and a live circomlibjs oracle (node)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
VECTORS: dict[str, Any] = json.loads((HERE / "circomlibjs.json").read_text())


def ask(requests: list[dict[str, Any]]) -> list[Any]:
    """Answer a batch of requests with circomlibjs (see circomlibjs_oracle.js)."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "circomlibjs").is_dir():
        pytest.fail("circomlibjs cross-checks need node and `npm ci` (run `make setup`)")
    proc = subprocess.run(
        [node, str(HERE / "circomlibjs_oracle.js")],
        input=json.dumps(requests).encode(),
        capture_output=True,
        cwd=ROOT,
        timeout=300,
        check=False,
    )
    if proc.returncode != 0:
        raise RuntimeError(f"circomlibjs oracle failed: {proc.stderr.decode()}")
    answers: list[Any] = json.loads(proc.stdout)
    return answers
