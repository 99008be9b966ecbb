"""Staff sign-in: one authentication backend behind django-axes, throttled usernames, and
two-factor (TOTP) codes at the admin's sign-in with a self-enrolment page. Governs the whole
admin; the apps that need a verified session (reports) only ask ``request.user.is_verified()``.
"""
