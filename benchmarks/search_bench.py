"""Search engines compared in-process, on the bundled content plus N synthetic resources.

    .venv/bin/python benchmarks/search_bench.py                  # 10,000 and 100,000
    .venv/bin/python benchmarks/search_bench.py --resources 100000 --engine fts5
    .venv/bin/python benchmarks/search_bench.py --resources 100000 --engine fts5-file --lang es

Each engine runs in its own child process (so its peak memory is its own), loads the content
(from the content cache, warmed first), builds its index, then types queries one keystroke at
a time as the resources filter and the search screen see them. Printed: build time, peak
memory (ru_maxrss), and per-keystroke times (median and max over all keystrokes).
``--lang es``: the content in Spanish, as ``metanav --lang es`` shows it (the library translated,
the interface's words in Spanish), and Spanish queries (TYPED_ES); "index build" is then the
time until the first search can run (the Spanish index read from the file, or made in memory).

Engines:
  fts5       metanav's engine: SQLite FTS5 in memory (content/index.py)
  fts5-file  the same, opened read-only from the prebuilt file the content cache keeps
  scan       the filter before issue 12: a substring scan over every resource's lower-cased text
  dict       a pure-Python inverted index (stem -> resource numbers), prefix by a sorted list
"""

from __future__ import annotations

import argparse
import bisect
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

ENGINES = ("fts5", "fts5-file", "scan", "dict")
TYPED = ["pain", "palliative care", "money help", "espanol", "helpline spanish", "zzyzx"]
TYPED_ES = ["dolor", "cuidados paliativos", "ayuda dinero", "espanol", "linea de ayuda", "zzyzx"]


def keystrokes(lang: str = "en") -> list[str]:
    out = []
    for text in TYPED_ES if lang == "es" else TYPED:
        out += [text[: i + 1] for i in range(len(text))]
    return out


def child(engine: str, folder: str, cache: str, lang: str = "en") -> dict:
    os.environ["METANAV_CACHE_DIR"] = cache
    from metanav.content import index
    from metanav.content.load import bundled_data_dir, load_library
    from metanav.content.words import parse_query, stem

    library = load_library([Path(folder)])
    if lang != "en":
        from metanav.content.translation import translate
        from metanav.i18n import set_language

        set_language(lang)
        library = translate(library, [bundled_data_dir(), Path(folder)], lang)
    # Only the engines that keep their own copy read every resource (a big share of memory).
    resources = [] if engine.startswith("fts5") else list(library.resources.values())
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    started, build_cpu = time.perf_counter(), time.process_time()
    if engine in ("fts5", "fts5-file"):
        if engine == "fts5":
            from metanav.content.find import Finder

            ix = Finder(library, index.build(library))  # in memory, as a kiosk without a cache
        else:
            ix = index.index_for(library)  # the file beside the content cache
        ix.filter_resources("warm")

        def filt(text: str) -> int:
            return len(ix.filter_resources(text))

        def find(text: str) -> int:
            return len(ix.search(text, as_typed=True, limit=50).hits)
    elif engine == "scan":
        hay = ["\n".join([r.name, r.organisation, r.description, r.kind_words, r.language_name])
               .casefold() for r in resources]

        def filt(text: str) -> int:
            words = text.casefold().split()
            return sum(1 for h in hay if all(w in h for w in words))

        find = filt
    else:
        from metanav.content.words import stemmed_text

        postings: dict[str, list[int]] = {}
        for i, r in enumerate(resources):
            text = " ".join([r.name, r.organisation, r.description, r.kind_words,
                             r.language_name])
            for s in set(stemmed_text(text, r.language).split()):
                postings.setdefault(s, []).append(i)
        keys = sorted(postings)

        def filt(text: str) -> int:
            result: set[int] | None = None
            for term in parse_query(text, library.synonyms, as_typed=True):
                word = term.typed[0]
                ids: set[int] = set()
                for s in {stem(word, "en"), stem(word, "es")}:
                    ids.update(postings.get(s, ()))
                if term.last:
                    i = bisect.bisect_left(keys, word)
                    while i < len(keys) and keys[i].startswith(word):
                        ids.update(postings[keys[i]])
                        i += 1
                result = ids if result is None else result & ids
            return len(result or ())

        find = filt
    build_s = time.perf_counter() - started
    build_cpu = time.process_time() - build_cpu
    times = {"filter": [], "search": []}
    cpu = time.process_time()
    for text in keystrokes(lang):
        for name, fn in (("filter", filt), ("search", find)):
            t = time.perf_counter()
            fn(text)
            times[name].append((time.perf_counter() - t) * 1000)
    cpu = time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"engine": engine, "resources": len(library.resources), "build_s": build_s,
            "build_cpu_s": build_cpu, "keys_cpu_ms": cpu * 1000 / len(keystrokes(lang)) / 2,
            "peak_mb": peak, "content_mb": base,
            **{f"{k}_median_ms": statistics.median(v) for k, v in times.items()},
            **{f"{k}_max_ms": max(v) for k, v in times.items()}}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--resources", default="10000,100000")
    parser.add_argument("--engine", action="append", default=[])
    parser.add_argument("--lang", default="en", choices=("en", "es"),
                        help="the content and the queries in this language")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(*args.child)))
        return 0
    import gen_content

    engines = args.engine or list(ENGINES)
    print("| resources | engine | lang | index build (processor) | peak memory "
          "| filter key: median / max | search key: median / max | processor a key |")
    print("|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory(prefix="metanav-search-bench-") as cache:
        os.environ["METANAV_CACHE_DIR"] = cache
        for count in (int(n) for n in args.resources.split(",")):
            folder = ROOT / "benchmarks" / "results" / "data" / f"resources-{count}"
            gen_content.write_folder(count, folder)
            # Warm the content cache (and its search index file) in a process of its own: a
            # child would inherit this one's peak memory (ru_maxrss survives exec).
            subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; "
                            "from metanav.content.load import load_library; "
                            "load_library([Path(sys.argv[1])])", str(folder)],
                           check=True, env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
            for engine in engines:
                done = subprocess.run([sys.executable, __file__, "--child", engine, str(folder),
                                       cache, args.lang], capture_output=True, text=True, check=False)
                if done.returncode:
                    print(f"| {count:,} | {engine} | failed: {done.stderr.strip()[-200:]} |")
                    continue
                r = json.loads(done.stdout)
                print(f"| {count:,} | {engine} | {args.lang} | {r['build_s'] * 1000:,.0f} ms "
                      f"({r['build_cpu_s'] * 1000:,.0f} ms) "
                      f"| {r['peak_mb']:.0f} MB (content {r['content_mb']:.0f} MB) "
                      f"| {r['filter_median_ms']:.1f} / {r['filter_max_ms']:.1f} ms "
                      f"| {r['search_median_ms']:.1f} / {r['search_max_ms']:.1f} ms "
                      f"| {r['keys_cpu_ms']:.1f} ms |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
