# The study's kiosk tasks (`metanav --kiosk --plain`, the tool's lib/kiosk.ini: idle 10 s,
# countdown 12 s, staff exit Ctrl+X then PIN 4711) on today's home screen (groups of topics
# 4-8, 10 resources): the tool's steps/kiosk-plain.py typed "1" and "18". Run with:
#   SR_METANAV_ARGS="--lang en" ../shared/tools/screenreader/run kiosk-plain \
#       benchmarks/screenreader/kiosk-plain.py
# (--lang en: one language for everyone, so the first screen does not ask.)
SETTLE = 1.5
MAXWAIT = 10
RESOURCES, TOPIC_GROUP = "10", "4"

STEPS = [
    ("k1 start", "Enter", ["Enter"]),
    ("k2 open topic 1", f"{TOPIC_GROUP} Enter, 1 Enter, q Enter (at more)",
     [f"lit:{TOPIC_GROUP}", "Enter", "lit:1", "Enter", "lit:q", "Enter"]),
    ("k3 try to quit", "q Enter (topic), q Enter, n Enter",
     ["lit:q", "Enter", "lit:q", "Enter", "lit:n", "Enter"]),
    ("k4 Ctrl+C, Ctrl+Z", "Ctrl+C, Ctrl+Z", ["C-c", "C-z"]),
    ("k5 bookmark a resource", f"m Enter, {RESOURCES} Enter, q Enter, b Enter, 1 Enter",
     ["lit:m", "Enter", f"lit:{RESOURCES}", "Enter", "lit:q", "Enter", "lit:b", "Enter",
      "lit:1", "Enter"]),
    ("k6 walk away", "no key for 30 s", ["idle:30"]),
    ("k7 Done: clear my session", "q Enter, y Enter", ["lit:q", "Enter", "lit:y", "Enter"]),
    ("k8 staff exit", "Ctrl+X, Enter, PIN 4711 Enter", ["C-x", "Enter", "lit:4711", "Enter"]),
]
