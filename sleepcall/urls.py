from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import LoginView, PasswordResetView
from django.urls import include, path

from bookings.forms.account import LoginForm
from bookings.forms.password_reset import OutboxPasswordResetForm
from sleepcall import converters, views
from sleepcall.ratelimits import posted_email, rate_limited

# A database that cannot be reached answers 503 with the site's own calm page; other errors keep 500.html.
handler500 = "sleepcall.errors.server_error"
converters.register_once()  # `<id:...>` in every app's routes, before they are included

urlpatterns = [
    path("i18n/setlang/", views.set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("accounts/login/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("accounts/password_reset/", rate_limited(
        "reset", per_ip="SLEEPCALL_RATE_RESET_PER_IP", per_target=[("SLEEPCALL_RATE_RESET_PER_TARGET", posted_email)],
    )(PasswordResetView.as_view(form_class=OutboxPasswordResetForm)), name="password_reset"),
    path("accounts/", include("django.contrib.auth.urls")),
    path("accounts/welcome/", views.after_login, name="after_login"),
    path("workspace/", include("talents.workspace.urls")),
    path("talents/", include("talents.urls")),
    path("proofs/", include("bookings.proof_urls")),
    path("messages/", include("notifications.urls")),
    path("help/", include("support.urls")),
    path("", include("bookings.urls")),
    path("", include("sleepcall.health_urls")),
    path("favicon.ico", views.favicon),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
