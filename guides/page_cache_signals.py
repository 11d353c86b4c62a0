"""Invalidate the page cache when data shown on the guide pages changes.

Receivers only; the cache itself is ``portal/page_cache.py``. Writes that bypass the
signals (``update()``, ``bulk_create``) call ``page_cache_invalidate`` in their service.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save

from guides.models import AuthorityLink, Guide, GuideTranslation, Topic
from portal.models import Municipality, Organisation
from portal.page_cache import page_cache_invalidate

#: Models whose rows appear on the cached pages (guide, lists, topic, municipality,
#: search): titles and texts, translation status, links, names and contact addresses.
SHOWN_ON_PAGES = (Guide, GuideTranslation, AuthorityLink, Topic, Municipality, Organisation)


def _changed(sender, using: str = "default", **kwargs) -> None:
    page_cache_invalidate(using=using)


def _m2m_changed(sender, action: str, using: str = "default", **kwargs) -> None:
    if action.startswith("post_"):
        page_cache_invalidate(using=using)


def connect() -> None:
    for model in SHOWN_ON_PAGES:
        uid = f"page_cache_{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
    # Which organisation is a municipality's contact point (guide and municipality pages).
    m2m_changed.connect(
        _m2m_changed,
        sender=Organisation.municipalities.through,
        dispatch_uid="page_cache_organisation_municipalities",
    )
