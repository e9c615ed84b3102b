from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BookingsConfig(AppConfig):
    name = "bookings"
    verbose_name = _("Bookings")

    def ready(self) -> None:
        from django.contrib import admin

        # Staff read the service's name on every admin page, not "Django administration".
        admin.site.site_header = _("Sleep Call")
        admin.site.site_title = _("Sleep Call staff")
        admin.site.index_title = _("Sleep Call: tonight's work")
