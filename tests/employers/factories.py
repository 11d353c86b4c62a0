from __future__ import annotations

import datetime

import factory
from stdnum import luhn

from employers.models import Employer, EmployerInvitation, EmployerMembership, Job, Occupation
from tests.portal.factories import MunicipalityFactory, OrganisationFactory, UserFactory


def org_number(n: int, *, first: str = "5") -> str:
    """A number that passes the format check (first digit tells the legal form)."""
    body = f"{first}56{n % 1_000_000:06d}"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


class OccupationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Occupation
        django_get_or_create = ["concept_id"]

    concept_id = factory.Sequence(lambda n: f"Test_{n:03d}_occ")
    ssyk = "2221"
    isco = "2221"
    label_sv = "Grundutbildade sjuksköterskor"
    label_en = "Registered nurses (general)"
    sector = "healthcare"


class EmployerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employer

    name = factory.Sequence(lambda n: f"Fjällbygdens Vård {n} AB")
    org_number = factory.Sequence(org_number)
    municipality = factory.SubFactory(MunicipalityFactory)
    sector = "healthcare"
    size = Employer.Size.SMALL
    organisation = factory.SubFactory(OrganisationFactory)
    status = Employer.Status.APPROVED
    is_fictional = True


class EmployerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerMembership

    employer = factory.SubFactory(EmployerFactory)
    user = factory.SubFactory(UserFactory)
    role = EmployerMembership.Role.ADMIN


class EmployerInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EmployerInvitation

    employer = factory.SubFactory(EmployerFactory)
    email = factory.Sequence(lambda n: f"colleague{n}@example.org")
    token = factory.Sequence(lambda n: f"token-{n:04d}")


class JobFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Job

    employer = factory.SubFactory(EmployerFactory)
    title_sv = "Sjuksköterska"
    description_sv = "Vi söker en sjuksköterska till vårdcentralen."
    title_en = "Nurse"
    description_en = "We are looking for a nurse for the health centre."
    occupation = factory.SubFactory(OccupationFactory)
    municipality = factory.SelfAttribute("employer.municipality")
    street_address = "Storgatan 1"
    postal_code = "831 30"
    locality = "Östersund"
    employment_type = Job.EmploymentType.PERMANENT
    extent = Job.Extent.FULL_TIME
    pay_min = 36000
    pay_max = 42000
    apply_email = "jobs@example.org"
    deadline = datetime.date(2027, 1, 31)
    status = Job.Status.PUBLISHED
    published_at = factory.LazyFunction(
        lambda: datetime.datetime(2026, 12, 1, 9, 0, tzinfo=datetime.UTC)
    )
