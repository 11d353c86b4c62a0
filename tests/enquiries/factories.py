from __future__ import annotations

from datetime import timedelta

import factory
import pytest
from django.utils import timezone

from enquiries.models import Enquiry, EnquiryMessage, RoutingRule
from guides.models import Topic


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic
        django_get_or_create = ["slug"]

    slug = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.Sequence(lambda n: f"Topic {n}")
    name_sv = factory.LazyAttribute(lambda o: o.name)
    name_en = factory.LazyAttribute(lambda o: o.name)


class RoutingRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoutingRule

    priority = 0
    is_active = True


class EnquiryFactory(factory.django.DjangoModelFactory):
    """An enquiry in its "to route" state unless ``organisation``/``status`` say otherwise."""

    class Meta:
        model = Enquiry

    topic = factory.SubFactory(TopicFactory)
    language = "en"
    message = factory.Sequence(lambda n: f"How do I find a school for my children? ({n})")
    contact_email = factory.Sequence(lambda n: f"newcomer{n}@example.org")
    consent_at = factory.LazyFunction(timezone.now)
    dispatched_at = factory.LazyFunction(timezone.now)


class RoutedEnquiryFactory(EnquiryFactory):
    status = Enquiry.Status.OPEN
    routed_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=2))
    sla_cycle = 1


class EnquiryMessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EnquiryMessage

    kind = EnquiryMessage.Kind.REPLY
    body = "Here is the answer."


# --- shared fixtures (imported by the enquiry test modules) -----------------------------
@pytest.fixture(name="schools")
def schools_fixture(db):
    return TopicFactory(slug="family-school", name="Family, preschool and school")


@pytest.fixture(name="healthcare")
def healthcare_fixture(db):
    return TopicFactory(slug="healthcare", name="Healthcare")


@pytest.fixture(name="routing")
def routing_fixture(region, are_kommun, ostersunds_kommun, are, ostersund, schools, healthcare):
    """Schools go to the municipality; healthcare to the region; the rest to the desk."""
    return {
        "are_schools": RoutingRuleFactory(topic=schools, municipality=are, organisation=are_kommun),
        "ostersund_schools": RoutingRuleFactory(
            topic=schools, municipality=ostersund, organisation=ostersunds_kommun
        ),
        "healthcare": RoutingRuleFactory(topic=healthcare, organisation=region),
    }
