"""The support portal: a customer opens a ticket (articles that may answer it are suggested), follows it
with the link we send, answers in its conversation, and searches the knowledge base; no login needed."""

from __future__ import annotations

from typing import Any

from flask import redirect, render_template, request, url_for
from markupsafe import Markup

from addons.helpdesk.models.helpdesk_ticket import article_domain
from addons.service_desk.controllers.portal_common import (
    attach_upload,
    find_tracked,
    portal_partner,
    public_env_run,
)
from core.exceptions import UserError, ValidationError
from core.i18n import _
from web import i18n
from web.addon_pages import addon_blueprint

bp = addon_blueprint("helpdesk_portal", __name__, "/support", public=True)


def _page(template: str, status: int = 200, **values: Any) -> tuple[str, int]:
    return render_template(
        template, portal_title=_("Customer support"), portal_home=url_for(".new"), portal_track=None, **values
    ), status


def _articles(env: Any, text: str) -> list[dict[str, Any]]:
    found = env["helpdesk.article"].search(
        article_domain(text) if text else [("is_published", "=", True)], limit=10
    )
    return [{"id": a.id, "name": a.name} for a in found]


@bp.route("/", methods=["GET", "POST"])
def new() -> Any:
    """The form of a new ticket; its follow-up page once sent."""
    values = {
        k: request.form.get(k, "").strip() for k in ("partner_name", "partner_email", "name", "description")
    }
    if request.method == "GET":
        subject = request.args.get("name", "").strip()
        suggestions = public_env_run(lambda env: _articles(env, subject), readonly=True) if subject else []
        return _page("helpdesk/portal_new.html", values={"name": subject}, suggestions=suggestions)

    def create(env: Any) -> tuple[str, str]:
        me = portal_partner(env)
        if me and not values["partner_email"]:  # a portal account need not repeat its email
            values["partner_email"] = me.email or ""
            values["partner_name"] = values["partner_name"] or me.name
        if not values["partner_email"]:
            raise ValidationError(_("Give your email, so that we can answer."), field="partner_email")
        if not values["name"]:
            raise ValidationError(_("Give your question a subject."), field="name")
        team = env.ref("helpdesk.helpdesk_team_support", raise_if_not_found=False)
        ticket = (
            env["helpdesk.ticket"]
            .sudo()
            .create(
                {
                    "name": values["name"],
                    "description": Markup("<p>{}</p>").format(values["description"]),
                    "partner_email": values["partner_email"],
                    "partner_name": values["partner_name"] or False,
                    "team_id": team.id if team else False,
                    "partner_id": me.id if me else False,
                }
            )
        )
        attach_upload(env, ticket, request.files.get("attachment"))
        link = url_for(".follow", ref=ticket.ticket_ref, token=ticket.access_token, _external=True)
        # the acknowledgement is no answer: the first-response clock keeps running
        ticket.with_context(service_desk_sla_write=True)._reply_to_requester(
            Markup('<p>{}</p><p><a href="{}">{}</a></p>').format(
                _("We received your ticket %(ref)s. Follow it and answer us here:", ref=ticket.ticket_ref),
                link,
                link,
            )
        )
        return ticket.ticket_ref, ticket.access_token

    try:
        ref, token = public_env_run(create)
    except (UserError, ValidationError) as error:
        suggestions = public_env_run(lambda env: _articles(env, values["name"]), readonly=True)
        return _page(
            "helpdesk/portal_new.html", 400, values=values, suggestions=suggestions, error=str(error)
        )
    return redirect(url_for(".follow", ref=ref, token=token, new=1))


def _ticket_view(ticket: Any) -> dict[str, Any]:
    messages = ticket.message_ids.filtered(
        lambda m: m.message_type in ("comment", "email") and not m.is_internal
    )
    return {
        "ref": ticket.ticket_ref,
        "name": ticket.name,
        "closed": bool(ticket.close_date),
        "stage": ticket.stage_id.public_name or ticket.stage_id.name or "",
        "messages": [
            {
                "author": m.author_id.name or "",
                "date": i18n.format_datetime(m.date),
                "body": Markup(m.body or ""),
            }
            for m in messages.sorted("id")
        ],
    }


@bp.route("/ticket/<ref>", methods=["GET", "POST"])
def follow(ref: str) -> Any:
    """A ticket's status and conversation for whoever holds its link; the customer may answer."""
    token = request.args.get("token", "")
    reply = request.form.get("reply", "").strip()

    def work(env: Any) -> dict[str, Any] | None:
        ticket = find_tracked(env, "helpdesk.ticket", "ticket_ref", ref, token)
        if not ticket:
            return None
        if request.method == "POST" and reply:
            ticket.message_post(
                body=reply,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
                author_id=ticket.partner_id.id or None,
            )
            ticket._resume_from_waiting()
        return _ticket_view(ticket)

    shown = public_env_run(work, readonly=request.method == "GET")
    if shown is None:
        return _page(
            "helpdesk/portal_new.html",
            404,
            values={},
            suggestions=[],
            error=_("No ticket has this number and code."),
        )
    if request.method == "POST":
        return redirect(url_for(".follow", ref=ref, token=token))
    return _page("helpdesk/portal_follow.html", ticket=shown, new=bool(request.args.get("new")))


@bp.get("/articles")
def articles() -> tuple[str, int]:
    """The published knowledge base, searched by ``q``."""
    text = request.args.get("q", "").strip()
    return _page(
        "helpdesk/portal_articles.html",
        q=text,
        articles=public_env_run(lambda env: _articles(env, text), readonly=True),
    )


@bp.get("/articles/<int:article_id>")
def article(article_id: int) -> tuple[str, int]:
    def read(env: Any) -> dict[str, Any] | None:
        found = env["helpdesk.article"].search([("id", "=", article_id), ("is_published", "=", True)])
        return {"name": found.name, "body": Markup(found.body or "")} if found else None

    shown = public_env_run(read, readonly=True)
    if shown is None:
        return _page(
            "helpdesk/portal_articles.html", 404, q="", articles=[], error=_("This article is not published.")
        )
    return _page("helpdesk/portal_article.html", article=shown)
