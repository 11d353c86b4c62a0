"""What a welcome pack holds: a newcomer's first week, read from the guides and the directory.

``pack_for(user)`` reads the newcomer's profile; ``pack_for_profile(...)`` takes the
situation directly, so a pack can be made before the person has an account (a hire
referred by an employer). A ``Pack`` is plain data: the page, the PDF and the calendar
are all rendered from it, and its ``key`` changes whenever anything it shows changes.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from guides.models import Audience, Guide, Stage
from guides.models.guides import AppliesTo
from guides.selectors.guide_page import guide_page_of, guide_page_queryset
from guides.selectors.guides import fallback_chain, guide_reading, language_codes, text_direction
from guides.selectors.moveplan import Situation, guide_applies
from portal.models import ANSWER_LANGUAGES, Municipality, NewcomerProfile, Organisation
from welcome.models import WelcomePackPdf

#: The first-week steps of every pack, in the order they are best done: the guide
#: subjects (the municipality's own guide on a subject replaces the county's). A
#: subject only shows when a published guide on it applies to the situation (the
#: preschool and school guide only for families with children).
FIRST_WEEK_SUBJECTS: tuple[str, ...] = (
    "population-registration",
    "id-card",
    "bank-account-bankid",
    "health-centre",
    "preschool-school",
    "sfi",
)
#: Organisations that are contact points for a newcomer, besides the county desk.
CONTACT_KINDS = (
    Organisation.Kind.MUNICIPALITY,
    Organisation.Kind.EDUCATION,
    Organisation.Kind.EMPLOYMENT_SERVICE,
)
#: Raise when the PDF's layout or wording changes: every cached PDF is then rebuilt.
PACK_FORMAT = "1"


@dataclass(frozen=True)
class PackLink:
    label: str
    url: str


@dataclass(frozen=True)
class PackStep:
    """One guide as the pack shows it, in the reader's language or its fallback."""

    subject: str
    title: str
    summary: str
    #: The language the text is in (a fallback when not translated) and its direction.
    language: str
    direction: str
    #: The live guide's path (links on the site); ``url`` is absolute (printed, QR codes).
    path: str
    is_local: bool
    links: tuple[PackLink, ...] = ()
    #: The guide's version: its last change.
    version: str = ""

    @property
    def url(self) -> str:
        return absolute(self.path)


@dataclass(frozen=True)
class PackContact:
    name: str
    kind: str
    email: str
    #: Names of the languages its staff answer in, each in its own language.
    languages: tuple[tuple[str, str], ...]
    speaks_reader_language: bool


@dataclass(frozen=True)
class Pack:
    language: str
    direction: str
    municipality_id: int | None
    municipality_name: str
    municipality_path: str
    citizenship: str
    has_partner: bool
    has_children: bool
    steps: tuple[PackStep, ...]
    more: tuple[PackStep, ...]
    contacts: tuple[PackContact, ...]
    buddy_path: str
    guides_path: str
    #: Not part of the content key: only the calendar uses it.
    arrival: datetime.date | None = field(default=None, compare=False)

    @property
    def variant(self) -> str:
        """Language, municipality and situation: what a newer build replaces."""
        return ":".join(
            [
                self.language,
                str(self.municipality_id or "-"),
                self.citizenship or "-",
                "partner" if self.has_partner else "-",
                "children" if self.has_children else "-",
            ]
        )

    @property
    def key(self) -> str:
        """A hash of everything the PDF shows (and the layout's version)."""
        content = asdict(self)
        content.pop("arrival")
        content["format"] = PACK_FORMAT
        raw = json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)
        return hashlib.sha256(raw.encode()).hexdigest()

    @property
    def language_name(self) -> str:
        return get_language_info(self.language)["name_local"]

    @property
    def municipality_url(self) -> str:
        return absolute(self.municipality_path) if self.municipality_path else ""

    @property
    def buddy_url(self) -> str:
        return absolute(self.buddy_path)

    @property
    def guides_url(self) -> str:
        return absolute(self.guides_path)


def absolute(path: str) -> str:
    return settings.PUBLIC_BASE_URL + path


# --- reading the guides ------------------------------------------------------------------------


def _pack_guides(municipality_id: int | None, languages: list[str]) -> list[Guide]:
    """The published newcomer guides a reader in the municipality sees (county and
    local), with their texts in ``languages``, statuses and links: three queries."""
    visible = Q(municipality__isnull=True)
    if municipality_id is not None:
        visible |= Q(municipality_id=municipality_id)
    guides = Guide.objects.filter(visible, published=True, audience=Audience.NEWCOMER)
    return list(
        guide_page_queryset(languages, guides)
        # The page's reads leave the change time out: it is the guide's version here.
        .annotate(changed_at=F("updated_at"))
        .order_by("topic__order", "stage_order", "subject")
    )


def _step(guide: Guide, language: str) -> PackStep:
    page = guide_page_of(guide)
    reading = guide_reading(guide, language, page.statuses)
    return PackStep(
        subject=guide.subject,
        title=reading.title,
        summary=reading.summary,
        language=reading.language,
        direction=reading.direction,
        path=guide.get_absolute_url(),
        is_local=guide.municipality_id is not None,
        links=tuple(PackLink(label=link.label, url=link.url) for link in page.links),
        version=f"{guide.pk}@{guide.changed_at.isoformat()}",  # type: ignore[attr-defined]
    )


