"""Password reset that answers alike, in about the same time, for known and unknown addresses."""

from __future__ import annotations

from django.contrib.auth import forms as auth_forms
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.template import loader
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from bookings.services.account_attempts import queue_task


class PasswordResetForm(auth_forms.PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None) -> None:
        """Rendered here, sent by the worker: a slow or hung mail relay never shows in the answer."""
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        queue_task("send_rendered_email", to=to_email, subject=subject, body=body)

    def save(self, **opts) -> None:
        email = self.cleaned_data["email"]
        if any(True for _user in self.get_users(email)):
            super().save(**opts)
        else:
            self._render_for_nobody(email, **opts)

    def _render_for_nobody(self, email: str, *, subject_template_name="registration/password_reset_subject.txt",
                           email_template_name="registration/password_reset_email.html",
                           token_generator=default_token_generator, request=None, use_https=False,
                           extra_email_context=None, **_ignored) -> None:
        """The same work as for an account (token, both templates), with nothing sent."""
        stand_in = User(pk=0, username=email, email=email, password=make_password(None))
        context = {
            "email": email, "domain": request.get_host() if request else "", "site_name": "",
            "uid": urlsafe_base64_encode(force_bytes(0)), "user": stand_in,
            "token": token_generator.make_token(stand_in), "protocol": "https" if use_https else "http",
            **(extra_email_context or {}),
        }
        "".join(loader.render_to_string(subject_template_name, context).splitlines())
        loader.render_to_string(email_template_name, context)
