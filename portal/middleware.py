from __future__ import annotations

from collections.abc import Callable

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode


class SecurityHeadersMiddleware:
    """Headers Django has no setting for, on every response (HTML, static, admin)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", settings.SECURE_REFERRER_POLICY)
        response.headers.setdefault(
            "Cross-Origin-Opener-Policy", settings.SECURE_CROSS_ORIGIN_OPENER_POLICY
        )
        # Signed-in pages can show personal data: never keep them in a shared cache.
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and "Cache-Control" not in response.headers
            and not request.path.startswith(settings.STATIC_URL)
        ):
            response.headers["Cache-Control"] = "no-store"
        return response


def staff_needs_mfa(user) -> bool:
    """True when a staff user may not use the admin until TOTP is set up."""
    if not (user.is_authenticated and user.is_staff and settings.STAFF_MFA_REQUIRED):
        return False
    if user.is_demo and not settings.IS_PRODUCTION:
        return False
    return not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class StaffMFARequiredMiddleware:
    """Sends staff without an activated TOTP authenticator to set one up.

    The admin login itself is routed through allauth (see config/urls.py), so the
    login rate limits and the MFA step of allauth's login flow apply to staff too.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.admin_prefix = "/admin/"

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith(self.admin_prefix) and staff_needs_mfa(request.user):
            url = reverse("mfa_activate_totp")
            return HttpResponseRedirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)
