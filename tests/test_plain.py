"""Plain mode, feature by feature (parity with the full-screen app), as a real subprocess.

Each test feeds a script of answers to ``python -m metanav --plain``, checks what a person
would read, and checks what is on disk afterwards (and after a restart).
"""

from __future__ import annotations

from metanav.content.model import CARE_TEAM_NOTE
from metanav.content.search import ResourceFilter, count_phrase, filter_resources
from metanav.core.views import topic_groups
from metanav.plain.screens import SCREENS
from metanav.plain.shell import GLOBAL_KEYS
from metanav.state.store import MAX_TOP
from plain_helpers import after, home_count, home_numbers, library, run_plain
from state_helpers import on_disk

LIB = library()
HOME = home_numbers(LIB)
HOME_PROMPT = f"Choose 1 to {home_count(LIB)}, g to get help now, h for help, / to search, q to quit, i for Español [default: 1]:"


def rich_topic():
    """A topic with related questions, resources and topics (all three)."""
    return next(t for t in LIB.topics.values() if t.questions and t.resources and t.related_topics)


def test_home_shows_title_every_topic_and_the_other_parts(state_dir):
    run = run_plain(state_dir, ["q"])
    lines = run.out.splitlines()
    assert lines[0] == "metanav: Home"
    assert "metastatic cancer" in lines[1]
    assert lines[4] == f"{HOME['get-help-now']}. When to call 911 or your care team right away"
    for topic in LIB.topics.values():  # every topic's group is listed, with its count
        if topic.id == "get-help-now":
            continue  # listed first, on its own
        group = HOME[topic.id].split("\n")[0]
        assert any(line.startswith(f"{group}. {topic.group} (") for line in lines), topic.id
    assert f"{HOME['questions']}. Questions for your doctor" in lines
    assert f"{HOME['resources']}. Support resources" in lines
    assert f"{HOME['bookmarks']}. Bookmarks" in lines
    assert f"{HOME['help']}. Help: keys and how to use metanav" in lines
    crisis = [r for r in LIB.resources.values() if r.crisis]
    assert crisis and all(any(r.name in line for line in lines) for r in crisis)
    assert f"{HOME_PROMPT} q" in " ".join(run.out.split())  # "Choose 1 to 11" may wrap it
    assert lines[-1] == "Goodbye."


def test_a_group_lists_its_topics_and_opens_them(state_dir):
    topic = list(LIB.topics.values())[-1]
    group, number = HOME[topic.id].split("\n")
    run = run_plain(state_dir, [group, "q"])
    listing = after(run.out, f"\n{topic.group}\n")
    assert f"{number}. {topic.title}" in listing
    run = run_plain(state_dir, [group, number, "q"])
    assert f"\n{topic.title}\n" in run.out


def test_scripted_bookmark_survives_a_restart(state_dir):
    """The example from the issue: open topic 1, bookmark it, Enter goes back, quit."""
    first = next(iter(LIB.topics.values()))
    run = run_plain(state_dir, [HOME[first.id], "b", "", "q"])
    assert f"\n{first.title}\n" in run.out
    assert f"Bookmarked: {first.title}. Find it under Bookmarks." in run.out
    assert on_disk(state_dir)["bookmarks"] == [{"kind": "topic", "id": first.id}]
    again = run_plain(state_dir, [str(HOME["bookmarks"]), "q"])
    assert f"1. Topic: {first.title}" in again.out
    assert f"{HOME['bookmarks']}. Bookmarks (1)" in again.out


def test_topic_text_sources_note_and_related_items(state_dir):
    topic = rich_topic()
    run = run_plain(state_dir, [str(HOME[topic.id]), "q"])
    page = after(run.out, f"\n{topic.title}\n")
    assert topic.summary.split()[0] in page
    for section in topic.sections:
        assert f"\n{section.heading}\n" in page
    assert "\nWhere this comes from:\n" in page  # the same words as the full screen
    assert f"- {topic.sources[0].organisation}" in page
    assert " ".join(CARE_TEAM_NOTE.split()) in " ".join(page.split())
    first_q = LIB.questions[topic.questions[0]].text
    assert f"1. {first_q.split()[0]}" in page and "Not picked" not in page  # "Picked" alone
    resources = after(page, "\nSupport resources:\n").split("\n\n", 1)[0].splitlines()
    assert resources == [  # names alone, as in the resources list: the rest is on their page
        f"{n}. {LIB.resources[rid].name}"
        for n, rid in enumerate(topic.resources, len(topic.questions) + 1)]
    for tid in topic.related_topics:
        assert LIB.topics[tid].title in page


