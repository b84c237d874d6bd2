"""Pages of the TOTP second factor: give a code after the password, set up an authenticator app, backup codes.

The rules (who is asked, who must set one up) and the writes are in kcc_planning/otp.py; these views only speak HTTP.
"""

from base64 import b32encode
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.views import View
from django_otp import login as otp_login
from django_otp import user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

from .otp import otp_required_for, otp_verify, signed_in_with_password, totp_device_confirm, totp_device_unconfirmed

BACKUP_CODES_SESSION_KEY = "kcc_otp_backup_codes"


class CodeForm(forms.Form):
    code = forms.CharField(
        label="Code",
        max_length=20,
        error_messages={"required": "Enter the code"},
    )


def _next_url(request: HttpRequest) -> str:
    """Where to go after the code: the page first asked for, if it is on this site, else the home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _qr_svg(uri: str) -> str:
    """The otpauth URI as an inline SVG QR code: no image request, and nothing the CSP would block."""
    svg = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8, border=2).to_string(
        encoding="unicode"
    )
    label = 'role="img" aria-label="QR code to scan with your authenticator app" '
    # Made here from our own URI, so safe to put into the page unescaped.
    return mark_safe(svg.replace("<svg ", f"<svg {label}", 1))


def _grouped(secret: str) -> str:
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@method_decorator(login_required, name="dispatch")
class OTPVerifyView(View):
    """Asks a password sign-in for the code from the authenticator app, or a backup code."""

    template_name = "registration/otp_verify.html"

    def _done(self, request: HttpRequest) -> bool:
        return request.user.is_verified() or not signed_in_with_password(request) or not user_has_device(request.user)

    def get(self, request: HttpRequest) -> HttpResponse:
        if self._done(request):
            return redirect(_next_url(request))
        return render(request, self.template_name, {"form": CodeForm(), "next": _next_url(request)})

    def post(self, request: HttpRequest) -> HttpResponse:
        if self._done(request):
            return redirect(_next_url(request))
        form = CodeForm(request.POST)
        if form.is_valid():
            device = otp_verify(user=request.user, code=form.cleaned_data["code"])
            if device is not None:
                otp_login(request, device)
                if isinstance(device, StaticDevice):
                    left = device.token_set.count()
                    messages.info(request, f"You used a backup code. You have {left} left.")
                return redirect(_next_url(request))
            form.add_error("code", "The code is not right, or has been used. Check it and try again")
        return render(request, self.template_name, {"form": form, "next": _next_url(request)}, status=400)


@method_decorator(login_required, name="dispatch")
class OTPSetupView(View):
    """Sets up an authenticator app: shows the secret and QR code, and confirms it with a first code."""

    template_name = "registration/otp_setup.html"

    def _status(self, request: HttpRequest) -> HttpResponse | None:
        """The page to show instead of set-up, if any."""
        if not signed_in_with_password(request):
            return render(request, "registration/otp_status.html", {"single_sign_on": True})
        if user_has_device(request.user):
            if not request.user.is_verified():
                # Someone who knows the password but not the code must not add a device of their own.
                return redirect(f"{reverse('otp_verify')}?{urlencode({'next': request.path})}")
            backup = StaticToken.objects.filter(device__user=request.user, device__confirmed=True).count()
            return render(request, "registration/otp_status.html", {"backup_codes_left": backup})
        return None

    def _page(self, request: HttpRequest, form: CodeForm, status: int = 200) -> HttpResponse:
        device = totp_device_unconfirmed(user=request.user)
        context = {
            "form": form,
            "next": _next_url(request),
            "required": otp_required_for(request.user),
            "qr_svg": _qr_svg(device.config_url),
            "secret": _grouped(b32encode(device.bin_key).decode()),
        }
        return render(request, self.template_name, context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._status(request) or self._page(request, CodeForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if (status := self._status(request)) is not None:
            return status
        form = CodeForm(request.POST)
        if form.is_valid():
            device = totp_device_unconfirmed(user=request.user)
            codes = totp_device_confirm(device=device, code=form.cleaned_data["code"])
            if codes is not None:
                otp_login(request, device)
                request.session[BACKUP_CODES_SESSION_KEY] = codes
                return redirect(f"{reverse('otp_backup_codes')}?{urlencode({'next': _next_url(request)})}")
            form.add_error("code", "The code is not right. Enter the 6-digit code your authenticator app shows now")
        return self._page(request, form, status=400)


@login_required
def otp_backup_codes(request: HttpRequest) -> HttpResponse:
    """Shows the backup codes made at set-up, once: they are taken out of the session as the page is made."""
    codes = request.session.pop(BACKUP_CODES_SESSION_KEY, None)
    if not codes:
        return redirect("otp_setup")
    return render(request, "registration/otp_backup_codes.html", {"codes": codes, "next": _next_url(request)})
