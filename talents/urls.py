from django.urls import path

from talents import views

urlpatterns = [
    path("", views.talent_list, name="talent_list"),
    path("<slug:slug>/", views.talent_detail, name="talent_detail"),
]
