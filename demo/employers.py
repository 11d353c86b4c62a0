"""Demo employers, 40 job ads and two training sessions (``seed_demo``).

Every employer here is fictional: example.org addresses, and organisation numbers
that pass the format check but are marked fictional (``is_fictional``). Idempotent:
employers and their ads are updated in place by organisation number and title.
"""

from __future__ import annotations

import datetime
import itertools

from django.db import transaction
from django.utils import timezone
from stdnum import luhn

from demo.directory import demo_account
from employers.models import Employer, EmployerMembership, Job, Occupation
from employers.occupations import occupations_import
from events.models import Event
from portal.models import Municipality, Organisation


def fictional_org_number(serial: int, *, first: str = "5") -> str:
    """A ten-digit number in a range kept for the demo; passes the Luhn check."""
    body = f"{first}59990{serial:03d}"
    return f"{body[:6]}-{body[6:]}{luhn.calc_check_digit(body)}"


# (serial, name, municipality, sector, size, network member, street, postcode, town)
EMPLOYERS = [
    (
        1,
        "Fjällvårdens Hemtjänst AB",
        "Åre",
        "healthcare",
        "50-249",
        True,
        "Fjällvägen 12",
        "837 52",
        "Åre",
    ),
    (
        2,
        "Storsjöbygdens Vårdcentral AB",
        "Östersund",
        "healthcare",
        "10-49",
        True,
        "Prästgatan 40",
        "831 31",
        "Östersund",
    ),
    (
        3,
        "Skutans Fjällhotell AB",
        "Åre",
        "hospitality",
        "50-249",
        True,
        "Stationsvägen 3",
        "837 52",
        "Åre",
    ),
    (
        4,
        "Funäsdalens Upplevelser AB",
        "Härjedalen",
        "experiences",
        "10-49",
        False,
        "Rörosvägen 20",
        "840 95",
        "Funäsdalen",
    ),
    (
        5,
        "Strömsunds Skogstjänst AB",
        "Strömsund",
        "forestry",
        "10-49",
        True,
        "Skogsvägen 7",
        "833 35",
        "Strömsund",
    ),
    (
        6,
        "Jämtkraft Demo Energi AB",
        "Östersund",
        "sustainable_energy",
        "250+",
        True,
        "Kraftvägen 1",
        "831 48",
        "Östersund",
    ),
    (
        7,
        "Krokoms Digitalbyrå AB",
        "Krokom",
        "digital",
        "1-9",
        False,
        "Kärrvägen 4",
        "835 31",
        "Krokom",
    ),
    (
        8,
        "Bergs Gårdsmejeri Ekonomisk förening",
        "Berg",
        "land_forest_water",
        "1-9",
        True,
        "Mejerivägen 2",
        "845 31",
        "Svenstavik",
    ),
]
DEMO_ADMIN = "employer.{serial}@example.org"
#: Accounts that belong to no employer yet: one to register an employer, one to invite.
NEWCOMERS_TO_EMPLOYERS = [
    ("employer.new@example.org", "New employer"),
    ("employer.colleague@example.org", "Colleague"),
]

# (sector, title sv, title en, swedish level, relocation offers)
ADS = {
    "healthcare": ("Sjuksköterska", "Registered nurse", "good"),
    "hospitality": ("Kock", "Cook", "none"),
    "experiences": ("Skidguide", "Ski guide", "none"),
    "forestry": ("Skogsmaskinförare", "Forest machine operator", "basic"),
    "sustainable_energy": ("Elektriker", "Electrician", "basic"),
    "digital": ("Systemutvecklare", "Software developer", "none"),
    "land_forest_water": ("Djurskötare", "Livestock keeper", "none"),
}
PAY = {"none": (28000, 33000), "basic": (32000, 38000), "good": (36000, 44000)}


def _employers(organisation: Organisation) -> list[Employer]:
    municipalities = {m.name: m for m in Municipality.objects.all()}
    made = []
    for serial, name, town, sector, size, network, *_address in EMPLOYERS:
        employer, _ = Employer.objects.update_or_create(
            org_number=fictional_org_number(serial, first="7" if "förening" in name else "5"),
            defaults={
                "name": name,
                "municipality": municipalities[town],
                "sector": sector,
                "size": size,
                "website": f"https://employer{serial}.example.org/",
                "organisation": organisation,
                "status": Employer.Status.APPROVED,
                "vetted_at": timezone.now(),
                "is_network_member": network,
                "listing_consent_at": timezone.now() if network else None,
                "is_fictional": True,
            },
        )
        user = demo_account(DEMO_ADMIN.format(serial=serial), f"Employer {serial}")
        EmployerMembership.objects.update_or_create(
            user=user, defaults={"employer": employer, "role": EmployerMembership.Role.ADMIN}
        )
        made.append(employer)
    return made


