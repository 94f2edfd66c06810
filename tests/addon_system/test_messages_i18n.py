"""Messages of the addon system and security speak the user's language."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, AddonError
from core.i18n import use_lang


def test_access_error_in_spanish(as_user):
    with use_lang("es_ES"), pytest.raises(AccessError, match="No tienes permiso para crear registros de"):
        as_user("demo")["res.groups"].create({"name": "x"})


def test_addon_errors_in_spanish(registry):
    from core.addon.graph import resolve

    with use_lang("es_ES"), pytest.raises(AddonError, match="No se encuentra el addon 'nope'"):
        resolve(["nope"], registry.available_addons())


def test_custom_field_errors_in_spanish(env):
    from core.exceptions import ValidationError

    with use_lang("es_ES"), pytest.raises(ValidationError, match="Nombre de campo 'bad' no válido"):
        env["ir.model.fields"].create({"name": "bad", "model": "res.partner", "ttype": "char"})
