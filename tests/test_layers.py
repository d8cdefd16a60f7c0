"""The engine's imports point one way, down: parse -> model -> render -> publish; and it never imports MkDocs."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter

from sites import ROOT

ENGINE = ROOT / "src" / "ontherecord"

# Bottom first. A module may import from its own layer or a lower one, never from a higher one.
LAYERS = [
    # words, values and rules that touch no file
    {"errors", "escape", "vocabulary", "urls", "settings", "model", "labels", "render.page",
     "preview", "collector", "cores"},
    # reading files; the templates
    {"yamldoc", "text", "schema", "render.templates", "lastmod"},
    # parsing sources and data files
    {"source", "furniture", "attribution", "anchors", "themes", "addresses", "cache", "finished"},
    # the archive as a model
    {"archive", "passages", "timeline"},
    # what readers and programs get: pages, citations, data, feeds, search records
    {"render.cards", "render.structured", "render.event", "render.home", "render.lists", "render.notice",
     "render.passage", "render.theme", "render.timeline", "render.check", "cite", "export", "feeds", "search",
     "quotecheck"},
    # routing a site, importing a transcript, running Pagefind
    {"site", "importing", "indexer"},
    # writing files into the built site; the command line
    {"publish", "cli"},
]
LAYER = {module: n for n, layer in enumerate(LAYERS) for module in layer}


def imports() -> dict[str, set[str]]:
    graph = {}
    for path in sorted(ENGINE.rglob("*.py")):
        module = path.relative_to(ENGINE).with_suffix("").as_posix().replace("/", ".")
        if module.endswith("__init__"):
            continue
        package = module.split(".")[:-1]
        deps = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package[: len(package) - node.level + 1]
                names = [node.module] if node.module else [a.name for a in node.names]
                deps |= {".".join([*base, name]) for name in names}
            elif isinstance(node, ast.ImportFrom | ast.Import):
                top = {node.module} if isinstance(node, ast.ImportFrom) else {a.name for a in node.names}
                assert not any(t and t.split(".")[0] in ("mkdocs", "properdocs", "material") for t in top), \
                    f"{module} imports a site generator: the engine must not know it"
        graph[module] = deps
    return graph


def test_every_module_has_a_layer():
    assert sorted(set(imports()) - set(LAYER)) == []
    assert sorted(set(LAYER) - set(imports())) == []


def test_imports_point_down_only():
    upward = [(module, dep) for module, deps in imports().items() for dep in deps if LAYER[dep] > LAYER[module]]
    assert upward == []


def test_there_is_no_import_cycle():
    try:
        tuple(TopologicalSorter(imports()).static_order())
    except CycleError as cycle:
        raise AssertionError(f"import cycle: {cycle.args[1]}") from None


def test_the_hooks_are_thin_adapters():
    for hook in (ROOT / "hooks").glob("*.py"):
        code = hook.read_text(encoding="utf-8")
        # nine MkDocs events, each a few lines handing over to the engine
        assert len(code.splitlines()) < 120, hook
        assert all(len(f.body) <= 12 for f in ast.walk(ast.parse(code)) if isinstance(f, ast.FunctionDef)), hook
        assert "<" not in code.replace("<=", "").replace("->", ""), f"{hook}: markup belongs in templates"
