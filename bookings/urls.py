from django.urls import path

from bookings.views import account, booking, mine, money, pages, payment

urlpatterns = [
    path("", pages.home, name="home"),
    path("zone/", pages.set_zone, name="set_zone"),
    path("book/confirm/", booking.book_confirm, name="book_confirm"),
    path("book/<slug:slug>/", booking.book, name="book"),
    path("bookings/", mine.my_bookings, name="my_bookings"),
    path("bookings/<int:pk>/", mine.booking_detail, name="booking_detail"),
    path("bookings/<int:pk>/pay/", payment.pay, name="pay"),
    path("bookings/<int:pk>/top-up/", payment.top_up, name="top_up"),
    path("bookings/<int:pk>/rules/", payment.rules, name="accept_rules"),
    path("bookings/<int:pk>/cancel/", mine.cancel, name="cancel_booking"),
    path("bookings/<int:pk>/move/", money.move, name="move_booking"),
    path("bookings/<int:pk>/cancel-request/", money.request_cancel, name="request_cancellation"),
    path("bookings/<int:pk>/refund-account/", money.refund_account, name="refund_account"),
    path("signup/", account.signup, name="signup"),
    path("account/", account.profile, name="profile"),
]
