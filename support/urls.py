from django.urls import path

from support import views

app_name = "support"
urlpatterns = [
    path("", views.help_home, name="home"),
    path("new/", views.new_conversation, name="new"),
    path("<int:pk>/", views.conversation_page, name="conversation"),
    path("<int:pk>/rate/", views.rate, name="rate"),
    path("<int:pk>/image/<int:message_pk>/", views.message_image, name="image"),
]
