"""What looking for a screen reader at start-up costs (metanav/screen_reader_found.py).

Processor time (not wall time: the machine is shared) per look, median of several rounds:
- in a terminal window or over SSH (a pts): only metanav's ancestors are read;
- on a Linux virtual console (pretended here: terminal /dev/tty1, TERM=linux): the ancestors,
  /sys/accessibility/speakup, and the command line of every process in /proc.
Also the import of the module. Run: .venv/bin/python benchmarks/screen_reader_found_bench.py
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from metanav.screen_reader_found import screen_reader_found  # noqa: E402

ROUNDS, LOOKS = 7, 50


def per_look_ms(**where: str) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        for _ in range(LOOKS):
            screen_reader_found(**where)
        times.append((time.process_time() - start) / LOOKS * 1000)
    return statistics.median(times)


def import_ms() -> float:
    code = ("import time; s = time.process_time(); import metanav.screen_reader_found; "
            "print((time.process_time() - s) * 1000)")
    runs = [float(subprocess.run([sys.executable, "-c", "import metanav.i18n; " + code],
                                 capture_output=True, text=True, check=True).stdout)
            for _ in range(5)]
    return statistics.median(runs)


def main() -> None:
    processes = sum(1 for name in os.listdir("/proc") if name.isdigit())
    print(f"load: {os.getloadavg()[0]:.2f}; processes in /proc: {processes}")
    print(f"found here: {screen_reader_found()!r}")
    print(f"terminal window (ancestors only): {per_look_ms():.3f} ms processor time a look")
    console = per_look_ms(terminal="/dev/tty1", term="linux")
    print(f"virtual console (every process):   {console:.3f} ms processor time a look")
    print(f"import of the module (after metanav.i18n): {import_ms():.3f} ms")


if __name__ == "__main__":
    main()
