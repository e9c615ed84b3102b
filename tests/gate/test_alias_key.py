"""Aliases are unique as people read them: NFKC, confusables (Cyrillic, Greek), full-width and case folded;
the database refuses a second look-alike, the forms say so clearly."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from bookings.errors import TextRefused
from sleepcall.names import alias_key, validate_plain_name
from talents.models import Talent
from talents.workspace.services import update_profile
from tests.factories import TalentFactory

LOOK_ALIKES = [
    "Nаyla",  # Cyrillic а
    "Nayla",  # the original, again
    "NAYLA",
    "nayla",
    "Ｎａｙｌａ",  # full-width
    "Νayla",  # Greek capital nu
    "Naуla",  # Cyrillic у
    "NayIa",  # capital I for l
    "Nay1a",  # digit 1 for l
    "Náyla",  # an accent
    "Nay la",
    "N\u0430yl\u0430",  # two Cyrillic а
]


@pytest.mark.parametrize("alias", LOOK_ALIKES)
def test_look_alikes_share_one_key(alias):
    assert alias_key(alias) == alias_key("Nayla")


@pytest.mark.parametrize("alias", ["Naila", "Nayra", "Layla", "Nay"])
def test_different_aliases_keep_different_keys(alias):
    assert alias_key(alias) != alias_key("Nayla")


@pytest.mark.parametrize("alias", LOOK_ALIKES)
def test_the_database_refuses_a_second_look_alike_alias(db, alias):
    TalentFactory(display_name="Nayla")
    with pytest.raises(IntegrityError), transaction.atomic():
        TalentFactory(display_name=alias)


def test_the_key_follows_a_rename_through_save_with_update_fields(db):
    talent = TalentFactory(display_name="Luna")
    talent.display_name = "Nayla"
    talent.save(update_fields=["display_name"])
    assert Talent.objects.get(pk=talent.pk).alias_key == alias_key("Nayla")


def test_the_model_says_clearly_that_the_alias_is_taken(db):
    TalentFactory(display_name="Nayla")
    other = TalentFactory.build(display_name="Nаyla", contact_handle="+6281300000009")
    with pytest.raises(ValidationError) as caught:
        other.full_clean()
    assert "looks the same" in caught.value.message_dict["display_name"][0]


def test_the_workspace_form_refuses_a_look_alike_and_keeps_what_was_typed(talent_client, talent):
    TalentFactory(display_name="Nayla")
    response = talent_client.post(reverse("workspace:profile"), {"alias": "NАYLA", "bio": "Halo", "languages": ["id"]})
    assert response.status_code == 400
    assert "looks the same" in response.context["form"].errors["alias"][0]
    assert 'value="NАYLA"' in response.content.decode()


def test_a_talent_keeps_their_own_alias_when_saving_again(talent_client, talent):
    response = talent_client.post(
        reverse("workspace:profile"), {"alias": talent.display_name.upper(), "bio": "", "languages": ["id"]}
    )
    assert response.status_code == 302


def test_the_service_refuses_a_look_alike_too(talent):
    TalentFactory(display_name="Nayla")
    with pytest.raises(TextRefused) as caught:
        update_profile(talent=talent, alias="Ｎａｙｌａ", bio="", languages=["id"], packages=[])
    assert caught.value.field == "alias"


def test_the_talent_admin_refuses_a_look_alike_alias(admin_client, db):
    TalentFactory(display_name="Nayla")
    response = admin_client.post(reverse("admin:talents_talent_add"), {
        "display_name": "Nаyla", "slug": "nayla-2", "bio": "", "languages": "[\"id\"]",
        "contact_handle": "081300000010", "time_zone": "Asia/Jakarta", "language": "id", "is_active": "on",
        "availability_rules-TOTAL_FORMS": "0", "availability_rules-INITIAL_FORMS": "0",
        "time_off-TOTAL_FORMS": "0", "time_off-INITIAL_FORMS": "0",
    })
    assert response.status_code == 200
    assert "looks the same" in str(response.context["adminform"].form.errors["display_name"])
    assert Talent.objects.count() == 1


@pytest.mark.parametrize("name", [
    "Nay\u200bla",  # zero-width space
    "Nay\u200dla",  # zero-width joiner
    "Nayla\u202egnp.exe",  # right-to-left override
    "\u2066Nayla\u2069",  # isolates
    "Nay\u00adla",  # soft hyphen
    "Nayla\ufeff",  # byte-order mark
    "\u3164",  # Hangul filler: looks empty
    "Na\u0301\u0301\u0301\u0301yla",  # stacked accents
])
def test_invisible_and_direction_characters_are_refused_in_names(name):
    with pytest.raises(ValidationError):
        validate_plain_name(name)


@pytest.mark.parametrize("name", ["Nayla", "Siti O'Neil", "Dewi-Ayu", "Ñoño", "李娜", "Ayşe", "Zoë"])
def test_ordinary_names_in_any_script_pass(name):
    validate_plain_name(name)
