from django.urls import path

from programs import views

app_name = "programs"

urlpatterns = [
    path("", views.program_list, name="list"),
    path("<slug:slug>/", views.program_detail, name="detail"),
    # The form has a page of its own, never cached: the detail page carries no CSRF token.
    path("<slug:slug>/sign-up/", views.program_signup, name="signup"),
    path("<slug:slug>/signed-up/", views.signup_done, name="signup_done"),
    path("<slug:slug>/groups/", views.watch_groups, name="watch_groups"),
]
