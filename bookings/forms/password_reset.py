"""Password reset through the outbox: the e-mail leaves from the worker, in the person's own language.

Known and unknown addresses answer alike and in about the same time: for an unknown one the form
does the same work (a token, the templates) and queues nothing.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from notifications.models import Channel
from notifications.rendering import render_message
from notifications.services import notify


class OutboxPasswordResetForm(PasswordResetForm):
    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email,
                  html_email_template_name=None) -> None:
        """Queue instead of sending inside the request: a hung mail relay never holds a web worker."""
        path = reverse("password_reset_confirm", kwargs={"uidb64": context["uid"], "token": context["token"]})
        url = f"{context['protocol']}://{context['domain']}{path}"
        user = context["user"]
        notify(
            to=user, event="password_reset", key=f"password_reset:{user.pk}:{context['token']}", url=url,
            secret=True, channels=[Channel.EMAIL], context={"email": to_email},
        )

    def save(self, **opts) -> None:
        email = self.cleaned_data["email"]
        if any(True for _user in self.get_users(email)):
            super().save(**opts)
        else:
            self._work_for_nobody(email, **opts)

    def _work_for_nobody(self, email: str, *, token_generator=default_token_generator, request=None,
                         use_https=False, **_ignored) -> None:
        """The same work as for an account (a token, the message templates), with nothing queued."""
        stand_in = User(pk=0, username=email, email=email, password=make_password(None))
        token = token_generator.make_token(stand_in)
        path = reverse("password_reset_confirm", kwargs={"uidb64": urlsafe_base64_encode(force_bytes(0)),
                                                         "token": token})
        context = {"email": email, "recipient": stand_in, "url": f"{'https' if use_https else 'http'}://x{path}"}
        render_message("password_reset", language=settings.LANGUAGE_CODE, zone=settings.TIME_ZONE, context=context)
