"""The site's URLs plus the two floor views, for `make bench` only."""

from django.urls import path

from bench import floors
from sleepcall.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    path("__bench__/floor-none/", floors.floor_no_query),
    path("__bench__/floor-one/", floors.floor_one_query),
    *site_urlpatterns,
]
