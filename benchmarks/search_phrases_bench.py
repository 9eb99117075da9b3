"""Search time for synonym phrases and single words at 100,000 resources (the index file).

    .venv/bin/python benchmarks/search_phrases_bench.py            # this tree
    .venv/bin/python benchmarks/search_phrases_bench.py COPY        # a copy of another commit

Needs benchmarks/results/data/resources-100000 under the tree (`search_bench.py --resources
100000` writes it). Each query is typed a keystroke at a time 5 times, as the search screen
asks (median and max a key), then searched whole 20 times (the mean); the first hits are
printed. Processor time, which other work on the machine moves less than the clock.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
QUERIES = ["talk to someone", "need to talk", "phone line", "medical bills", "phone", "talk"]


def main() -> int:
    os.environ["METANAV_CACHE_DIR"] = tempfile.mkdtemp(prefix="metanav-phrases-")
    from metanav.content import index
    from metanav.content.load import load_library

    folder = ROOT / "benchmarks" / "results" / "data" / "resources-100000"
    load_library([folder])  # warms the content cache and writes its index file
    finder = index.index_for(load_library([folder]))
    finder.filter_resources("warm")
    for query in QUERIES:
        keys = []
        for _ in range(5):
            for i in range(len(query)):
                started = time.process_time()
                finder.search(query[: i + 1], as_typed=True, limit=50)
                keys.append((time.process_time() - started) * 1000)
        started = time.process_time()
        for _ in range(20):
            found = finder.search(query, limit=50)
        whole = (time.process_time() - started) * 1000 / 20
        first = ", ".join(h.title[:24] for h in found.hits[:3])
        print(f"{query!r}: a key {statistics.median(keys):.1f} / {max(keys):.1f} ms; "
              f"whole {whole:.1f} ms; {found.total:,} found; first: {first}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
