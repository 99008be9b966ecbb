from django.urls import path

from records import views

app_name = "records"

urlpatterns = [
    path("", views.start, name="start"),
    path("sent/", views.confirmation, name="confirmation"),
    path("status/", views.status, name="status"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("download/<str:token>/", views.download, name="download"),
]
