"""YAML reading that remembers where every key and item came from (file and line)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from core.exceptions import MetadataError


class Located:
    """Mixin of the containers built from YAML: the file and the line of each part."""

    file: str | None = None
    line: int | None = None
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int | None:
        return self.key_lines.get(key, self.line)


class LocatedDict(dict, Located):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.key_lines = {}


class LocatedList(list, Located):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.key_lines = {}


# libyaml's parser when PyYAML was built with it: several times faster over the addons' files
_BaseLoader: Any = yaml.CSafeLoader if yaml.__with_libyaml__ else yaml.SafeLoader


class _Loader(_BaseLoader):
    """SafeLoader whose mappings and sequences carry their source lines."""

    file_name: str | None = None


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> LocatedDict:
    loader.flatten_mapping(node)
    result = LocatedDict()
    result.file, result.line = loader.file_name, node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise MetadataError(loader.file_name, key_node.start_mark.line + 1, f"duplicate key '{key}'")
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = key_node.start_mark.line + 1
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> LocatedList:
    result = LocatedList()
    result.file, result.line = loader.file_name, node.start_mark.line + 1
    for index, child in enumerate(node.value):
        result.append(loader.construct_object(child, deep=True))
        result.key_lines[index] = child.start_mark.line + 1
    return result


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_yaml_text(text: str, file_name: str | None = None) -> Any:
    """Parse ``text``; syntax errors become MetadataError with the line."""
    loader_class = type("_FileLoader", (_Loader,), {"file_name": file_name})
    try:
        return yaml.load(text, Loader=loader_class)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else None
        raise MetadataError(file_name, line, f"invalid YAML: {error.problem or error}") from None


def load_yaml_documents(path: str | Path) -> list[Any]:
    """Every document of a YAML file (``---`` separates them); empty documents are skipped."""
    path = Path(path)
    name = display_path(path)
    loader_class = type("_FileLoader", (_Loader,), {"file_name": name})
    try:
        return [
            doc
            for doc in yaml.load_all(path.read_text(encoding="utf-8"), Loader=loader_class)
            if doc is not None
        ]
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise MetadataError(
            name, mark.line + 1 if mark else None, f"invalid YAML: {error.problem or error}"
        ) from None


def load_yaml_file(path: str | Path) -> Any:
    """Parse a YAML file; the returned containers know their file and lines."""
    path = Path(path)
    return load_yaml_text(path.read_text(encoding="utf-8"), display_path(path))


def display_path(path: str | Path) -> str:
    """A path relative to the working directory when possible, for messages."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def locate(document: Any, path: list[Any] | tuple[Any, ...]) -> tuple[str | None, int | None]:
    """File and line of the part of ``document`` reached by ``path`` (keys and indexes)."""
    node, line = document, getattr(document, "line", None)
    file = getattr(document, "file", None)
    for step in path:
        if isinstance(node, Located):
            line = node.line_of(step) or line
        try:
            node = node[step]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, Located) and node.line:
            line = node.line if not isinstance(node, LocatedDict) else line
    return file, line
