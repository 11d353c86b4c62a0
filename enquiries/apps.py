from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnquiriesConfig(AppConfig):
    name = "enquiries"
    verbose_name = _("Enquiries")

    def ready(self) -> None:
        from enquiries import privacy
        from portal.privacy import provider_register

        provider_register(privacy.ENQUIRIES)
