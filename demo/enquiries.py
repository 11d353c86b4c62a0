"""Demo routing rules and 200 demo enquiries in every state (``manage.py seed_demo``).

Idempotent: rules are keyed by (audience, topic, municipality, language); demo enquiries by
their reference (``DEMO000001``…), and their conversation and history are rebuilt
on each run. Every message is fictional; addresses use example.org.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from enquiries.business_hours import add_business_hours
from enquiries.models import (
    Enquiry,
    EnquiryEvent,
    EnquiryMessage,
    ReplyTemplate,
    RoutingDecision,
    RoutingRule,
)
from guides.models import Topic
from portal.models import Municipality, Organisation, StaffMembership, User

#: Topics the municipality answers (school, preschool, housing, SFI).
MUNICIPAL_TOPICS = ["family-school", "housing", "swedish-education"]
#: municipality code → the municipality's organisation.
MUNICIPAL_ORGANISATIONS = {
    "2303": "ragunda-kommun",
    "2305": "bracke-kommun",
    "2309": "krokoms-kommun",
    "2313": "stromsunds-kommun",
    "2321": "are-kommun",
    "2326": "bergs-kommun",
    "2361": "harjedalens-kommun",
    "2380": "ostersunds-kommun",
}
#: County-wide rules: (topic slug, organisation slug, priority, note).
COUNTY_RULES = [
    ("healthcare", "region-jh", 0, "Healthcare is the region's"),
    ("validation", "mittuniversitetet", 0, "Study, research and recognition of degrees"),
    ("swedish-education", "mittuniversitetet", 0, "Studies when no municipality is chosen"),
    ("work-permits", "handelskammaren-mittsverige", 0, "Work and employers"),
    ("partner-career", "samling-naringsliv", 0, "Work for accompanying partners"),
    ("starting-business", "samling-naringsliv", 0, "Starting a business"),
]
#: Rules for employers' enquiries: (topic slug or None, organisation slug, note).
EMPLOYER_RULES = [
    (None, "handelskammaren-mittsverige", "Employers: the business organisation"),
    ("work-permits", "arbetsformedlingen", "Employers recruiting abroad: EURES and the permit"),
]

QUESTIONS = {
    "family-school": [
        ("en", "How do we apply for a preschool place for our two-year-old?"),
        ("ar", "كيف أسجل أطفالي في المدرسة بعد الانتقال؟"),
        ("fa", "برای ثبت‌نام فرزندم در مدرسه چه مدارکی لازم است؟"),
        ("pl", "Jak zapisać dziecko do przedszkola albo szkoły po przeprowadzce?"),
    ],
    "housing": [
        ("en", "Where can I find a flat to rent near the town centre?"),
        ("de", "Wie finde ich eine Mietwohnung für meine Familie?"),
        ("pl", "Jak znaleźć mieszkanie do wynajęcia?"),
    ],
    "swedish-education": [
        ("en", "When does the next SFI course start, and how do I sign up?"),
        ("ar", "متى تبدأ دورة اللغة السويدية للمهاجرين؟"),
        ("es", "¿Cómo me inscribo en un curso de sueco (SFI)?"),
    ],
    "healthcare": [
        ("en", "How do I register at a health centre?"),
        ("uk", "Як записатися до лікаря?"),
    ],
    "validation": [("en", "How is my foreign nursing degree recognised in Sweden?")],
    "work-permits": [("en", "My employer asks which permit I need. Where do I start?")],
    "partner-career": [("de", "Gibt es Netzwerke für mitziehende Partner?")],
    "registration-id-bank": [("en", "How long does it take to get a personnummer?")],
    "transport-driving": [("pl", "Czy mogę jeździć w Szwecji na polskim prawie jazdy?")],
}
REPLY = "Thank you for your question. Here is what to do next, with the links you need."
#: (status, how many, days ago range) — 200 in all.
PLAN = [
    ("to_route", 6),
    ("open", 70),  # some overdue, some due soon, the rest on time
    ("waiting", 40),
    ("resolved", 70),
    ("anonymised", 14),
]


@transaction.atomic
def seed_rules() -> int:
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    organisations = {org.slug: org for org in Organisation.objects.all()}
    count = 0
    for municipality in Municipality.objects.all():
        org = organisations.get(MUNICIPAL_ORGANISATIONS.get(municipality.code, ""))
        if org is None:
            continue
        for slug in MUNICIPAL_TOPICS:
            if slug in topics:
                RoutingRule.objects.update_or_create(
                    audience="",
                    topic=topics[slug],
                    municipality=municipality,
                    language="",
                    defaults={"organisation": org, "priority": 0, "note": "The municipality"},
                )
                count += 1
    for slug, org_slug, priority, note in COUNTY_RULES:
        if slug in topics and org_slug in organisations:
            RoutingRule.objects.update_or_create(
                audience="",
                topic=topics[slug],
                municipality=None,
                language="",
                defaults={
                    "organisation": organisations[org_slug],
                    "priority": priority,
                    "note": note,
                },
            )
            count += 1
    for slug, org_slug, note in EMPLOYER_RULES:
        if org_slug in organisations and (slug is None or slug in topics):
            RoutingRule.objects.update_or_create(
                audience="employer",
                topic=topics[slug] if slug else None,
                municipality=None,
                language="",
                defaults={"organisation": organisations[org_slug], "note": note},
            )
            count += 1
    return count


def _organisation_for(topic: Topic, municipality: Municipality | None) -> Organisation:
    rules = [
        rule
        for rule in RoutingRule.objects.filter(is_active=True).select_related("organisation")
        if rule.audience in ("", "newcomer")
        and rule.topic_id in (None, topic.pk)
        and rule.municipality_id in (None, municipality.pk if municipality else None)
        and not rule.language
    ]
    if rules:
        return max(rules, key=lambda r: (r.specificity, r.priority, -r.pk)).organisation
    return Organisation.objects.get(is_county_desk=True)


@transaction.atomic
def seed_enquiries(count: int = 200) -> int:  # noqa: C901 - one pass builds every demo enquiry with its history
    rng = random.Random(2026)  # noqa: S311 - demo data, not security
    topics = {topic.slug: topic for topic in Topic.objects.filter(slug__in=QUESTIONS)}
    if not topics or not Organisation.objects.filter(is_county_desk=True).exists():
        return 0
    municipalities = list(Municipality.objects.all())
    handlers: dict[int, list[User]] = {}
    for membership in StaffMembership.objects.filter(role=StaffMembership.Role.HANDLER):
        handlers.setdefault(membership.organisation_id, []).append(membership.user)
    newcomer = User.objects.filter(email="newcomer.are@example.org").first()
    now = timezone.now()
    states = [state for state, n in PLAN for _ in range(n)][:count]
    Enquiry.objects.filter(reference__startswith="DEMO").delete()
    for number, state in enumerate(states, start=1):
        slug = rng.choice(sorted(topics))
        topic = topics[slug]
        language, text = rng.choice(QUESTIONS[slug])
        municipality = rng.choice([*municipalities, None]) if municipalities else None
        created = now - timedelta(
            minutes=5 if state == "to_route" else rng.randint(60, 60 * 24 * 40)
        )
        enquiry = Enquiry(
            reference=f"DEMO{number:06d}",
            topic=topic,
            municipality=municipality,
            language=language,
            message=text,
            contact_email=f"demo.enquirer{number}@example.org",
            user=newcomer if number % 25 == 0 else None,
            consent_at=created,
            dispatched_at=created,
            dispatch_attempts=1,
            is_demo=True,
        )
        if state != "to_route":
            org = _organisation_for(topic, municipality)
            enquiry.organisation = org
            enquiry.routed_at = created + timedelta(seconds=2)
            enquiry.sla_cycle = 1
            speakers = list(handlers.get(org.pk, []))
            enquiry.assignee = rng.choice(speakers) if speakers and rng.random() < 0.7 else None
            due = add_business_hours(created, org.response_time_hours)
            enquiry.status = "resolved" if state == "anonymised" else state
            if state == "open":
                if number % 7 == 0:  # due soon: within the next office hours (the SLA's clock)
                    due = add_business_hours(now, rng.randint(10, 100) / 60)
                    created = min(created, now - timedelta(hours=1))
                enquiry.due_at = due
                if due <= now:
                    enquiry.breached_at = due + timedelta(seconds=30)
                    enquiry.warned_at = due - timedelta(hours=2)
            elif state in ("waiting", "resolved", "anonymised"):
                enquiry.first_response_at = min(due, created + timedelta(hours=rng.randint(1, 30)))
                if enquiry.status == "resolved":
                    enquiry.resolved_at = enquiry.first_response_at + timedelta(hours=2)
            if state == "anonymised":
                enquiry.message = ""
                enquiry.contact_email = ""
                enquiry.user = None
                enquiry.anonymised_at = now
        enquiry.full_clean(exclude=["message"] if enquiry.anonymised_at else None)
        enquiry.save()
        Enquiry.objects.filter(pk=enquiry.pk).update(created_at=created)
        _history(enquiry, created)
    return len(states)


def _history(enquiry: Enquiry, created) -> None:
    events = [EnquiryEvent(enquiry=enquiry, action="submitted", detail="")]
    if enquiry.organisation_id:
        RoutingDecision.objects.create(
            enquiry=enquiry,
            kind="rule" if not enquiry.organisation.is_county_desk else "fallback",
            organisation=enquiry.organisation,
            reason="demo data",
            task_id="demo",
        )
        events.append(
            EnquiryEvent(enquiry=enquiry, action="routed", detail=str(enquiry.organisation))
        )
    if enquiry.first_response_at and not enquiry.anonymised_at:
        EnquiryMessage.objects.create(
            enquiry=enquiry, kind="reply", author=enquiry.assignee, body=REPLY
        )
        events.append(EnquiryEvent(enquiry=enquiry, action="replied", actor=enquiry.assignee))
    if enquiry.status == "resolved":
        events.append(EnquiryEvent(enquiry=enquiry, action="resolved", actor=enquiry.assignee))
    if enquiry.breached_at:
        events.append(EnquiryEvent(enquiry=enquiry, action="breached"))
    EnquiryEvent.objects.bulk_create(events)


#: A reply template for every organisation, in the eight languages (the triage desk).
REPLY_TEMPLATE = {
    "sv": ("Tack, vi tittar på det", "Tack för din fråga! Vi tittar på den och återkommer snart."),
    "en": (
        "Thanks, we are on it",
        "Thank you for your question! We are looking into it and will be back soon.",
    ),
    "de": (
        "Danke, wir kümmern uns",
        "Danke für Ihre Frage! Wir sehen sie uns an und melden uns bald.",
    ),
    "es": (
        "Gracias, lo estamos viendo",
        "¡Gracias por su pregunta! La estamos estudiando y le responderemos pronto.",
    ),
    "pl": (
        "Dziękujemy, zajmujemy się tym",
        "Dziękujemy za pytanie! Zajmujemy się nim i wkrótce odpowiemy.",
    ),
    "uk": (
        "Дякуємо, ми працюємо над цим",
        "Дякуємо за ваше запитання! Ми його розглядаємо і незабаром відповімо.",
    ),
    "ar": ("شكرًا، نحن نعمل على ذلك", "شكرًا على سؤالك! نحن ننظر فيه وسنعود إليك قريبًا."),
    "fa": (
        "سپاس، در حال بررسی هستیم",
        "از پرسش شما سپاسگزاریم! در حال بررسی آن هستیم و به‌زودی پاسخ می‌دهیم.",
    ),
}


def seed_reply_templates() -> int:
    """One reply template for every organisation (idempotent: found by its English title)."""
    values = {f"title_{code}": title for code, (title, _text) in REPLY_TEMPLATE.items()}
    values |= {f"text_{code}": text for code, (_title, text) in REPLY_TEMPLATE.items()}
    ReplyTemplate.objects.update_or_create(
        organisation=None, topic=None, title_en=REPLY_TEMPLATE["en"][0], defaults=values
    )
    return ReplyTemplate.objects.count()


def seed(stdout) -> None:
    stdout.write(f"  routing rules: {seed_rules()}")
    stdout.write(f"  demo enquiries: {seed_enquiries()}")
    stdout.write(f"  reply templates: {seed_reply_templates()}")
    # The topic suggestions learn from the demo enquiries (few: a lower floor).
    from enquiries.services.topics import topic_model_retrain

    snapshot = topic_model_retrain(min_per_topic=5)
    stdout.write(f"  topic model: {snapshot.topics if snapshot else 0} topics")
