"""The privacy registry: what each app holds about a person, exported and erased in one place.

Each app registers one provider from its ``AppConfig.ready()``: a name, an
``export(user)`` that gives that app's sections of the "my data" download, and an
``erase(user)`` that deletes or anonymises what the app holds about the person, as
the privacy notice says. ``account_export`` collects the sections in registration
order (the order of ``INSTALLED_APPS``, so the account comes first);
``account_delete`` erases in the reverse order — the directory, which the others
read (the person's verified addresses), goes last — all in one transaction, and
then deletes the account.

This module is also the directory's own provider: the account, the newcomer
profile, the e-mail addresses, the two-factor authenticators and staff roles.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import Q

from portal.models import NewcomerProfile, StaffMembership, User


@dataclass(frozen=True)
class PrivacyProvider:
    """What one app holds about a person: ``export`` gives named sections of the
    download (each key a section), ``erase`` deletes or anonymises it."""

    name: str
    export: Callable[[User], dict[str, Any]]
    erase: Callable[[User], None]


_providers: dict[str, PrivacyProvider] = {}


def provider_register(provider: PrivacyProvider) -> None:
    """Register (or replace, keeping its place) the provider of one app."""
    _providers[provider.name] = provider


def providers() -> list[PrivacyProvider]:
    """The registered providers in registration order."""
    return list(_providers.values())


def account_export(*, user: User) -> dict[str, Any]:
    """Everything the portal holds about the person, section by section."""
    data: dict[str, Any] = {}
    for provider in providers():
        sections = provider.export(user)
        clash = sorted(data.keys() & sections.keys())
        if clash:
            raise ImproperlyConfigured(
                f"Privacy provider {provider.name!r} repeats the sections {clash}."
            )
        data.update(sections)
    return data


def account_delete(*, user: User) -> None:
    """Erase what every app holds about the person, then delete the account."""
    with transaction.atomic():
        for provider in reversed(providers()):
            provider.erase(user)
        user.delete()


# --- helpers for the providers ----------------------------------------------------------
def verified_addresses(user: User) -> list[str]:
    """The e-mail addresses the person has proved are theirs (lower case)."""
    return sorted(
        {
            email.lower()
            for email in EmailAddress.objects.filter(user=user, verified=True).values_list(
                "email", flat=True
            )
        }
    )


def own_addresses(user: User) -> list[str]:
    """The addresses the portal writes to for this account: the login address and
    every verified one."""
    return sorted({user.email.lower(), *verified_addresses(user)} - {""})


def any_of(lookup: str, values: list[str]) -> Q:
    """``lookup`` (e.g. ``contact_email__iexact``) holds for one of ``values``;
    matches nothing when there are none."""
    return reduce(or_, (Q(**{lookup: value}) for value in values), Q(pk__in=[]))


def isoformat(moment: datetime.date | None) -> str | None:
    """A date or time as ISO 8601 text for the download; None stays None."""
    return moment.isoformat() if moment else None


# --- the directory's own provider -------------------------------------------------------
def directory_export(user: User) -> dict[str, Any]:
    profile = NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
    return {
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "date_joined": user.date_joined.isoformat(),
            "last_login": isoformat(user.last_login),
        },
        "profile": None
        if profile is None
        else {
            "preferred_language": profile.preferred_language,
            "country_of_origin": str(profile.country_of_origin or ""),
            "municipality": str(profile.municipality or ""),
            "planned_arrival": isoformat(profile.planned_arrival),
            "citizenship": profile.citizenship,
            "has_partner": profile.has_partner,
            "children_count": profile.children_count,
            "works_in_healthcare": profile.works_in_healthcare,
            "starting_business": profile.starting_business,
            "coming_to_study": profile.coming_to_study,
            "consent_processing_at": isoformat(profile.consent_processing_at),
            "consent_contact": profile.consent_contact,
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("pk")
        ],
        "two_factor": [
            {
                "type": authenticator.type,
                "created": isoformat(authenticator.created_at),
                "last_used": isoformat(authenticator.last_used_at),
            }
            for authenticator in Authenticator.objects.filter(user=user).order_by("pk")
        ],
        "staff_roles": [
            {"organisation": str(membership.organisation), "role": membership.role}
            for membership in StaffMembership.objects.filter(user=user).select_related(
                "organisation"
            )
        ],
    }


def directory_erase(user: User) -> None:
    """The account's own rows go with the account; the admin history that names the
    person (their account, their profile) is deleted too."""
    LogEntry.objects.filter(any_of("object_repr__icontains", own_addresses(user))).delete()
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).delete()
    NewcomerProfile.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    StaffMembership.objects.filter(user=user).delete()


DIRECTORY = PrivacyProvider(name="directory", export=directory_export, erase=directory_erase)
