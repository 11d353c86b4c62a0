from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from demo import ambassadors, employers, hires, insights, markets, topics
from demo.directory import DEMO_PASSWORD, seed_directory

# Demo content in the order it depends on: topics (with guides and enquiries), then
# ambassadors (who need the directory and events), employers and their hires, the
# target-market example files; the dashboard's figures last.
SEEDERS = [topics, ambassadors, employers, hires, markets, insights]


class Command(BaseCommand):
    help = "Load the demo data (idempotent): municipalities, organisations, staff, newcomers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Seed even when DJANGO_ENV=production (demo accounts then need MFA).",
        )

    def handle(self, *args, allow_production: bool = False, **options) -> None:
        if settings.IS_PRODUCTION and not allow_production:
            raise CommandError(
                "Refusing to create demo accounts with DJANGO_ENV=production "
                "(pass --allow-production if you really mean it)."
            )
        summary = seed_directory()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo data ready: {summary.municipalities} municipalities, "
                f"{summary.organisations} organisations."
            )
        )
        for module in SEEDERS:
            module.seed(self.stdout)
        self.stdout.write(f"Every demo account has the password: {DEMO_PASSWORD}")
        self.stdout.write(f"  superuser: {summary.superuser}")
        for email in summary.staff:
            self.stdout.write(f"  staff:     {email}")
        for email in summary.newcomers:
            self.stdout.write(f"  newcomer:  {email}")
        if not settings.IS_PRODUCTION:
            self.stdout.write("Demo staff may skip two-factor setup outside production.")
