"""A short name for the device of a session, from its User-Agent header ("Firefox on Windows"), as the
preferences page lists sessions; scripts and API clients show their own product name."""

from __future__ import annotations

import re

from core.i18n import _

# the first match wins: Edge and Opera also say Chrome, Chrome also says Safari
BROWSERS = (("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("Chrome/", "Chrome"),
            ("Chromium/", "Chromium"), ("Safari/", "Safari"))
SYSTEMS = (("Android", "Android"), ("iPhone", "iPhone"), ("iPad", "iPad"), ("Windows", "Windows"),
           ("Mac OS X", "macOS"), ("CrOS", "ChromeOS"), ("Linux", "Linux"))
_PRODUCT = re.compile(r"^([A-Za-z][\w.-]*)")


def describe_device(user_agent: str) -> str:
    """"Chrome on Linux", "python-requests", or "Unknown device"."""
    if not user_agent:
        return _("Unknown device")
    browser = next((name for token, name in BROWSERS if token in user_agent), None)
    system = next((name for token, name in SYSTEMS if token in user_agent), None)
    if browser and system:
        return _("%(browser)s on %(system)s", browser=browser, system=system)
    if browser or system:
        return browser or system or ""
    product = _PRODUCT.match(user_agent)
    return product.group(1)[:60] if product else _("Unknown device")
