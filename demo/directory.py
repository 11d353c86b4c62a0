"""Demo data for the shared directory (used by ``manage.py seed_demo``).

Everything here is fictional except the municipalities, their official codes and
the names of the public partner organisations. E-mail addresses use example.org.
"""

from __future__ import annotations

from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.db import transaction
from django.utils import timezone

from portal.models import Municipality, NewcomerProfile, Organisation, StaffMembership, User

#: One password for every demo account, printed by seed_demo. Never used in production.
DEMO_PASSWORD = "demo-house-2026!"

MUNICIPALITIES = [
    ("2303", "Ragunda", "ragunda"),
    ("2305", "Bräcke", "bracke"),
    ("2309", "Krokom", "krokom"),
    ("2313", "Strömsund", "stromsund"),
    ("2321", "Åre", "are"),
    ("2326", "Berg", "berg"),
    ("2361", "Härjedalen", "harjedalen"),
    ("2380", "Östersund", "ostersund"),
]

ALL = [code for code, _name, _slug in MUNICIPALITIES]
K = Organisation.Kind

# (slug, name, kind, municipality codes, languages, contact, response hours, county desk)
ORGANISATIONS = [
    (
        "region-jh",
        "Region Jämtland Härjedalen",
        K.REGION,
        ALL,
        ["sv", "en", "de", "ar"],
        "countydesk@region.example.org",
        16,
        True,
    ),
    (
        "ragunda-kommun",
        "Ragunda kommun",
        K.MUNICIPALITY,
        ["2303"],
        ["sv", "en"],
        "international@ragunda.example.org",
        24,
        False,
    ),
    (
        "bracke-kommun",
        "Bräcke kommun",
        K.MUNICIPALITY,
        ["2305"],
        ["sv", "en"],
        "international@bracke.example.org",
        24,
        False,
    ),
    (
        "krokoms-kommun",
        "Krokoms kommun",
        K.MUNICIPALITY,
        ["2309"],
        ["sv", "en", "de"],
        "international@krokom.example.org",
        24,
        False,
    ),
    (
        "stromsunds-kommun",
        "Strömsunds kommun",
        K.MUNICIPALITY,
        ["2313"],
        ["sv", "en"],
        "international@stromsund.example.org",
        24,
        False,
    ),
    (
        "are-kommun",
        "Åre kommun",
        K.MUNICIPALITY,
        ["2321"],
        ["sv", "en", "ar", "es"],
        "international@are.example.org",
        16,
        False,
    ),
    (
        "bergs-kommun",
        "Bergs kommun",
        K.MUNICIPALITY,
        ["2326"],
        ["sv", "en"],
        "international@berg.example.org",
        24,
        False,
    ),
    (
        "harjedalens-kommun",
        "Härjedalens kommun",
        K.MUNICIPALITY,
        ["2361"],
        ["sv", "en", "de"],
        "international@harjedalen.example.org",
        24,
        False,
    ),
    (
        "ostersunds-kommun",
        "Östersunds kommun",
        K.MUNICIPALITY,
        ["2380"],
        ["sv", "en", "uk", "fa", "pl"],
        "international@ostersund.example.org",
        16,
        False,
    ),
    (
        "mittuniversitetet",
        "Mittuniversitetet",
        K.UNIVERSITY,
        ALL,
        ["sv", "en"],
        "international@miun.example.org",
        16,
        False,
    ),
    (
        "handelskammaren-mittsverige",
        "Handelskammaren Mittsverige",
        K.BUSINESS,
        ALL,
        ["sv", "en"],
        "recruit@handelskammaren.example.org",
        24,
        False,
    ),
    (
        "samling-naringsliv",
        "Samling Näringsliv",
        K.BUSINESS,
        ALL,
        ["sv", "en"],
        "info@samling.example.org",
        24,
        False,
    ),
    (
        "arbetsformedlingen",
        "Arbetsförmedlingen",
        K.EMPLOYMENT_SERVICE,
        ALL,
        ["sv", "en", "ar", "uk"],
        "jamtland@arbetsformedlingen.example.org",
        24,
        False,
    ),
    (
        "folkuniversitetet",
        "Folkuniversitetet",
        K.EDUCATION,
        ALL,
        ["sv", "en"],
        "ostersund@folkuniversitetet.example.org",
        32,
        False,
    ),
    (
        "komvux-sfi",
        "Komvux och SFI",
        K.EDUCATION,
        ALL,
        ["sv", "en", "ar", "fa", "uk"],
        "sfi@komvux.example.org",
        24,
        False,
    ),
    (
        "hej-framling",
        "Hej främling!",
        K.NGO,
        ["2380", "2321", "2309"],
        ["sv", "en", "ar", "fa"],
        "jamtland@hejframling.example.org",
        40,
        False,
    ),
]

