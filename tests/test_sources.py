"""Sources read the same everywhere: publisher, title, date and, where known, a link."""

from __future__ import annotations

import pytest

from widgets.data import load
from widgets.sources import Source, resolve_sources, sources_html


def test_sources_resolve_in_the_order_cited() -> None:
    cited = load("events").set_index("event_id").loc["2020-01-03-soleimani-strike", "source_id"]
    assert isinstance(cited, tuple)  # a list field comes back from the loader as a tuple
    resolved = resolve_sources(cited)
    assert [s.source_id for s in resolved] == list(cited)
    assert all(s.publisher and s.title for s in resolved)


def test_a_citation_names_publisher_title_and_date_and_links_the_title() -> None:
    source = Source("x", "NATO", "Press <conference>", "06 Jan 2020", "https://nato.int/a?b=1&c=2")
    assert str(source) == "NATO: Press <conference>, 06 Jan 2020"
    assert source.html() == (
        "NATO: <a href='https://nato.int/a?b=1&amp;c=2' target='_blank' rel='noopener'>"
        "Press &lt;conference&gt;</a>, 06 Jan 2020"
    )
    assert Source("y", "CVCE", "Signature", None, None).html() == "CVCE: Signature"


def test_html_lists_or_runs_inline() -> None:
    ids = tuple(load("sources")["source_id"].head(2))
    listed, inline = sources_html(ids), sources_html(ids, inline=True)
    assert listed.startswith("<ul><li>") and listed.count("<li>") == 2
    assert "<li>" not in inline and inline.count("; ") >= 1
    assert sources_html(()) == "<ul></ul>"


def test_an_unknown_id_is_named() -> None:
    with pytest.raises(ValueError, match="no source 'nowhere'"):
        resolve_sources(["nowhere"])


def test_curators_remarks_in_titles_never_reach_learners() -> None:
    from widgets.sources import learner_title

    assert learner_title("[title from URL] Boris Johnson says") == "Boris Johnson says"
    assert (
        learner_title("[title not shown; URL slug] iran-crisis-european-leaders-urge-restraint")
        == "Iran crisis european leaders urge restraint"
    )
    assert learner_title("A treaty (1949) [Greek-language page quoting Articles 12-14]") == (
        "A treaty (1949)"
    )
    assert learner_title("Statement [May 9, 2012]") == "Statement [May 9, 2012]"
    for source in resolve_sources(load("sources")["source_id"]):
        assert "[title" not in source.title.lower(), source.title