def test_section_that_applies_to_one_cancer_says_so(state_dir):
    topic, section = next((t, s) for t in LIB.topics.values() for s in t.sections if s.applies_to)
    run = run_plain(state_dir, [str(HOME[topic.id]), "q"])
    assert f"{section.heading}\nThis part is about {section.applies_to}.\n" in run.out


def test_topic_adds_question_opens_resource_and_related_topic(state_dir):
    topic = rich_topic()
    nq, nr = len(topic.questions), len(topic.resources)
    resource = LIB.resources[topic.resources[0]]
    related = LIB.topics[topic.related_topics[0]]
    run = run_plain(state_dir, [str(HOME[topic.id]), "1", str(nq + 1), "", str(nq + nr + 1), "q"])
    assert "Picked. It is on your list:" in run.out
    assert on_disk(state_dir)["checklist"][topic.questions[0]]["chosen"] is True
    assert f"Name: {resource.name}" in run.out
    assert f"\n{related.title}\n" in run.out
    # Picking it again from the topic takes it off.
    run_plain(state_dir, [str(HOME[topic.id]), "1", "q"])
    assert on_disk(state_dir)["checklist"][topic.questions[0]]["chosen"] is False


def test_checklist_pick_top_asked_note_own_show_and_export(state_dir, export_dir):
    group = next(iter(LIB.groups.values()))
    qs = LIB.questions_in(group.id)
    own_group = len([g for g in LIB.groups if LIB.questions_in(g)]) + 1
    script = [
        str(HOME["questions"]), "1",            # open the first group
        "1", "2",                               # pick two
        "t 1", "t2",                            # both most important
        "k 1", "n 1", "Yes, the liver.",        # asked, with a note
        "a", "Can I travel in May?",            # own question
        "s",                                    # show my list
        "e",                                    # export it
        "", "", "q",
    ]
    run = run_plain(state_dir, script, export=export_dir)
    assert f"Questions: {group.title}" in run.out
    assert f"1. {qs[0].text.split()[0]}" in run.out
    assert "Marked as most important (2 of 3):" in run.out
    assert "Marked as asked:" in run.out
    assert "Note saved." in run.out
    assert "Your question is added and picked." in run.out
    my_list = after(run.out, "\nMy list\n")
    assert "Most important:" in my_list
    assert "Answer: Yes, the liver." in my_list
    assert "Can I travel in May?" in my_list
    files = list(export_dir.glob("metanav-questions-*.txt"))
    assert len(files) == 1
    assert f"Saved your list to {files[0]}" in " ".join(run.out.split())
    assert "Can I travel in May?" in files[0].read_text("utf-8")

    doc = on_disk(state_dir)
    first = doc["checklist"][qs[0].id]
    assert first == {"chosen": True, "top": True, "asked": True, "note": "Yes, the liver."}
    assert doc["checklist"][qs[1].id]["top"] is True
    (own_id, own_text), = [(q["id"], q["text"]) for q in doc["own_questions"]]
    assert own_text == "Can I travel in May?"

    # After a restart the marks are shown in words; the own question can be deleted.
    again = run_plain(state_dir, [str(HOME["questions"]), "1", "", str(own_group), "d 1", "y", "q"])
    flat = " ".join(again.out.split())
    assert f"1. Picked, most important, asked: {qs[0].text}" in flat
    assert "Note: Yes, the liver." in again.out
    assert "1. Picked: Can I travel in May?" in again.out
    assert "Your question is deleted: Can I travel in May?" in again.out
    assert on_disk(state_dir)["own_questions"] == []
    assert own_id not in on_disk(state_dir)["checklist"]


def test_a_fourth_most_important_question_is_refused(state_dir):
    group = next(g for g in LIB.groups.values() if len(LIB.questions_in(g.id)) > MAX_TOP)
    number = list(LIB.groups).index(group.id) + 1
    tops = [f"t {n}" for n in range(1, MAX_TOP + 2)]
    run = run_plain(state_dir, [str(HOME["questions"]), str(number), *tops, "q"])
    assert f"You can mark up to {MAX_TOP} questions as most important." in run.out
    marked = [q for q, e in on_disk(state_dir)["checklist"].items() if e["top"]]
    assert len(marked) == MAX_TOP


