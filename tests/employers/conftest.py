from __future__ import annotations

import pytest

from portal.models import Organisation, StaffMembership
from tests.employers.factories import EmployerFactory, EmployerMembershipFactory
from tests.portal.factories import OrganisationFactory, StaffMembershipFactory, StaffUserFactory


@pytest.fixture
def business_organisation(ostersund, are):
    organisation = OrganisationFactory(
        name="Företagarna Jämtland",
        slug="foretagarna-jamtland",
        kind=Organisation.Kind.BUSINESS,
        contact_email="vetting@foretagarna.example.org",
    )
    organisation.municipalities.add(ostersund, are)
    return organisation


@pytest.fixture
def staff_of_business(business_organisation):
    """A handler of the business organisation, who vets employers."""
    return StaffMembershipFactory(
        user=StaffUserFactory(email="handler@foretagarna.example.org"),
        organisation=business_organisation,
        role=StaffMembership.Role.HANDLER,
    ).user


@pytest.fixture
def employer_in_are(are, business_organisation):
    return EmployerFactory(
        name="Åre Fjällhotell AB",
        municipality=are,
        sector="hospitality",
        organisation=business_organisation,
    )


@pytest.fixture
def employer_admin(employer_in_are):
    """An employer in Åre: the person who registered it, its administrator."""
    return EmployerMembershipFactory(employer=employer_in_are).user
