from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AmbassadorsConfig(AppConfig):
    name = "ambassadors"
    verbose_name = _("Ambassadors")

    def ready(self) -> None:
        from ambassadors import privacy
        from portal.privacy import provider_register

        provider_register(privacy.AMBASSADORS)
