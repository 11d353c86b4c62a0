import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from insights.services import insights_refresh


class Command(BaseCommand):
    help = "Recompute the dashboard's daily figures for a range of days (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--since", help="first day, YYYY-MM-DD (default: 400 days ago)")
        parser.add_argument("--until", help="last day, YYYY-MM-DD (default: today)")
        parser.add_argument("--chunk", type=int, default=31, help="days per transaction")

    def handle(self, *args, **options):
        today = timezone.localdate()
        try:
            first = dt.date.fromisoformat(options["since"]) if options["since"] else None
            last = dt.date.fromisoformat(options["until"]) if options["until"] else today
        except ValueError as exc:
            raise CommandError(f"Dates are YYYY-MM-DD: {exc}") from exc
        first = first or today - dt.timedelta(days=400)
        if first > last:
            raise CommandError("--since is after --until.")
        total = 0
        start = first
        while start <= last:
            end = min(last, start + dt.timedelta(days=options["chunk"] - 1))
            total += insights_refresh(first=start, last=end)
            start = end + dt.timedelta(days=1)
        self.stdout.write(f"{total} daily facts written for {first} … {last}.")
