"""The access matrix: every route of the URLconf, classified once, requested as everyone who is not its owner.

A route the table below does not classify fails the test: whoever adds a route says who may open it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from django.apps import apps
from django.contrib import admin
from django.test import Client, RequestFactory
from django.urls import URLResolver, get_resolver

from bookings import permissions
from support import permissions as desk

pytestmark = pytest.mark.django_db

DENIED = {403, 404}
HUGE = "99999999999999999999"  # beyond bigint
ADMIN_MODEL = re.compile(
    r"^admin/(?P<app>\w+)/(?P<model>\w+)/(?:(?P<object><path:object_id>/)(?:history/|delete/|change/)?|add/)?$")


@dataclass(frozen=True)
class Rule:
    """Who may open a route: `owner` names the world's object its ids point at; `staff_perm` lets staff in."""

    owner: str | None = None  # "customer", "talent", or None for a route with no object of a person
    method: str = "get"
    staff_perm: str | None = None
    visitor: str = "login"  # what a visitor meets: "login" (redirect) or "404"
    requested: bool = True  # False: no id of a person's object (public slugs, tokens, plain pages)


PAGE = Rule(requested=False)


def decision(permission: str) -> Rule:
    """A staff decision in the admin: POST only, one permission."""
    return Rule(owner="admin", method="post", staff_perm=permission)


CUSTOMER = Rule(owner="customer")
CUSTOMER_POST = Rule(owner="customer", method="post")
TALENT_POST = Rule(owner="talent", method="post")
TALENT = Rule(owner="talent")

# Every route of the site, by its pattern. Admin model pages (changelist/add/change/delete/history) are
# classified by ADMIN_MODEL and answer by the staff member's model permissions; custom admin views are here.
ROUTES: dict[str, Rule] = {
    "i18n/setlang/": PAGE, "accounts/login/": PAGE, "accounts/logout/": PAGE, "accounts/password_change/": PAGE,
    "accounts/password_change/done/": PAGE, "accounts/password_reset/": PAGE, "accounts/password_reset/done/": PAGE,
    "accounts/reset/<uidb64>/<token>/": PAGE,  # a signed token, not an id: Django checks it
    "accounts/reset/done/": PAGE, "accounts/welcome/": PAGE,
    "workspace/": PAGE, "workspace/week/": PAGE, "workspace/past/": PAGE, "workspace/reports/": PAGE,
    "workspace/schedule/": PAGE, "workspace/schedule/time-off/": PAGE, "workspace/profile/": PAGE,
    "workspace/profile/number/": PAGE,
    "workspace/sessions/<id:pk>/": TALENT,
    "workspace/sessions/<id:pk>/unblocked/": TALENT_POST,
    "workspace/sessions/<id:pk>/blocked/": TALENT_POST,
    "workspace/sessions/<id:pk>/wrote-first/": TALENT_POST,
    "workspace/sessions/<id:pk>/not-again/": TALENT_POST,
    "workspace/sessions/<id:pk>/end/": TALENT_POST,
    "workspace/sessions/<id:pk>/report/": TALENT_POST,
    "workspace/schedule/time-off/<id:pk>/remove/": TALENT_POST,
    "talents/": PAGE, "talents/<slug:slug>/": PAGE,  # public profiles
    "proofs/<id:payment_id>/": Rule(owner="customer", staff_perm=permissions.VIEW_PROOF, visitor="404"),
    "messages/": PAGE,
    "messages/<id:pk>/seen/": CUSTOMER_POST,
    "help/": PAGE, "help/new/": PAGE,
    "help/<id:pk>/": CUSTOMER,
    "help/<id:pk>/rate/": Rule(owner="customer", method="post", visitor="404"),
    "help/<id:pk>/image/<id:message_pk>/": Rule(owner="customer", staff_perm=desk.VIEW, visitor="404"),
    "": PAGE, "zone/": PAGE, "book/confirm/": PAGE, "book/<slug:slug>/": PAGE, "bookings/": PAGE,
    "bookings/<id:pk>/": CUSTOMER,
    "bookings/<id:pk>/pay/": CUSTOMER,
    "bookings/<id:pk>/top-up/": CUSTOMER,
    "bookings/<id:pk>/rules/": CUSTOMER_POST,
    "bookings/<id:pk>/cancel/": CUSTOMER,
    "bookings/<id:pk>/move/": CUSTOMER,
    "bookings/<id:pk>/cancel-request/": CUSTOMER,
    "bookings/<id:pk>/refund-account/": CUSTOMER_POST,
    "signup/": PAGE, "account/": PAGE, "healthz": PAGE, "favicon.ico": PAGE, "^media/(?P<path>.*)$": PAGE,
    # The admin's own pages and catch-alls.
    "admin/": PAGE, "admin/login/": PAGE, "admin/logout/": PAGE, "admin/password_change/": PAGE,
    "admin/password_change/done/": PAGE, "admin/autocomplete/": PAGE, "admin/jsi18n/": PAGE,
    "admin/(?P<url>.*)$": PAGE,
    "admin/^(?P<app_label>auth|axes|bookings|talents|payouts|notifications|support)/$": PAGE,
    "admin/payouts/payoutweek/close/": PAGE, "admin/support/conversation/figures/": PAGE,
    "admin/bookings/statementimport/add/columns/": PAGE,  # an upload token of its uploader's, not an id
    "admin/r/<path:content_type_id>/<path:object_id>/": Rule(owner="admin", staff_perm="*"),
    # Custom admin views on one object: staff with the named permission only.
    "admin/auth/user/<id>/password/": Rule(owner="admin", staff_perm="auth.change_user"),
    "admin/bookings/booking/<id:object_id>/end-early/": decision(permissions.END_SESSION),
    "admin/bookings/booking/<id:object_id>/cancel/": decision(permissions.CANCEL_BOOKING),
    "admin/bookings/booking/<id:object_id>/whatsapp/<slug:kind>/": Rule(owner="admin", staff_perm="*"),
    "admin/bookings/booking/<id:object_id>/refunded/": decision(permissions.REFUND_BOOKING),
    "admin/bookings/booking/<id:object_id>/refund-session/": decision(permissions.CANCEL_BOOKING),
    "admin/bookings/customer/<id:object_id>/ban/": decision(permissions.BAN_CUSTOMER),
    "admin/bookings/customer/<id:object_id>/unban/": decision(permissions.BAN_CUSTOMER),
    "admin/bookings/payment/<id:object_id>/verify/": decision(permissions.VERIFY_PAYMENT),
    "admin/bookings/payment/<id:object_id>/reject/": decision(permissions.VERIFY_PAYMENT),
    "admin/bookings/payment/<id:object_id>/claim/": decision(permissions.VERIFY_PAYMENT),
    "admin/bookings/report/<id:object_id>/decide/": decision(permissions.DECIDE_REPORT),
    "admin/bookings/statementimport/<id:object_id>/confirm/": decision(permissions.IMPORT_STATEMENT),
    "admin/bookings/statementimport/line/<id:object_id>/assign/": decision(permissions.VERIFY_PAYMENT),
    "admin/support/conversation/<id:object_id>/act/": decision(desk.VIEW),
    "admin/support/conversation/<id:object_id>/image/<id:message_pk>/": Rule(owner="admin", staff_perm=desk.VIEW),
}


