"""metanav run as a real process, as a person or a clinic's script runs it: its own Python,
no input, the output captured as text. For the command-line tests (check-data, export...)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_python(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """``python ARGS`` in ``cwd`` without this test run's PYTHONPATH (metanav as installed)."""
    env = dict(os.environ)
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
        stdin=subprocess.DEVNULL,
        **kwargs,
    )


def run_module(*args: str, cwd: Path, **kwargs) -> subprocess.CompletedProcess:
    """``python -m metanav ARGS`` in ``cwd``."""
    return run_python("-m", "metanav", *args, cwd=cwd, **kwargs)
