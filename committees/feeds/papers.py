"""Each committee's published agenda packs and decisions as Atom and RSS feeds, newest first, in pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.views.decorators.http import require_GET

from ..models import Committee, PackBuild
from ..selectors_decisions import decisions_published
from .ical import feed_committee
from .throttling import throttled

FEED_PAGE_SIZE = 50


@dataclass(frozen=True)
class FeedEntry:
    title: str
    link: str
    description: str
    published: datetime.datetime
    guid: str


def _document(build: PackBuild) -> str:
    return "Agenda pack" if build.supplement is None else f"Agenda {build.supplement.title.lower()}"


def _at_noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=timezone.get_default_timezone())


class PapersFeed(Feed):
    """A committee's published agenda packs and its decisions, newest first, FEED_PAGE_SIZE an ``?page=``."""

    feed_type = Atom1Feed

    def get_object(self, request, committee_id: int):
        self.request = request
        page = request.GET.get("page", "1")
        if not page.isdigit() or int(page) < 1:
            raise Http404("No such page")
        self.page = int(page)
        return feed_committee(committee_id)

    def title(self, committee: Committee) -> str:
        return f"{committee.name}: papers and decisions"

    def link(self, committee: Committee) -> str:
        return reverse("committees_public:meeting_list")

    def subtitle(self, committee: Committee) -> str:
        return "Agenda packs as published and decision notices."

    description = subtitle

    def items(self, committee: Committee) -> list[FeedEntry]:
        # Each source is cut to what the page can show, so the merge reads a bounded number of rows.
        wanted = self.page * FEED_PAGE_SIZE
        entries = []
        builds = (
            PackBuild.objects.filter(meeting__committee=committee, published_at__isnull=False)
            .select_related("meeting__committee", "supplement")
            .order_by("-published_at")[:wanted]
        )
        for build in builds:
            meeting = build.meeting
            entries.append(
                FeedEntry(
                    title=f"{_document(build)}: {meeting}"
                    + (f" (version {build.version})" if build.version > 1 else ""),
                    link=reverse("committees_public:meeting_detail", args=[meeting.pk]),
                    description=f"Published {build.published_on:%-d %B %Y}.",
                    published=build.published_at,
                    guid=f"pack-{build.pk}",
                )
            )
        for decision in decisions_published(committee_id=committee.pk)[:wanted]:
            entries.append(
                FeedEntry(
                    title=f"Decision {decision.number}: {decision.title}",
                    link=reverse("committees_public:decision_detail", args=[decision.pk]),
                    description=f"{decision.decision_maker_name}, {decision.taken_on:%-d %B %Y}.",
                    published=_at_noon(decision.published_on),
                    guid=f"decision-{decision.pk}",
                )
            )
        entries.sort(key=lambda entry: entry.published, reverse=True)
        return entries[(self.page - 1) * FEED_PAGE_SIZE : wanted]

    def item_title(self, entry: FeedEntry) -> str:
        return entry.title

    def item_link(self, entry: FeedEntry) -> str:
        return entry.link

    def item_description(self, entry: FeedEntry) -> str:
        return entry.description

    def item_pubdate(self, entry: FeedEntry) -> datetime.datetime:
        return entry.published

    def item_guid(self, entry: FeedEntry) -> str:
        return entry.guid

    item_guid_is_permalink = False


class PapersRssFeed(PapersFeed):
    feed_type = Rss201rev2Feed


papers_atom = require_GET(throttled(PapersFeed()))
papers_rss = require_GET(throttled(PapersRssFeed()))
