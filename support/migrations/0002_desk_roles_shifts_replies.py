"""The desk's roles, the default roster and the starter canned replies.

CS agents answer, assign, hand over and read the canned replies; managers also keep the canned
replies, the roster and the lexicon. The permission helper is the one bookings' 0005 uses.
"""

import importlib

from django.db import migrations

roles = importlib.import_module("bookings.migrations.0005_staff_permissions")

AGENT = [
    ("support", "conversation", "view_conversation"),
    ("support", "conversation", "change_conversation"),
    ("support", "conversation", "answer_conversation"),
    ("support", "conversation", "hand_over_shift"),
    ("support", "cannedreply", "view_cannedreply"),
    ("support", "shift", "view_shift"),
    ("support", "handover", "view_handover"),
    ("support", "banproposal", "view_banproposal"),
]

SHIFTS = [("Pagi", "08:00", "16:00"), ("Sore", "16:00", "00:00"), ("Malam", "00:00", "08:00")]

REPLIES = [
    ("Transfer belum diverifikasi", "payment", "belum-verifikasi",
     "Halo kak {customer_name}, terima kasih sudah menunggu. Transfer untuk pesanan {booking_code} sebesar "
     "{amount_due} sudah kami terima buktinya dan sedang dicek tim. Biasanya tidak lama; begitu cocok dengan "
     "mutasi bank, sesi langsung aktif dan kakak dapat kabar. Mohon ditunggu sebentar ya. Salam, {agent_name}",
     "Hi {customer_name}, thank you for waiting. We have your proof for booking {booking_code} ({amount_due}) "
     "and the team is checking it against the bank statement. As soon as it matches, your session is on and "
     "you will hear from us. Thank you for your patience. — {agent_name}"),
    ("Nominal berbeda", "payment", "nominal-beda",
     "Halo kak {customer_name}, nominal yang kami terima berbeda dengan tagihan pesanan {booking_code}. "
     "Tagihan yang benar {amount_due} (tiga angka terakhir adalah kode unik). Mohon cek lagi bukti transfernya; "
     "kalau kurang, kakak bisa kirim selisihnya dan unggah bukti baru. Kami bantu sampai beres. Salam, {agent_name}",
     "Hi {customer_name}, the amount we received differs from what booking {booking_code} asks. The exact "
     "amount is {amount_due} (the last three digits are the unique code). Please check your transfer; if it "
     "was short, send the difference and upload the new proof. We will help until it is settled. — {agent_name}"),
    ("Sesi dibatalkan dan waktu refund", "cancel_refund", "refund",
     "Halo kak {customer_name}, mohon maaf sesi {booking_code} dengan {talent_alias} pada {session_start} "
     "dibatalkan. Dana kakak kami kembalikan ke rekening pengirim dalam 1–3 hari kerja, dan kakak akan dapat "
     "kabar beserta nomor referensinya. Terima kasih atas pengertiannya. Salam, {agent_name}",
     "Hi {customer_name}, we are sorry: session {booking_code} with {talent_alias} on {session_start} is "
     "cancelled. We refund the money to the sending account within 1–3 working days and will tell you the "
     "reference. Thank you for understanding. — {agent_name}"),
    ("Pesan talent yang sama lagi", "book_again", "pesan-lagi",
     "Halo kak {customer_name}, senang kakak mau ngobrol lagi dengan {talent_alias}! Caranya: buka halaman "
     "talent di situs, pilih paket dan jam yang kosong, lalu bayar seperti biasa. Talent hanya bisa dihubungi "
     "lewat pesanan baru dari admin, jadi mohon tidak menghubungi di luar sesi ya. Salam, {agent_name}",
     "Hi {customer_name}, glad you want to talk with {talent_alias} again! Open the talent's page on the site, "
     "choose a package and a free time, and pay as before. A talent is reached only through a new booking, "
     "so please do not contact them outside a session. — {agent_name}"),
    ("Aturan sesi", "session", "aturan",
     "Halo kak {customer_name}, sedikit pengingat aturan sesi: hanya lewat saluran di paket (kalau paketnya "
     "telepon, ya telepon saja), tanpa konten seksual, tanpa video call, dan tidak ada kontak di luar sesi. "
     "Nomor talent hanya tampil selama sesi. Terima kasih sudah menjaga suasana tetap nyaman. Salam, {agent_name}",
     "Hi {customer_name}, a short reminder of the session rules: only the channels in your package, no sexual "
     "content, no video calls, and no contact outside the session. The talent's number shows only during the "
     "session. Thank you for keeping it pleasant for everyone. — {agent_name}"),
    ("Kami dengar kakak", "", "kami-dengar",
     "Halo kak {customer_name}, kami dengar kakak dan kami mengerti ini mengecewakan. Kami ingin "
     "membereskannya bersama. Boleh ceritakan apa yang terjadi, sebisanya dengan tenang? Kami baca semuanya "
     "dan kami kabari langkah berikutnya secepatnya. Salam, {agent_name}",
     "Hi {customer_name}, we hear you, and we understand this is disappointing. We want to sort it out with "
     "you. Could you tell us what happened, as calmly as you can? We read everything and will come back with "
     "the next step as soon as we can. — {agent_name}"),
]


def forwards(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    agents, _ = Group.objects.get_or_create(name="CS agents")
    agents.permissions.add(*[roles._permission(apps, *triple) for triple in AGENT])
    managers, _ = Group.objects.get_or_create(name="Managers")
    managers.permissions.add(*[roles._permission(apps, *triple) for triple in roles._all_permissions(apps, "support")])
    Shift = apps.get_model("support", "Shift")
    if not Shift.objects.exists():
        for name, starts, ends in SHIFTS:
            Shift.objects.create(name=name, starts=starts, ends=ends)
    CannedReply = apps.get_model("support", "CannedReply")
    for title, category, shortcut, body_id, body_en in REPLIES:
        CannedReply.objects.get_or_create(
            shortcut=shortcut, defaults={"title": title, "category": category, "body_id": body_id, "body_en": body_en}
        )


def backwards(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=["CS agents", "Managers"]):
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="support"))


class Migration(migrations.Migration):
    dependencies = [("support", "0001_desk_initial"), ("bookings", "0005_staff_permissions")]
    operations = [migrations.RunPython(forwards, backwards)]
