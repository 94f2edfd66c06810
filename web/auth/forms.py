"""The forms of logging in and changing the password (CSRF-protected by Flask-WTF)."""

from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, EqualTo, Length

from core.i18n import LazyText


class LoginForm(FlaskForm):
    db = SelectField(LazyText("Database"), choices=[], validate_choice=True)
    login = StringField(
        LazyText("Login"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        LazyText("Password"), validators=[DataRequired()], render_kw={"autocomplete": "current-password"}
    )


class PasswordForm(FlaskForm):
    old_password = PasswordField(
        LazyText("Current password"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    new_password = PasswordField(
        LazyText("New password"),
        validators=[DataRequired(), Length(min=4)],
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        LazyText("Confirm new password"),
        validators=[
            DataRequired(),
            EqualTo("new_password", message=LazyText("The two new passwords do not match.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )
