"""Plumbing shared by the services: after-commit task dispatch, responsibility."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from portal.models import Municipality, Organisation

logger = logging.getLogger(__name__)


# --- plumbing -----------------------------------------------------------------------------
from notifications.dispatch import enqueue_on_commit  # noqa: E402, F401 - re-exported for the services


def responsible_organisation(municipality: Municipality | None) -> Organisation:
    """The municipality's own organisation, or the county desk.

    Two municipal organisations covering one municipality is refused in the admin;
    should it still happen, the county desk decides (never the lower id)."""
    if municipality is not None:
        own = list(
            Organisation.objects.filter(
                kind=Organisation.Kind.MUNICIPALITY, municipalities=municipality
            )[:2]
        )
        if len(own) == 1:
            return own[0]
        if own:
            logger.warning(
                "Several municipal organisations cover %s: the county desk takes it.",
                municipality,
            )
    desk = Organisation.objects.filter(is_county_desk=True).first()
    if desk is None:
        raise ValidationError(_("No organisation can take care of this yet."))
    return desk
