# The eight tasks of the December 2026 screen-reader study in plain mode, on today's home
# screen (Get help now 1-3, groups of topics 4-8, 9 questions, 10 resources). Run with:
#   ../shared/tools/screenreader/run plain benchmarks/screenreader/plain.py
# make a11y runs metanav with --lang en: a first run would ask English / Español first.
SETTLE = 1.5
MAXWAIT = 10
# On home (tests/test_screen_reader.py checks them against the home screen):
QUESTIONS, RESOURCES, TOPIC_GROUP = "9", "10", 4

STEPS = [
    ("1 start", "Enter", ["Enter"]),
    ("2 move down 3", "Fenrir review: Alt+Left x3", ["M-Left", "M-Left", "M-Left"]),
    ("3 open topic 1, read first section", f"{TOPIC_GROUP} Enter (group), 1 Enter",
     [f"lit:{TOPIC_GROUP}", "Enter", "lit:1", "Enter"]),
    ("4 go back", "q Enter (at more), m Enter", ["lit:q", "Enter", "lit:m", "Enter"]),
    ("5 questions, pick one", f"{QUESTIONS} Enter, 1 Enter, 2 Enter",
     [f"lit:{QUESTIONS}", "Enter", "lit:1", "Enter", "lit:2", "Enter"]),
    ("6 resources, filter spanish", f"m Enter, {RESOURCES} Enter, q Enter, spanish Enter",
     ["lit:m", "Enter", f"lit:{RESOURCES}", "Enter", "lit:q", "Enter", "lit:spanish", "Enter"]),
    ("7 bookmark a resource", "b Enter, 1 Enter", ["lit:b", "Enter", "lit:1", "Enter"]),
    ("8 help", "h Enter", ["lit:h", "Enter"]),
    ("teardown", "q Enter, q Enter", ["lit:q", "Enter", "lit:q", "Enter"]),
]
