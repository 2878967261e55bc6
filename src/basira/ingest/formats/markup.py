"""A linear reading of HTML: how deep a browser's parser would nest it, and its text without a tree.

lexbor (selectolax) checks element scopes by walking its stack of open elements, so markup nested N deep
costs it ~N² (issue 13). Here the markup is tokenised as the HTML standard does it (tags and attributes,
comments, raw text, script escapes, CDATA in SVG/MathML) and the stack is kept with the standard's rules
for which tags close which (scopes, special elements, implied ends, foreign content), simplified only
where that over-counts, or under-counts by a small constant factor: wrapping text in markup the scan
misreads must not hide depth from it. Each step is O(1) amortised (index stacks, no walks).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe", "object"})
BLOCK_TAGS = frozenset(
    {"address", "article", "aside", "blockquote", "br", "dd", "details", "div", "dl", "dt", "fieldset",
     "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li",
     "main", "nav", "ol", "p", "pre", "section", "summary", "table", "td", "th", "tr", "ul"}
)


def _names(words: str) -> frozenset[str]:
    return frozenset(words.split())


_WS = r"\t\n\f\r "
# After "<": an optional "/", the name, then attributes exactly as the tokenizer reads them (a quote opens
# a value only after "="); possessive, so a tag cut off by the end of input fails at once (EOF in a tag).
_TAG = re.compile(
    rf"(/?)([A-Za-z][^{_WS}/>]*+)"
    rf"(?:[{_WS}]++|/(?!>)|[^{_WS}/>][^{_WS}/>=]*+"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?>\"[^\"]*+\"|'[^']*+'|[^{_WS}>\"'][^{_WS}>]*+|(?=>))|(?![{_WS}]*+=)))*+"
    r"(/?)>"
)
# One attribute of a tag _TAG matched: its name, then its value (double-, single- or unquoted).
_ATTRIBUTE = re.compile(
    rf"[{_WS}/]*+([^{_WS}/>][^{_WS}/>=]*+)"
    rf"(?:[{_WS}]*+=[{_WS}]*+(?:\"([^\"]*+)\"|'([^']*+)'|([^{_WS}>\"'][^{_WS}>]*+)|(?=>)))?"
)
_COMMENT_END = re.compile(r"--!?>")
_SCRIPT_STEP = re.compile(rf"<!--|-->|</script[{_WS}/>]|<script[{_WS}/>]", re.IGNORECASE)
_RAW = ("style", "xmp", "iframe", "noembed", "noframes", "title", "textarea")
_RAW_END = {name: re.compile(rf"</{name}[{_WS}/>]", re.IGNORECASE) for name in _RAW}
_RAW_TEXT_KEPT = frozenset({"xmp", "textarea"})  # raw text a reader sees on the page
_RCDATA = frozenset({"title", "textarea"})  # entities decoded

_VOID = _names(
    "area base basefont bgsound br col embed frame hr image img input keygen link meta param source track wbr"
)
_MATH_TEXT_POINTS = _names("mi mo mn ms mtext")  # MathML text integration points
_SVG_HTML_POINTS = _names("foreignobject desc title")  # SVG HTML integration points
_MATH_SCOPE = _MATH_TEXT_POINTS | {"annotation-xml"}
_HTML_ENCODINGS = ("text/html", "application/xhtml+xml")  # make annotation-xml an HTML integration point
_FONT_BREAKOUT = frozenset({"color", "face", "size"})  # <font> leaves foreign content only with one of these
_SCOPE = _names("applet caption html table td th marquee object template")  # "has in scope" stops
_TABLE_SCOPE = frozenset({"html", "table", "template"})
_SCOPES = {"html": _SCOPE, "math": _MATH_SCOPE, "svg": _SVG_HTML_POINTS}
_SPECIAL = _names(
    "address applet area article aside base basefont bgsound blockquote body br button caption center col "
    "colgroup dd details dir div dl dt embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 "
    "h5 h6 head header hgroup hr html iframe img input keygen li link listing main marquee menu meta nav "
    "noembed noframes noscript object ol p param plaintext pre script search section select source style "
    "summary table tbody td template textarea tfoot th thead title tr track ul wbr xmp"
)
_NOT_LIST_STOPS = frozenset({"address", "div", "p"})  # special, yet <li>/<dd>/<dt> close past them
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_CLOSES_P = _names(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption figure footer "
    "header hgroup main menu nav ol p search section summary ul h1 h2 h3 h4 h5 h6 pre listing form plaintext "
    "table hr xmp li dd dt"
)
_BLOCK_END = _names(
    "address article aside blockquote button center details dialog dir div dl fieldset figcaption figure "
    "footer header hgroup listing main menu nav ol pre search section summary ul applet marquee object "
    "dd dt"
)
_TABLE_PARTS = _names("table tbody thead tfoot tr td th caption colgroup")
_BREAKOUT = _names(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i img li listing "
    "menu meta nobr ol p pre ruby s small span strong strike sub sup table tt u ul var"
)
_HEAD_CONTENT = _names("base basefont bgsound link meta noframes script style template title noscript")


def _attributes(tag: re.Match[str]) -> dict[str, str]:
    """The attributes of a tag ``_TAG`` matched (the first of a repeated name wins, as in the tokenizer)."""
    found: dict[str, str] = {}
    at, end = tag.end(2), tag.end()
    while (match := _ATTRIBUTE.match(tag.string, at, end)) is not None and match.end() > at:
        found.setdefault(match.group(1).lower(), next((v for v in match.groups()[1:] if v is not None), ""))
        at = match.end()
    return found


def _integration_point(name: str, namespace: str, tag: re.Match[str]) -> str:
    """What kind of integration point a foreign element is: "text", "html", "annotation" or ""."""
    if namespace == "math":
        if name in _MATH_TEXT_POINTS:
            return "text"
        if name == "annotation-xml":
            encoding = _attributes(tag).get("encoding", "").lower()
            return "html" if encoding in _HTML_ENCODINGS else "annotation"
        return ""
    return "html" if name in _SVG_HTML_POINTS else ""


@dataclass(frozen=True, slots=True)
class FlatText:
    text: str  # not collapsed: the caller collapses white space as for the other extractors
    title: str | None
    depth: int


class _Stack:
    """The open elements, with an index stack per name and per kind of element, so nothing is walked."""

    def __init__(self) -> None:
        self.names: list[str] = []
        self.namespaces: list[str] = []  # "html", "svg" or "math"
        self.points: list[str] = []  # integration points (see _integration_point)
        self.where: dict[str, list[int]] = {}
        self.scope: list[int] = []  # "in scope" boundaries
        self.table_scope: list[int] = []
        self.special: list[int] = []
        self.list_stops: list[int] = []
        self.html_elements: list[int] = []
        self.skips: list[int] = []
        self.depth = 0

    def top(self, name: str) -> int:
        places = self.where.get(name)
        return places[-1] if places else -1

    @staticmethod
    def last(places: list[int]) -> int:
        return places[-1] if places else -1

    def push(self, name: str, namespace: str = "html", point: str = "") -> None:
        index = len(self.names)
        foreign = namespace != "html"
        self.names.append(name)
        self.namespaces.append(namespace)
        self.points.append(point)
        self.where.setdefault(name, []).append(index)
        boundary = name in _SCOPES[namespace]
        special = boundary if foreign else name in _SPECIAL
        for wanted, places in (
            (boundary, self.scope), (special, self.special), (not foreign, self.html_elements),
            (not foreign and name in _TABLE_SCOPE, self.table_scope),
            (special and (foreign or name not in _NOT_LIST_STOPS), self.list_stops),
            (name in SKIP_TAGS, self.skips),
        ):
            if wanted:
                places.append(index)
        self.depth = max(self.depth, index + 1)

    def pop_to(self, index: int) -> None:
        """Pop every element from the top down to (and including) ``index``."""
        while len(self.names) > index:
            top = len(self.names) - 1
            self.where[self.names.pop()].pop()
            self.namespaces.pop()
            self.points.pop()
            for places in (self.scope, self.table_scope, self.special, self.list_stops, self.html_elements,
                           self.skips):
                if places and places[-1] == top:
                    places.pop()

    def foreign(self) -> bool:
        """Whether the current node is an SVG or MathML element (CDATA sections are read there)."""
        return bool(self.names) and self.namespaces[-1] != "html"

    def html_rules(self, name: str) -> bool:
        """Whether a start tag ``name`` is processed by the HTML rules rather than foreign content's."""
        if not self.foreign():
            return True
        point = self.points[-1]
        if point == "text":
            return name not in ("mglyph", "malignmark")
        return point == "html" or (point == "annotation" and name == "svg")

    def start(self, name: str, self_closing: bool, tag: re.Match[str]) -> bool:
        """Open what the start tag opens; whether it was read by the HTML rules (raw text, plaintext)."""
        if not self.html_rules(name):
            if name not in _BREAKOUT and not (name == "font" and _FONT_BREAKOUT & _attributes(tag).keys()):
                if not self_closing:
                    namespace = self.namespaces[-1]
                    self.push(name, namespace, _integration_point(name, namespace, tag))
                return False
            while self.foreign() and self.points[-1] not in ("text", "html"):
                self.pop_to(len(self.names) - 1)
        if self.names and self.names[-1] == "head" and name not in _HEAD_CONTENT and name != "head":
            self.pop_to(len(self.names) - 1)
        if name in _TABLE_PARTS and name != "table" and not 0 <= self.top("table") == self.last(self.table_scope):
            return True  # a cell or row outside a table is ignored
        if name in ("html", "body", "head") and (self.where.get(name) or (name == "head" and self.top("body") >= 0)):
            return True  # merged into the one there is
        self._implied_ends(name)
        if name in ("svg", "math"):
            if not self_closing:
                self.push(name, name)
        elif name not in _VOID:
            self.push(name)
        return True

    def _implied_ends(self, name: str) -> None:
        if name == "li" or name in ("dd", "dt"):
            item = self.top("li") if name == "li" else max(self.top("dd"), self.top("dt"))
            if item >= 0 and item >= self.last(self.list_stops):
                self.pop_to(item)
        if name in _CLOSES_P:
            self._close_p()
        if name in _HEADINGS and self.names and self.names[-1] in _HEADINGS:
            self.pop_to(len(self.names) - 1)
        elif name in ("td", "th"):
            self._close_in_table(max(self.top("td"), self.top("th")))
        elif name == "tr":
            self._close_in_table(self.top("tr"))
        elif name in ("tbody", "thead", "tfoot"):
            self._close_in_table(max(self.top("tbody"), self.top("thead"), self.top("tfoot")))
        elif name in ("option", "optgroup"):
            if self.names and self.names[-1] == "option":
                self.pop_to(len(self.names) - 1)
            if name == "optgroup" and self.names and self.names[-1] == "optgroup":
                self.pop_to(len(self.names) - 1)
        elif name in ("a", "nobr"):
            self._close_formatting(self.top(name))
        elif name == "button":
            button = self.top("button")
            if button >= 0 and button > self.last(self.scope):
                self.pop_to(button)

    def _close_p(self) -> None:
        p = self.top("p")
        if p >= 0 and p > max(self.last(self.scope), self.top("button")):
            self.pop_to(p)

    def _close_in_table(self, index: int) -> None:
        if index >= 0 and index > self.last(self.table_scope):
            self.pop_to(index)

    def _close_formatting(self, index: int) -> None:
        # The adoption agency and "any other end tag": popped only when no special element is above it
        # (otherwise the parser keeps what is above, so keeping everything can only over-count).
        if index >= 0 and index >= self.last(self.special):
            self.pop_to(index)

    def end(self, name: str) -> None:
        if self.foreign():
            index = self.top(name)
            if index >= 0 and self.namespaces[index] != "html" and index > self.last(self.html_elements):
                self.pop_to(index)
                return
        if name in _BLOCK_END:
            index = self.top(name)
            if index >= 0 and (index > self.last(self.scope) or (self.names[index] in _SCOPE and
                               index == self.last(self.scope))):
                self.pop_to(index)
        elif name == "p":
            self._close_p()
        elif name == "li":
            li = self.top("li")
            if li >= 0 and li > max(self.last(self.scope), self.top("ul"), self.top("ol")):
                self.pop_to(li)
        elif name in _HEADINGS:
            heading = max(self.top(h) for h in _HEADINGS)
            if heading >= 0 and heading > self.last(self.scope):
                self.pop_to(heading)
        elif name in _TABLE_PARTS:
            index = self.top(name)
            if index >= 0 and (index > self.last(self.table_scope) or (index == self.last(self.table_scope)
                               and name == "table")):
                self.pop_to(index)
        elif name == "form":
            if self.names and self.names[-1] == "form":  # else the parser removes the form alone: keep it
                self.pop_to(len(self.names) - 1)
        elif name == "select":
            select = self.top("select")
            if select >= 0 and select > self.last(self.scope):
                self.pop_to(select)
        elif name not in ("html", "body", "br"):
            self._close_formatting(self.top(name))


