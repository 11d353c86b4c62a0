from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HiresConfig(AppConfig):
    name = "hires"
    verbose_name = _("International hires")

    def ready(self) -> None:
        from hires import privacy
        from portal.privacy import provider_register

        provider_register(privacy.HIRES)
