"""The admin's app list (index and sidebar) is kept per process: a permission given, the page one is on
and the language each make the next page right; the waiting rows are the admin's own cells."""

from django.contrib.admin.templatetags.admin_list import items_for_result
from django.contrib.auth.models import Permission
from django.urls import reverse

APP_LIST_REPORT = 'class="model-report'


def test_a_permission_given_shows_its_model_on_the_next_page(client, verifier):
    client.force_login(verifier)
    assert APP_LIST_REPORT not in client.get(reverse("admin:index")).content.decode()
    verifier.user_permissions.add(Permission.objects.get(codename="view_report", content_type__app_label="bookings"))
    assert APP_LIST_REPORT in client.get(reverse("admin:index")).content.decode()


def test_a_permission_taken_away_hides_its_model_on_the_next_page(client, verifier):
    verifier.user_permissions.add(Permission.objects.get(codename="view_report", content_type__app_label="bookings"))
    client.force_login(verifier)
    assert APP_LIST_REPORT in client.get(reverse("admin:index")).content.decode()
    verifier.user_permissions.clear()
    assert APP_LIST_REPORT not in client.get(reverse("admin:index")).content.decode()


def test_the_sidebar_marks_the_list_one_is_on(client, manager, payment):
    client.force_login(manager)
    payments = client.get(reverse("admin:bookings_payment_changelist")).content.decode()
    bookings = client.get(reverse("admin:bookings_booking_changelist")).content.decode()
    assert 'class="model-payment current-model"' in payments and 'class="model-booking current-model"' not in payments
    assert 'class="model-booking current-model"' in bookings and 'class="model-payment current-model"' not in bookings


def test_each_language_reads_its_own_app_list(client, manager):
    client.force_login(manager)
    english = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    indonesian = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="id").content.decode()
    assert 'class="viewlink"' in english and ">View</a>" in english
    assert 'class="viewlink"' in indonesian and ">View</a>" not in indonesian


def test_the_waiting_rows_are_the_admins_own_cells(client, manager, payment, other_customer, talent, package):
    from tests.admin.conftest import waiting_payment
    from tests.conftest import wib

    waiting_payment(other_customer, talent, package, starts_at=wib(2026, 12, 1, 23, 30), claimed=1)
    client.force_login(manager)
    response = client.get(reverse("admin:bookings_payment_changelist"))
    cl, page = response.context["cl"], response.content.decode()
    assert len(cl.result_list) == 2
    for result in cl.result_list:
        assert f"<tr>{''.join(items_for_result(cl, result, None))}</tr>" in page
