from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidesConfig(AppConfig):
    name = "guides"
    # The label of the app the guides were written in before the apps were split:
    # it keeps the tables, content types, permissions and migration history of
    # databases migrated before the split.
    label = "relocation"
    verbose_name = _("Guides")

    def ready(self) -> None:
        from guides import page_cache_signals, privacy
        from portal.privacy import provider_register

        page_cache_signals.connect()
        provider_register(privacy.GUIDES)
