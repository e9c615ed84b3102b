"""The public profile (alias, bio, photo, languages, packages) and the work-number change request."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from bookings.errors import BookingError
from talents.workspace.access import talent_required
from talents.workspace.forms import NumberChangeForm, ProfileForm
from talents.workspace.services import request_number_change, update_profile


@require_http_methods(["GET", "HEAD", "POST"])
@talent_required
@never_cache
def profile(request: HttpRequest) -> HttpResponse:
    talent = request.talent
    initial = {
        "alias": talent.display_name,
        "bio": talent.bio,
        "languages": talent.languages,
        "packages": list(talent.packages.active()),
    }
    form = ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_profile(
                    talent=talent, alias=data["alias"], bio=data["bio"], languages=data["languages"],
                    packages=list(data["packages"]), photo=data["photo"] or None,
                )
            except BookingError as error:
                form.add_error("photo", str(error))
            else:
                messages.success(request, _("Your profile is saved."))
                return redirect("workspace:profile")
        status = 400
    return render(request, "workspace/profile.html", {"form": form, "talent": talent}, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@talent_required
@never_cache
def number(request: HttpRequest) -> HttpResponse:
    talent = request.talent
    form = NumberChangeForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                request_number_change(
                    talent=talent, new_number=form.cleaned_data["new_number"], reason=form.cleaned_data["reason"]
                )
            except BookingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(
                    request, _("Request sent. Until the admin team approves it, customers see your current number.")
                )
                return redirect("workspace:number")
        status = 400
    context = {"form": form, "talent": talent, "requests": talent.number_change_requests.all()[:10]}
    return render(request, "workspace/number.html", context, status=status)
