"""E-mails about employers: registration (to the vetting staff), the vetting decision
and invitations. One small function each, called from the ``notify`` task with ids;
they go out through Django's mail today and move to the notifications outbox later.
Employers write and read Swedish first, so the e-mails are in Swedish."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import override

from employers.models import Employer, EmployerInvitation, EmployerMembership
from portal.models import Organisation, StaffMembership

LANGUAGE = "sv"


def _url(name: str, **kwargs) -> str:
    with override(LANGUAGE):
        return settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)


def _mail(to: list[str], build: Callable[[], tuple[str, str]]) -> None:
    recipients = sorted({address for address in to if address})
    if not recipients:
        return
    with override(LANGUAGE):
        subject, body = build()
    send_mail(subject, body, None, recipients)


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
    )


HANDLERS: dict[str, Callable[[int], None]] = {
    "employer_registered": employer_registered,
    "employer_vetted": employer_vetted,
    "invitation_sent": invitation_sent,
}


def send(kind: str, pk: int) -> None:
    HANDLERS[kind](pk)
