from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from ambassadors.sitemaps import SITEMAPS as AMBASSADOR_SITEMAPS
from enquiries.sitemaps import EnquirySitemap
from guides.sitemaps import GuidesSitemap


class StaticPagesSitemap(Sitemap):
    """The fixed pages, in every launch language with hreflang alternates."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["home", "accessibility", "privacy"]

    def location(self, item: str) -> str:
        return reverse(item)


SITEMAPS = {"pages": StaticPagesSitemap}
SITEMAPS["guides"] = GuidesSitemap
SITEMAPS.update(AMBASSADOR_SITEMAPS)
SITEMAPS["enquiries"] = EnquirySitemap
