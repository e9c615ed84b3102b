"""The site's URLs plus one that fails, to see the 500 page a real failure gets."""

from django.urls import path

from sleepcall.urls import urlpatterns as site


def broken(request):
    raise RuntimeError("a bug")


urlpatterns = [path("broken/", broken), *site]
