"""Privacy provider for hires: the referrals about the person (sent to one of their
addresses, or accepted with their account), the check-ins they were asked and their
answers. The employer keeps only the state of a referral: deleting the hire's account
erases everything about them in it, as declining does, and their check-in answers."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from hires.models import CheckIn, HireReferral
from hires.services import referral_forget
from portal.models import User
from portal.privacy import PrivacyProvider, any_of, isoformat, own_addresses

ABOUT_THE_HIRE = (CheckIn.Respondent.HIRE, CheckIn.Respondent.PARTNER)


def _referrals(user: User):
    addresses = own_addresses(user)
    return HireReferral.objects.filter(
        Q(user=user)
        | any_of("email__iexact", addresses)
        | any_of("partner_email__iexact", addresses)
    ).select_related("employer", "occupation", "municipality")


def hires_export(user: User) -> dict[str, Any]:
    addresses = {address.lower() for address in own_addresses(user)}
    referrals = []
    for referral in _referrals(user):
        as_partner = referral.user_id != user.pk and referral.partner_email in addresses
        referrals.append(
            {
                "employer": referral.employer.name,
                "as": "partner" if as_partner else "hire",
                "state": referral.state,
                "email": referral.email,
                "language": referral.language,
                "occupation": referral.occupation.label_en,
                "start_date": isoformat(referral.start_date),
                "municipality": referral.municipality.name,
                "eu_eea_swiss_citizen": referral.is_eu_citizen,
                "partner_comes": referral.partner_comes,
                "children": referral.children_count,
                "partner_email": "" if as_partner else referral.partner_email,
                "check_ins_agreed": referral.followup_consent,
                "check_ins_stopped": isoformat(referral.followup_stopped_at),
                "sent": isoformat(referral.sent_at),
                "accepted": isoformat(referral.accepted_at),
                "check_ins": [
                    {
                        "months": check_in.months,
                        "asked": isoformat(check_in.sent_at),
                        "answered": isoformat(check_in.answered_at),
                        "still_here": check_in.still_here,
                        "what_would_have_helped": check_in.what_would_have_helped,
                    }
                    for check_in in referral.check_ins.filter(
                        respondent=CheckIn.Respondent.PARTNER
                        if as_partner
                        else CheckIn.Respondent.HIRE
                    )
                ],
            }
        )
    return {"hire_referrals": referrals}


def hires_erase(user: User) -> None:
    """The hire's referrals keep only their state and the employer's job facts; the
    hire's and partner's check-ins go. A partner's address is removed from the
    referrals that name it."""
    addresses = own_addresses(user)
    for referral in _referrals(user).filter(Q(user=user) | any_of("email__iexact", addresses)):
        referral_forget(referral)
        if referral.state == HireReferral.State.SENT:
            referral.state = HireReferral.State.DECLINED
            referral.declined_at = timezone.now()
        referral.save()
    partners = HireReferral.objects.filter(any_of("partner_email__iexact", addresses))
    for referral in partners:
        referral.check_ins.filter(respondent=CheckIn.Respondent.PARTNER).delete()
    partners.update(partner_email="")
    HireReferral.objects.filter(referred_by=user).update(referred_by=None)


HIRES = PrivacyProvider(name="hires", export=hires_export, erase=hires_erase)
