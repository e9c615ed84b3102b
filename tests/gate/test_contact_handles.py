"""The shared detector: every disguise of a contact handle is caught, everyday numbers pass."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from sleepcall.contact_handles import (
    EMAIL,
    HANDLE,
    LINK,
    PHONE,
    find_contact_handle,
    shown_text,
    validate_no_contact_handle,
)

DISGUISES = [
    ("Budi WA 0813 2238 3664", PHONE),
    ("0813-2238-3664", PHONE),
    ("0813.2238.3664", PHONE),
    ("(0813) 2238 3664", PHONE),
    ("+62 813 2238 3664", PHONE),
    ("62 813 2238 3664", PHONE),
    ("+62-813-2238-3664", PHONE),
    ("081322383664", PHONE),
    ("O8I3 2238 3664", PHONE),  # letter O for 0, capital I for 1
    ("o8l3-2238-366four", PHONE),  # small o and l, a word at the end
    ("nol delapan satu tiga dua dua tiga delapan tiga enam enam empat", PHONE),
    ("zero eight one three two two three eight three six six four", PHONE),
    ("08 satu 3 22 tiga 8 36 enam 4", PHONE),  # digits and words mixed
    ("０８１３ ２２３８ ３６６４", PHONE),  # full-width digits
    ("0 8 1 3 2 2 3 8 3 6 6 4", PHONE),
    ("08.13.22.38.36.64", PHONE),  # pairs that could pass for times
    ("081.322.383.664", PHONE),  # groups that could pass for an amount
    ("0813 22.38 3664", PHONE),  # a time-like group inside a number
    ("0813_2238_3664", PHONE),
    ("0813/2238/3664", PHONE),
    ("hubungi aku di 0813🙂2238🙂3664", PHONE),
    ("٠٨١٣٢٢٣٨٣٦٦٤", PHONE),  # Arabic-Indic digits
    ("𝟎𝟖𝟏𝟑𝟐𝟐𝟑𝟖𝟑𝟔𝟔𝟒", PHONE),  # mathematical bold digits
    ("0813\u200b2238\u200b3664", PHONE),  # zero-width spaces between the groups
    ("Budi 0812 345 678", PHONE),  # a ten-digit mobile
    ("wa.me/6281322383664", LINK),
    ("https://wa.me/6281322383664", LINK),
    ("wa . me / 628132238", LINK),
    ("wa dot me slash budi", LINK),
    ("Nayla wа.me/62813", LINK),  # Cyrillic а in "wa"
    ("api.whatsapp.com/send?phone=62813", LINK),
    ("t.me/budi_malam", LINK),
    ("line.me/ti/p/~budi", LINK),
    ("instagram.com/budi.malam", LINK),
    ("www.budi.com", LINK),
    ("linktr.ee/budi", LINK),
    ("ig: budi_malam", HANDLE),
    ("IG @budi.malam", HANDLE),
    ("@budimalam", HANDLE),
    ("line: budimalam", HANDLE),
    ("tele budi_99", HANDLE),
    ("budi@gmail.com", EMAIL),
    ("budi at gmail dot com", EMAIL),
    ("budi at gmail", EMAIL),
    ("budi (at) gmail (dot) com", EMAIL),
    ("budi[at]yahoo[dot]co[dot]id", EMAIL),
]

INNOCENT = [
    "jam 21.00–02.00",
    "paket 60 menit",
    "Rp 35.000",
    "Rp 100.000",
    "2 jam",
    "21:00-02:00 WIB",
    "umur 23, suka kopi",
    "12/08/2025",
    "Sabtu 12-08-2025 jam 21.00",
    "2025-08-12 21:00",
    "08/12/2025 21:00",
    "Rp 1.500.000 - Rp 3.000.000",
    "100.000-300.000",
    "paket 15, 30, 60, 120 menit",
    "Senin–Jumat 21.00–02.00, Sabtu 20.00–03.00",
    "Aku Nayla, 23 tahun, tinggi 160 cm. Suka kopi dan film.",
    "Aku online jam 21.00 - 02.00 / 22.00 - 03.00 WIB",
    "tersedia 7 hari seminggu, 24 jam",
    "lulusan S1, suka musik 90an",
    "ngobrol santai satu dua jam",
    "line up malam ini",
    "Ketemu lagi tanggal 1 Januari 2026",
    "kopi. Me time jam 22.00",
    "Harga mulai Rp 5.000 sampai Rp 300.000",
    "Instagram? tidak ada",
    "suka lagu dua lipa",
    "Siti O'Neil & Co",
    "Budi Santoso",
    "Dewi 2",
]


def test_the_table_is_big_enough():
    assert len(DISGUISES) >= 30 and len(INNOCENT) >= 15


@pytest.mark.parametrize(("text", "kind"), DISGUISES)
def test_every_disguise_is_caught(text, kind):
    handle = find_contact_handle(text)
    assert handle is not None, text
    assert handle.kind == kind


@pytest.mark.parametrize("text", INNOCENT)
def test_everyday_numbers_and_words_pass(text):
    assert find_contact_handle(text) is None


def test_the_validator_refuses_with_a_message_that_says_what_it_saw():
    with pytest.raises(ValidationError) as caught:
        validate_no_contact_handle("Budi WA 0813 2238 3664")
    assert caught.value.code == "contact_handle"
    assert "phone number" in caught.value.messages[0]


def test_the_validator_passes_an_empty_text():
    validate_no_contact_handle("")


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        ("Budi WA 0813 2238 3664", "Budi •••"),
        ("Budi nol delapan satu tiga dua dua tiga delapan tiga enam enam empat", "Budi •••"),
        ("Aku Nayla. WA 0813-2238-3664 ya", "Aku Nayla. ••• ya"),
        ("Aku 23 tahun. WA 0813-2238-3664, online jam 21.00–02.00", "Aku 23 tahun. ••• online jam 21.00–02.00"),
        ("Budi 0 8 1 3 2 2 3 8 3 6 6 4 umur 23", "Budi ••• umur •••"),
        ("Budi Santoso", "Budi Santoso"),
        ("jam 21.00–02.00", "jam 21.00–02.00"),
    ],
)
def test_a_stored_text_with_a_handle_is_shown_masked(stored, shown):
    assert shown_text(stored, fallback="Pelanggan") == shown


def test_an_e_mail_spelled_out_loses_its_spelled_parts():
    assert shown_text("budi malam (at) gmail (dot) com", fallback="Pelanggan") == "budi malam •••"


def test_a_text_that_is_only_a_handle_falls_back():
    assert shown_text("@budimalam", fallback="Pelanggan") == "Pelanggan"
    assert shown_text("wa.me/6281322383664", fallback="Pelanggan") == "Pelanggan"


def test_the_refusal_is_in_indonesian_for_indonesian_readers():
    with translation.override("id"):
        with pytest.raises(ValidationError) as caught:
            validate_no_contact_handle("WA 0813 2238 3664")
        assert caught.value.messages[0].startswith("Ini terlihat seperti nomor telepon.")
