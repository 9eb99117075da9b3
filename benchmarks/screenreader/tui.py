# The eight tasks of the December 2026 screen-reader study, on the home screen of 7 December
# 2026 (Get help now 1-3, groups of topics 4-8, 9 questions, 10 resources). The shared tool's
# steps/tui.py typed "1", "17" and "18" and went back with Escape, which Fenrir keeps for
# itself: here Down x3 already lands on the group that holds topic 1, and back is Backspace,
# the key the key bar names. tests/test_screen_reader.py checks these numbers against the
# home screen. Run with:
#   ../shared/tools/screenreader/run tui benchmarks/screenreader/tui.py
# (make a11y runs it). Key syntax: ../shared/tools/screenreader/README.md, "Steps files".
# make a11y runs metanav with --lang en: a first run would ask English / Español first.
SETTLE = 1.5
MAXWAIT = 10
BYPASS = "M-:"
QUESTIONS, RESOURCES, TOPIC_GROUP = "9", "10", 4  # on home; Down x3 from item 1 reaches the group

STEPS = [
    ("1 start", "Enter", ["Enter"]),
    ("2 move down 3", "Down x3", ["Down", "Down", "Down"]),
    ("3 open topic 1, read first section", "Enter (its group), Enter, Down x4",
     ["Enter", "Enter", "Down", "Down", "Down", "Down"]),
    ("4 go back", "Backspace x2 (to the group, home)", ["BSpace", "BSpace"]),
    ("5 questions, pick one", f"{QUESTIONS}, Enter, Down, Space",
     [f"lit:{QUESTIONS}", "Enter", "Down", "Space"]),
    ("6 resources, filter spanish", f"Backspace, {RESOURCES}, Enter, spanish",
     ["BSpace", f"lit:{RESOURCES}", "Enter", "lit:spanish"]),
    ("7 bookmark a resource", "Tab x3, b", ["Tab", "Tab", "Tab", "b"]),
    ("8 help", "?", ["?"]),
    ("teardown", "Alt+: Escape, Ctrl+Q", [BYPASS, "Escape", "C-q"]),
]
