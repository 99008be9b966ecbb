from django.urls import path

from accounts import two_factor

urlpatterns = [
    path("two-factor/", two_factor.setup, name="two_factor_setup"),
]
