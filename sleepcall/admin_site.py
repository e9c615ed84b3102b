"""The site's admin: one place where a wrong object id in any admin URL becomes a 404.

Django's own admin pages send a missing object back to the index with a message, and a custom
change view that filters on the raw id (`pk="abc"`) raised a 500. Every ModelAdmin registered here,
ours or a library's, gets `WholeIds` mixed in, so a new admin cannot forget it.
"""

from __future__ import annotations

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.contrib.admin.utils import unquote
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.http import Http404
from django.utils.translation import gettext as _


class WholeIds:
    """Refuse, as not found, an object id that no row of the model can have, before any view reads it."""

    def _check_object_id(self, object_id: str) -> None:
        field = self.model._meta.pk
        try:
            value = field.to_python(unquote(object_id))
        except (ValidationError, ValueError, TypeError) as error:
            raise Http404(_("No such record.")) from error
        if isinstance(field, models.IntegerField):
            low, high = connection.ops.integer_field_range(field.get_internal_type())
            if (low is not None and value < low) or (high is not None and value > high):
                raise Http404(_("No such record."))

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404(_("No such record."))

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self._check_object_id(object_id)
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self._check_object_id(object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self._check_object_id(object_id)
        return super().history_view(request, object_id, extra_context)


class SleepCallAdminSite(admin.AdminSite):
    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, WholeIds):
            admin_class = type(admin_class.__name__, (WholeIds, admin_class), {"__module__": admin_class.__module__})
        return super().register(model_or_iterable, admin_class, **options)


class SleepCallAdminConfig(AdminConfig):
    default_site = "sleepcall.admin_site.SleepCallAdminSite"
