"""Sitemaps of the guide library (registered in config/sitemaps.py)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from guides.models import Guide, Topic
from portal.models import Municipality


class _I18nSitemap(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class GuidesSitemap(_I18nSitemap):
    """The guide library, its topics, municipalities and every published guide."""

    changefreq = "weekly"
    limit = 5000

    def items(self) -> list:
        pages: list = ["guides"]
        pages += list(Topic.objects.order_by("order", "slug"))
        pages += list(Municipality.objects.order_by("name"))
        pages += list(
            Guide.objects.filter(published=True)
            .select_related("topic")
            .only("slug", "topic__slug", "last_reviewed")
            .order_by("pk")
        )
        return pages

    def location(self, item) -> str:
        if item == "guides":
            return reverse("guides:guides")
        if isinstance(item, Municipality):
            return reverse("guides:municipality", kwargs={"slug": item.slug})
        return item.get_absolute_url()

    def lastmod(self, item):
        return getattr(item, "last_reviewed", None)
