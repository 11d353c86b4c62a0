"""Load the salary-floor rules of docs/EMPLOYERS.md (staff keep them up to date)."""

from django.db import migrations


def load(apps, schema_editor):
    from hires.rules import rules_load

    rules_load(apps.get_model("hires", "SalaryFloorRule"))


class Migration(migrations.Migration):
    dependencies = [("hires", "0001_hires_referrals_checklist_rules")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
