"""Demo ambassadors, buddy requests in several states, and events (``seed_demo``).

Everyone here is fictional (first names only, example.org addresses). Idempotent:
accounts and events are updated in place; requests are created only once per
demo newcomer. Demo e-mails are not sent (dummy backend while seeding).
"""

from __future__ import annotations

import datetime

from django.db import transaction
from django.test.utils import override_settings
from django.utils import timezone

from ambassadors import services
from ambassadors.matching import buddy_request_match
from ambassadors.models import Ambassador, AmbassadorLanguage, BuddyRequest, Match, Message
from demo.directory import demo_account
from events.models import Event
from portal.models import Municipality, Organisation

#: Neighbouring municipalities in Jämtland County that share a border. Pairs we were
#: not sure of are left out (Östersund and Åre, Östersund and Ragunda, Berg and Bräcke,
#: Bräcke and Härjedalen); add them here once checked against Lantmäteriet's map.
NEIGHBOURS = [
    ("Östersund", "Krokom"),
    ("Östersund", "Berg"),
    ("Östersund", "Bräcke"),
    ("Östersund", "Strömsund"),
    ("Krokom", "Åre"),
    ("Krokom", "Strömsund"),
    ("Åre", "Berg"),
    ("Åre", "Härjedalen"),
    ("Berg", "Härjedalen"),
    ("Bräcke", "Ragunda"),
    ("Ragunda", "Strömsund"),
]

# (e-mail, first name, municipality, {language: level}, capacity, interests, sector, status)
AMBASSADORS = [
    (
        "ambassador.are@example.org",
        "Ambassador in Åre",
        "Åre",
        {"ar": "native", "sv": "fluent", "en": "good"},
        2,
        ["skiing", "family", "food"],
        "hospitality",
        "approved",
    ),
    (
        "ambassador.ostersund@example.org",
        "Ambassador in Östersund",
        "Östersund",
        {"uk": "native", "pl": "good", "en": "fluent", "sv": "good"},
        3,
        ["music", "arts", "language"],
        "healthcare",
        "approved",
    ),
    (
        "ambassador.krokom@example.org",
        "Ambassador in Krokom",
        "Krokom",
        {"de": "native", "en": "fluent", "sv": "fluent"},
        1,
        ["outdoors", "hunting_fishing"],
        "forestry",
        "approved",
    ),
    (
        "ambassador.berg@example.org",
        "Ambassador in Berg",
        "Berg",
        {"es": "native", "en": "fluent", "sv": "good"},
        2,
        ["outdoors", "food"],
        "hospitality",
        "approved",
    ),
    (
        "ambassador.harjedalen@example.org",
        "Ambassador in Härjedalen",
        "Härjedalen",
        {"fa": "native", "en": "good", "sv": "good"},
        2,
        ["family", "volunteering"],
        "education",
        "approved",
    ),
    (
        "ambassador.pending@example.org",
        "Applicant in Östersund",
        "Östersund",
        {"en": "native", "fr": "good"},
        1,
        ["technology", "entrepreneurship"],
        "digital",
        "pending",
    ),
]

# (e-mail, first name, municipality, languages, interests, what happens to the request)
REQUESTS = [
    (
        "newcomer.matched@example.org",
        "Newcomer from Ukraine",
        "Östersund",
        ["uk", "en"],
        ["music"],
        "matched",
    ),
    (
        "newcomer.offered@example.org",
        "Newcomer from Germany",
        "Östersund",
        ["de"],
        ["outdoors"],
        "offered",
    ),
    (
        "newcomer.waiting@example.org",
        "Newcomer from Somalia",
        "Ragunda",
        ["so"],
        ["family"],
        "waiting",
    ),
    ("newcomer.ended@example.org", "Newcomer from Spain", "Berg", ["es"], ["food"], "ended"),
]


def _ambassadors(municipalities: dict[str, Municipality]) -> dict[str, Ambassador]:
    result = {}
    for email, name, place, languages, capacity, interests, sector, status in AMBASSADORS:
        user = demo_account(email, name)
        ambassador = Ambassador.objects.filter(user=user).first()
        if ambassador is None:
            ambassador = services.ambassador_apply(
                user=user,
                municipality=municipalities[place],
                languages=languages,
                countries_lived_in=[],
                profession="",
                sector=sector,
                interests=interests,
                capacity=capacity,
                availability="Weekday evenings and some weekends",
                bio="A fictional demo ambassador.",
                share_email=True,
                phone="",
                preferred_language="en",
                accepts_code_of_conduct=True,
            )
        if status == "approved" and ambassador.status == Ambassador.Status.PENDING:
            ambassador = services.ambassador_approve(ambassador_id=ambassador.pk, by=None)
        for code, level in languages.items():
            AmbassadorLanguage.objects.update_or_create(
                ambassador=ambassador, code=code, defaults={"level": level}
            )
        result[email] = ambassador
    return result


