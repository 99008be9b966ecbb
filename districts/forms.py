from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PublicFormMixin, SingleLineField
from districts.lookup import MAX_ADDRESS


class FindDistrictForm(PublicFormMixin, forms.Form):
    """An address, or a point from "Use my location" (latitude and longitude, sent by
    static/districts/locate.js). Sent with GET: nothing is stored."""

    not_stored = ("address",)

    address = SingleLineField(
        label=_("Street address"),
        max_length=MAX_ADDRESS,
        required=False,
        help_text=_("The house number and street, for example 316 N Academy St."),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1", "spellcheck": "false"}),
    )
    latitude = forms.FloatField(
        required=False, min_value=-90, max_value=90, widget=forms.HiddenInput
    )
    longitude = forms.FloatField(
        required=False, min_value=-180, max_value=180, widget=forms.HiddenInput
    )

    def clean(self):
        cleaned = super().clean()
        address = (cleaned.get("address") or "").strip()
        has_point = cleaned.get("latitude") is not None and cleaned.get("longitude") is not None
        if "latitude" in self.errors or "longitude" in self.errors:
            self.errors.pop("latitude", None)
            self.errors.pop("longitude", None)
            self.add_error(
                "address",
                _("Your location could not be read. Enter your street address instead."),
            )
        elif not address and not has_point:
            self.add_error("address", _("Enter your street address, for example 316 N Academy St."))
        cleaned["address"] = address
        return cleaned
