"""The generator's finished pages, kept from one build to the next.

In a rebuild, most of the generator's time goes to its theme wrapping thousands of pages whose content did
not change (at 1,000 events, Material wraps 2,725 archive pages). A page is kept under a digest of all it
is made from: its content and its settings (`find`'s parts), and the wrapping every page shares (the
theme's templates, the site's configuration, the navigation: `FinishedPages`'s parts). When those are
what they were, the adapter has the generator render an empty layout (for MkDocs, overrides/main.html
extends `ontherecord-finished.html`) and hands it back the kept page (`finish`). Anything not in the key
could leave a page stale, so the adapter puts in more than the theme reads: the whole configuration
file, the custom templates, the versions of the generator and the theme, the navigation as shown.
"""

from __future__ import annotations

from pathlib import Path

from .cache import PageCache, digest_of


class FinishedPages:
    def __init__(self, folder: Path | None, *shared: str) -> None:
        """`shared`: everything the wrapping of every page depends on, as text."""
        self._shared = digest_of(*shared)
        self._store = PageCache(folder and folder / self._shared[:16])
        self._keys: dict[str, str] = {}
        self._found: dict[str, str] = {}
        self.kept = self.made = 0

    def find(self, url: str, *parts: str) -> bool:
        """Whether the page at `url`, made of `parts`, is kept; if so `finish` gives it back."""
        key = digest_of(self._shared, url, *parts)
        self._keys[url] = key
        found = self._store.get(key)
        if found is not None:
            self._found[url] = found
        return found is not None

    def finish(self, url: str, output: str) -> str:
        """The page at `url` as written: the one kept, or `output` (the generator's), now kept."""
        key = self._keys.pop(url, None)
        if url in self._found:
            self.kept += 1
            return self._found.pop(url)
        if key is not None:
            self._store.put(key, output)
            self.made += 1
        return output

    def prune(self, keep: int = 2) -> None:
        """Forget the pages this build did not ask for (call after the build), and all but the `keep` latest
        sets of pages (a set is 300 MB at 1,000 events; `mkdocs serve` and `mkdocs build` use one each)."""
        self._store.prune(self._store.used, others=keep - 1)

    def __str__(self) -> str:
        return f"pages wrapped by the theme: {self.made}; kept from the last build: {self.kept}"
