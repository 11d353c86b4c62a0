from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("Directory")

    def ready(self) -> None:
        from portal import privacy

        privacy.provider_register(privacy.DIRECTORY)
