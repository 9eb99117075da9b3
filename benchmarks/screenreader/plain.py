# The eight tasks of the December 2026 screen-reader study in plain mode, on today's home
# screen (Get help now 1-3, groups of topics 4-8, 9 questions, 10 resources). Run with:
#   ../shared/tools/screenreader/run plain benchmarks/screenreader/plain.py
SETTLE = 1.5
MAXWAIT = 10

STEPS = [
    ("1 start", "Enter", ["Enter"]),
    ("2 move down 3", "Fenrir review: Alt+Left x3", ["M-Left", "M-Left", "M-Left"]),
    ("3 open topic 1, read first section", "4 Enter (group), 1 Enter",
     ["lit:4", "Enter", "lit:1", "Enter"]),
    ("4 go back", "q Enter (at more), m Enter", ["lit:q", "Enter", "lit:m", "Enter"]),
    ("5 questions, pick one", "9 Enter, 1 Enter, 2 Enter",
     ["lit:9", "Enter", "lit:1", "Enter", "lit:2", "Enter"]),
    ("6 resources, filter spanish", "m Enter, 10 Enter, q Enter, spanish Enter",
     ["lit:m", "Enter", "lit:10", "Enter", "lit:q", "Enter", "lit:spanish", "Enter"]),
    ("7 bookmark a resource", "b Enter, 1 Enter", ["lit:b", "Enter", "lit:1", "Enter"]),
    ("8 help", "h Enter", ["lit:h", "Enter"]),
    ("teardown", "q Enter, q Enter", ["lit:q", "Enter", "lit:q", "Enter"]),
]
