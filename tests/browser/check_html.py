#!/usr/bin/env python3
"""check_html.py - static checks of the comparison site's pages (python3 standard library).

    python3 tests/browser/check_html.py DIR [ROOT]

DIR is a built compare/ folder, or one locale's copy of it (compare/fr/) with ROOT the
compare/ folder it is in (default: DIR itself). For every *.html in DIR, proves what a validator and an
accessibility review would look for and what keeps the site self-contained:
  - structure: doctype first, <html lang>, <meta charset> first in <head>, viewport, a title,
    a Content-Security-Policy; elements properly nested and closed; ids unique; every
    for/aria-labelledby/aria-describedby names an existing id
  - tables: every table of the page's own (not prose from data) has a <caption> and every <th>
    a scope; every <select> and <input> has a <label> (around it, or naming it with for=);
    every <fieldset> starts with a <legend>
  - nothing leaves the folder: no src= anywhere, no <link> but a data: icon, no url() or
    @import in styles; links are http(s), mailto, an existing #fragment or an existing page of
    the folder, or of another locale's copy under ROOT (fr/signal.html, ../signal.html)
  - nothing from data runs: no on* attribute, no javascript:, <script> only in index.html,
    exactly one, without src
Prints "ok FILE: CHECK" or "FAIL FILE: CHECK: why" per check; exits 0.
"""
import os
import re
import sys
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
# Elements whose end tag HTML lets an author omit; the site always writes them, so they must close.
FOREIGN_LOADS = {"img", "iframe", "object", "embed", "audio", "video", "source", "frame", "track"}


class Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.errors = {}
        self.stack = []
        self.first = None
        self.doctype = None
        self.ids = {}
        self.refs = []      # (attribute, id)
        self.hrefs = []
        self.scripts = []   # attributes of each script
        self.script_text = []
        self.style_text = []
        self.head_first = None
        self.in_head = False
        self.meta = []
        self.title = ""
        self.tables = []    # [has caption, first child tag, in prose]
        self.ths_without_scope = 0
        self.selects = []
        self.inputs = []    # (id, inside a label, pos)
        self.fieldsets = [] # [first child tag, pos]
        self.labels_for = set()
        self.html_lang = None
        self.prose_depth = None
        self.handlers = []

    def err(self, check, why):
        self.errors.setdefault(check, []).append(why)

    def handle_decl(self, decl):
        if self.first is None:
            self.first = "doctype"
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if self.first is None:
            self.first = tag
        pos = "%d:%d" % self.getpos()
        for k, v in attrs:
            if k.startswith("on"):
                self.handlers.append("%s %s=%r at %s" % (tag, k, v, pos))
            if v and "javascript:" in v.lower().replace(" ", ""):
                self.handlers.append("%s %s=%r at %s" % (tag, k, v, pos))
            if k == "src":
                self.err("nothing leaves the folder", "%s src=%r at %s" % (tag, v, pos))
        if "id" in a:
            if a["id"] in self.ids:
                self.err("ids are unique", "id %r twice (%s)" % (a["id"], pos))
            self.ids[a["id"]] = pos
        for k in ("for", "aria-labelledby", "aria-describedby", "aria-controls"):
            if k in a:
                for ref in (a[k] or "").split():
                    self.refs.append((k, ref, pos))
        if tag == "label" and "for" in a:
            self.labels_for.add(a["for"])
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "head":
            self.in_head = True
        elif self.in_head and self.head_first is None:
            self.head_first = (tag, a)
        if tag == "meta":
            self.meta.append(a)
        if tag == "script":
            self.scripts.append(a)
        if tag == "link" and not (a.get("rel") == "icon" and (a.get("href") or "").startswith("data:")):
            self.err("nothing leaves the folder", "<link> %r at %s" % (a, pos))
        if tag in FOREIGN_LOADS:
            self.err("nothing leaves the folder", "<%s> at %s" % (tag, pos))
        if tag == "a" and "href" in a:
            self.hrefs.append((a["href"], pos))
        if tag == "div" and "prose" in (a.get("class") or "").split() and self.prose_depth is None:
            self.prose_depth = len(self.stack)
        if tag == "table":
            self.tables.append([False, None, self.prose_depth is not None, pos])
        if self.stack and self.stack[-1] == "table" and self.tables:
            t = self.tables[-1]
            if t[1] is None:
                t[1] = tag
            if tag == "caption":
                t[0] = True
        if tag == "th" and self.prose_depth is None and "scope" not in a:
            self.ths_without_scope += 1
            self.err("every th has a scope", "th at %s" % pos)
        if tag == "select":
            self.selects.append((a.get("id"), pos))
        if tag == "input" and a.get("type") != "hidden":
            self.inputs.append((a.get("id"), "label" in self.stack, pos))
        if self.stack and self.stack[-1] == "fieldset" and self.fieldsets and self.fieldsets[-1][0] is None:
            self.fieldsets[-1][0] = tag
        if tag == "fieldset":
            self.fieldsets.append([None, pos])
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack and self.stack[-1] == tag:
            self.stack.pop()

    def handle_endtag(self, tag):
        pos = "%d:%d" % self.getpos()
        if tag in VOID:
            self.err("elements nest and close", "end tag </%s> of a void element at %s" % (tag, pos))
            return
        if not self.stack or self.stack[-1] != tag:
            self.err("elements nest and close", "</%s> at %s closes <%s>" % (tag, pos, self.stack[-1] if self.stack else "nothing"))
            if tag in self.stack:
                while self.stack and self.stack.pop() != tag:
                    pass
            return
        self.stack.pop()
        if tag == "head":
            self.in_head = False
        if self.prose_depth is not None and len(self.stack) == self.prose_depth:
            self.prose_depth = None

    def handle_data(self, data):
        if self.stack and self.stack[-1] == "title":
            self.title += data
        if self.stack and self.stack[-1] == "script":
            self.script_text.append(data)
        if self.stack and self.stack[-1] == "style":
            self.style_text.append(data)


