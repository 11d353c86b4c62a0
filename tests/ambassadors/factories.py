from __future__ import annotations

import factory
from django.utils import timezone

from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest
from tests.portal.factories import MunicipalityFactory, OrganisationFactory, UserFactory


class AmbassadorFactory(factory.django.DjangoModelFactory):
    """An approved ambassador; ``speaks=["en", "sv"]`` sets the languages."""

    class Meta:
        model = Ambassador
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory, first_name="Ambassador")
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = factory.SubFactory(MunicipalityFactory)
    status = Ambassador.Status.APPROVED
    capacity = 1
    availability = "Weekday evenings"
    bio = "Moved here some years ago."
    profession = "Nurse"
    code_of_conduct_accepted_at = factory.LazyFunction(timezone.now)
    phone = "+46 70 000 00 00"

    @factory.post_generation
    def speaks(self, create, extracted, **kwargs):
        if not create:
            return
        for code in extracted if extracted is not None else ["en"]:
            AmbassadorLanguage.objects.create(ambassador=self, code=code, level="fluent")


class BuddyRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BuddyRequest

    newcomer = factory.SubFactory(UserFactory, first_name="Newcomer")
    organisation = factory.SubFactory(OrganisationFactory)
    municipality = None
    status = BuddyRequest.Status.PENDING
    languages = factory.LazyFunction(lambda: ["en"])
    interests = factory.LazyFunction(list)
    household = BuddyRequest.Household.ALONE
    help_with = "Finding my way around."
    consent_at = factory.LazyFunction(timezone.now)
    contact_language = "en"
    phone = "+46 70 111 11 11"
