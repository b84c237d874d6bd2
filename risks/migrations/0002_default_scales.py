"""The council's risk matrix as printed on the December 2012 directorate register.

Seeded as data so it can be changed in the admin; a later change there is not undone by this migration.
"""

from django.db import migrations

LIKELIHOOD = ["Very Unlikely", "Unlikely", "Possible", "Likely", "Very Likely"]
IMPACT = ["Minor", "Moderate", "Significant", "Serious", "Major"]
BANDS = [("Low", "low", 1, 6), ("Medium", "medium", 8, 15), ("High", "high", 16, 25)]


def seed(apps, schema_editor):
    ScaleLevel = apps.get_model("risks", "ScaleLevel")
    Band = apps.get_model("risks", "Band")
    for kind, labels in (("likelihood", LIKELIHOOD), ("impact", IMPACT)):
        for value, label in enumerate(labels, start=1):
            ScaleLevel.objects.get_or_create(kind=kind, value=value, defaults={"label": label})
    for name, tone, lower, upper in BANDS:
        Band.objects.get_or_create(name=name, defaults={"tone": tone, "lower": lower, "upper": upper})


class Migration(migrations.Migration):
    dependencies = [("risks", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
