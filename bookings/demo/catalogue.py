"""Talents, their weekly hours and time off, packages, bank accounts, staff and customers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.contrib.auth.models import User
from django.utils import timezone

from bookings.models import BankAccount, Customer, Package
from sleepcall.zones import Zone, zone_info
from talents.models import AvailabilityRule, Talent, TimeOff

from .accounts import CUSTOMER_PASSWORD, STAFF_PASSWORD, TALENT_PASSWORD, email, ensure_user

EVERY_DAY = range(7)
CALL, CHAT, BOTH = "call", "chat", "call+chat"


@dataclass(frozen=True)
class TalentSeed:
    slug: str
    alias: str
    zone: str
    languages: list[str]
    whatsapp: str
    hours: tuple[time, time]
    bio: str
    days: range | tuple[int, ...] = EVERY_DAY
    offers: tuple[str, ...] = (CALL, CHAT, BOTH)
    long_nights: bool = False
    login: bool = False
    time_off: tuple[int, int, str] | None = None  # (days from now, nights, reason)


TALENTS = [
    TalentSeed(
        "nayla", "Nayla", Zone.WIB, ["id", "en", "jv"], "+6281211110001", (time(21), time(2)),
        "Pendengar yang sabar. Suka ngobrolin film, kucing, dan hal-hal kecil yang bikin harimu berat. "
        "Bisa juga ngobrol pakai bahasa Jawa atau Inggris.",
        login=True,
    ),
    TalentSeed(
        "bima", "Bima", Zone.WIB, ["id", "su"], "+6281311110002", (time(22), time(3)),
        "Mahasiswa teknik yang kebanyakan begadang. Teman cerita soal game, musik indie, "
        "atau sekadar nemenin kamu sampai ngantuk.",
        days=(0, 1, 2, 3, 4, 5), long_nights=True,
    ),
    TalentSeed(
        "kirana", "Kirana", Zone.WIB, ["id", "en"], "+6285711110003", (time(19), time(23)),
        "Siang hari ngajar les bahasa Inggris, malamnya suka dengerin cerita kamu sambil minum teh. "
        "Cocok buat yang mau tidur lebih awal.",
        offers=(CHAT, BOTH),
    ),
    TalentSeed(
        "raka", "Raka", Zone.WITA, ["id"], "+6282111110004", (time(22), time(2)),
        "Dari Makassar. Suaranya kalem, pas buat yang susah tidur. Hobi mancing dan masak coto.",
        days=(2, 3, 4, 5, 6), offers=(CALL, BOTH), time_off=(5, 3, "Pulang kampung"),
    ),
    TalentSeed(
        "laras", "Laras", Zone.WIB, ["id", "jv"], "+6287811110005", (time(23), time(4)),
        "Penulis lepas, anak kos Jogja. Senang bacain cerita pendek pelan-pelan sampai kamu terlelap.",
        days=(0, 3, 4, 5, 6), long_nights=True,
    ),
    TalentSeed(
        "arya", "Arya", Zone.WIT, ["id", "en"], "+6281311110006", (time(21), time(1)),
        "Dari Jayapura, kerja di kedai kopi. Teman ngobrol santai soal traveling, laut, dan alam Papua.",
    ),
    TalentSeed(
        "citra", "Citra", Zone.WIB, ["id", "su"], "+6289611110007", (time(20), time(1)),
        "Perawat yang paham rasanya capek dan susah tidur. Dengerin tanpa menghakimi, ngobrol tanpa buru-buru.",
        offers=(CHAT, BOTH), time_off=(2, 1, "Jaga malam di rumah sakit"),
    ),
]

# (name, channels, minutes, price in rupiah, description)
# (Indonesian name, channels, minutes, price, Indonesian description, English name, English description).
# "Ngobrol" is the call-only package (a talk): in English simply "Call".
PACKAGES = [
    ("Chat kilat 15 menit", CHAT, 15, 5_000, "Sapa singkat sebelum tidur.",
     "Quick chat 15 min", "A short hello before sleep."),
    ("Chat 30 menit", CHAT, 30, 10_000, "", "Chat 30 min", ""),
    ("Chat 60 menit", CHAT, 60, 18_000, "", "Chat 60 min", ""),
    ("Chat 120 menit", CHAT, 120, 32_000, "", "Chat 120 min", ""),
    ("Ngobrol 30 menit", CALL, 30, 20_000, "Telepon saja, tanpa chat.", "Call 30 min", "A call only, no chat."),
    ("Ngobrol 60 menit", CALL, 60, 35_000, "Telepon saja, tanpa chat.", "Call 60 min", "A call only, no chat."),
    ("Ngobrol 120 menit", CALL, 120, 65_000, "Telepon saja, tanpa chat.", "Call 120 min", "A call only, no chat."),
    ("Telepon + chat 30 menit", BOTH, 30, 30_000, "", "Call + chat 30 min", ""),
    ("Telepon + chat 60 menit", BOTH, 60, 55_000, "", "Call + chat 60 min", ""),
    ("Telepon + chat 120 menit", BOTH, 120, 100_000, "", "Call + chat 120 min", ""),
    ("Sampai pagi (telepon + chat 5 jam)", BOTH, 300, 300_000, "Ditemani semalaman.",
     "Until morning (call + chat 5 hours)", "Company all night long."),
]
LONG_NIGHT_MINUTES = 300

BANK_ACCOUNTS = [
    ("BCA", "8720441123", "PT Teman Malam Nusantara"),
    ("Mandiri", "1370019988776", "PT Teman Malam Nusantara"),
]

# (login name, display name, WhatsApp, zone)
CUSTOMERS = [
    ("rina", "Rina", "+6281299990001", Zone.WIB),
    ("dimas", "Dimas", "+6281399990002", Zone.WIB),
    ("sari", "Sari", "+6285299990003", Zone.WITA),
    ("bayu", "Bayu", "+6287799990004", Zone.WIB),
]


@dataclass
class Catalogue:
    staff: User
    talents: dict[str, Talent]
    packages: dict[str, Package]
    customers: dict[str, Customer]
    created: dict[str, int]


def seed_catalogue(*, now: datetime) -> Catalogue:
    created = {"talents": 0, "packages": 0, "customers": 0, "accounts": 0, "bank accounts": 0, "time off": 0}
    staff, new = ensure_user(email("admin"), STAFF_PASSWORD, is_staff=True, is_superuser=True, first_name="Admin")
    created["accounts"] += new
    packages = _seed_packages(created)
    talents = {seed.slug: _seed_talent(seed, packages, now, created) for seed in TALENTS}
    for bank, number, holder in BANK_ACCOUNTS:
        _account, new = BankAccount.objects.get_or_create(
            bank=bank, account_number=number, defaults={"holder": holder}
        )
        created["bank accounts"] += new
    customers = {name: _seed_customer(name, display, phone, zone, created) for name, display, phone, zone in CUSTOMERS}
    return Catalogue(staff=staff, talents=talents, packages=packages, customers=customers, created=created)


def _seed_packages(created: dict[str, int]) -> dict[str, Package]:
    packages = {}
    for name, channels, minutes, price, description, name_en, description_en in PACKAGES:
        package, new = Package.objects.get_or_create(
            name=name,
            defaults={"channels": channels, "duration_minutes": minutes, "price": price, "description": description},
        )
        if not package.name_en:  # a database seeded before packages had English names gets them
            package.name_en, package.description_en = name_en, description_en
            package.save(update_fields=["name_en", "description_en"])
        packages[name] = package
        created["packages"] += new
    return packages


def _seed_talent(seed: TalentSeed, packages: dict[str, Package], now: datetime, created: dict[str, int]) -> Talent:
    talent, new = Talent.objects.get_or_create(
        slug=seed.slug,
        defaults={
            "display_name": seed.alias,
            "bio": seed.bio,
            "languages": seed.languages,
            "contact_handle": seed.whatsapp,
            "time_zone": seed.zone,
        },
    )
    created["talents"] += new
    if seed.login and talent.user_id is None:
        user, user_new = ensure_user(email(seed.slug), TALENT_PASSWORD, first_name=seed.alias)
        created["accounts"] += user_new
        talent.user = user
        talent.save(update_fields=["user"])
    elif seed.login:
        ensure_user(email(seed.slug), TALENT_PASSWORD)
    # Weekly hours only on a talent's first seed: the talent may have edited them since.
    if not talent.availability_rules.exists():
        start, end = seed.hours
        AvailabilityRule.objects.bulk_create(
            AvailabilityRule(talent=talent, weekday=day, start=start, end=end) for day in seed.days
        )
    if seed.time_off:
        created["time off"] += _seed_time_off(talent, seed, now)
    offered = [
        p for p in packages.values()
        if p.channels in seed.offers and (p.duration_minutes < LONG_NIGHT_MINUTES or seed.long_nights)
    ]
    talent.packages.add(*offered)  # adding an existing link adds nothing
    return talent


def _seed_time_off(talent: Talent, seed: TalentSeed, now: datetime) -> int:
    days_ahead, nights, reason = seed.time_off
    tz = zone_info(talent.time_zone)
    first = timezone.localtime(now, tz).date() + timedelta(days=days_ahead)
    _off, new = TimeOff.objects.get_or_create(
        talent=talent,
        reason=reason,
        defaults={
            "starts_at": datetime.combine(first, time(12), tz),
            "ends_at": datetime.combine(first + timedelta(days=nights), time(12), tz),
        },
    )
    return int(new)


def _seed_customer(name: str, display: str, phone: str, zone: str, created: dict[str, int]) -> Customer:
    user, new = ensure_user(email(name), CUSTOMER_PASSWORD, first_name=display)
    created["accounts"] += new
    customer, new = Customer.objects.get_or_create(
        user=user, defaults={"display_name": display, "whatsapp": phone, "time_zone": zone, "language": "id"}
    )
    created["customers"] += new
    return customer
