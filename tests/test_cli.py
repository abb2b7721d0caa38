"""The console script: the smoke run passes and its JSON report has the promised shape."""

from __future__ import annotations

import json
import subprocess
import sys

from masa_zk.cli import main


def test_version_prints_versions(capsys: object) -> None:
    assert main(["version"]) == 0


def test_smoke_json_reports_every_step_passing() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "masa_zk.cli", "smoke", "--json", "--log-size", "8"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout + out.stderr
    report = json.loads(out.stdout)
    assert report["ok"] is True
    names = [s["name"] for s in report["steps"]]
    assert len(names) == 7 and len(set(names)) == 7
    for step in report["steps"]:
        assert step["ok"] is True, step
        assert isinstance(step["seconds"], float) and step["seconds"] >= 0


def test_bad_usage_exits_2() -> None:
    assert main(["smoke", "--log-size", "40"]) == 2
