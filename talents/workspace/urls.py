from django.urls import path

from .views import past, profile, reports, schedule, sessions, today, week

app_name = "workspace"
urlpatterns = [
    path("", today.today, name="today"),
    path("week/", week.week, name="week"),
    path("past/", past.past, name="past"),
    path("sessions/<int:pk>/", sessions.session, name="session"),
    path("sessions/<int:pk>/unblocked/", sessions.tick_unblocked, name="tick_unblocked"),
    path("sessions/<int:pk>/blocked/", sessions.tick_blocked, name="tick_blocked"),
    path("sessions/<int:pk>/wrote-first/", sessions.tick_wrote_first, name="tick_wrote_first"),
    path("sessions/<int:pk>/not-again/", sessions.exclude, name="exclude_customer"),
    path("sessions/<int:pk>/end/", sessions.end_early, name="end_early"),
    path("sessions/<int:pk>/report/", sessions.report, name="report"),
    path("reports/", reports.reports, name="reports"),
    path("schedule/", schedule.schedule, name="schedule"),
    path("schedule/time-off/", schedule.time_off_add, name="time_off_add"),
    path("schedule/time-off/<int:pk>/remove/", schedule.time_off_remove, name="time_off_remove"),
    path("profile/", profile.profile, name="profile"),
    path("profile/number/", profile.number, name="number"),
]
