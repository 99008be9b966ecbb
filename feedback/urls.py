from django.urls import path

from feedback import views

app_name = "feedback"

urlpatterns = [
    path("", views.start, name="start"),
    path("sent/", views.confirmation, name="confirmation"),
    path("status/", views.status, name="status"),
    path("counts/", views.counts_page, name="counts"),
]
