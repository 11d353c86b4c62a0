"""E-mails about hires, each an outbox row written in the transaction that causes it
and in its recipient's language: the invitation (the language the employer chose for
the hire), step reminders (each employer user's), check-ins (the hire's, the
partner's, the employer user's). Links that open something carry their token as
``?t=``, which the outbox strips from a sent e-mail's stored body."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import override

from employers.models import EmployerMembership
from hires.models import CheckIn, HireReferral
from notifications.services import email_queue_written, interface_language, recipient_key


def _url(name: str, *, token: str = "", **kwargs) -> str:
    url = settings.PUBLIC_BASE_URL + reverse(name, kwargs=kwargs or None)
    return f"{url}?{urlencode({'t': token})}" if token else url


def _queue(
    *, key: str, recipient: str, language: str, build: Callable[[], tuple[str, str]]
) -> None:
    language = interface_language(language)
    with override(language):
        subject, body = build()
    email_queue_written(
        key=key[:120], recipient=recipient, language=language, subject=str(subject), body=body
    )


def invitation_key_prefix(referral: HireReferral) -> str:
    return f"hires:invitation:{referral.pk}:"


def invitation(referral: HireReferral, token: str) -> None:
    """The invitation to the hire, in the language the employer chose."""

    def build() -> tuple[str, str]:
        values = {
            "employer": referral.employer.name,
            "url": _url("hires:invitation", token=token),
            "days": settings.HIRE_INVITATION_DAYS,
        }
        return (
            _("%(employer)s invites you to the International House portal") % values,
            _(
                "Welcome! %(employer)s, your new employer, has asked the International House "
                "Jämtland Härjedalen to help you and your family with the move: a move plan "
                "for your situation, an ambassador who lives here, and guides in your "
                "language.\n\nCreate an account or sign in, then accept — or decline, and we "
                "forget your address:\n%(url)s\n\nThe link works for %(days)s days. Your "
                "employer sees only whether you accepted, never your plan or your answers."
            )
            % values,
        )

    _queue(
        key=f"{invitation_key_prefix(referral)}{referral.times_sent}",
        recipient=referral.email,
        language=referral.language,
        build=build,
    )


def employer_people(referral: HireReferral) -> list[tuple[str, str]]:
    """The referring person if they still act for the employer, else its administrators."""
    people = EmployerMembership.objects.filter(employer_id=referral.employer_id)
    own = people.filter(user_id=referral.referred_by_id)
    if not own.exists():
        own = people.filter(role=EmployerMembership.Role.ADMIN)
    return list(own.values_list("user__email", "language"))


def step_reminder(referral: HireReferral, *, step_title: Promise, due, pk: int) -> None:
    """``step_title`` is lazy: each e-mail writes it in its recipient's language."""
    for address, language in employer_people(referral):

        def build(language=language) -> tuple[str, str]:
            values = {
                "step": str(step_title),
                "due": date_format(due, "DATE_FORMAT"),
                "occupation": referral.occupation.label(language),
                "url": _url("hires:detail", pk=referral.pk),
            }
            return (
                _("Due %(due)s: %(step)s") % values,
                _(
                    "A step of the checklist for your new hire (%(occupation)s) is due on "
                    "%(due)s: %(step)s.\n\nThe checklist, with what the step asks and the "
                    "authority's page:\n%(url)s"
                )
                % values,
            )

        _queue(
            key=f"hires:reminder:{pk}:{recipient_key(address)}",
            recipient=address,
            language=language,
            build=build,
        )


def check_in(check_in: CheckIn, *, recipient: str, language: str, token: str) -> None:
    referral = check_in.referral

    def build() -> tuple[str, str]:
        values = {
            "months": check_in.months,
            "employer": referral.employer.name,
            "url": _url("hires:check_in", token=token),
        }
        if check_in.respondent == CheckIn.Respondent.EMPLOYER:
            return (
                _("Is your international hire still with you?"),
                _(
                    "It is %(months)s months since your new hire started. Is the person still "
                    "with you, and what would have helped? Two questions, one minute:\n"
                    "%(url)s\n\nThe answers are counted together with others', to improve the "
                    "help for employers. One click on the page stops these questions."
                )
                % values,
            )
        return (
            _("%(months)s months in Jämtland Härjedalen: how is it going?") % values,
            _(
                "It is %(months)s months since the start of the job at %(employer)s. Are you "
                "still here, and what would have helped? Two questions, one minute:\n%(url)s"
                "\n\nYour employer never sees your answers. One click on the page stops these "
                "questions for good."
            )
            % values,
        )

    _queue(
        key=f"hires:check_in:{check_in.pk}",
        recipient=recipient,
        language=language,
        build=build,
    )
