from django.urls import path

from housechecks import views

app_name = "housechecks"

urlpatterns = [
    path("", views.start, name="start"),
    path("sent/", views.confirmation, name="confirmation"),
    path("status/", views.status, name="status"),
    path("status/cancel/", views.cancel, name="cancel"),
]
