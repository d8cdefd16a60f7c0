"""Text placed inside markup that is not HTML text: one well-tested means per context."""

from __future__ import annotations

import json

# Inside <script>, the HTML parser ends the element at "</script" and treats "<!--" as the start of an
# escaped run that can swallow the rest of the page; U+2028/2029 end a line in older JavaScript.
_SCRIPT = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def script_json(data) -> str:
    """JSON to place inside a <script> element (JSON-LD, page data): no character there can end it."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=False)
    for char, escaped in _SCRIPT:  # str.replace is many times faster than str.translate with a table
        text = text.replace(char, escaped)
    return text
