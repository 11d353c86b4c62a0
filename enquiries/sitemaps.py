"""Sitemap of the public enquiry pages (registered in config/sitemaps.py)."""

from __future__ import annotations

from django.contrib.sitemaps import Sitemap
from django.urls import reverse


class EnquirySitemap(Sitemap):
    """The "ask a question" form, in every language. Status pages are private."""

    i18n = True
    alternates = True
    x_default = True
    changefreq = "monthly"

    def items(self) -> list[str]:
        return ["enquiries:enquiry_new"]

    def location(self, item: str) -> str:
        return reverse(item)
