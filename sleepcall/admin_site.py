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
from django.template.defaultfilters import urlencode
from django.urls import get_script_prefix
from django.utils.translation import get_language
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


APP_LISTS_KEPT = 256


class AppList(list):
    """The app list with the key it is kept under: its HTML is kept under the same key."""

    key: tuple = ()


class SleepCallAdminSite(admin.AdminSite):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._app_lists: dict[tuple, list[dict]] = {}
        self._app_list_html: dict[tuple, str] = {}
        self._app_list_templates: dict[int, object] = {}

    def get_app_list(self, request, app_label=None):
        """Django builds this twice per admin page (the sidebar and the index), asking every ModelAdmin
        for its permissions and reversing its URLs: about a tenth of a page. What it shows follows only
        from the user's permissions (our has_*_permission checks read nothing else), the language, the
        URL prefix and the registry, so it is kept per process under exactly those."""
        user = request.user
        key = (
            app_label, user.is_active, user.is_staff, user.is_superuser,
            frozenset(user.get_all_permissions()) if user.is_active else frozenset(),
            get_language(), get_script_prefix(), tuple(map(id, self._registry.values())),
        )
        app_list = self._app_lists.get(key)
        if app_list is None:
            app_list = super().get_app_list(request, app_label)
            if len(self._app_lists) >= APP_LISTS_KEPT:
                self._app_lists.clear()
            self._app_lists[key] = app_list
        shown = AppList({**app, "models": [dict(model) for model in app["models"]]} for app in app_list)
        shown.key = key
        return shown

    def app_list_html(self, context) -> str:
        """admin/app_list.html rendered once per app list, language and highlighted entry, not per page:
        it was a seventh of the admin index. The request's path matters only through which app and model
        URLs it contains (Django's template marks those as current), so that is what the key holds."""
        engine = context.template.engine
        if id(engine) not in self._app_list_templates:
            ours = engine.find_template("admin/app_list.html")[1]
            self._app_list_templates[id(engine)] = engine.find_template("admin/app_list.html", skip=[ours])[0]
        original = self._app_list_templates[id(engine)]
        app_list, request = context.get("app_list"), context.get("request")
        if not isinstance(app_list, AppList) or request is None:
            return original.render(context)
        path = urlencode(request.path)
        current = tuple(
            url in path for app in app_list for url in (app["app_url"], *(m.get("admin_url") for m in app["models"]))
            if url
        )
        key = (app_list.key, bool(context.get("show_changelinks")), current)
        html = self._app_list_html.get(key)
        if html is None:
            html = original.render(context)
            if len(self._app_list_html) >= APP_LISTS_KEPT:
                self._app_list_html.clear()
            self._app_list_html[key] = html
        return html

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, WholeIds):
            admin_class = type(admin_class.__name__, (WholeIds, admin_class), {"__module__": admin_class.__module__})
        return super().register(model_or_iterable, admin_class, **options)


class SleepCallAdminConfig(AdminConfig):
    default_site = "sleepcall.admin_site.SleepCallAdminSite"