def _one_per_subject(guides: list[Guide]) -> dict[str, Guide]:
    """The guide per subject, the municipality's own before the county's."""
    chosen: dict[str, Guide] = {}
    for guide in guides:
        current = chosen.get(guide.subject)
        if current is None or (guide.municipality_id and not current.municipality_id):
            chosen[guide.subject] = guide
    return chosen


def _extra(guide: Guide, situation: Situation) -> bool:
    """Further reading: the other first-week guides, the municipality's own guides and,
    for a partner, the guides for accompanying partners."""
    if guide.stage == Stage.FIRST_WEEKS or guide.municipality_id:
        return True
    return situation.has_partner and AppliesTo.PARTNERS in guide.applies_to


def pack_steps(
    situation: Situation, language: str
) -> tuple[tuple[PackStep, ...], tuple[PackStep, ...]]:
    """(the first-week steps, further guides) for a situation, in ``language``."""
    municipality_id = situation.municipality.pk if situation.municipality else None
    guides = [
        guide
        for guide in _pack_guides(municipality_id, fallback_chain(language))
        if guide_applies(guide.applies_to, situation)
    ]
    by_subject = _one_per_subject(guides)
    steps = tuple(
        _step(by_subject[subject], language)
        for subject in FIRST_WEEK_SUBJECTS
        if subject in by_subject
    )
    more = tuple(
        _step(guide, language)
        for subject, guide in by_subject.items()
        if subject not in FIRST_WEEK_SUBJECTS and _extra(guide, situation)
    )
    return steps, more


# --- the contact points --------------------------------------------------------------------------


def _language_names(codes: list[str]) -> tuple[tuple[str, str], ...]:
    names = dict(ANSWER_LANGUAGES)
    return tuple((code, names[code]) for code in codes if code in names)


def pack_contacts(municipality_id: int | None, language: str) -> tuple[PackContact, ...]:
    """The municipality's contact points (its own organisation first), then the county
    desk that answers everything else. One query."""
    wanted = Q(is_county_desk=True)
    if municipality_id is not None:
        wanted |= Q(kind__in=CONTACT_KINDS, municipalities=municipality_id)
    first = Case(
        When(kind=Organisation.Kind.MUNICIPALITY, then=Value(0)),
        When(is_county_desk=True, then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    organisations = (
        Organisation.objects.filter(wanted)
        .distinct()
        .annotate(first=first)
        .order_by("first", "name")
        .only("name", "kind", "contact_email", "languages", "is_county_desk")
    )
    return tuple(
        PackContact(
            name=org.name,
            kind=str(org.get_kind_display()),
            email=org.contact_email,
            languages=_language_names(org.languages),
            speaks_reader_language=language in org.languages,
        )
        for org in organisations
    )


# --- the pack ------------------------------------------------------------------------------------


def pack_for_profile(
    *,
    language: str,
    municipality: Municipality | None = None,
    citizenship: str = "",
    has_partner: bool = False,
    has_children: bool = False,
    arrival: datetime.date | None = None,
) -> Pack:
    """The welcome pack for a situation, in ``language`` (one of the site's languages;
    guides not translated into it fall back as on the guide pages)."""
    if language not in language_codes():
        raise ValueError(f"Not a language of the site: {language!r}")
    situation = Situation(
        citizenship=citizenship,
        has_partner=has_partner,
        has_children=has_children,
        municipality=municipality,
        planned_arrival=arrival,
    )
    with translation.override(language):
        steps, more = pack_steps(situation, language)
        municipality_path = (
            reverse("guides:municipality", kwargs={"slug": municipality.slug})
            if municipality
            else ""
        )
        return Pack(
            language=language,
            direction=text_direction(language),
            municipality_id=municipality.pk if municipality else None,
            municipality_name=municipality.name if municipality else "",
            municipality_path=municipality_path,
            citizenship=citizenship,
            has_partner=has_partner,
            has_children=has_children,
            steps=steps,
            more=more,
            contacts=pack_contacts(municipality.pk if municipality else None, language),
            buddy_path=reverse("ambassadors:buddy"),
            guides_path=reverse("guides:guides"),
            arrival=arrival,
        )


def pack_for(user, language: str | None = None) -> Pack:
    """The welcome pack of a signed-in newcomer, from their profile (an empty situation
    without one), in ``language`` or else the profile's preferred language."""
    profile = (
        NewcomerProfile.objects.filter(user=user).select_related("municipality").first()
        if user.is_authenticated
        else None
    )
    if language is None:
        language = profile.preferred_language if profile else settings.LANGUAGE_CODE
    if profile is None:
        return pack_for_profile(language=language)
    return pack_for_profile(
        language=language,
        municipality=profile.municipality,
        citizenship=profile.citizenship,
        has_partner=profile.has_partner,
        has_children=profile.children_count > 0,
        arrival=profile.planned_arrival,
    )


def pack_pdf_cached(pack: Pack) -> WelcomePackPdf | None:
    """The built PDF of exactly this pack's content, if there is one."""
    return WelcomePackPdf.objects.filter(key=pack.key).first()
