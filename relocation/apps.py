from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelocationConfig(AppConfig):
    name = "relocation"
    verbose_name = _("Relocation")

    def ready(self) -> None:
        from portal.privacy import provider_register
        from relocation import page_cache_signals, privacy

        page_cache_signals.connect()
        provider_register(privacy.RELOCATION)
