"""Safety tips live in the programs app (crime prevention) but at their own address, /tips/."""

from django.urls import path

from programs import views

app_name = "tips"

urlpatterns = [
    path("", views.tip_list, name="list"),
    path("<slug:slug>/", views.tip_detail, name="detail"),
]
