"""Factories for topics and guides. ``GuideFactory`` keeps the translation status in
sync through the service, as the admin does."""

from __future__ import annotations

import datetime

import factory

from guides.models import AuthorityLink, Guide, GuideFeedback, Stage, Topic
from guides.services import guide_translations_sync
from tests.portal.factories import OrganisationFactory


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name_sv = factory.Sequence(lambda n: f"Ämne {n}")
    name_en = factory.Sequence(lambda n: f"Topic {n}")
    order = factory.Sequence(lambda n: n)


class GuideFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Guide
        skip_postgeneration_save = True

    subject = factory.Sequence(lambda n: f"subject-{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    topic = factory.SubFactory(TopicFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    stage = Stage.FIRST_WEEKS
    title_sv = factory.Sequence(lambda n: f"Guide nummer {n}")
    title_en = factory.Sequence(lambda n: f"Guide number {n}")
    summary_sv = "En kort sammanfattning."
    summary_en = "A short summary."
    body_sv = "## Så gör du\n\nFörsta steget.\n\n## Mer hjälp\n\nKontakta myndigheten."
    body_en = "## How to do it\n\nThe first step.\n\n## More help\n\nContact the authority."
    published = True
    last_reviewed = factory.LazyFunction(lambda: datetime.date(2026, 10, 1))

    @factory.post_generation
    def sync(self, create, extracted, **kwargs):
        if create:
            guide_translations_sync(
                guide=self,
                changed_languages=["sv", "en", "de", "es", "pl", "uk", "ar", "fa"],
                machine_translated=extracted or (),
            )


class AuthorityLinkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuthorityLink

    guide = factory.SubFactory(GuideFactory)
    label_sv = "Skatteverket"
    label_en = "Swedish Tax Agency"
    url = "https://www.skatteverket.se/"


class GuideFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GuideFeedback

    guide = factory.SubFactory(GuideFactory)
    helpful = True
    comment = ""
    language = "en"


def make_guides(count: int, *, topic, organisation, municipality=None, stage=Stage.FIRST_WEEKS):
    """``count`` published guides in one topic (for the query-count tests)."""
    return [
        GuideFactory(topic=topic, organisation=organisation, municipality=municipality, stage=stage)
        for _ in range(count)
    ]
