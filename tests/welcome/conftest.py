"""Fixtures of the welcome-pack tests: first-week guides with a title in every language."""

from __future__ import annotations

import pytest

from guides.models import Stage
from tests.guides.factories import AuthorityLinkFactory, GuideFactory, TopicFactory

LANGUAGES = ("sv", "en", "de", "es", "pl", "uk", "ar", "fa")

#: subject → (applies_to, title per language). Arabic and Persian titles have no
#: zero-width joiners, so a text extraction can be compared as a plain string.
TITLES: dict[str, tuple[list[str], dict[str, str]]] = {
    "population-registration": (
        [],
        {
            "sv": "Folkbokföring och personnummer",
            "en": "Population registration and personal identity number",
            "de": "Meldung beim Einwohnerregister und Personennummer",
            "es": "Empadronamiento y número de identidad personal",
            "pl": "Rejestracja ludności i numer osobowy",
            "uk": "Реєстрація населення та персональний номер",
            "ar": "التسجيل في السجل السكاني والرقم الشخصي",
            "fa": "ثبت در سامانه جمعیت و شماره شخصی",
        },
    ),
    "bank-account-bankid": (
        [],
        {
            "sv": "Bankkonto och BankID",
            "en": "Bank account and BankID",
            "de": "Bankkonto und BankID",
            "es": "Cuenta bancaria y BankID",
            "pl": "Konto bankowe i BankID",
            "uk": "Банківський рахунок і BankID",
            "ar": "الحساب المصرفي",
            "fa": "حساب بانکی",
        },
    ),
    "preschool-school": (
        ["families"],
        {
            "sv": "Förskola och skola",
            "en": "Preschool and school",
            "de": "Vorschule und Schule",
            "es": "Preescolar y escuela",
            "pl": "Przedszkole i szkoła",
            "uk": "Дитячий садок і школа",
            "ar": "الروضة والمدرسة",
            "fa": "مهدکودک و مدرسه",
        },
    ),
    "sfi": (
        [],
        {
            "sv": "Svenska för invandrare",
            "en": "Swedish for immigrants",
            "de": "Schwedisch für Einwanderer",
            "es": "Sueco para inmigrantes",
            "pl": "Szwedzki dla imigrantów",
            "uk": "Шведська для іммігрантів",
            "ar": "اللغة السويدية للمهاجرين",
            "fa": "زبان سوئدی برای مهاجران",
        },
    ),
}


def first_week_guide(subject: str, *, organisation, municipality=None, **extra):
    applies_to, titles = TITLES[subject]
    topic = TopicFactory(slug="first-week", name_sv="Första veckan", name_en="First week")
    fields = {f"title_{code}": title for code, title in titles.items()}
    fields.update({f"summary_{code}": f"{title}." for code, title in titles.items()})
    fields.update({f"body_{code}": f"## {title}\n\n{title}." for code, title in titles.items()})
    fields.update(extra)
    return GuideFactory(
        subject=subject,
        slug=f"{subject}-{municipality.slug}" if municipality else subject,
        topic=topic,
        organisation=organisation,
        municipality=municipality,
        stage=Stage.FIRST_WEEKS,
        applies_to=applies_to,
        **fields,
    )


@pytest.fixture
def first_week_guides(region, are_kommun, are):
    """The county's first-week guides in every language, and Åre's own school guide."""
    guides = {subject: first_week_guide(subject, organisation=region) for subject in TITLES}
    AuthorityLinkFactory(guide=guides["population-registration"])
    guides["preschool-school-are"] = first_week_guide(
        "preschool-school",
        organisation=are_kommun,
        municipality=are,
        title_en="Preschool and school in Åre",
        title_sv="Förskola och skola i Åre",
    )
    return guides
