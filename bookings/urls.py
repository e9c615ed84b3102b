from django.urls import path

from bookings.views import account, booking, mine, money, pages, payment

urlpatterns = [
    path("", pages.home, name="home"),
    path("zone/", pages.set_zone, name="set_zone"),
    path("book/confirm/", booking.book_confirm, name="book_confirm"),
    path("book/<slug:slug>/", booking.book, name="book"),
    path("bookings/", mine.my_bookings, name="my_bookings"),
    path("bookings/<id:pk>/", mine.booking_detail, name="booking_detail"),
    path("bookings/<id:pk>/pay/", payment.pay, name="pay"),
    path("bookings/<id:pk>/top-up/", payment.top_up, name="top_up"),
    path("bookings/<id:pk>/rules/", payment.rules, name="accept_rules"),
    path("bookings/<id:pk>/cancel/", mine.cancel, name="cancel_booking"),
    path("bookings/<id:pk>/move/", money.move, name="move_booking"),
    path("bookings/<id:pk>/cancel-request/", money.request_cancel, name="request_cancellation"),
    path("bookings/<id:pk>/refund-account/", money.refund_account, name="refund_account"),
    path("signup/", account.signup, name="signup"),
    path("account/", account.profile, name="profile"),
]
