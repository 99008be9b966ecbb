from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    path("<slug:slug>/signed-up/", views.signup_done, name="signup_done"),
    path("<slug:slug>/groups/", views.watch_groups, name="watch_groups"),
]
