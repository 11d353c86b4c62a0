from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from events.models import Event
from events.services import upcoming_events


class AmbassadorPagesSitemap(Sitemap):
    """Becoming an ambassador and the code of conduct, in every launch language."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["ambassadors:index", "ambassadors:code_of_conduct", "events:list"]

    def location(self, item: str) -> str:
        return reverse(item)


class EventsSitemap(Sitemap):
    """Every upcoming published event."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "daily"

    def items(self):
        return upcoming_events().order_by("starts_at", "pk")

    def lastmod(self, event: Event):
        return event.updated_at


SITEMAPS = {"ambassadors": AmbassadorPagesSitemap, "events": EventsSitemap}
