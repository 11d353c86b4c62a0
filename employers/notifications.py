"""E-mails about employers: registration (to the vetting staff), the vetting decision,
invitations and job ads closed at their deadline. One small function each, called
by the services inside the transaction that causes the e-mail: each recipient's
e-mail is an outbox row (``notifications``), sent after commit and swept if the
broker lost it. Each is written in its recipient's language: an employer user's
(``EmployerMembership.language``), an invitation's (the inviter's), and Swedish
for the staff who vet."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language, override
from django.utils.translation import gettext as _

from employers.models import Employer, EmployerInvitation, EmployerMembership, Job
from notifications.services import email_queue_written, interface_language
from portal.models import Organisation, StaffMembership

#: The language of the e-mails to the staff who vet.
STAFF_LANGUAGE = "sv"


def _url(name: str, **kwargs) -> str:
    """The page in the active language (the e-mail's, inside ``_mail``)."""
    return settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)


def _mail(
    to: Iterable[tuple[str, str]], build: Callable[[], tuple[str, str]], *, kind: str
) -> None:
    """One e-mail per (address, language), each written in its own language."""
    recipients = dict(sorted((address, language) for address, language in to if address))
    cause = uuid.uuid4().hex[:12]  # each call is one cause: one e-mail per recipient
    for recipient, language in recipients.items():
        language = interface_language(language)
        with override(language):
            subject, body = build()
        email_queue_written(
            key=f"employers:{kind}:{cause}:{recipient}"[:120],
            recipient=recipient,
            language=language,
            subject=str(subject),
            body=body,
        )


def _admins(employer_id: int) -> list[tuple[str, str]]:
    """The employer's administrators, each with their language."""
    return list(
        EmployerMembership.objects.filter(
            employer_id=employer_id, role=EmployerMembership.Role.ADMIN
        ).values_list("user__email", "language")
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
        [(address, STAFF_LANGUAGE) for address in [*staff, *desk]],
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
    approved = employer.status == Employer.Status.APPROVED

    def build() -> tuple[str, str]:
        values = {"name": employer.name, "url": _url("employers:account")}
        if approved:
            return (
                _("Your organisation is approved"),
                _("%(name)s is approved: your published job ads are now public.\n%(url)s") % values,
            )
        return (
            _("Your registration was not approved"),
            _("%(name)s was not approved. The reason is on your employer page:\n%(url)s") % values,
        )

    _mail(_admins(employer.pk), build, kind="vetted")


def invitation_sent(pk: int) -> None:
    invitation = EmployerInvitation.objects.select_related("employer").get(pk=pk)
    if invitation.accepted_at is not None:
        return
    _mail(
        [(invitation.email, invitation.language)],
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


def job_closed(pk: int) -> None:
    """A published ad reached its deadline and closed: its administrators are told."""
    job = Job.objects.select_related("employer").get(pk=pk)

    def build() -> tuple[str, str]:
        title = job.title(get_language())
        return (
            _("Your job ad has closed: %(title)s") % {"title": title},
            _(
                "The deadline of your job ad %(title)s has passed, so it is closed and no "
                "longer listed. Its page tells readers it is closed. Your ads:\n%(url)s"
            )
            % {"title": title, "url": _url("employers:account")},
        )

    _mail(_admins(job.employer_id), build, kind="job_closed")


HANDLERS: dict[str, Callable[[int], None]] = {
    "employer_registered": employer_registered,
    "employer_vetted": employer_vetted,
    "invitation_sent": invitation_sent,
    "job_closed": job_closed,
}


def send(kind: str, pk: int) -> None:
    HANDLERS[kind](pk)
