"""Languages (res.lang) and the wizard that activates them (base.language.install), as Odoo's.

The active languages are what users and contacts may choose (their ``lang`` selection asks
``get_installed``), kept per registry and dropped whenever a language changes. Activating a language
the suite has no catalog for works as in Odoo: it becomes selectable, its texts stay in English.
"""
from __future__ import annotations

import json
import re
from typing import Any

from core import _, model, public
from core.exceptions import UserError, ValidationError
from core.i18n import DEFAULT_LANG

_CACHE = "_installed_languages"
# the strftime directives a date or time format may use
_DIRECTIVE = re.compile(r"%(.)")
_ALLOWED = set("aAbBdHIjmMpSUwWyY%")


def installed_languages(env: Any) -> list[tuple[str, str]]:
    """(code, name) of the active languages, by name; read once per registry until a language changes."""
    registry = env.registry
    cached = getattr(registry, _CACHE, None)
    if cached is not None and cached[0] == registry.cache_version:
        return cached[1]
    Lang = env["res.lang"].sudo().with_context(active_test=True)
    rows = Lang.search_read([], ["code", "name"], order="name")
    languages = [(row["code"], row["name"]) for row in rows]
    if not env.cr.data.get("res_lang_changed"):  # a transaction's own changes are not shared before commit
        setattr(registry, _CACHE, (registry.cache_version, languages))
    return languages


def _forget(registry: Any) -> None:
    setattr(registry, _CACHE, None)


@model("res.lang")
class ResLang:
    def create(self, vals_list: Any) -> Any:
        languages = super().create(vals_list)
        self._languages_changed()
        return languages

    def write(self, vals: dict[str, Any]) -> bool:
        if "code" in vals and any(lang.code != vals["code"] for lang in self):
            raise UserError(_("The code of a language cannot change; create another language instead."))
        if vals.get("active") is False:
            if any(lang.code == DEFAULT_LANG for lang in self):
                raise UserError(_("The base language %(code)s cannot be deactivated: the system speaks it.",
                                  code=DEFAULT_LANG))
            if self._spoken():
                raise UserError(_("The language %(names)s cannot be deactivated while users or contacts "
                                  "speak it.", names=", ".join(self.mapped("name"))))
        result = super().write(vals)
        self._languages_changed()
        return result

    def unlink(self) -> bool:
        if any(lang.code == DEFAULT_LANG for lang in self):
            raise UserError(_("The base language %(code)s cannot be deleted.", code=DEFAULT_LANG))
        if any(lang.active for lang in self):
            raise UserError(_("An active language cannot be deleted: deactivate it first."))
        if self._spoken():
            raise UserError(_("The language %(names)s cannot be deleted while users or contacts speak it.",
                              names=", ".join(self.mapped("name"))))
        result = super().unlink()
        self._languages_changed()
        return result

    def _spoken(self) -> bool:
        """Whether users or contacts speak one of these languages (they would be left with one nobody may
        choose)."""
        codes = self.mapped("code")
        return any(self.env[name].sudo().with_context(active_test=False).search_count([("lang", "in", codes)],
                                                                                     limit=1)
                   for name in ("res.users", "res.partner"))

    def _languages_changed(self) -> None:
        """Every process forgets the active languages (through the cache signal); this transaction too,
        and again if it is rolled back."""
        registry, cr = self.env.registry, self.env.cr
        _forget(registry)
        registry.signal_changes(cr)
        if not cr.data.get("res_lang_changed"):
            cr.data["res_lang_changed"] = True
            cr.postrollback.append(lambda: _forget(registry))

    def _check_formats(self) -> None:
        for lang in self:
            for name in ("date_format", "time_format"):
                wrong = sorted({d for d in _DIRECTIVE.findall(lang[name] or "") if d not in _ALLOWED})
                if wrong:
                    raise ValidationError(_("Invalid %(field)s %(format)r of %(lang)s: %(directives)s are no "
                                            "directives a format may use (%%d %%m %%Y %%b %%H %%M %%S...).",
                                            field=name, format=lang[name], lang=lang.code,
                                            directives=", ".join(f"%{d}" for d in wrong)), field=name)
            if not _valid_grouping(lang.grouping):
                raise ValidationError(_("Invalid separator format %(grouping)r of %(lang)s: expected a list "
                                        "of numbers such as [3,0].", grouping=lang.grouping, lang=lang.code),
                                      field="grouping")

    @public
    def get_installed(self) -> list[tuple[str, str]]:
        """(code, name) of the active languages, as Odoo's ``res.lang.get_installed``."""
        return installed_languages(self.env)

    def _activate_lang(self, code: str) -> Any:
        """Activate the language ``code``; the language, or an empty recordset when it is unknown."""
        lang = self.with_context(active_test=False).search([("code", "=", code)], limit=1)
        if lang and not lang.active:
            lang.write({"active": True})
        return lang


def _valid_grouping(text: Any) -> bool:
    try:
        value = json.loads(text or "")
    except ValueError:
        return False
    return isinstance(value, list) and all(isinstance(n, int) and not isinstance(n, bool) and n >= -1
                                           for n in value)


@model("base.language.install")
class BaseLanguageInstall:
    def _default_lang_ids(self) -> list[Any]:
        """The languages the wizard opened on (``active_ids`` of res.lang), as Odoo's does."""
        context = self.env.context
        ids = context.get("active_ids") or ([context["active_id"]] if context.get("active_id") else [])
        if context.get("active_model") == "res.lang" and all(type(i) is int for i in ids):
            return [(6, 0, list(ids))] if ids else []
        return []

    @public
    def lang_install(self) -> bool:
        """Activate the chosen languages: users and contacts may then choose them."""
        self.ensure_one()
        if not self.lang_ids:
            raise UserError(_("Choose the languages to install."))
        self.env["res.lang"].check_access_rights("write")
        self.lang_ids.sudo().filtered(lambda lang: not lang.active).write({"active": True})
        return True
