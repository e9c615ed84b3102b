"""Contact numbers on staff pages: shown only to the roles whose work needs them, and every page
that shows one writes it to the disclosure log (lists, searches and change pages alike)."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.admin.utils import unquote
from django.http import HttpRequest

from bookings.contact import StaffSight, log_staff_views


class ShowsNumbers:
    """Mix into a ModelAdmin whose columns, fields or search reveal a contact number."""

    number_permission: str
    number_columns: tuple[str, ...] = ()  # list_display entries that show a number
    number_fields: tuple[str, ...] = ()  # change-page fields that show one
    number_lookups: tuple[str, ...] = ()  # search_fields that find by one (an oracle even if not shown)

    def numbers_shown(self, obj) -> Iterable[StaffSight]:
        raise NotImplementedError

    def may_see_numbers(self, request: HttpRequest) -> bool:
        return request.user.has_perm(self.number_permission)

    def get_list_display(self, request):
        columns = super().get_list_display(request)
        return columns if self.may_see_numbers(request) else [c for c in columns if c not in self.number_columns]

    def get_search_fields(self, request):
        lookups = super().get_search_fields(request)
        return lookups if self.may_see_numbers(request) else [f for f in lookups if f not in self.number_lookups]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        return fields if self.may_see_numbers(request) else [f for f in fields if f not in self.number_fields]

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        changelist = getattr(response, "context_data", {}).get("cl")
        if changelist is not None and self.number_columns and self.may_see_numbers(request):
            query = changelist.query
            place = f"admin {self.opts.model_name} list" + (f", search “{query}”" if query else "")
            log_staff_views(viewer=request.user, place=place,
                            shown=[s for obj in changelist.result_list for s in self.numbers_shown(obj)])
        return response

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200 and self.number_fields \
                and self.may_see_numbers(request):
            obj = self.get_object(request, unquote(object_id))
            if obj is not None:
                log_staff_views(viewer=request.user, place=f"admin {self.opts.model_name} #{obj.pk}",
                                shown=list(self.numbers_shown(obj)))
        return response
