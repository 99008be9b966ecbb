from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alerts.models import Topic
from core.forms import HoneypotMixin, PlainEmailField, PublicFormMixin


class TopicChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


def topic_field() -> TopicChoiceField:
    return TopicChoiceField(
        label=_("What would you like to hear about?"),
        help_text=_("Choose one or more topics."),
        queryset=Topic.objects.active(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("Choose at least one topic."),
            "invalid_choice": _("Choose topics from the list."),
            "invalid_pk_value": _("Choose topics from the list."),
        },
    )


def language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Language of the emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the language of the emails."),
            "invalid_choice": _("Choose the language of the emails."),
        },
    )


class SubscribeForm(HoneypotMixin, PublicFormMixin, forms.Form):
    stored_in = {"email": "alerts.Subscriber.email"}

    email = PlainEmailField(
        label=_("Email address"),
        help_text=_("We send a link to this address to confirm it is yours."),
        error_messages={
            "required": _("Enter your email address."),
            "invalid": _("Enter an email address in the correct format, like name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = topic_field()
        self.fields["language"] = language_field()
        self.order_fields(["email", "topics", "language"])


class ManageForm(PublicFormMixin, forms.Form):
    stored_in = {}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = topic_field()
        self.fields["language"] = language_field()
