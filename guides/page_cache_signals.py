"""Bump the page versions of what an edit changed (see ``portal/page_cache.py``).

Receivers only. A guide's own rows (the guide, its translations' status, its links)
change that guide's version and the lists'; topics, municipalities and organisations
(shown on every page: names, contact addresses, the chooser) change the site's.
Writes that bypass the signals (``update()``, ``bulk_create``) bump in their service.
"""

from __future__ import annotations

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from guides.models import AuthorityLink, Guide, GuideTranslation, Topic
from portal.models import Municipality, Organisation
from portal.page_cache import GUIDE_LISTS, SITE, guide_version, page_versions_bump

#: Models shown on every cached page.
SHOWN_EVERYWHERE = (Topic, Municipality, Organisation)


def _guide_renamed(sender, instance: Guide, using: str = "default", **kwargs) -> None:
    # The page at the old address must not be served from a cache any more.
    if instance.pk is None:
        return
    old = (
        Guide.objects.using(using)
        .filter(pk=instance.pk)
        .exclude(slug=instance.slug)
        .values_list("slug", flat=True)
        .first()
    )
    if old:
        page_versions_bump(guide_version(old), using=using)


def _guide_changed(sender, instance: Guide, using: str = "default", **kwargs) -> None:
    page_versions_bump(guide_version(instance.slug), GUIDE_LISTS, using=using)


def _guide_part_changed(sender, instance, using: str = "default", **kwargs) -> None:
    slug = (
        Guide.objects.using(using)
        .filter(pk=instance.guide_id)
        .values_list("slug", flat=True)
        .first()
    )
    names = [GUIDE_LISTS] + ([guide_version(slug)] if slug else [])
    page_versions_bump(*names, using=using)


def _site_changed(sender, using: str = "default", **kwargs) -> None:
    page_versions_bump(SITE, using=using)


def _m2m_changed(sender, action: str, using: str = "default", **kwargs) -> None:
    if action.startswith("post_"):
        page_versions_bump(SITE, using=using)


def connect() -> None:
    pre_save.connect(_guide_renamed, sender=Guide, dispatch_uid="page_cache_guide_renamed")
    post_save.connect(_guide_changed, sender=Guide, dispatch_uid="page_cache_guide_save")
    post_delete.connect(_guide_changed, sender=Guide, dispatch_uid="page_cache_guide_delete")
    for model in (GuideTranslation, AuthorityLink):
        uid = f"page_cache_{model.__name__.lower()}"
        post_save.connect(_guide_part_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_guide_part_changed, sender=model, dispatch_uid=f"{uid}_delete")
    for model in SHOWN_EVERYWHERE:
        uid = f"page_cache_{model.__name__.lower()}"
        post_save.connect(_site_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_site_changed, sender=model, dispatch_uid=f"{uid}_delete")
    # Which organisation is a municipality's contact point (guide and municipality pages).
    m2m_changed.connect(
        _m2m_changed,
        sender=Organisation.municipalities.through,
        dispatch_uid="page_cache_organisation_municipalities",
    )
