"""Public talent pages: the list with filters, and one talent's profile."""

from __future__ import annotations

from django import forms
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from bookings.models import Package
from bookings.views.access import customer_of
from talents.catalogue import STARTS_TTL, card_fragments, excluded_for, matching_ids
from talents.freshness import catalogue_version
from talents.models import Language
from talents.profile import profile_parts

PER_PAGE = 24  # a page of cards: the list costs the same for 20 talents or 2,000


class TalentFilter(forms.Form):
    tonight = forms.BooleanField(label=_("Free tonight"), required=False)
    package = forms.ModelChoiceField(
        label=_("Package"), queryset=Package.objects.active(), required=False, empty_label=_("Any package")
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("Any language")), *Language.choices]
    )


def filter_fields(form: TalentFilter, package: Package | None, language: str | None, version: str) -> SafeString:
    """The package and language fields as HTML. Their options are the catalogue's packages, so a
    valid choice is rendered once per catalogue change and language; a form with errors every time."""
    if form.is_bound and form.errors:
        return mark_safe(f"{form['package'].as_field_group()}{form['language'].as_field_group()}")  # noqa: S308
    key = ":".join(("catalogue:filters", version, translation.get_language() or "-",
                    str(package.pk if package else "-"), language or "-"))
    html = cache.get(key)
    if html is None:
        html = f"{form['package'].as_field_group()}{form['language'].as_field_group()}"
        cache.set(key, html, STARTS_TTL)
    return mark_safe(html)  # noqa: S308 (the form's own widgets)


def talent_list(request: HttpRequest) -> HttpResponse:
    form = TalentFilter(request.GET or None)
    tonight = package = language = None
    if form.is_valid():
        tonight = form.cleaned_data["tonight"]
        package = form.cleaned_data["package"]
        language = form.cleaned_data["language"]
    customer, now = customer_of(request), timezone.now()
    version = catalogue_version()  # one read for the free starts, the cards and the filter
    ids = matching_ids(customer, now=now, package=package, language=language, tonight=bool(tonight), version=version)
    page = Paginator(ids, PER_PAGE).get_page(request.GET.get("page"))
    cards = card_fragments(
        list(page.object_list), customer, now=now, package=package, template="talents/_card.html", version=version
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "talents/list.html", {
        "form": form, "fields": filter_fields(form, package, language, version), "cards": cards, "page": page,
        "count": len(ids), "query": query.urlencode(),
    })


def talent_detail(request: HttpRequest, slug: str) -> HttpResponse:
    customer = customer_of(request)
    if excluded_for(customer, slug):
        raise Http404  # this talent chose not to be booked by this customer again
    parts = profile_parts(slug, now=timezone.now(), zone=request.zone)
    if parts is None:
        raise Http404
    return render(request, "talents/detail.html", {"profile": parts})