def inside(root, path):
    """Whether path (a file that exists) is under the directory root."""
    root = os.path.realpath(root)
    return os.path.isfile(path) and os.path.realpath(path).startswith(root + os.sep)


def check_file(path, names, root):
    name = os.path.basename(path)
    with open(path, "rb") as f:
        raw = f.read()
    results = []

    def report(check, ok, why=""):
        results.append((check, ok, why))

    try:
        text = raw.decode("utf-8")
        report("is UTF-8", True)
    except UnicodeDecodeError as e:
        report("is UTF-8", False, str(e))
        text = raw.decode("utf-8", "replace")
    p = Page()
    p.feed(text)
    p.close()

    report("starts with <!doctype html>", text.lower().startswith("<!doctype html>\n"), repr(text[:40]))
    report("html has a lang", bool(p.html_lang), p.html_lang)
    hf = p.head_first
    report("meta charset comes first", hf is not None and hf[0] == "meta" and (hf[1].get("charset") or "").lower() == "utf-8", hf)
    report("has a viewport", any(m.get("name") == "viewport" and "width=device-width" in (m.get("content") or "") for m in p.meta))
    csp = [m.get("content") or "" for m in p.meta if (m.get("http-equiv") or "").lower() == "content-security-policy"]
    report("has a Content-Security-Policy with default-src 'none'", bool(csp) and "default-src 'none'" in csp[0], csp)
    report("has a title", bool(p.title.strip()), repr(p.title))
    if p.stack:
        p.err("elements nest and close", "unclosed at the end: %s" % p.stack)
    for k, ref, pos in p.refs:
        if ref not in p.ids:
            p.err("references name existing ids", "%s=%r at %s" % (k, ref, pos))
    for href, pos in p.hrefs:
        if re.match(r"(https?://|mailto:)", href):
            continue
        if href.startswith("#"):
            if href[1:] not in p.ids:
                p.err("links resolve", "fragment %r at %s" % (href, pos))
            continue
        page = href.split("#")[0]
        if ":" in page or "\\" in page:
            p.err("links resolve", "href %r at %s" % (href, pos))
        elif "/" in page:
            # another locale's copy of a page: a sibling folder, or the folder above
            target = os.path.join(os.path.dirname(path), page)
            if not inside(root, target) or not page.endswith(".html") or "#" in href:
                p.err("links resolve", "href %r at %s" % (href, pos))
        elif page not in names:
            p.err("links resolve", "href %r at %s" % (href, pos))
    for t in p.tables:
        if not t[2] and not (t[0] and t[1] == "caption"):
            p.err("tables have a caption", "table at %s" % t[3])
    for sid, pos in p.selects:
        if not sid or sid not in p.labels_for:
            p.err("selects have a label", "select %r at %s" % (sid, pos))
    for iid, wrapped, pos in p.inputs:
        if not wrapped and (not iid or iid not in p.labels_for):
            p.err("inputs have a label", "input %r at %s" % (iid, pos))
    for first, pos in p.fieldsets:
        if first != "legend":
            p.err("fieldsets have a legend", "fieldset at %s starts with %r" % (pos, first))
    style = "".join(p.style_text)
    if re.search(r"url\s*\(|@import", style, re.I):
        p.err("nothing leaves the folder", "url() or @import in a style")
    if p.handlers:
        p.err("nothing from data runs", "; ".join(p.handlers[:5]))
    want_scripts = 1 if name == "index.html" else 0
    if len(p.scripts) != want_scripts or any("src" in s for s in p.scripts):
        p.err("nothing from data runs", "%d scripts (%d expected)" % (len(p.scripts), want_scripts))
    if re.search(r"alert\(", "".join(p.script_text)):
        p.err("nothing from data runs", "data inside a script")
    for check in ("elements nest and close", "ids are unique", "references name existing ids",
                  "links resolve", "tables have a caption", "every th has a scope",
                  "selects have a label", "inputs have a label", "fieldsets have a legend", "nothing leaves the folder", "nothing from data runs"):
        errs = p.errors.get(check, [])
        report(check, not errs, "; ".join(errs[:5]))
    return [(name, c, ok, why) for c, ok, why in results]


def main():
    d = sys.argv[1]
    root = sys.argv[2] if len(sys.argv) > 2 else d
    names = sorted(n for n in os.listdir(d) if n.endswith(".html"))
    if "index.html" not in names:
        print("FAIL %s: index.html is missing" % d)
        return
    for n in names:
        # a page may link to any file of the folder: the other pages, the badges (*-badge.svg)
        for name, check, ok, why in check_file(os.path.join(d, n), set(os.listdir(d)), root):
            print("ok %s: %s" % (name, check) if ok else "FAIL %s: %s: %s" % (name, check, why))


if __name__ == "__main__":
    main()
