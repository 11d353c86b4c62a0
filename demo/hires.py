"""Demo international hires (``seed_demo``): the salary-floor rules, and two referrals
of the first demo employer — one invitation waiting for an answer (a cook from outside
the EU), one accepted by a demo newcomer (an EU citizen) with a step done.

Idempotent: the referrals are found again by employer and occupation. The waiting
invitation's link is not usable (its token is thrown away): re-send it from the
employer's page to get one in the console e-mail.
"""

from __future__ import annotations

import datetime
import secrets

from django.db import transaction
from django.utils import timezone

from demo.directory import demo_account
from demo.employers import DEMO_ADMIN, EMPLOYERS, fictional_org_number
from employers.models import Employer, EmployerMembership, Occupation
from guides.services import newcomer_profile_save
from hires.models import HireReferral
from hires.rules import rules_load
from hires.selectors import token_hash
from portal.models import NewcomerProfile

HIRED_NEWCOMER = "hire.accepted@example.org"


def _referral(employer: Employer, occupation: Occupation, **values) -> HireReferral:
    referral, _created = HireReferral.objects.update_or_create(
        employer=employer,
        occupation=occupation,
        defaults={"sent_at": timezone.now(), **values},
    )
    return referral


def seed(stdout) -> None:
    with transaction.atomic():
        rules = rules_load()
        serial, _name, town, *_rest = EMPLOYERS[0]
        employer = Employer.objects.filter(org_number=fictional_org_number(serial)).first()
        if employer is None:
            return
        admin = EmployerMembership.objects.filter(
            employer=employer, user__email=DEMO_ADMIN.format(serial=serial)
        ).first()
        today = timezone.localdate()
        cook = Occupation.objects.filter(ssyk="5120").first()
        nurse = Occupation.objects.filter(ssyk="2221").first() or cook
        if cook is None:
            return
        _referral(
            employer,
            cook,
            referred_by=admin.user if admin else None,
            state=HireReferral.State.SENT,
            email="hire.invited@example.org",
            language="uk",
            start_date=today + datetime.timedelta(days=75),
            municipality=employer.municipality,
            is_eu_citizen=False,
            partner_comes=True,
            children_count=1,
            token_hash=token_hash(secrets.token_urlsafe(32)),
        )
        newcomer = demo_account(HIRED_NEWCOMER, "Hired newcomer")
        start = today + datetime.timedelta(days=20)
        accepted = _referral(
            employer,
            nurse,
            referred_by=admin.user if admin else None,
            state=HireReferral.State.ACCEPTED,
            email="",
            language="pl",
            start_date=start,
            municipality=employer.municipality,
            is_eu_citizen=True,
            partner_comes=True,
            children_count=0,
            user=newcomer,
            accepted_at=timezone.now(),
            token_hash="",
        )
        accepted.ticks.get_or_create(step="registration")
        if not NewcomerProfile.objects.filter(user=newcomer).exists():
            newcomer_profile_save(
                user=newcomer,
                citizenship=NewcomerProfile.Citizenship.EU_EEA,
                has_partner=True,
                children_count=0,
                municipality=employer.municipality,
                planned_arrival=start,
            )
    stdout.write(f"Hires: {rules} salary-floor rules added, 2 referrals of {town}'s demo employer.")
    stdout.write(f"  hired newcomer: {HIRED_NEWCOMER}")