def _comment_end(markup: str, at: int) -> int:
    """Where the comment opened just before ``at`` ends (``<!-->`` and ``<!--->`` end at once)."""
    if markup.startswith(">", at):
        return at + 1
    if markup.startswith("->", at):
        return at + 2
    match = _COMMENT_END.search(markup, at)
    return match.end() if match else len(markup)


def _script_end(markup: str, at: int) -> int:
    """Where the script's content ends: its ``</script`` once outside ``<!--<script>…</script>-->``."""
    escaped = double = False
    while True:
        match = _SCRIPT_STEP.search(markup, at)
        if match is None:
            return len(markup)
        step = match.group().lower()
        at = match.end()
        if step.startswith("</script"):
            if not double:
                return match.start()
            double = False
        elif step == "<!--":
            escaped = escaped or not double
            at = match.start() + 2  # "<!-->" both opens and closes
        elif step == "-->":
            escaped = double = False
        elif escaped:  # "<script" inside "<!--"
            double = True


def _starts_tag(after: str) -> bool:
    """Whether the two characters after a "<" open a start or an end tag."""
    first = after[1:] if after.startswith("/") else after[:1]
    return first.isascii() and first.isalpha()


def scan(markup: str, stop_above: int | None = None, collect: bool = False) -> FlatText:
    """The deepest nesting a browser's parser would build (or the first depth over ``stop_above``) and,
    when ``collect``, the text outside script, style and the like, with a line break at each block tag."""
    stack = _Stack()
    pieces: list[str] = []
    title: str | None = None
    size = len(markup)

    def text(chunk: str, decode: bool = True) -> None:
        if not chunk:
            return
        if stack.names and stack.names[-1] == "head" and chunk.strip():
            stack.pop_to(len(stack.names) - 1)  # text ends the head, as any body content does
        if collect and not stack.skips:
            pieces.append(html.unescape(chunk) if decode else chunk)

    at = 0
    while at < size:
        if stop_above is not None and stack.depth > stop_above:
            break
        lt = markup.find("<", at)
        if lt < 0:
            text(markup[at:])
            break
        text(markup[at:lt])
        after = markup[lt + 1 : lt + 3]
        if after.startswith("!"):
            if markup.startswith("!--", lt + 1):
                at = _comment_end(markup, lt + 4)
                continue
            if markup.startswith("![CDATA[", lt + 1) and stack.foreign():
                end = markup.find("]]>", lt + 9)
                text(markup[lt + 9 : size if end < 0 else end], decode=False)
                at = size if end < 0 else end + 3
                continue
        tag = _TAG.match(markup, lt + 1) if _starts_tag(after) else None
        if tag is None:
            if _starts_tag(after) or after == "/":
                break  # the input ends inside a tag (or right after "</"): the parser drops the rest
            if after[:1] in ("!", "?", "/"):  # a bogus comment, or "</>"
                gt = markup.find(">", lt + 2)
                at = size if gt < 0 else gt + 1
            else:
                text("<")
                at = lt + 1
            continue
        at = tag.end()
        closing, name, self_closing = tag.group(1) == "/", tag.group(2).lower(), tag.group(3) == "/"
        if collect and name in BLOCK_TAGS:
            pieces.append("\n")
        if closing:
            stack.end(name)
            continue
        if not stack.start(name, self_closing, tag):
            continue
        if name == "script":
            at = _script_end(markup, at)
        elif name == "plaintext":
            text(markup[at:], decode=False)
            break
        elif name in _RAW_END:
            match = _RAW_END[name].search(markup, at)
            end = size if match is None else match.start()
            content = markup[at:end]
            if name == "title":
                if title is None and collect:
                    title = html.unescape(content)
            elif name in _RAW_TEXT_KEPT:
                text(content, decode=name in _RCDATA)
            at = end
    return FlatText("".join(pieces), title, stack.depth)


def nesting_depth(markup: str, stop_above: int | None = None) -> int:
    """How deep the parser's stack of open elements gets; stops counting once over ``stop_above``."""
    return scan(markup, stop_above).depth


def flat_text(markup: str) -> FlatText:
    return scan(markup, collect=True)


_START_TAG_TEXT = re.compile(r"<[A-Za-z][^>]*")  # a start tag up to its ">" (matches do not overlap: linear)


def attributes_over(markup: str, limit: int) -> bool:
    """Whether a start tag may hold more than ``limit`` attributes (counting its whitespace-separated words
    past the name: an upper bound), in linear time. lexbor and lxml check each new attribute against the
    tag's others, so one tag with N attributes costs them ~N² (150,000: minutes)."""
    for tag in _START_TAG_TEXT.finditer(markup):
        start, end = tag.span()
        if end - start > 2 * limit and len(tag.group().split()) - 1 > limit:  # an attribute takes 2 chars at least
            return True
    return False
