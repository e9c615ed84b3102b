from django.urls import path

from .views import past, profile, reports, schedule, sessions, today, week

app_name = "workspace"
urlpatterns = [
    path("", today.today, name="today"),
    path("week/", week.week, name="week"),
    path("past/", past.past, name="past"),
    path("sessions/<id:pk>/", sessions.session, name="session"),
    path("sessions/<id:pk>/unblocked/", sessions.tick_unblocked, name="tick_unblocked"),
    path("sessions/<id:pk>/blocked/", sessions.tick_blocked, name="tick_blocked"),
    path("sessions/<id:pk>/wrote-first/", sessions.tick_wrote_first, name="tick_wrote_first"),
    path("sessions/<id:pk>/not-again/", sessions.exclude, name="exclude_customer"),
    path("sessions/<id:pk>/end/", sessions.end_early, name="end_early"),
    path("sessions/<id:pk>/report/", sessions.report, name="report"),
    path("reports/", reports.reports, name="reports"),
    path("schedule/", schedule.schedule, name="schedule"),
    path("schedule/time-off/", schedule.time_off_add, name="time_off_add"),
    path("schedule/time-off/<id:pk>/remove/", schedule.time_off_remove, name="time_off_remove"),
    path("profile/", profile.profile, name="profile"),
    path("profile/number/", profile.number, name="number"),
]
