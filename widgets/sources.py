"""Where a fact comes from, in the form a learner reads: publisher, title, date and address.

Every table cites its rows by ``source_id`` (a tuple of ids into ``sources``). Each place that
shows sources (the timeline's details, the claim rater, the Council room, the crisis game, the
treaty texts) resolves them here, so a source reads the same everywhere and no view shows a bare id.
Plain strings and HTML only: no widgets, so it is tested without a browser.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from widgets.data import load
from widgets.markup import escape, link


@dataclass(frozen=True)
class Source:
    """One row of ``sources``, ready to show."""

    source_id: str
    publisher: str
    title: str
    published: str | None  # e.g. "06 Jan 2020"; None when the source gives no date
    url: str | None

    def __str__(self) -> str:
        when = f", {self.published}" if self.published else ""
        return f"{self.publisher}: {self.title}{when}"

    def html(self) -> str:
        """The citation as HTML; the title links to the source where its address is known and is
        an http(s) address (:func:`widgets.markup.link`)."""
        title = link(self.url, escape(self.title)) if self.url else escape(self.title)
        when = f", {escape(self.published)}" if self.published else ""
        return f"{escape(self.publisher)}: {title}{when}"


def resolve_sources(source_ids: Iterable[str]) -> tuple[Source, ...]:
    """The sources behind a fact, in the order the fact cites them.

    The loader has already checked every id against ``sources``; an id that is still unknown
    (typed by hand) raises ``ValueError`` naming it.
    """
    table = load("sources").set_index("source_id")
    resolved = []
    for source_id in source_ids:
        if source_id not in table.index:
            raise ValueError(f"There is no source {source_id!r} in data/sources.csv.")
        row = table.loc[source_id]
        resolved.append(
            Source(
                source_id=str(source_id),
                publisher=str(row["publisher"]),
                title=learner_title(str(row["title"])),
                published=None if pd.isna(row["published"]) else f"{row['published']:%d %b %Y}",
                url=None if pd.isna(row["url"]) else str(row["url"]),
            )
        )
    return tuple(resolved)


def sources_html(source_ids: Iterable[str], *, inline: bool = False) -> str:
    """The sources as HTML: a bulleted list, or (``inline``) one run of text joined by "; "."""
    cited = [source.html() for source in resolve_sources(source_ids)]
    if inline:
        return "; ".join(cited)
    return "<ul>" + "".join(f"<li>{item}</li>" for item in cited) + "</ul>"


# How curators mark a title they could not read on the page ("[title from URL] ...",
# "[title not shown; URL slug] iran-crisis-...") or describe the page ("[Greek-language page
# quoting ...]"): notes for the curators, not words for learners.
_CURATOR_MARK = re.compile(r"\s*\[(?:title[^\]]*|[^\]]*\bpage quoting\b[^\]]*)\]\s*", re.I)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+){2,}$")


def learner_title(title: str) -> str:
    """A source's title as a learner reads it: curators' bracketed remarks dropped, and a title
    known only from its web address ("iran-crisis-european-leaders-urge-restraint") in words."""
    plain = _CURATOR_MARK.sub(" ", title).strip()
    if _SLUG.match(plain):
        words = plain.replace("-", " ")
        plain = words[0].upper() + words[1:]
    return plain or title