def test_questions_menu_counts_only_what_was_picked(state_dir):
    first = next(iter(LIB.groups.values()))
    run = run_plain(state_dir, [str(HOME["questions"]), "1", "1", "2", "", "q"])
    menus = run.out.split("\nQuestions for your doctor\nOpen a group")
    assert f"1. {first.title}\n" in menus[1]  # nothing picked yet: no tally to hear
    assert "My own questions (none yet)" in menus[1]
    # Coming back: the title and a summary, not the menu again.
    assert run.out.count("\nQuestions for your doctor\n") == 2
    back = after(run.out, "Picked. It is on your list:").split("Questions for your doctor\n")[1]
    assert back.startswith("You have picked 2 questions. 10 groups of questions.\n")


def test_notes_and_asked_from_my_list(state_dir):
    qid = next(iter(LIB.questions))
    run = run_plain(state_dir, [str(HOME["questions"]), "1", "1", "s", "k 1", "n 1", "Soon.", "q"])
    assert "Marked as asked:" in run.out
    assert "1. Asked: " in after(run.out, "Marked as asked:")
    assert on_disk(state_dir)["checklist"][qid]["note"] == "Soon."


def test_resource_filters_by_words_kind_and_language_combined(state_dir):
    resources = list(LIB.resources.values())
    helpline_es = filter_resources(LIB, ResourceFilter(kind="helpline", language="es"))
    cancer = filter_resources(LIB, ResourceFilter(text="cancer"))
    assert helpline_es and cancer
    run = run_plain(state_dir, [
        str(HOME["resources"]),
        "f cancer", "c",
        "k helpline", "l es",
        "c", "q",
    ])
    assert f"\nSupport resources\n{count_phrase(len(resources))}\n" in run.out
    assert f'\n{count_phrase(len(cancer))} Filter: words "cancer".\n' in run.out
    assert " Filter: kind Helpline.\n" in run.out
    assert (
        f"\n{count_phrase(len(helpline_es))} Filter: kind Helpline, language Spanish (Español).\n"
        in run.out
    )
    listed = after(run.out, "language Spanish (Español).")
    listed = listed.split("Choose", 1)[0]
    for res in helpline_es:
        assert res.name.split()[0] in listed
    assert "Filters cleared." in run.out


def test_typing_words_on_resources_filters_and_no_match_is_said(state_dir):
    run = run_plain(state_dir, [str(HOME["resources"]), "zzqx nothing", "q"])
    assert '\nNo resources match. Filter: words "zzqx nothing".\n' in run.out


def test_the_resources_list_is_names_alone_and_a_resource_opened_has_the_rest(state_dir):
    """A reader hears the count and one name a line (kind, language, phone and organisation
    were a second line under each, heard twice over: the list, then the filtered list); the
    rest is on the resource's page."""
    resources = list(LIB.resources.values())
    res = next(r for r in resources if r.phone)
    run = run_plain(state_dir, [str(HOME["resources"]), str(resources.index(res) + 1), "q"])
    listing = after(run.out, "\nSupport resources\n").split("\nChoose 1 to ", 1)[0]
    names = [f"{n}. {r.name}" for n, r in enumerate(resources, 1)]
    for run_start in range(10, len(names), 10)[::-1]:  # a blank line between runs of ten
        names.insert(run_start, "")
    assert listing.splitlines() == [
        count_phrase(len(resources)),
        "Type words to narrow the list. A number opens one: phone, web address and more.",
        *names]
    assert f"\nPhone: {res.phone}" in after(run.out, f"\n{res.name}\n")


def test_resource_kind_and_language_menus(state_dir):
    run = run_plain(state_dir, [str(HOME["resources"]), "k", "9", "", "l", "", "q"])
    assert "Choose a kind:\n1. Any kind (chosen now)\n" in run.out
    assert '"9" is not one of the choices.' in run.out
    assert "Choose a language:\n1. Any language (chosen now)\n2. English" in run.out


def test_resource_detail_and_bookmark_from_list_and_detail(state_dir):
    res = next(r for r in LIB.resources.values() if r.url and r.phone)
    index = list(LIB.resources).index(res.id) + 1
    other = next(r for r in LIB.resources.values() if r.id != res.id)
    other_index = list(LIB.resources).index(other.id) + 1
    run = run_plain(state_dir, [str(HOME["resources"]), f"b {other_index}", str(index), "b", "q"])
    detail = "\n" + after(run.out, f"\n{res.name}\n")
    for label, value in (
        ("Name", res.name), ("Organisation", res.organisation), ("Kind", res.kind_words),
        ("Language", res.language_name), ("Web address", res.url), ("Phone", res.phone),
    ):
        assert f"\n{label}: {value}" in detail
    assert "\nAbout: " in detail
    assert f"Bookmarked: {other.name}" in run.out
    assert f"Bookmarked: {res.name}" in run.out
    assert on_disk(state_dir)["bookmarks"] == [
        {"kind": "resource", "id": other.id}, {"kind": "resource", "id": res.id}]


