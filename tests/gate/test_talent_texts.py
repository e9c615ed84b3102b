"""A talent's alias and bio are public and an end-early reason is shown across: no contact handle in them."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse

from bookings.errors import TextRefused
from bookings.models import ContactGrant, Status
from talents.models import Talent
from talents.workspace.services import update_profile
from tests.factories import TalentFactory
from tests.workspace.conftest import START

PROFILE = reverse("workspace:profile")


def _profile(**overrides) -> dict:
    return {"alias": "Luna", "bio": "Suka ngobrol, 23 tahun. Online jam 21.00–02.00.", "languages": ["id"]} | overrides


@pytest.mark.parametrize(("field", "value"), [
    ("bio", "Chat aku di WA 0813-2238-3664 ya"),
    ("bio", "follow ig: luna_malam"),
    ("bio", "t.me/lunamalam"),
    ("bio", "luna at gmail dot com"),
    ("alias", "Luna 0813 2238 3664"),
    ("alias", "@lunamalam"),
])
def test_the_profile_refuses_a_contact_handle_and_keeps_what_was_typed(talent_client, talent, field, value):
    response = talent_client.post(PROFILE, _profile(**{field: value}))
    assert response.status_code == 400
    assert "Contact details are shared only inside a paid session" in response.context["form"].errors[field][0]
    assert value in response.content.decode().replace("&#x27;", "'")
    talent.refresh_from_db()
    assert value not in (talent.display_name, talent.bio)


def test_a_bio_with_times_ages_and_prices_is_saved(talent_client, talent):
    assert talent_client.post(PROFILE, _profile()).status_code == 302
    talent.refresh_from_db()
    assert talent.bio == "Suka ngobrol, 23 tahun. Online jam 21.00–02.00."


@pytest.mark.parametrize("alias", ["Lu\u200bna", "Luna\u202e", "\u2067Luna\u2069", "Luna\ufeff"])
def test_the_alias_refuses_zero_width_and_direction_characters(talent_client, talent, alias):
    response = talent_client.post(PROFILE, _profile(alias=alias))
    assert response.status_code == 400
    assert "invisible" in response.context["form"].errors["alias"][0]


def test_the_service_refuses_a_handle_in_the_bio_even_without_the_form(talent):
    with pytest.raises(TextRefused) as caught:
        update_profile(talent=talent, alias="Luna", bio="WA 0813 2238 3664", languages=["id"], packages=[])
    assert caught.value.field == "bio"


def test_the_talent_admin_refuses_a_handle_in_the_bio(admin_client, talent):
    url = reverse("admin:talents_talent_change", args=[talent.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {name: form[name].value() for name in form.fields if name != "photo" and form[name].value() is not None}
    data |= {"bio": "wa.me/6281322383664", "languages": "[\"id\"]"}
    for prefix in ("availability_rules", "time_off"):
        data |= {f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"}
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "link" in str(response.context["adminform"].form.errors["bio"])
    talent.refresh_from_db()
    assert "wa.me" not in talent.bio


def test_an_end_early_reason_with_a_number_is_refused_and_the_session_goes_on(talent_client, session):
    moment = START + timedelta(minutes=20)
    with time_machine.travel(moment, tick=False):
        response = talent_client.post(
            reverse("workspace:end_early", args=[session.pk]), {"reason": "hubungi aku 0813 2238 3664"}
        )
    assert response.status_code == 400
    assert "phone number" in response.context["end_form"].errors["reason"][0]
    assert 'value="hubungi aku 0813 2238 3664"' in response.content.decode()
    session.refresh_from_db()
    assert session.status == Status.CONFIRMED
    assert ContactGrant.objects.get(pk=session.grant.pk).revoked_at is None


def test_a_plain_end_early_reason_still_ends_the_session(talent_client, session):
    with time_machine.travel(START + timedelta(minutes=20), tick=False):
        talent_client.post(reverse("workspace:end_early", args=[session.pk]), {"reason": "kasar"})
    session.refresh_from_db()
    assert session.status == Status.ENDED_EARLY


def test_a_talent_created_with_a_handle_through_full_clean_is_refused(db):
    talent = TalentFactory.build(display_name="Mira", bio="IG @mira.malam", contact_handle="+6281300000001")
    with pytest.raises(Exception) as caught:
        talent.full_clean()
    assert "bio" in caught.value.message_dict
    assert not Talent.objects.filter(display_name="Mira").exists()
