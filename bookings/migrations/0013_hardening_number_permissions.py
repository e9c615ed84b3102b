"""Who may see contact numbers on staff pages: CS agents (bans follow the number, number changes) and
managers. Payment verifiers match transfers by name, amount and booking, so they see no numbers."""

import importlib

from django.db import migrations

NUMBER_PERMISSIONS = [
    ("bookings", "customer", "view_customer_number"),
    ("talents", "talent", "view_talent_number"),
]
GROUPS = ["CS agents", "Managers"]


def grant(apps, schema_editor):
    roles = importlib.import_module("bookings.migrations.0005_staff_permissions")
    Group = apps.get_model("auth", "Group")
    permissions = [roles._permission(apps, *triple) for triple in NUMBER_PERMISSIONS]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    codenames = [codename for _app, _model, codename in NUMBER_PERMISSIONS]
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.remove(*Permission.objects.filter(codename__in=codenames))


class Migration(migrations.Migration):
    dependencies = [("bookings", "0012_hardening_staff_number_views"), ("talents", "0004_hardening_staff_number_views")]
    operations = [migrations.RunPython(grant, revoke)]
