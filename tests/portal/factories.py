from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator

from portal.models import Municipality, NewcomerProfile, Organisation, StaffMembership, User

DEFAULT_PASSWORD = "correct-horse-battery-staple"
#: The TOTP secret every ``StaffUserFactory`` user has (base32), to compute codes in tests.
TOTP_SECRET = "JBSWY3DPEHPK3PXP"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["email"]
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Newcomer"
    password = factory.PostGenerationMethodCall("set_password", DEFAULT_PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        """A verified primary e-mail address, as allauth requires to sign in.

        ``verified=False`` leaves the address unverified (the password is still saved).
        """
        if not create:
            return
        self.save()
        if extracted is not False:
            EmailAddress.objects.get_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )


class StaffUserFactory(UserFactory):
    is_staff = True

    @factory.post_generation
    def totp(self, create, extracted, **kwargs):
        """Staff have TOTP set up unless the test says ``totp=False``."""
        if create and extracted is not False:
            Authenticator.objects.get_or_create(
                user=self,
                type=Authenticator.Type.TOTP,
                defaults={"data": {"secret": TOTP_SECRET}},
            )


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality
        django_get_or_create = ["code"]

    name = factory.Sequence(lambda n: f"Kommun {n}")
    slug = factory.Sequence(lambda n: f"kommun-{n}")
    # Four digits whatever the session's length (3000 to 9999: no county's real 23xx code).
    code = factory.Sequence(lambda n: f"{3000 + n % 7000:04d}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    kind = Organisation.Kind.MUNICIPALITY
    contact_email = factory.Sequence(lambda n: f"desk{n}@example.org")
    languages = factory.LazyFunction(lambda: ["sv", "en"])
    response_time_hours = 16


class StaffMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffMembership

    user = factory.SubFactory(StaffUserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = StaffMembership.Role.HANDLER
    languages = factory.LazyFunction(lambda: ["sv", "en"])


class NewcomerProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewcomerProfile

    user = factory.SubFactory(UserFactory)
    preferred_language = "en"
    country_of_origin = "IN"
    citizenship = NewcomerProfile.Citizenship.NON_EU
