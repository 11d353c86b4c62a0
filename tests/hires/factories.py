from __future__ import annotations

import datetime

import factory
from django.utils import timezone

from hires.models import HireReferral
from tests.employers.factories import EmployerFactory, OccupationFactory
from tests.portal.factories import MunicipalityFactory


class HireReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = HireReferral

    employer = factory.SubFactory(EmployerFactory)
    email = factory.Sequence(lambda n: f"hire{n}@example.org")
    language = "uk"
    occupation = factory.SubFactory(OccupationFactory)
    start_date = datetime.date(2027, 2, 1)
    municipality = factory.SubFactory(MunicipalityFactory)
    is_eu_citizen = False
    partner_comes = True
    children_count = 1
    sent_at = factory.LazyFunction(timezone.now)
    token_hash = factory.Sequence(lambda n: f"{n:064d}")
