"""Comparing a file's values with what a record already holds, so that loading the same file again
rewrites nothing and does not add its one2many lines a second time."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError
from core.exchange.references import xmlid_key
from core.fields.relational import Many2many, Many2one, One2many

if TYPE_CHECKING:
    from core.records.model import BaseModel


def same_value(record: BaseModel, name: str, value: Any) -> bool:
    """Whether writing ``{name: value}`` on ``record`` would leave it as it is."""
    field = record._fields[name]
    try:
        if isinstance(field, Many2one):
            return (record[name].id or False) == (value or False)
        if isinstance(field, Many2many):
            if value and all(isinstance(c, (list, tuple)) and c[0] == 6 for c in value):
                return set(record[name].ids) == set(value[-1][2])
            return not value
        if isinstance(field, One2many):
            return not value
        return field.convert_to_record(field.convert_to_cache(value, record), record) == record[name]
    except (ValidationError, TypeError, ValueError):
        return False


def same_values(record: BaseModel, vals: dict[str, Any]) -> bool:
    return all(same_value(record, name, value) for name, value in vals.items())


class LineMatcher:
    """The one2many commands of a file for a record that exists, minus the lines it already has.

    A line of the file without an id that equals one of the record's lines (on the file's columns) is
    that line; without this, every new load of the same file would add the lines again.
    """

    def __init__(self, record: BaseModel) -> None:
        self.record = record
        self.children: dict[str, set[int]] = {}  # field → ids of the lines before the write
        self.xmlids: list[tuple[str, tuple[str, str, int, bool]]] = []  # (comodel, entry) for matched lines

    def match(self, vals: dict[str, Any], line_xmlids: dict[str, list[tuple[int, str]]]
              ) -> tuple[dict[str, Any], dict[str, list[tuple[int, str]]]]:
        """Values to write, and the external ids of the lines still to create (by create position)."""
        result = dict(vals)
        remaining: dict[str, list[tuple[int, str]]] = {}
        for name, value in vals.items():
            field = self.record._fields[name]
            if not isinstance(field, One2many) or not isinstance(value, list):
                continue
            children = self.record[name]
            self.children[name] = set(children.ids)
            commands, remaining[name] = self.match_field(field.comodel_name, children, value,
                                                         dict(line_xmlids.get(name, [])))
            if commands:
                result[name] = commands
            else:
                del result[name]
        return result, {name: pairs for name, pairs in remaining.items() if pairs}

    def match_field(self, comodel: str, children: BaseModel, commands: list[tuple[Any, ...]],
                    xmlid_at: dict[int, str]) -> tuple[list[tuple[Any, ...]], list[tuple[int, str]]]:
        existing = set(children.ids)
        linked = {command[1] for command in commands if command[0] in (1, 4)}
        pool = [child for child in children if child.id not in linked]
        kept: list[tuple[Any, ...]] = []
        pairs: list[tuple[int, str]] = []
        index = created = 0
        for command in commands:
            code = command[0]
            if code == 0:
                match = next((child for child in pool if same_values(child, command[2])), None)
                if match is not None:
                    pool.remove(match)
                    if index in xmlid_at:
                        self.xmlids.append((comodel, (*xmlid_key(xmlid_at[index]), match.id, False)))
                else:
                    if index in xmlid_at:
                        pairs.append((created, xmlid_at[index]))
                    kept.append(command)
                    created += 1
                index += 1
            elif code == 4 and command[1] in existing:
                continue  # already one of its lines
            elif code == 1 and command[1] in existing and same_values(children.browse(command[1]),
                                                                      command[2]):
                continue  # one of its lines, unchanged
            else:
                kept.append(command)
        return kept, pairs