def _requests(municipalities: dict[str, Municipality]) -> int:
    made = 0
    for email, name, place, languages, interests, outcome in REQUESTS:
        user = demo_account(email, name)
        if BuddyRequest.objects.filter(newcomer=user).exists():
            continue
        with transaction.atomic():  # match here, before the on-commit task would
            request = services.buddy_request_submit(
                newcomer=user,
                municipality=municipalities[place],
                languages=languages,
                interests=interests,
                sector="",
                household=BuddyRequest.Household.ALONE,
                help_with="Demo request: getting to know the area.",
                share_email=True,
                phone="",
                consent=True,
                contact_language="en",
            )
            offer = buddy_request_match(request_id=request.pk)
        made += 1
        if offer is None or outcome in ("offered", "waiting"):
            continue
        ambassador_user = offer.ambassador.user
        services.offer_accept(match_id=offer.pk, user=ambassador_user)
        if outcome == "matched":
            services.message_send(
                match_id=offer.pk,
                sender=ambassador_user,
                body="Welcome! Shall we meet for a fika at the library?",
            )
            services.message_send(
                match_id=offer.pk, sender=user, body="Yes, thank you! Thursday after work suits me."
            )
        if outcome == "ended":
            services.match_end(
                match_id=offer.pk, user=user, rating=5, comment="Demo feedback: very helpful."
            )
    return made


def _events() -> int:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    municipalities = {m.name: m for m in Municipality.objects.all()}
    today = timezone.localdate()

    def at(days: int, hour: int) -> datetime.datetime:
        moment = datetime.datetime.combine(
            today + datetime.timedelta(days=days), datetime.time(hour)
        )
        return timezone.make_aware(moment)

    events = [
        (
            "sprakcafe-ostersund",
            "Språkcafé på biblioteket",
            "sv",
            Event.Kind.MEETUP,
            Event.Audience.EVERYONE,
            "ostersunds-kommun",
            "Östersund",
            7,
            17,
            False,
            "Stadsbiblioteket, Rådhusgatan 25, Östersund",
            20,
            "Öva svenska över en kopp kaffe. Alla nivåer är välkomna.",
        ),
        (
            "welcome-to-jamtland-online",
            "Welcome to Jämtland Härjedalen",
            "en",
            Event.Kind.INFO_SESSION,
            Event.Audience.NEWCOMERS,
            "region-jh",
            None,
            10,
            12,
            True,
            "",
            100,
            (
                "An online information session: personal identity number, healthcare, schools and "
                "how the International House can help."
            ),
        ),
        (
            "ambassador-meetup-are",
            "Ambassador meet-up in Åre",
            "en",
            Event.Kind.MEETUP,
            Event.Audience.AMBASSADORS,
            "are-kommun",
            "Åre",
            14,
            18,
            False,
            "Åre bibliotek, Kyrkvägen 5, Åre",
            2,
            "Ambassadors share experiences and tips. Small group.",
        ),
        (
            "lika-are-ar",
            "لقاء تعارف للقادمين الجدد في أوره",
            "ar",
            Event.Kind.MEETUP,
            Event.Audience.NEWCOMERS,
            "are-kommun",
            "Åre",
            21,
            17,
            False,
            "Åre bibliotek, Kyrkvägen 5, Åre",
            15,
            "لقاء غير رسمي للتعارف وتبادل النصائح حول الحياة في المنطقة.",
        ),
    ]
    for (
        slug,
        title,
        language,
        kind,
        audience,
        org,
        place_name,
        days,
        hour,
        online,
        place,
        capacity,
        text,
    ) in events:
        starts = at(days, hour)
        Event.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "language": language,
                "kind": kind,
                "audience": audience,
                "organisation": organisations[org],
                "municipality": municipalities.get(place_name) if place_name else None,
                "starts_at": starts,
                "ends_at": starts + datetime.timedelta(hours=2),
                "is_online": online,
                "place": place,
                "online_url": "https://meet.example.org/welcome" if online else "",
                "capacity": capacity,
                "summary": text,
                "description": "",  # the summary says it all (shown once)
                "is_published": True,
            },
        )
    return len(events)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend")
def seed(stdout) -> None:
    with transaction.atomic():
        municipalities = {m.name: m for m in Municipality.objects.all()}
        for first, second in NEIGHBOURS:
            municipalities[first].neighbours.add(municipalities[second])
        ambassadors = _ambassadors(municipalities)
        # Matching runs in-process here so the demo states are known when seeding ends.
    made = _requests(municipalities)
    Match.objects.filter(status=Match.Status.OFFERED).update(
        deadline=timezone.now() + datetime.timedelta(days=3)
    )
    events = _events()
    stdout.write(
        f"Ambassadors: {len(ambassadors)} demo ambassadors, {made} new buddy requests, "
        f"{Message.objects.count()} messages, {events} events."
    )
    for email, *_rest in AMBASSADORS:
        stdout.write(f"  ambassador: {email}")
    for email, *_rest in REQUESTS:
        stdout.write(f"  newcomer:  {email} (buddy request)")
