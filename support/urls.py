from django.urls import path

from support import views

app_name = "support"
urlpatterns = [
    path("", views.help_home, name="home"),
    path("new/", views.new_conversation, name="new"),
    path("<id:pk>/", views.conversation_page, name="conversation"),
    path("<id:pk>/rate/", views.rate, name="rate"),
    path("<id:pk>/image/<id:message_pk>/", views.message_image, name="image"),
]
