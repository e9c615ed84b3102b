"""A talent's leaked work number is replaced only when staff approve the request."""

import pytest
from django.urls import reverse

from bookings.errors import IllegalTransition, NotPermitted
from talents.models import NumberChangeRequest
from talents.services import approve_number_change, reject_number_change


@pytest.fixture
def change(talent):
    return NumberChangeRequest.objects.create(talent=talent, new_number="+6281377777777", reason="Bocor")


def test_approving_replaces_the_work_number(cs_agent, change, talent):
    approve_number_change(request=change, staff=cs_agent)
    talent.refresh_from_db()
    change.refresh_from_db()
    assert str(talent.contact_handle) == "+6281377777777"
    assert (change.status, change.decided_by) == ("approved", cs_agent)


def test_rejecting_keeps_the_number_and_cannot_be_approved_later(cs_agent, change, talent):
    before = talent.contact_handle
    reject_number_change(request=change, staff=cs_agent)
    talent.refresh_from_db()
    assert talent.contact_handle == before
    with pytest.raises(IllegalTransition):
        approve_number_change(request=change, staff=cs_agent)


def test_a_verifier_cannot_decide_number_changes(verifier, change):
    with pytest.raises(NotPermitted):
        approve_number_change(request=change, staff=verifier)


def test_the_admin_action_approves(client, cs_agent, change, talent):
    client.force_login(cs_agent)
    client.post(reverse("admin:talents_numberchangerequest_changelist"),
                {"action": "approve_selected", "_selected_action": [change.pk]})
    talent.refresh_from_db()
    assert str(talent.contact_handle) == "+6281377777777"
