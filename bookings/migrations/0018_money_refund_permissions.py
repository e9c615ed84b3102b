"""The refunds list and cancellation requests: managers get every permission of the new models."""

import importlib

from django.db import migrations

ROLES = importlib.import_module("bookings.migrations.0005_staff_permissions")
NEW = [("refund", "view_refund"), ("cancellationrequest", "view_cancellationrequest")]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    managers, _ = Group.objects.get_or_create(name="Managers")
    managers.permissions.add(*[ROLES._permission(apps, "bookings", model, codename) for model, codename in NEW])


class Migration(migrations.Migration):
    dependencies = [("bookings", "0017_money_refunds_reschedule")]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
