"""Give the three staff groups their permissions: each sees and does only its part.

Code checks permissions, never group names; these groups are only the usual bundles.
Permissions are created here because post_migrate (which normally creates them) runs later.
"""

from django.db import migrations

VIEW_WORK = [
    ("bookings", "booking", "view_booking"),
    ("bookings", "payment", "view_payment"),
    ("bookings", "customer", "view_customer"),
    ("bookings", "bookingevent", "view_bookingevent"),
    ("talents", "talent", "view_talent"),
]

ROLES = {
    "Payment verifiers": VIEW_WORK + [
        ("bookings", "payment", "verify_payment"),
        ("bookings", "payment", "view_proof"),
        ("bookings", "booking", "refund_booking"),
        ("bookings", "statementimport", "view_statementimport"),
        ("bookings", "statementimport", "add_statementimport"),
        ("bookings", "statementline", "view_statementline"),
        ("bookings", "bankaccount", "view_bankaccount"),
    ],
    "CS agents": VIEW_WORK + [
        ("bookings", "customer", "ban_customer"),
        ("bookings", "ban", "view_ban"),
        ("bookings", "report", "view_report"),
        ("bookings", "report", "decide_report"),
        ("bookings", "booking", "cancel_booking"),
        ("bookings", "booking", "end_session"),
        ("bookings", "contactgrant", "view_contactgrant"),
        ("bookings", "contactdisclosure", "view_contactdisclosure"),
        ("bookings", "package", "view_package"),
        ("talents", "numberchangerequest", "view_numberchangerequest"),
        ("talents", "numberchangerequest", "change_numberchangerequest"),
        ("talents", "timeoff", "view_timeoff"),
    ],
}
MANAGER_APPS = ["bookings", "talents"]  # managers hold every permission of these apps


def _name(apps, app_label, model, codename):
    """The name Django itself would give the permission (post_migrate never renames it later)."""
    meta = apps.get_model(app_label, model)._meta
    custom = dict(meta.permissions)
    if codename in custom:
        return str(custom[codename])
    action = codename.split("_", 1)[0]
    return f"Can {action} {meta.verbose_name_raw}"


def _permission(apps, app_label, model, codename):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": _name(apps, app_label, model, codename)[:255]}
    )
    return permission


def _all_permissions(apps, app_label):
    for model in apps.get_app_config(app_label).get_models():
        name = model._meta.model_name
        for action in ("add", "change", "delete", "view"):
            yield app_label, name, f"{action}_{name}"
        for codename, _label in model._meta.permissions:
            yield app_label, name, codename


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    roles = dict(ROLES)
    roles["Managers"] = [triple for label in MANAGER_APPS for triple in _all_permissions(apps, label)]
    for group_name, triples in roles.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.set([_permission(apps, *triple) for triple in triples])


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for group in Group.objects.filter(name__in=[*ROLES, "Managers"]):
        group.permissions.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("bookings", "0004_staff_operations"),
        ("talents", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]
    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
