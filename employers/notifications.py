"""E-mails about employers: registration (to the vetting staff), the vetting decision
and invitations. One small function each, called by the services inside the
transaction that causes the e-mail: each recipient's e-mail is an outbox row
(``notifications``), sent after commit and swept if the broker lost it. Employers
write and read Swedish first, so the e-mails are in Swedish."""

from __future__ import annotations

import uuid
from collections.abc import Callable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from employers.models import Employer, EmployerInvitation, EmployerMembership
from notifications.services import email_queue_written
from portal.models import Organisation, StaffMembership

LANGUAGE = "sv"


def _url(name: str, **kwargs) -> str:
    with override(LANGUAGE):
        return settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)


def _mail(to: list[str], build: Callable[[], tuple[str, str]], *, kind: str) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with override(LANGUAGE):
        subject, body = build()
    cause = uuid.uuid4().hex[:12]  # each call is one cause: one e-mail per recipient
    for recipient in recipients:
        email_queue_written(
            key=f"employers:{kind}:{cause}:{recipient}"[:120],
            recipient=recipient,
            language=LANGUAGE,
            subject=str(subject),
            body=body,
        )


def employer_registered(pk: int) -> None:
    employer = Employer.objects.get(pk=pk)
    staff = StaffMembership.objects.filter(
        organisation_id=employer.organisation_id, role=StaffMembership.Role.COORDINATOR
    ).values_list("user__email", flat=True)
    desk = Organisation.objects.filter(pk=employer.organisation_id).values_list(
        "contact_email", flat=True
    )
    _mail(
        [*staff, *desk],
        lambda: (
            _("New employer to vet"),
            _("%(name)s has registered as an employer and waits for vetting:\n%(url)s")
            % {
                "name": employer.name,
                "url": settings.PUBLIC_BASE_URL
                + reverse("admin:employers_employer_change", args=[employer.pk]),
            },
        ),
        kind="registered",
    )


def employer_vetted(pk: int) -> None:
    employer = Employer.objects.get(pk=pk)
    admins = EmployerMembership.objects.filter(
        employer=employer, role=EmployerMembership.Role.ADMIN
    ).values_list("user__email", flat=True)
    if employer.status == Employer.Status.APPROVED:
        subject = _("Your organisation is approved")
        body = _("%(name)s is approved: your published job ads are now public.\n%(url)s")
    else:
        subject = _("Your registration was not approved")
        body = _("%(name)s was not approved. The reason is on your employer page:\n%(url)s")
    _mail(
        list(admins),
        lambda: (
            str(subject),
            body % {"name": employer.name, "url": _url("employers:account")},
        ),
        kind="vetted",
    )


def invitation_sent(pk: int) -> None:
    invitation = EmployerInvitation.objects.select_related("employer").get(pk=pk)
    if invitation.accepted_at is not None:
        return
    _mail(
        [invitation.email],
        lambda: (
            _("Invitation to act for %(name)s") % {"name": invitation.employer.name},
            _(
                "A colleague invites you to act for %(name)s on the International House "
                "portal. Sign in or create an account with this e-mail address, then accept:"
                "\n%(url)s"
            )
            % {
                "name": invitation.employer.name,
                "url": _url("employers:invitation", token=invitation.token),
            },
        ),
        kind="invitation",
    )


HANDLERS: dict[str, Callable[[int], None]] = {
    "employer_registered": employer_registered,
    "employer_vetted": employer_vetted,
    "invitation_sent": invitation_sent,
}


def send(kind: str, pk: int) -> None:
    HANDLERS[kind](pk)