R = StaffMembership.Role
# (e-mail, first name, organisation slug, role, languages)
STAFF = [
    (
        "region.coordinator@example.org",
        "Region coordinator",
        "region-jh",
        R.COORDINATOR,
        ["sv", "en"],
    ),
    ("region.handler@example.org", "Region handler", "region-jh", R.HANDLER, ["sv", "en", "de"]),
    ("region.editor@example.org", "Region editor", "region-jh", R.EDITOR, ["sv", "en"]),
    (
        "ostersund.coordinator@example.org",
        "Östersund coordinator",
        "ostersunds-kommun",
        R.COORDINATOR,
        ["sv", "en"],
    ),
    (
        "ostersund.handler@example.org",
        "Östersund handler",
        "ostersunds-kommun",
        R.HANDLER,
        ["sv", "en", "uk", "pl"],
    ),
    (
        "ostersund.handler.fa@example.org",
        "Östersund handler",
        "ostersunds-kommun",
        R.HANDLER,
        ["sv", "fa", "en"],
    ),
    ("ostersund.editor@example.org", "Östersund editor", "ostersunds-kommun", R.EDITOR, ["sv"]),
    ("are.coordinator@example.org", "Åre coordinator", "are-kommun", R.COORDINATOR, ["sv", "en"]),
    ("are.handler@example.org", "Åre handler", "are-kommun", R.HANDLER, ["sv", "en", "es"]),
    ("are.handler.ar@example.org", "Åre handler", "are-kommun", R.HANDLER, ["sv", "ar", "en"]),
    (
        "miun.handler@example.org",
        "University handler",
        "mittuniversitetet",
        R.HANDLER,
        ["sv", "en"],
    ),
    (
        "chamber.handler@example.org",
        "Chamber handler",
        "handelskammaren-mittsverige",
        R.HANDLER,
        ["sv", "en"],
    ),
    ("sfi.handler@example.org", "SFI handler", "komvux-sfi", R.HANDLER, ["sv", "ar", "fa", "uk"]),
]

# (e-mail, first name, municipality code or None, citizenship, partner, children, language, country)
C = NewcomerProfile.Citizenship
NEWCOMERS = [
    ("newcomer.are@example.org", "Newcomer", "2321", C.NON_EU, True, 2, "ar", "SY"),
    ("newcomer.ostersund@example.org", "Newcomer", "2380", C.EU_EEA, False, 0, "de", "DE"),
    ("newcomer.undecided@example.org", "Newcomer", None, C.NON_EU, True, 0, "en", "IN"),
]


@dataclass
class DemoSummary:
    municipalities: int
    organisations: int
    staff: list[str]
    newcomers: list[str]
    superuser: str


def demo_account(
    email: str, first_name: str, *, staff: bool = False, superuser: bool = False
) -> User:
    user, _created = User.objects.update_or_create(
        email=email,
        defaults={
            "first_name": first_name,
            "is_staff": staff or superuser,
            "is_superuser": superuser,
            "is_active": True,
            "is_demo": True,
        },
    )
    user.set_password(DEMO_PASSWORD)
    user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


@transaction.atomic
def seed_directory() -> DemoSummary:
    municipalities = {}
    for code, name, slug in MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            code=code, defaults={"name": name, "slug": slug}
        )
        municipalities[code] = municipality

    organisations = {}
    for slug, name, kind, codes, languages, email, hours, desk in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "kind": kind,
                "languages": languages,
                "contact_email": email,
                "response_time_hours": hours,
                "is_county_desk": desk,
            },
        )
        organisation.full_clean()
        organisation.municipalities.set([municipalities[code] for code in codes])
        organisations[slug] = organisation

    for email, first_name, org_slug, role, languages in STAFF:
        user = demo_account(email, first_name, staff=True)
        StaffMembership.objects.update_or_create(
            user=user,
            organisation=organisations[org_slug],
            role=role,
            defaults={"languages": languages},
        )

    for email, first_name, code, citizenship, partner, children, language, country in NEWCOMERS:
        user = demo_account(email, first_name)
        NewcomerProfile.objects.update_or_create(
            user=user,
            defaults={
                "municipality": municipalities.get(code) if code else None,
                "citizenship": citizenship,
                "has_partner": partner,
                "children_count": children,
                "preferred_language": language,
                "country_of_origin": country,
                "consent_processing_at": timezone.now(),
            },
        )

    superuser = demo_account("admin@example.org", "Administrator", superuser=True)
    return DemoSummary(
        municipalities=len(municipalities),
        organisations=len(organisations),
        staff=[email for email, *_rest in STAFF],
        newcomers=[email for email, *_rest in NEWCOMERS],
        superuser=superuser.email,
    )
