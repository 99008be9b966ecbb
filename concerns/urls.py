from django.urls import path

from concerns import views

app_name = "concerns"

urlpatterns = [
    path("", views.start, name="start"),
    path("sent/", views.confirmation, name="confirmation"),
    path("status/", views.status, name="status"),
]
