"""Staff sign-in: one authentication backend behind django-axes, throttled per username and per
address, and two-factor authentication (TOTP apps and backup codes) at the admin's sign-in, set
up with a one-time enrolment link from a superuser and audited. Governs the whole admin; the apps
that need a verified session (reports) only ask ``request.user.is_verified()``.
"""