def test_bookmarks_open_and_remove(state_dir):
    topic = next(iter(LIB.topics.values()))
    res = next(iter(LIB.resources.values()))
    first = topic
    run_plain(state_dir, [HOME[first.id], "b", "m", str(HOME["resources"]), "b 1", "q"])
    run = run_plain(state_dir, [str(HOME["bookmarks"]), "1", "", "2", "", "d 1", "q"])
    listing = after(run.out, "\nBookmarks\n")
    assert "2 bookmarks." in run.out
    assert f"Bookmark removed: Topic: {topic.title}" in run.out
    assert f"1. Topic: {topic.title}" in run.out
    assert f"2. Resource: {res.name}" in run.out
    assert f"\n{topic.title} (bookmarked)\n" in run.out
    assert f"Name: {res.name}" in run.out
    assert "1 bookmark.\n\n1. Resource:" in listing
    assert on_disk(state_dir)["bookmarks"] == [{"kind": "resource", "id": res.id}]
    # The topic's own b key removes a bookmark too.
    run = run_plain(state_dir, [str(HOME["bookmarks"]), "1", "b", "q"])
    assert f"Bookmark removed: {res.name}" in run.out
    assert on_disk(state_dir)["bookmarks"] == []


def test_help_lists_every_key_of_every_screen(state_dir):
    run = run_plain(state_dir, ["h", "q"])
    text = " ".join(after(run.out, "\nHelp\n").split())
    for screen in SCREENS:
        assert f"{screen.NAME}:" in text
        if screen.NUMBERS:
            assert f" a number: {screen.NUMBERS}" in text
        for key in screen.KEYS:
            assert f" {key.letter}: {key.plain_help}" in text, key
    for key in GLOBAL_KEYS:
        assert f" {key.letter}: {key.plain_help}" in text
    assert "- " not in text.replace(" - ", "")  # indented, no dash a reader says each time


def test_every_prompt_names_its_letters(state_dir):
    run = run_plain(state_dir, [str(HOME["questions"]), "1", "", "", str(HOME["resources"]), "q"])
    flat = " ".join(run.out.split())
    assert "Choose 1 to " in flat
    assert "t for top three, k to mark asked, n for a note" in flat
    assert "a to add your own, s to show my list, e to save it to a file" in flat
    assert "f to find words, k for kind, l for language, c to clear filters, b to bookmark" in flat
    # Away from home, of the letters every screen has only h (home and help name them all).
    assert "c to clear filters, b to bookmark, h for help [default: back]:" in flat
    assert HOME_PROMPT in flat and "/ to search, q to quit" not in flat.split(HOME_PROMPT, 1)[1]


def test_enter_takes_the_default_and_home_moves_on(state_dir):
    """Enter alone opens the first group, then its topics one after another, then goes back;
    home then offers the next group."""
    groups = list(topic_groups(LIB).items())
    first, second = groups[0][1][:2]
    size = len(groups[0][1])
    group = int(HOME[first.id].split("\n")[0])  # after Get help now and the crisis lines
    run = run_plain(state_dir, [str(group), "", "", "", *[""] * (2 * size - 2), "", "q"])
    assert f"\n{first.title}\n" in run.out
    assert f"[default: 2]: \n\n{second.title}" in run.out
    assert f"[default: {group + 1}]: \n\n{groups[1][0]}\n" in run.out


def test_after_another_part_home_offers_1_again_not_the_next_item(state_dir):
    """Enter after visiting Support resources opened Bookmarks, the next item on home."""
    run = run_plain(state_dir, [str(HOME["resources"]), "", "q"])
    after_resources = " ".join(run.out.split("Support resources", 2)[2].split())
    assert "h for help, i for Español [default: 1]:" in after_resources  # short: heard before
    assert f"[default: {HOME['bookmarks']}]" not in run.out


def test_after_get_help_now_home_offers_the_first_group(state_dir):
    groups = list(topic_groups(LIB).items())
    first_group = int(HOME[groups[0][1][0].id].split("\n")[0])
    run = run_plain(state_dir, [str(HOME["get-help-now"]), "", "q"])
    assert run.out.count(f"[default: {first_group}]:") == 1


