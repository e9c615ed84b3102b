"""Managers close payout weeks and record payouts (code checks the permission, never the group)."""

import importlib

from django.db import migrations

ROLES = importlib.import_module("bookings.migrations.0005_staff_permissions")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name="Managers")
    group.permissions.add(*[ROLES._permission(apps, *triple) for triple in ROLES._all_permissions(apps, "payouts")])


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name="Managers"):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="payouts"))


class Migration(migrations.Migration):
    dependencies = [
        ("payouts", "0001_money_payouts"),
        ("bookings", "0005_staff_permissions"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
