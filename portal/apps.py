from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from allauth.account.signals import password_reset

        from portal import account_adapter, privacy

        privacy.provider_register(privacy.DIRECTORY)
        password_reset.connect(
            account_adapter.login_failures_forget, dispatch_uid="portal-login-failures-forget"
        )
