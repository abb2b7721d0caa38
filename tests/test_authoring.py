"""docs/authoring.md is executed, so it cannot rot: its python blocks run in order in one
namespace (a block starting with ``# name.py`` is also saved as that file), each command of
its ``sh`` blocks runs (``masa-zk`` as this interpreter's CLI, ``npx snarkjs`` from
node_modules) and must succeed, and a ``text`` block after an ``sh`` block is that block's
output."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from formats_ref import run

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "authoring.md"
BLOCK = re.compile(r"^```(\w+)\n(.*?)^```$", flags=re.S | re.M)


def blocks() -> list[tuple[str, str, int]]:
    """(language, code, line of the code's first line) of every fenced block."""
    text = GUIDE.read_text(encoding="utf-8")
    return [(m[1], m[2], text.count("\n", 0, m.start(2)) + 1) for m in BLOCK.finditer(text)]


def command(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    args = shlex.split(line, comments=True)
    if args[0] == "masa-zk":
        return subprocess.run(
            [sys.executable, "-m", "masa_zk.cli", *args[1:]],
            cwd=cwd,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
    if args[:2] == ["npx", "snarkjs"]:
        return run("snarkjs", *args[2:], cwd=cwd)
    raise AssertionError(f"the guide runs an unknown command: {line}")


def test_guide_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, object] = {"__name__": "authoring_guide"}
    last_output: str | None = None
    kinds = []
    for lang, code, line in blocks():
        kinds.append(lang)
        if lang == "python":
            saved = re.match(r"# (\w+\.py)\n", code)
            if saved:
                (tmp_path / saved[1]).write_text(code, encoding="utf-8")
            # padded so that tracebacks and the DSL's error messages point into the guide
            exec(compile("\n" * (line - 1) + code, str(GUIDE), "exec"), namespace)
        elif lang == "sh":
            for cmd in code.splitlines():
                p = command(cmd, tmp_path)
                assert p.returncode == 0, f"{cmd}\n{p.stdout}\n{p.stderr}"
                last_output = p.stdout
        elif lang == "text":
            assert last_output is not None, f"line {line}: a text block must follow an sh block"
            assert last_output.rstrip() == code.rstrip(), f"line {line}: output drifted"
            last_output = None
    assert kinds.count("python") >= 4 and "sh" in kinds and "text" in kinds
    assert (tmp_path / "balance.r1cs").exists() and (tmp_path / "public.json").exists()
