"""Customers and talents reach the team, and see only their own conversations."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from support.models import Conversation, ConversationStatus, Message
from support.services import open_conversation, reply
from tests.factories import PASSWORD, CustomerFactory

from .conftest import PNG


def _login(client, user):
    assert client.login(username=user.username, password=PASSWORD)


def test_a_visitor_sees_the_official_whatsapp_and_is_offered_to_sign_in(client, settings, db):
    settings.SUPPORT_WHATSAPP_NUMBER = "+62 811-2222-333"
    page = client.get(reverse("support:home")).content.decode()
    assert 'href="https://wa.me/628112222333"' in page
    assert reverse("login") in page


def test_help_is_on_every_customer_page_and_on_each_booking(client, customer, booking):
    _login(client, customer.user)
    for url in [reverse("my_bookings"), reverse("talent_list"), reverse("profile")]:
        assert reverse("support:home") in client.get(url).content.decode()
    detail = client.get(reverse("booking_detail", args=[booking.pk])).content.decode()
    assert f'{reverse("support:new")}?booking={booking.pk}' in detail


def test_help_is_in_the_talent_workspace(client, talent):
    _login(client, talent.user)
    assert reverse("support:home") in client.get(reverse("workspace:today")).content.decode()


def test_a_customer_opens_a_conversation_about_a_booking_with_an_image(client, customer, booking):
    _login(client, customer.user)
    response = client.post(reverse("support:new"), {
        "category": "payment", "booking": booking.pk, "body": "Sudah transfer kak",
        "image": SimpleUploadedFile("bukti.png", PNG, content_type="image/png"),
    })
    conversation = Conversation.objects.get()
    assert response.url == reverse("support:conversation", args=[conversation.pk])
    assert conversation.booking == booking and conversation.customer == customer
    message = conversation.messages.get()
    assert message.image.name.endswith(".png") and "bukti" not in message.image.name
    assert client.get(reverse("support:image", args=[conversation.pk, message.pk])).status_code == 200


def test_a_file_that_is_not_an_image_is_refused_and_the_text_kept(client, customer, booking):
    _login(client, customer.user)
    response = client.post(reverse("support:new"), {
        "category": "payment", "body": "Ini buktinya",
        "image": SimpleUploadedFile("bukti.png", b"not an image at all", content_type="image/png"),
    })
    assert response.status_code == 200
    assert "Ini buktinya" in response.content.decode()
    assert not Conversation.objects.exists()


def test_someone_elses_booking_cannot_be_chosen(client, customer, other_customer, talent, package):
    from bookings.services import create_booking

    from .conftest import TONIGHT

    theirs = create_booking(customer=other_customer, talent=talent, package=package, starts_at=TONIGHT)
    _login(client, customer.user)
    response = client.post(reverse("support:new"), {"category": "payment", "booking": theirs.pk, "body": "x"})
    assert response.status_code == 200 and not Conversation.objects.exists()


def test_a_conversation_is_seen_only_by_the_person_who_wrote_it(client, customer, talent, agent, booking):
    conversation, _ = open_conversation(user=customer.user, category="payment", body="Halo", booking=booking,
                                        image=SimpleUploadedFile("a.png", PNG))
    message = conversation.messages.get()
    urls = [
        reverse("support:conversation", args=[conversation.pk]),
        reverse("support:image", args=[conversation.pk, message.pk]),
    ]
    other = CustomerFactory()
    for user in [other.user, talent.user]:
        client.force_login(user)
        for url in urls:
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(reverse("support:rate", args=[conversation.pk]), {"score": 5}).status_code == 404
        assert "Halo" not in client.get(reverse("support:home")).content.decode()
    client.logout()
    assert client.get(urls[0]).status_code == 302  # to log in
    assert client.get(urls[1]).status_code == 404
    assert client.post(reverse("support:rate", args=[conversation.pk]), {"score": 5}).status_code == 404


def test_a_talent_writes_about_their_own_session_and_sees_only_theirs(client, talent, other_talent, booking):
    client.force_login(talent.user)
    client.post(reverse("support:new"), {"category": "outside_contact", "booking": booking.pk, "body": "Tolong"})
    conversation = Conversation.objects.get()
    assert conversation.talent == talent and conversation.customer is None
    page = client.get(reverse("support:conversation", args=[conversation.pk]))
    assert page.status_code == 200 and "ws-nav" in page.content.decode()
    client.force_login(other_talent.user)
    assert client.get(reverse("support:conversation", args=[conversation.pk])).status_code == 404


def test_notes_stay_internal_and_replies_show(client, customer, agent, booking):
    from support.services import add_note

    conversation, _ = open_conversation(user=customer.user, category="payment", body="Halo", booking=booking)
    add_note(conversation=conversation, agent=agent, body="Suspicious sender name")
    reply(conversation=conversation, agent=agent, body="Sudah kami cek")
    client.force_login(customer.user)
    page = client.get(reverse("support:conversation", args=[conversation.pk])).content.decode()
    assert "Sudah kami cek" in page and "Suspicious sender name" not in page
    assert "Waiting for the customer" in page


def test_a_customer_reply_reopens_a_solved_conversation(client, customer, agent):
    from support.services import set_status

    conversation, _ = open_conversation(user=customer.user, category="other", body="Halo")
    reply(conversation=conversation, agent=agent, body="Done")
    set_status(conversation=conversation, agent=agent, status=ConversationStatus.SOLVED)
    client.force_login(customer.user)
    client.post(reverse("support:conversation", args=[conversation.pk]), {"body": "Belum beres"})
    conversation.refresh_from_db()
    assert conversation.status == ConversationStatus.OPEN and conversation.waiting_since is not None
    assert Message.objects.filter(conversation=conversation, body="Belum beres").exists()


def test_an_empty_reply_gets_a_message_not_a_500(client, customer):
    conversation, _ = open_conversation(user=customer.user, category="other", body="Halo")
    client.force_login(customer.user)
    response = client.post(reverse("support:conversation", args=[conversation.pk]), {"body": "   "})
    assert response.status_code == 200 and "Please write a message." in response.content.decode()


def _help_queries(client) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("support:home")).status_code == 200
    return len(queries)


def test_the_customers_list_costs_the_same_queries_for_2_and_20_conversations(client, customer):
    client.force_login(customer.user)
    for index in range(2):
        open_conversation(user=customer.user, category="other", body=str(index))
    few = _help_queries(client)
    for index in range(18):
        open_conversation(user=customer.user, category="other", body=str(index))
    assert _help_queries(client) == few