def every_route(resolver=None, prefix=""):
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            yield from every_route(pattern, prefix + str(pattern.pattern))
        else:
            yield prefix + str(pattern.pattern)


def classify(route: str) -> Rule | None:
    if route in ROUTES:
        return ROUTES[route]
    match = ADMIN_MODEL.match(route)
    if match and apps.all_models.get(match["app"], {}).get(match["model"]):
        return Rule(owner="admin-model", staff_perm="model") if match["object"] else PAGE
    return None


def test_every_id_route_takes_a_bounded_id():
    """`<int:...>` takes any digits, and 20 of them overflow the lookup: our routes say `<id:...>`."""
    unbounded = sorted(route for route in every_route() if "<int:" in route)
    assert not unbounded, "use <id:...> (sleepcall/converters.py), not <int:...>, in: " + ", ".join(unbounded)


def test_every_route_is_classified():
    unclassified = sorted({route for route in every_route() if classify(route) is None})
    assert not unclassified, (
        "These routes are not in the access matrix (tests/access/test_matrix.py ROUTES); say who may open them: "
        + ", ".join(unclassified)
    )


SITE_IDS = {  # route prefix -> the world's object whose id the route takes
    "bookings/": "booking", "workspace/sessions/": "booking", "workspace/schedule/time-off/": "time_off",
    "proofs/": "payment", "messages/": "notification", "help/": "conversation",
}
ID = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")


def _admin_model(route: str):
    app_label, model_name = route.split("/")[1:3]
    return apps.all_models[app_label][model_name]


def url_for(route: str, world, *, value: str | None = None) -> str:
    """The route with real ids of the owner's objects, or with `value` in every id."""
    if route.startswith("admin/r/"):
        from django.contrib.contenttypes.models import ContentType
        ids = {"content_type_id": ContentType.objects.get_for_model(world.booking).pk, "object_id": world.booking.pk}
    elif route.startswith("admin/"):
        instance = _admin_model(route)._default_manager.order_by("pk").first()
        ids = {"object_id": instance.pk if instance else 1, "id": world.owner.user.pk, "kind": "reminder",
               "message_pk": world.message.pk}
    else:
        obj = next(getattr(world, name) for prefix, name in SITE_IDS.items() if route.startswith(prefix))
        ids = {"pk": obj.pk, "payment_id": obj.pk, "message_pk": world.message.pk}

    def put(match):
        if value is not None and match["name"] != "kind":
            return value
        return str(ids[match["name"]])
    return "/" + ID.sub(put, route)


