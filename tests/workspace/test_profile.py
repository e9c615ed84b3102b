"""The profile customers see (alias, bio, photo, languages, packages) and the leaked-number request."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from talents.models import NumberChangeRequest, Talent
from talents.workspace.services import NumberChangePending, SameNumber, request_number_change
from tests.factories import PackageFactory


def image_upload(size=(2400, 1200), fmt="PNG", name="me.png") -> SimpleUploadedFile:
    out = BytesIO()
    Image.new("RGB", size, (200, 100, 50)).save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type=f"image/{fmt.lower()}")


def _profile(**overrides) -> dict:
    return {"alias": "Luna", "bio": "Suka ngobrol.", "languages": ["id", "en"]} | overrides


def test_the_profile_is_saved(talent_client, talent, package):
    extra = PackageFactory(name="Chat 30")
    response = talent_client.post(reverse("workspace:profile"), _profile(packages=[extra.pk]))
    assert response.status_code == 302
    talent = Talent.objects.get(pk=talent.pk)
    assert (talent.display_name, talent.bio, talent.languages) == ("Luna", "Suka ngobrol.", ["id", "en"])
    assert list(talent.packages.all()) == [extra]  # the old package is no longer offered


def test_a_photo_is_resized_and_stored_as_jpeg(talent_client, talent):
    response = talent_client.post(reverse("workspace:profile"), _profile(photo=image_upload()))
    assert response.status_code == 302
    talent.refresh_from_db()
    assert talent.photo.name.endswith(".jpg")
    with Image.open(talent.photo.path) as stored:
        assert stored.format == "JPEG" and max(stored.size) == 600 and stored.size == (600, 300)


def test_something_that_is_not_an_image_is_refused_and_the_text_kept(talent_client, talent):
    fake = SimpleUploadedFile("me.png", b"<?php echo 1; ?>", content_type="image/png")
    response = talent_client.post(reverse("workspace:profile"), _profile(alias="Nova", photo=fake))
    assert response.status_code == 400
    assert 'value="Nova"' in response.content.decode()
    talent.refresh_from_db()
    assert not talent.photo and talent.display_name != "Nova"


def test_an_image_in_another_format_is_refused(talent_client, talent):
    response = talent_client.post(reverse("workspace:profile"), _profile(photo=image_upload(fmt="GIF", name="a.gif")))
    assert response.status_code == 400
    talent.refresh_from_db()
    assert not talent.photo


def test_a_photo_over_8_mb_is_refused_with_a_message_and_the_text_kept(talent_client, talent):
    from talents.workspace.services import PHOTO_MAX_BYTES

    big = image_upload()
    big = SimpleUploadedFile("big.png", big.read() + b"\0" * PHOTO_MAX_BYTES, content_type="image/png")
    response = talent_client.post(reverse("workspace:profile"), _profile(alias="Nova", photo=big))
    assert response.status_code == 400
    body = response.content.decode()
    assert 'value="Nova"' in body and "8 MB" in body
    talent.refresh_from_db()
    assert not talent.photo


def test_a_small_file_that_unpacks_into_too_many_pixels_is_refused(talent_client, talent):
    big = image_upload(size=(8000, 6000), fmt="PNG", name="big.png")  # 48 megapixels, a few hundred KB
    response = talent_client.post(reverse("workspace:profile"), _profile(photo=big))
    assert response.status_code == 400
    talent.refresh_from_db()
    assert not talent.photo


def test_a_phone_jpeg_with_an_extra_frame_is_accepted(talent_client, talent):
    """Many phones save MPO: a JPEG plus a second picture. Only the first is kept."""
    out = BytesIO()
    frames = [Image.new("RGB", (800, 600), (10, 20, 30)), Image.new("RGB", (800, 600), (40, 50, 60))]
    frames[0].save(out, "MPO", save_all=True, append_images=frames[1:])
    upload = SimpleUploadedFile("IMG_0001.jpg", out.getvalue(), content_type="image/jpeg")
    response = talent_client.post(reverse("workspace:profile"), _profile(photo=upload))
    assert response.status_code == 302
    talent.refresh_from_db()
    with Image.open(talent.photo.path) as stored:
        assert stored.format == "JPEG" and stored.size == (600, 450)


def test_at_least_one_language_is_needed(talent_client):
    response = talent_client.post(reverse("workspace:profile"), _profile(languages=[]))
    assert response.status_code == 400


def test_a_number_change_is_requested_and_shown_pending(talent_client, talent):
    response = talent_client.post(reverse("workspace:number"), {"new_number": "0812 9999 0000", "reason": "Leaked"})
    assert response.status_code == 302
    request = NumberChangeRequest.objects.get(talent=talent)
    assert str(request.new_number) == "+6281299990000" and request.status == NumberChangeRequest.Status.PENDING
    talent.refresh_from_db()
    assert str(talent.contact_handle) != "+6281299990000"  # only after staff approve
    body = talent_client.get(reverse("workspace:number")).content.decode()
    assert "number-pending" in body


def test_an_approved_change_is_shown_with_the_new_number(talent_client, talent, staff):
    request = request_number_change(talent=talent, new_number="+6281299990000", reason="")
    # Staff approve in the admin (issue 5); stored as the approval leaves it.
    approved = NumberChangeRequest.Status.APPROVED
    NumberChangeRequest.objects.filter(pk=request.pk).update(status=approved, decided_by=staff)
    Talent.objects.filter(pk=talent.pk).update(contact_handle="+6281299990000")
    body = talent_client.get(reverse("workspace:number")).content.decode()
    assert "number-approved" in body and "+62 812-9999-0000" in body


def test_a_second_request_while_one_is_pending_is_refused(talent):
    request_number_change(talent=talent, new_number="+6281299990000", reason="")
    with pytest.raises(NumberChangePending):
        request_number_change(talent=talent, new_number="+6281299990001", reason="")


def test_asking_for_the_current_number_is_refused(talent):
    with pytest.raises(SameNumber):
        request_number_change(talent=talent, new_number=str(talent.contact_handle), reason="")


@pytest.mark.parametrize("typed", ["hello", "+1 202 555 0143", "021 1234 567"], ids=["text", "foreign", "landline"])
def test_a_number_that_is_not_an_indonesian_mobile_gets_a_message(talent_client, typed):
    response = talent_client.post(reverse("workspace:number"), {"new_number": typed})
    assert response.status_code == 400 and not NumberChangeRequest.objects.exists()
