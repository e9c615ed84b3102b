"""The opener and the goodbye: in the customer's language, and whole in a wa.me link whatever they contain."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bookings.routine import goodbye_text, opener_text
from sleepcall.wa_me import wa_link


def _text_of(link: str) -> str:
    return parse_qs(urlsplit(link).query, strict_parsing=True)["text"][0]


def test_the_opener_names_the_talent_the_customer_and_the_booking_in_indonesian():
    text = opener_text(talent_alias="Nayla", customer_name="Rina", booking_id=1234, package_name="Ngobrol 60 menit",
                       language="id")
    assert text == "Halo Kak Nayla, aku Rina, pesanan #1234, Ngobrol 60 menit"


def test_the_opener_follows_the_customers_language():
    text = opener_text(talent_alias="Nayla", customer_name="Rina", booking_id=1234, package_name="Ngobrol 60 menit",
                       language="en")
    assert text == "Hi Nayla, I'm Rina, booking #1234, Ngobrol 60 menit"


def test_an_unknown_language_falls_back_to_indonesian():
    text = opener_text(talent_alias="Nayla", customer_name="Rina", booking_id=7, package_name="Chat", language="xx")
    assert text.startswith("Halo Kak Nayla")


def test_the_goodbye_is_ready_in_the_customers_language():
    indonesian = goodbye_text(talent_alias="Nayla", customer_name="Rina", language="id")
    assert indonesian.startswith("Sesi kita sudah selesai ya, Kak Rina. Terima kasih sudah ngobrol")
    assert "Sleep Call" in indonesian and indonesian.endswith("— Nayla")
    assert goodbye_text(talent_alias="Nayla", customer_name="Rina", language="en").startswith("Our session is over")


@pytest.mark.parametrize(
    "text",
    [
        "Halo Kak Nayla, aku Rina",  # spaces and a comma
        "baris satu\nbaris dua",  # a line break
        "Selamat tidur 🌙😴",  # emoji
        "Kak Ayu & Bunga, aku R&B? #12 = 100%",  # "&", "?", "#", "=" and "%" stay text, not URL syntax
    ],
)
def test_the_link_carries_the_text_whole(text):
    link = wa_link("+62 812-3456-7890", text)
    assert link.startswith("https://wa.me/6281234567890?text=")
    assert " " not in link and "\n" not in link and link.count("&") == 0 and link.count("?") == 1
    assert _text_of(link) == text


def test_the_link_encodes_spaces_line_breaks_emoji_and_ampersands_exactly():
    link = wa_link("+6281234567890", "A & B\n🌙")
    assert link == "https://wa.me/6281234567890?text=A%20%26%20B%0A%F0%9F%8C%99"


def test_an_opener_with_an_ampersand_in_the_name_survives_the_link():
    text = opener_text(talent_alias="Ayu & Co", customer_name="R&B", booking_id=5, package_name="Chat 30 menit",
                       language="id")
    assert _text_of(wa_link("+6281234567890", text)) == "Halo Kak Ayu & Co, aku R&B, pesanan #5, Chat 30 menit"


def test_without_text_the_link_has_no_query():
    assert wa_link("+62 812 3456 7890") == "https://wa.me/6281234567890"
