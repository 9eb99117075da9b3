# The eight tasks of the December 2026 screen-reader study, on the home screen of 7 December
# 2026 (Get help now 1-3, groups of topics 4-7, 8 questions, 9 resources): the shared tool's
# steps/tui.py typed "17" and "18", and opened topic 1 with one Enter. Run with:
#   ../shared/tools/screenreader/run tui benchmarks/screenreader/tui.py
# (make a11y runs it). Key syntax: ../shared/tools/screenreader/README.md, "Steps files".
SETTLE = 1.5
MAXWAIT = 10
BYPASS = "M-:"

STEPS = [
    ("1 start", "Enter", ["Enter"]),
    ("2 move down 3", "Down x3", ["Down", "Down", "Down"]),
    ("3 open topic 1, read first section", "4, Enter (group), Enter, Down x4",
     ["4", "Enter", "Enter", "Down", "Down", "Down", "Down"]),
    ("4 go back", "Escape (Fenrir keeps it); Backspace x2", ["Escape", "BSpace", "BSpace"]),
    ("5 questions, pick one", "9, Enter, Down, Space", ["9", "Enter", "Down", "Space"]),
    ("6 resources, filter spanish", "Backspace, 10, Enter, spanish",
     ["BSpace", "lit:10", "Enter", "lit:spanish"]),
    ("7 bookmark a resource", "Tab x3, b", ["Tab", "Tab", "Tab", "b"]),
    ("8 help", "?", ["?"]),
    ("teardown", "Alt+: Escape, Ctrl+Q", [BYPASS, "Escape", "C-q"]),
]
