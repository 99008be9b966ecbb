from django.urls import path

from accounts import two_factor

urlpatterns = [
    path("two-factor/", two_factor.setup, name="two_factor_setup"),
    path("two-factor/enrol/<str:token>/", two_factor.enrol, name="two_factor_enrol"),
    path("two-factor/backup-codes/", two_factor.backup_codes, name="two_factor_backup_codes"),
]