def _jobs(employers: list[Employer]) -> int:
    addresses = {row[1]: row[6:] for row in EMPLOYERS}
    occupations = {}
    for occupation in Occupation.objects.filter(is_active=True).order_by("ssyk"):
        occupations.setdefault(occupation.sector, []).append(occupation)
    today = timezone.localdate()
    now = timezone.now()
    cycle = itertools.cycle(employers)
    for number in range(1, 41):
        employer = next(cycle)
        title_sv, title_en, swedish = ADS[employer.sector]
        choices = occupations.get(employer.sector) or occupations["other"]
        occupation = choices[number % len(choices)]
        street, postcode, town = addresses[employer.name]
        pay_min, pay_max = PAY[swedish]
        Job.objects.update_or_create(
            employer=employer,
            title_en=f"{title_en} ({number})",
            defaults={
                "title_sv": f"{title_sv} ({number})",
                "description_sv": f"{employer.name} söker {title_sv.lower()}. Fiktiv demoannons.",
                "description_en": (
                    f"{employer.name} is looking for a {title_en.lower()}. A fictional demo ad."
                ),
                "occupation": occupation,
                "municipality": employer.municipality,
                "street_address": street,
                "postal_code": postcode,
                "locality": town,
                "employment_type": (
                    Job.EmploymentType.SEASONAL
                    if employer.sector in ("experiences", "hospitality") and number % 2
                    else Job.EmploymentType.PERMANENT
                ),
                "extent": Job.Extent.PART_TIME if number % 7 == 0 else Job.Extent.FULL_TIME,
                "pay_min": pay_min,
                "pay_max": pay_max,
                "swedish_level": swedish,
                "swedish_tasks": (
                    "" if swedish == "none" else "Samtal med patienter, kunder och kollegor."
                ),
                "english_level": Job.Level.GOOD,
                "driving_licence": employer.sector in ("forestry", "healthcare"),
                "car_required": employer.sector == "forestry",
                "offers_permit_sponsorship": number % 3 == 0,
                "offers_housing_help": number % 2 == 0,
                "offers_moving_costs": number % 5 == 0,
                "offers_partner_support": number % 4 == 0,
                "offers_swedish_lessons": swedish != "none",
                "apply_email": f"jobs@employer{employer.pk}.example.org",
                "deadline": today + datetime.timedelta(days=14 + number),
                "board_ad_id": f"DEMO-{30000000 + number}" if number % 3 == 0 else "",
                "status": Job.Status.PUBLISHED,
                "published_at": now - datetime.timedelta(days=number % 9),
            },
        )
    return 40


# (slug, title, days from now, place, capacity)
TRAININGS = [
    (
        "rekrytera-fran-utlandet",
        "Rekrytera från utlandet: tillstånd och annonser",
        14,
        "Campus Östersund, Kunskapens väg 8",
        20,
    ),
    (
        "introduktion-av-familjen",
        "Ta emot en ny medarbetare och familjen",
        35,
        "Åre kulturhus, Hovvägen 3",
        15,
    ),
]


def _trainings(organisation: Organisation) -> int:
    for slug, title, days, place, capacity in TRAININGS:
        starts = timezone.now().replace(hour=13, minute=0, second=0, microsecond=0)
        starts += datetime.timedelta(days=days)
        Event.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "summary": "Utbildning för arbetsgivare som vill rekrytera internationellt.",
                "kind": Event.Kind.TRAINING,
                "audience": Event.Audience.EMPLOYERS,
                "language": "sv",
                "organisation": organisation,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=3),
                "place": place,
                "capacity": capacity,
                "is_published": True,
            },
        )
    return len(TRAININGS)


def seed(stdout) -> None:
    occupations_import()
    with transaction.atomic():
        organisation = Organisation.objects.filter(kind=Organisation.Kind.BUSINESS).order_by("pk")
        employers = _employers(organisation.first())
        jobs = _jobs(employers)
        trainings = _trainings(organisation.first())
        for email, first_name in NEWCOMERS_TO_EMPLOYERS:
            demo_account(email, first_name)
    stdout.write(
        f"Employers: {len(employers)} fictional employers, {jobs} job ads, "
        f"{trainings} training sessions."
    )
    for serial, *_rest in EMPLOYERS:
        stdout.write(f"  employer:  {DEMO_ADMIN.format(serial=serial)}")
    for email, _first_name in NEWCOMERS_TO_EMPLOYERS:
        stdout.write(f"  no employer yet: {email}")