def test_long_text_wraps_at_the_terminal_width(state_dir):
    topic = rich_topic()
    for columns in (80, 40):
        run = run_plain(state_dir, [str(HOME[topic.id]), "", str(HOME["help"]), "q"],
                        COLUMNS=str(columns))
        for line in run.out.splitlines():
            if len(line) > columns and "]: " not in line:  # a prompt with the echoed answer
                assert " " not in line.strip(), line  # only one long word (a web address)


def test_a_wide_terminal_keeps_lines_short_enough_to_read(state_dir):
    """At 120 columns, text ran to 116 characters a line; it stops at READING_WIDTH now."""
    topic = rich_topic()
    run = run_plain(state_dir, [str(HOME[topic.id]), "", "q"], COLUMNS="120")
    prose = [line for line in run.out.splitlines() if "]: " not in line and " " in line.strip()]
    assert max(len(line) for line in prose) <= 80
    assert max(len(line) for line in prose) > 70, "the text still uses the width there is"


def test_no_more_prompt_when_piped(state_dir):
    run = run_plain(state_dir, [str(HOME["resources"]), "", str(HOME["help"]), "q"], LINES="10")
    assert "-- more" not in run.out


def test_get_help_now_is_first_and_one_letter_from_home_and_a_topic(state_dir):
    """Issue 11: Get help now is item 1 on home; g (or the words "get help now") opens it
    from home and from a topic; g on it says where you are; Enter goes back."""
    assert HOME["get-help-now"] == "1"
    hospice = HOME["hospice"].split("\n")
    run = run_plain(state_dir, ["g", "g", "", *hospice, "get help now", "", "", "", "q"])
    out = run.out
    assert "1. When to call 911 or your care team right away" in out.splitlines()
    assert out.count("Call 911 in an emergency") == 2
    assert "This is the Get help now page." in out
    assert "call or text 988" in out
    assert out.count(f"\n{LIB.topics['hospice'].title}\n") == 2  # back on hospice after Enter


def test_after_a_restart_home_offers_to_go_on_reading(state_dir):
    topic = LIB.topics[next(t for t in LIB.topics if t != "get-help-now")]
    first = run_plain(state_dir, [*HOME[topic.id].split("\n"), "", "q"])
    assert f"Go on reading: {topic.title}" not in first.out.split(topic.title)[0]
    again = run_plain(state_dir, ["q"])
    line = next(x for x in again.out.splitlines() if "Go on reading" in x)
    number = line.split(".")[0]
    assert line == f"{number}. Go on reading: {topic.title}"
    reopened = run_plain(state_dir, [number, "", "q"])
    assert reopened.out.count(f"\n{topic.title}\n") >= 1


def test_a_kiosk_never_offers_the_last_persons_topic(state_dir):
    topic = next(t for t in LIB.topics if t != "get-help-now")
    run = run_plain(state_dir, [*HOME[topic].split("\n"), "", "", "q", "y"], "--kiosk")
    assert "Go on reading" not in run.out


def test_kiosk_help_lists_no_key_that_is_switched_off(state_dir):
    shared = run_plain(state_dir, ["h", "q", "y"], "--kiosk")
    home = run_plain(state_dir, ["h", "q"])
    for words in ("e: save my list", "a: add a question of your own"):
        assert words in home.out, words
        assert words not in shared.out, words


def test_a_group_lists_its_questions_without_why_and_w_says_one(state_dir):
    """The list of a group is the questions alone (as the full screen's list is); "w 2" says
    why to ask question 2, and w alone asks which. Every hint is one command away."""
    group = next(g for g in LIB.groups if len(LIB.questions_in(g)) >= 2)
    first, second = LIB.questions_in(group)[:2]
    assert first.why and second.why
    number = list(LIB.groups).index(group) + 1
    run = run_plain(state_dir, [str(HOME["questions"]), str(number), "w 2", "w", "1", "q"])
    shown = run.out.split(f"Questions: {LIB.groups[group].title}\n", 1)[1].split(": w 2\n")[0]
    assert "w and a number: why ask it." in shown
    assert "Why ask" not in shown and first.why[:30] not in " ".join(shown.split())
    said = " ".join(after(run.out, ": w 2\n").split())
    assert said.startswith(f"Why ask: {' '.join(second.why.split())[:60]}")
    assert "Which question? Type its number" in said
    assert f"Why ask: {' '.join(first.why.split())[:60]}" in said.split("Which question?")[1]
