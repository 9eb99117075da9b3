"""The resource filter lives in the core (core/resources.py): both faces drive one finder."""

from __future__ import annotations

from metanav.content.search import ResourceFilter, filter_choices, filter_resources
from metanav.core.resources import ResourceFinder, resource_details_line, resource_fields
from metanav.session import Session
from metanav.state.store import Store
from plain_helpers import library

LIB = library()


def finder(tmp_path) -> ResourceFinder:
    return ResourceFinder(Session(library=LIB, store=Store.open(tmp_path)))


def test_words_kind_and_language_combine_and_clear_brings_every_resource_back(tmp_path):
    found = finder(tmp_path)
    everything = list(found.matches)
    assert len(everything) == len(LIB.resources)
    assert found.count() == f"{len(everything)} resources match."
    assert not found.filtering and found.count_and_filter() == found.count()
    kind = filter_choices(LIB)[0][0][0]
    found.set_words("cancer")
    found.set_kind(kind)
    assert found.filtering
    assert list(found.matches) == list(filter_resources(LIB, ResourceFilter("cancer", kind)))
    assert 'Filter: words "cancer", kind ' in found.count_and_filter()
    found.set_words("")  # the kind stays
    assert list(found.matches) == list(filter_resources(LIB, ResourceFilter("", kind)))
    done = found.clear()
    assert done.sentence() == f"Filters cleared. {len(everything)} resources match."
    assert list(found.matches) == everything
    assert found.described() == "Filter: no filter."


def test_nothing_found_is_said_and_hostile_words_are_shown_harmless(tmp_path):
    found = finder(tmp_path)
    found.set_words("\x1b]0;owned\x07zzqx")
    assert list(found.matches) == []
    assert found.count() == "No resources match."
    assert "\x1b" not in found.described() and "\x07" not in found.described()


def test_a_resource_line_and_its_facts_in_words(tmp_path):
    resource = next(iter(LIB.resources.values()))
    fields = resource_fields(resource)
    assert [forms[0] for forms in fields[:3]] == [resource.name, resource.kind_words,
                                                  resource.language_name]
    assert resource_fields(resource, bookmarked=True)[0] == (f"[Bookmarked] {resource.name}",)
    assert resource_details_line(fields).startswith(f"{resource.kind_words}; {resource.language_name}")


def test_one_resource_page_says_how_to_reach_it_and_what_topics_are_about_it(tmp_path):
    from metanav.core.actions import toggle_bookmark
    from metanav.core.resources import resource_page

    s = Session(library=LIB, store=Store.open(tmp_path))
    both = next(r for r in LIB.resources.values() if r.url and r.phone and r.topics)
    page = resource_page(s, both)
    assert ("Name", both.name) in page.details and not page.bookmarked
    assert page.reach() == ("metanav does not open web pages. Type the web address into a "
                            "browser, or call the number.")
    assert [i.key for i in page.topics] == [f"topic:{t}" for t in both.topics if t in LIB.topics]
    toggle_bookmark(s, "resource", both.id)
    assert resource_page(s, both).bookmarked


def test_kind_and_language_offer_any_first_in_the_same_words_for_both_faces(tmp_path):
    found = finder(tmp_path)
    assert found.kinds()[0] == ("", "Any kind") and found.languages()[0] == ("", "Any language")
    assert found.kinds()[1:] == filter_choices(LIB)[0]
    assert found.languages()[1:] == filter_choices(LIB)[1]


def test_a_large_count_is_grouped_as_the_search_count_is():
    """At 100,000 resources the filter said '100029 resources match.' while search said
    '59,185 matches': the same kind of number, read two ways."""
    from metanav.content.search import count_phrase

    assert count_phrase(100_029) == "100,029 resources match."
    assert count_phrase(1) == "1 resource matches." and count_phrase(999) == "999 resources match."