def id_routes():
    return [(route, classify(route)) for route in every_route() if classify(route).requested]


def _admin_of(route: str):
    model = _admin_model(route)
    return admin.site._registry[model], model._default_manager.order_by("pk").first()


def _permitted(user, rule: Rule, route: str) -> bool:
    if rule.staff_perm is None or user is None or not user.is_staff:
        return False
    if rule.staff_perm == "*":
        return True
    if rule.staff_perm == "model":  # the model's admin decides, object by object
        model_admin, obj = _admin_of(route)
        request = RequestFactory().get("/")
        request.user = user
        if route.endswith("delete/"):
            return model_admin.has_delete_permission(request, obj)
        return model_admin.has_view_or_change_permission(request, obj)
    return user.has_perm(rule.staff_perm)


def _verdict(route: str, rule: Rule, actor: str, user, response) -> str | None:
    """None when the answer keeps the route's rule; otherwise what went wrong."""
    status, where = response.status_code, response.get("Location", "")
    if status >= 500:
        return f"{status}"
    admin = route.startswith("admin/")
    if user is None and rule.visitor == "404" and not admin:
        return None if status == 404 else f"{status} {where}, expected 404"
    if user is None or (admin and not user.is_staff):
        login = "/admin/login/" if admin else "/accounts/login/"
        return None if status == 302 and where.startswith(login) else f"{status} {where}, expected login"
    if rule.staff_perm == "model" and re.search(r"<path:object_id>/$", route):
        # The bare object address only forwards to the change page, which decides.
        return None if status == 302 and where.endswith("/change/") else f"{status} {where}, expected forward"
    missing = rule.staff_perm == "model" and _admin_of(route)[1] is None
    if missing and status == 404:
        return None  # no such object (sleepcall/admin_site.py): not found, whoever asks
    if _permitted(user, rule, route):
        return None if status not in (403,) else f"{status}, expected staff with the permission let in"
    if admin:
        return None if status == 403 else f"{status} {where}, expected 403"
    return None if status in DENIED else f"{status} {where}, expected 403/404"


def test_no_one_but_the_owner_opens_an_object(world, capsys):
    clients = {}
    for actor, user in world.actors.items():
        clients[actor] = Client(raise_request_exception=False)
        if user is not None:
            clients[actor].force_login(user)
    wrong, count = [], 0
    routes = id_routes()
    for route, rule in routes:
        url = url_for(route, world)
        for actor, client in clients.items():
            response = getattr(client, rule.method)(url)
            count += 1
            problem = _verdict(route, rule, actor, world.actors[actor], response)
            if problem:
                wrong.append(f"{rule.method.upper()} {url} as {actor}: {problem}")
    with capsys.disabled():
        print(f"\naccess matrix: {len(routes)} id routes x {len(clients)} actors = {count} requests")
    assert not wrong, "\n".join(wrong)


def _never_deleted(route: str, world) -> bool:
    """Delete pages of records no one may delete answer 403 to everyone, before looking at the id."""
    if not (route.startswith("admin/") and route.endswith("delete/")):
        return False
    request = RequestFactory().get("/")
    request.user = world.superuser
    return not _admin_of(route)[0].has_delete_permission(request)


def test_a_wrong_id_is_not_found_never_an_error(world, capsys):
    """Huge ids (beyond bigint) and, where the converter lets them through, words: 404, never 500."""
    owners = {"customer": world.owner.user, "talent": world.owner_talent.user}
    clients = {}
    for name, user in [*owners.items(), ("staff", world.superuser)]:
        clients[name] = Client(raise_request_exception=False)
        clients[name].force_login(user)
    wrong, count = [], 0
    for route, rule in id_routes():
        client = clients["staff" if route.startswith("admin/") else rule.owner]
        for value in (HUGE, "-1", "abc", "1abc", "1.5"):
            url = url_for(route, world, value=value)
            # A word where `<id:...>` wants digits matches a broader route, such as the admin's
            # `<path:object_id>/` that forwards to the change page: where the person lands counts.
            response = getattr(client, rule.method)(url, follow=True)
            count += 1
            if response.status_code != 404 and not (response.status_code == 403 and _never_deleted(route, world)):
                wrong.append(f"{rule.method.upper()} {url}: {response.status_code} {response.get('Location', '')}")
    with capsys.disabled():
        print(f"\nwrong ids: {count} requests")
    assert not wrong, "\n".join(wrong)


def test_a_huge_id_does_not_match_the_route():
    """Refused by the converter itself, before any database (SQLite raised OverflowError on such an id)."""
    from django.urls import Resolver404, resolve

    assert resolve("/help/1/image/9223372036854775807/").url_name == "image"
    for url in ("/help/1/image/9223372036854775808/", "/help/1/image/99999999999999999999/",
                "/bookings/99999999999999999999/", "/proofs/99999999999999999999/"):
        with pytest.raises(Resolver404):
            resolve(url)
