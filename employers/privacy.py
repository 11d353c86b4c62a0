"""Privacy provider for employers: the person's role at an employer and the
invitations sent to their address. The employer itself is an organisation, not a
person, and stays when one of its people leaves."""

from __future__ import annotations

from typing import Any

from employers.models import EmployerInvitation, EmployerMembership
from portal.models import User
from portal.privacy import PrivacyProvider, any_of, isoformat, own_addresses


def employers_export(user: User) -> dict[str, Any]:
    return {
        "employer_roles": [
            {
                "employer": membership.employer.name,
                "role": membership.role,
                "since": isoformat(membership.created_at),
            }
            for membership in EmployerMembership.objects.filter(user=user).select_related(
                "employer"
            )
        ],
        "employer_invitations": [
            {
                "employer": invitation.employer.name,
                "email": invitation.email,
                "sent": isoformat(invitation.created_at),
                "accepted": isoformat(invitation.accepted_at),
            }
            for invitation in EmployerInvitation.objects.filter(
                any_of("email__iexact", own_addresses(user))
            ).select_related("employer")
        ],
    }


def employers_erase(user: User) -> None:
    """The person's memberships and the invitations to their addresses go. An employer
    left without an administrator gets its longest-serving colleague as one."""
    employer_ids = list(
        EmployerMembership.objects.filter(user=user).values_list("employer_id", flat=True)
    )
    EmployerMembership.objects.filter(user=user).delete()
    EmployerInvitation.objects.filter(any_of("email__iexact", own_addresses(user))).delete()
    EmployerInvitation.objects.filter(invited_by=user).update(invited_by=None)
    for employer_id in employer_ids:
        colleagues = EmployerMembership.objects.filter(employer_id=employer_id)
        if not colleagues.filter(role=EmployerMembership.Role.ADMIN).exists():
            first = colleagues.order_by("created_at", "pk").first()
            if first is not None:
                first.role = EmployerMembership.Role.ADMIN
                first.save(update_fields=["role"])


EMPLOYERS = PrivacyProvider(name="employers", export=employers_export, erase=employers_erase)
