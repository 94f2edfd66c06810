"""Printed documents of the addons (quotations, invoices...): HTML from an addon's Jinja templates in
the customer's language, turned into PDF by WeasyPrint."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2

from core.i18n import translate, use_lang


def partner_address(partner: Any) -> str:
    """A partner's name and postal address on one line."""
    parts = [
        partner.name or "",
        partner.street or "",
        " ".join(p for p in (partner.zip, partner.city) if p),
        partner.country_id.name or "",
    ]
    return ", ".join(part for part in parts if part)


class ReportTemplates:
    """The templates of one addon's printed documents (a folder; ``_`` translates in them)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._jinja = jinja2.Environment(loader=jinja2.FileSystemLoader(str(folder)), autoescape=True)
        self._jinja.globals["_"] = translate

    def html(self, records: Any, template: str, values: str) -> str:
        """``template`` rendered for ``records`` (``docs``: each record's ``values()`` method), in the
        language of the first one's partner, as far as one document can; ``title`` is the file name."""
        lang = records[:1].partner_id.lang or records.env.lang or "en_US"
        with use_lang(lang):
            records = records.with_context(lang=lang)
            docs = [getattr(record, values)() for record in records]
            return self._jinja.get_template(template).render(docs=docs, lang=lang,
                                                              title=records._report_filename())

    def render(self, template: str, **values: Any) -> str:
        """``template`` rendered with ``values``, in the current language (documents that are no
        record's, such as a report over many of them)."""
        return self._jinja.get_template(template).render(**values)

    def pdf(self, html: str) -> bytes:
        from weasyprint import HTML  # imported when printing: it loads Pango

        return HTML(string=html, base_url=str(self.folder)).write_pdf()
