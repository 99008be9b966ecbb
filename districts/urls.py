from django.urls import path

from districts import views

app_name = "districts"

urlpatterns = [
    path("", views.index, name="index"),
    path("find/", views.find, name="find"),
    path("<slug:slug>/", views.detail, name="detail"),
]
