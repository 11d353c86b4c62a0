"""The Atom feed of published job ads, for the municipalities' sites."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from employers import selectors
from employers.models import Job


class JobsAtomFeed(Feed):
    feed_type = Atom1Feed
    title = _("Jobs in Jämtland Härjedalen")
    subtitle = _("Job ads from employers in the county, with pay ranges and relocation help.")

    def link(self) -> str:
        return reverse("employers:jobs")

    def items(self):
        return selectors.public_jobs()[:100]

    def item_title(self, item: Job) -> str:
        return item.title(get_language() or "en")

    def item_description(self, item: Job) -> str:
        return item.description(get_language() or "en")

    def item_pubdate(self, item: Job) -> datetime.datetime | None:
        return item.published_at

    def item_updateddate(self, item: Job) -> datetime.datetime:
        return item.updated_at

    def item_author_name(self, item: Job) -> str:
        return item.employer.name
