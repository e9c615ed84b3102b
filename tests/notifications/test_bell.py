"""The in-site list: a bell with the unread count on customer and talent pages, each person's own only."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from notifications.models import Channel, Notification
from notifications.services import notify
from tests.factories import CustomerFactory, UserFactory


def tell(user, key: str) -> None:
    notify(to=user, event="customer_banned", key=key, channels=[Channel.SITE],
           context={"customer": user.customer, "ban": None})


@pytest.fixture
def rina(db):
    return CustomerFactory(display_name="Rina")


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_bell_counts_unread_messages_and_the_list_marks_them_read(rina):
    tell(rina.user, "a")
    tell(rina.user, "b")
    client = signed_in(rina.user)
    page = client.get(reverse("my_bookings")).content.decode()
    assert 'class="badge">2<' in page
    inbox = client.get(reverse("notifications:inbox")).content.decode()
    assert inbox.count('class="notice unread') == 2
    assert 'class="badge"' not in client.get(reverse("my_bookings")).content.decode()


def test_a_customer_sees_only_their_own_messages(rina):
    other = CustomerFactory(display_name="Dimas")
    tell(other.user, "secret")
    inbox = signed_in(rina.user).get(reverse("notifications:inbox")).content.decode()
    assert "Dimas" not in inbox
    assert Notification.objects.get(recipient=other.user).read_at is None  # not marked by someone else


def test_a_talent_has_the_bell_on_tonight(talent):
    notify(to=talent.user, event="talent_session_cancelled", key="x", channels=[Channel.SITE],
           context={"talent": talent, "booking": None, "starts": None, "ends": None, "zone": "WIB"})
    client = signed_in(talent.user)
    assert 'class="badge">1<' in client.get(reverse("workspace:today")).content.decode()
    assert client.get(reverse("notifications:inbox")).status_code == 200


def test_a_visitor_is_sent_to_log_in(client, db):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


def test_the_outbox_admin_costs_the_same_queries_for_5_and_50_rows(db, django_assert_num_queries):
    staff = UserFactory(is_staff=True, is_superuser=True)
    client = signed_in(staff)
    users = [CustomerFactory().user for _ in range(50)]
    for user in users[:5]:
        tell(user, "k")
    url = reverse("admin:notifications_notification_changelist")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    for user in users[5:]:
        tell(user, "k")
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(few) == len(many)
