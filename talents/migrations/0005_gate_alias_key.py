"""Aliases unique as people read them: a folded key column with a unique constraint.

Existing talents get their key; if two existing aliases already fold to one key, the later ones get a
"~<id>" suffix so the migration passes — staff should rename them (their next save refuses the clash).
"""

from django.db import migrations, models

import sleepcall.contact_handles
import sleepcall.names


def fill_alias_keys(apps, schema_editor):
    Talent = apps.get_model("talents", "Talent")
    seen: set[str] = set()
    for talent in Talent.objects.order_by("pk").only("pk", "display_name"):
        key = sleepcall.names.alias_key(talent.display_name)[:240]
        if key in seen:
            key = f"{key[:230]}~{talent.pk}"
        seen.add(key)
        Talent.objects.filter(pk=talent.pk).update(alias_key=key)


class Migration(migrations.Migration):
    dependencies = [
        ("talents", "0004_hardening_staff_number_views"),
    ]

    operations = [
        migrations.AddField(
            model_name="talent",
            name="alias_key",
            field=models.CharField(default="", editable=False, max_length=240, verbose_name="alias key"),
            preserve_default=False,
        ),
        migrations.RunPython(fill_alias_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="talent",
            name="alias_key",
            field=models.CharField(editable=False, max_length=240, unique=True, verbose_name="alias key"),
        ),
        migrations.AlterField(
            model_name="talent",
            name="bio",
            field=models.TextField(
                blank=True, validators=[sleepcall.contact_handles.validate_no_contact_handle], verbose_name="bio"
            ),
        ),
        migrations.AlterField(
            model_name="talent",
            name="display_name",
            field=models.CharField(
                help_text="Talents work under an alias.",
                max_length=60,
                validators=[sleepcall.names.validate_plain_name, sleepcall.contact_handles.validate_no_contact_handle],
                verbose_name="alias",
            ),
        ),
    ]
