"""CS agents see the talents' own exclusions (they settle disputes); managers hold every permission on them."""

import importlib

from django.db import migrations

ROLES = importlib.import_module("bookings.migrations.0005_staff_permissions")
CS_AGENTS = [("bookings", "talentexclusion", "view_talentexclusion")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    manager_triples = [("bookings", "talentexclusion", f"{a}_talentexclusion") for a in ("add", "change", "delete",
                                                                                          "view")]
    for name, triples in (("CS agents", CS_AGENTS), ("Managers", manager_triples)):
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(*[ROLES._permission(apps, *triple) for triple in triples])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="bookings", content_type__model="talentexclusion").delete()


class Migration(migrations.Migration):
    dependencies = [("bookings", "0010_routine_session_routine")]
    operations = [migrations.RunPython(grant, revoke)]
