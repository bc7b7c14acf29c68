#!/usr/bin/env python3
"""browse.py - drive headless Chromium over the DevTools protocol (--remote-debugging-pipe)
and check the comparison site as a reader's browser sees it.

    python3 tests/browser/browse.py SITE_DIR SHOT_DIR PROFILE_DIR [HOSTILE_SITE_DIR]

SITE_DIR holds compare/ (the output of `msgvet build`); HOSTILE_SITE_DIR, when given, a site
built with a hostile messenger (id evil) whose pages must load with no script from data run.
FACTS names the output of `msgvet facts --format json` for SITE_DIR's data: what each filter
must show is computed from it. VARIANT and VARIANT_FACTS, when set, name a site built from
the variant data of run.sh (an undetermined placement, contradicted and observed-only facts,
a messenger on one desktop platform only) and its facts. ENGLISH names the output of
english_strings.py for French: the French copy of the site (compare/fr/) is checked too (its
lang, no English text where French has its own outside an element marked lang="en", the links
between the locales' copies of a page, the hostile messenger's French page). Prints one line per check,
"ok NAME" or "FAIL NAME: why", and exits 0 (run.sh counts the lines). Python standard
library only; CHROMIUM names the browser (default /usr/bin/chromium).
"""
import base64
import fcntl
import json
import os
import re
import select
import subprocess
import sys
import time

TIMEOUT = 30.0


class Browser:
    """One Chromium process and one page, spoken to as JSON messages over fds 3 and 4."""

    def __init__(self, binary, profile):
        cmd_r, self.cmd_w = os.pipe()
        self.res_r, res_w = os.pipe()

        def child():
            a = fcntl.fcntl(cmd_r, fcntl.F_DUPFD, 10)
            b = fcntl.fcntl(res_w, fcntl.F_DUPFD, 10)
            os.dup2(a, 3)
            os.dup2(b, 4)

        args = [binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--remote-debugging-pipe",
                "--window-size=1280,900", "about:blank"]
        self.log = open(os.path.join(profile, "chromium.log"), "wb")
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=self.log,
                                     stderr=subprocess.STDOUT, close_fds=False,
                                     preexec_fn=child)
        os.close(cmd_r)
        os.close(res_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log", "Network"):
            self.call(domain + ".enable")

    def _read(self, deadline):
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0:
                raise TimeoutError("no answer from chromium")
            ready, _, _ = select.select([self.res_r], [], [], left)
            if ready:
                chunk = os.read(self.res_r, 1 << 16)
                if not chunk:
                    raise EOFError("chromium closed the pipe")
                self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def send(self, method, params=None, session=True):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.cmd_w, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def event(self, m):
        self.events.append(m)
        if m["method"] == "Page.javascriptDialogOpening":
            # a dialog blocks the page: dismiss it at once, the check reads the event
            self.send("Page.handleJavaScriptDialog", {"accept": False})

    def call(self, method, params=None, session=True):
        want = self.send(method, params, session)
        deadline = time.monotonic() + TIMEOUT
        while True:
            m = self._read(deadline)
            if m.get("id") == want:
                if "error" in m:
                    raise RuntimeError("%s: %s" % (method, m["error"].get("message")))
                return m.get("result", {})
            if "method" in m:
                self.event(m)

    def wait_event(self, method, deadline):
        while True:
            for i, e in enumerate(self.events):
                if e["method"] == method:
                    del self.events[i]
                    return e
            m = self._read(deadline)
            if "method" in m:
                self.event(m)

    def navigate(self, url):
        self.events = [e for e in self.events if e["method"] != "Page.loadEventFired"]
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", time.monotonic() + TIMEOUT)

    def js(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:  # the check comparing this value fails and says why
            d = r["exceptionDetails"]
            return "script failed: %s %s" % (d.get("text"), d.get("exception", {}).get("description", ""))
        return r["result"].get("value")

    def drain(self):
        """Collect pending events (after a short pause for late console messages)."""
        deadline = time.monotonic() + 0.3
        try:
            while True:
                m = self._read(deadline)
                if "method" in m:
                    self.event(m)
        except TimeoutError:
            pass

    def problems(self):
        """Console errors, uncaught exceptions and requests leaving the folder, so far."""
        self.drain()
        out = []
        for e in self.events:
            p = e.get("params", {})
            if e["method"] == "Runtime.exceptionThrown":
                d = p.get("exceptionDetails", {})
                out.append("exception: %s %s" % (d.get("text"), d.get("exception", {}).get("description", "")))
            elif e["method"] == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert", "warning"):
                out.append("console.%s: %s" % (p["type"], " ".join(str(a.get("value", a.get("description"))) for a in p.get("args", []))))
            elif e["method"] == "Log.entryAdded" and p.get("entry", {}).get("level") in ("error", "warning"):
                out.append("log %s: %s" % (p["entry"]["level"], p["entry"].get("text")))
            elif e["method"] == "Network.requestWillBeSent":
                url = p.get("request", {}).get("url", "")
                if not (url.startswith("file://") or url.startswith("data:")):
                    out.append("request outside the folder: " + url)
        self.events = []
        return out

    def screenshot(self, path, width=1280, height=900):
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": False})
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        try:
            self.call("Browser.close", session=False)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        os.close(self.cmd_w)
        os.close(self.res_r)
        self.log.close()


# Visible messenger rows of the version on show, in table order.
# What the matrix must show, from the site's own export (msgvet.json, the same evaluation):
# per version, the messengers in page order with their placement and their result on every
# criterion, and every messenger's name. Filled by load_export() before the checks run.
EXPORT = {}
NAMES = {}
ALL = []       # page order under the newest version
ALL_2024 = []  # page order under 2024-02
VERDICT_RANK = {"pass": 0, "n/a": 1, "unknown": 2, "fail": 3}  # the matrix's sort order


def load_export(site):
    with open(os.path.join(site, "msgvet.json")) as f:
        data = json.load(f)
    for m in data["messengers"]:
        NAMES[m["id"]] = m["name"]
    for c in data["criteria"]:
        EXPORT[c["version"]] = [(r["messenger"], r["placement"],
                                 {x["criterion"]: x["result"] for x in r["results"]}) for r in c["results"]]
    newest = data["criteria"][-1]["version"]
    ALL[:] = [i for i, _, _ in EXPORT[newest]]
    ALL_2024[:] = [i for i, _, _ in EXPORT["2024-02"]]
    return newest


def placed(version, placement):
    """The messengers with this placement under version, in page order."""
    return [i for i, p, _ in EXPORT[version] if p == placement]


def meets(version, criterion):
    """The messengers that meet criterion under version (pass or n/a), in page order."""
    return [i for i, _, r in EXPORT[version] if r[criterion] in ("pass", "n/a")]


def by_verdict(version, criterion, descending=False):
    """Page order sorted by the criterion's result as the matrix sorts it, ties in page order."""
    rows = EXPORT[version]
    sign = -1 if descending else 1
    return [i for i, _, _ in sorted(rows, key=lambda x: (sign * VERDICT_RANK[x[2][criterion]], rows.index(x)))]

VISIBLE = """(() => {
  const s = [...document.querySelectorAll('section.version')].filter(x => !x.hidden);
  if (s.length !== 1) return 'sections shown: ' + s.length;
  return [...s[0].querySelectorAll('table.matrix tbody tr')]
    .filter(r => !r.hidden && r.offsetParent !== null).map(r => r.dataset.id);
})()"""


def choose(select_id, value):
    return """(() => {
  const el = document.getElementById(%s);
  el.value = %s;
  if (el.value !== %s) return false;
  el.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
})()""" % (json.dumps(select_id), json.dumps(value), json.dumps(value))


def choose_label(select_id, text):
    """Select the option whose text starts with text (the version selector shows labels)."""
    return """(() => {
  const el = document.getElementById(%s);
  const o = [...el.options].find(o => o.textContent.trim().startsWith(%s));
  if (!o) return false;
  el.value = o.value;
  el.dispatchEvent(new Event('change', {bubbles: true}));
  return true;
})()""" % (json.dumps(select_id), json.dumps(text))


def load_facts(path):
    """What the filters read, per messenger, from `msgvet facts --format json`: the platforms
    of its clients, and "yes"/"no"/a network type/"unknown" for the facts beyond the criteria.
    A contradicted or missing fact is unknown."""
    with open(path) as f:
        data = json.load(f)
    out = {}
    for m in data["messengers"]:
        x = {"platforms": set(), "phone": "unknown", "network": "unknown", "anonymous": "unknown"}
        for f in m["facts"]:
            v = f.get("value")
            if v is None or f.get("status") == "contradicted":
                continue
            name = f["fact"]
            if re.match(r"clients\[.*\]\.platforms$", name):
                x["platforms"] |= set(v)
            elif name == "identifiers.registration":
                x["phone"] = "yes" if "phone" in v else "no"
            elif name == "network.type":
                x["network"] = v
            elif name == "network.anonymous-routing":
                x["anonymous"] = "yes" if v is True else "no"
        out[m["id"]] = x
    return out


def tick(*names):
    """Click the platform checkboxes f-platform-NAME (a click toggles one and fires change)."""
    return """(() => {
  for (const n of %s) {
    const el = document.getElementById('f-platform-' + n);
    if (!el) return 'no checkbox ' + n;
    el.click();
  }
  return true;
})()""" % json.dumps(list(names))


def options(select_id):
    return "[...document.getElementById(%s).options].map(o => o.value).filter(v => v)" % json.dumps(select_id)


# The cell of column `label` (a header's text) in the row of messenger `id`, on show.
def cell(msg_id, label):
    return """(() => {
  const s = [...document.querySelectorAll('section.version')].find(x => !x.hidden);
  const th = [...s.querySelectorAll('thead th')].find(t => t.textContent.trim() === %s);
  const row = s.querySelector('tbody tr[data-id=' + JSON.stringify(%s) + ']');
  if (!th || !row) return null;
  return row.cells[Number(th.dataset.col)].textContent.trim();
})()""" % (json.dumps(label), json.dumps(msg_id))


def key(b, name, code, vk, text=""):
    for kind in ("keyDown", "keyUp"):
        b.call("Input.dispatchKeyEvent", {"type": kind, "key": name, "code": code,
                                          "windowsVirtualKeyCode": vk, "nativeVirtualKeyCode": vk,
                                          "text": text if kind == "keyDown" else ""})


# At 360px: every filter inside the screen, the checkbox targets tall enough to hit, and the
# matrix scrolling sideways inside its region with the messenger names staying in view.
NARROW = """(() => {
  const w = window.innerWidth, out = {};
  out.outside = [...document.querySelectorAll('#controls select, #controls input, #controls label, #controls button, #controls legend')]
    .filter(e => { const r = e.getBoundingClientRect(); return r.left < 0 || r.right > w + 0.5; })
    .map(e => e.id || e.textContent.trim().slice(0, 20));
  out.small = [...document.querySelectorAll('#f-platform label')]
    .filter(l => l.getBoundingClientRect().height < 24).map(l => l.textContent.trim());
  const s = [...document.querySelectorAll('section.version')].find(x => !x.hidden);
  const region = s.querySelector('.scroll');
  out.scrolls = region.scrollWidth > region.clientWidth;
  region.scrollLeft = region.scrollWidth;
  const rr = region.getBoundingClientRect();
  const name = s.querySelector('tbody tr:not([hidden]) th[scope=row]').getBoundingClientRect();
  out.name_in_view = name.left >= rr.left - 1 && name.right <= rr.left + region.clientWidth;
  const last = s.querySelector('tbody tr:not([hidden])').lastElementChild.getBoundingClientRect();
  out.last_in_view = last.right <= rr.right + 1 && last.left >= name.right - 1;
  region.scrollLeft = 0;
  const fact = s.querySelector('thead th.fact').getBoundingClientRect();
  out.fact_in_view = fact.right <= rr.right + 1;
  out.widths = [...s.querySelector('tbody tr:not([hidden])').cells].slice(0, 5).map(c => Math.round(c.getBoundingClientRect().width));
  out.region = Math.round(rr.width);
  return out;
})()"""


RESET = "document.getElementById('f-reset').click(), true"

# Text whose contrast with its background is below 4.5:1 (WCAG AA for normal text).
CONTRAST = r"""(() => {
  const rgb = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return null;
    const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return p.length === 3 ? [...p, 1] : p; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
    return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bg = el => { for (; el; el = el.parentElement) { const c = rgb(getComputedStyle(el).backgroundColor);
    if (c && c[3] > 0) return c; } return [255, 255, 255, 1]; };
  const bad = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  let n, checked = 0;
  while ((n = walk.nextNode())) {
    if (!n.textContent.trim()) continue;
    const el = n.parentElement;
    if (!el || !el.getClientRects().length) continue;
    const st = getComputedStyle(el);
    if (st.visibility === 'hidden') continue;
    const fg = rgb(st.color), b = bg(el);
    const l1 = lum(fg), l2 = lum(b);
    const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    checked++;
    if (ratio < 4.5) bad.push(el.tagName.toLowerCase() + '.' + el.className + ' "' + n.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
  }
  return {checked, bad: bad.slice(0, 10)};
})()"""


def main():
    site, shots, profile = sys.argv[1], sys.argv[2], sys.argv[3]
    hostile = sys.argv[4] if len(sys.argv) > 4 else None
    binary = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    index = "file://" + os.path.abspath(os.path.join(site, "compare", "index.html"))
    results = []

    def check(name, ok, why=""):
        results.append(ok)
        print("ok %s" % name if ok else "FAIL %s: %s" % (name, why), flush=True)

    def expect(name, got, want):
        check(name, got == want, "got %r, expected %r" % (got, want))

    newest = load_export(site)
    check("the export names every version and messenger", newest == "2025-05" and len(ALL) >= 10, (newest, ALL))
    facts = load_facts(os.environ["FACTS"]) if os.environ.get("FACTS") else None
    check("facts of the bundled data read (FACTS)", bool(facts), "FACTS is not set")
    b = Browser(binary, profile)
    try:
        b.navigate(index)
        title = b.js("document.title")
        check("index loads", "Messenger comparison" in title, "title %r" % title)
        expect("script ran: filters shown", b.js("document.getElementById('controls').hidden"), False)
        expect("newest version selected", b.js("document.getElementById('f-version').selectedOptions[0].textContent.trim()"),
               "2025-05 (newest)")
        expect("all rows shown at first", b.js(VISIBLE), ALL)
        expect("status counts rows", b.js("document.getElementById('f-status').textContent"),
               "%d of %d messengers shown" % (len(ALL), len(ALL)))
        b.screenshot(os.path.join(shots, "index.png"))

        # filters
        expect("placement option exists", b.js(choose("f-placement", "excluded")), True)
        excluded = placed("2025-05", "excluded")
        check("Session is excluded under 2025-05 (forward secrecy became a minimum)", "session" in excluded, excluded)
        expect("placement=excluded under 2025-05", b.js(VISIBLE), excluded)
        expect("status follows filters", b.js("document.getElementById('f-status').textContent"),
               "%d of %d messengers shown" % (len(excluded), len(ALL)))
        expect("placement option moved exists", b.js(choose("f-placement", "moved")), True)
        check("Element moved before 2025-05", "element" in placed("2025-05", "moved"), placed("2025-05", "moved"))
        expect("placement=moved under 2025-05: Element left for another category", b.js(VISIBLE), placed("2025-05", "moved"))
        expect("placement option discontinued exists", b.js(choose("f-placement", "discontinued")), True)
        check("Wickr Me is discontinued", "wickr-me" in placed("2025-05", "discontinued"), placed("2025-05", "discontinued"))
        expect("placement=discontinued: Wickr Me", b.js(VISIBLE), placed("2025-05", "discontinued"))
        expect("placement option not-listed exists", b.js(choose("f-placement", "not-listed")), True)
        check("Threema is not listed by the guide", "threema" in placed("2025-05", "not-listed"), placed("2025-05", "not-listed"))
        expect("placement=not-listed: meets the criteria, the guide does not list it", b.js(VISIBLE),
               placed("2025-05", "not-listed"))
        b.js(RESET)
        expect("reset shows every row", b.js(VISIBLE), ALL)
        if facts:
            b.js(tick("ios"))
            ios = [i for i in ALL if "ios" in facts[i]["platforms"]]
            check("iOS hides Briar", "briar" not in ios and "signal" in ios, ios)
            expect("platform=ios hides Briar (and the messengers without declared platforms)", b.js(VISIBLE), ios)
            b.js(tick("ios", "linux"))
            b.js(choose("f-criterion", "post-compromise-security"))
            pcs = meets("2025-05", "post-compromise-security")
            expect("platform=linux and passes post-compromise-security", b.js(VISIBLE),
                   [i for i in pcs if "linux" in facts[i]["platforms"]])
            b.js(RESET)
        b.js(choose("f-criterion", "decentralized"))
        check("decentralized: Signal fails it", "signal" not in meets("2025-05", "decentralized"), meets("2025-05", "decentralized"))
        expect("passes decentralized hides Signal", b.js(VISIBLE), meets("2025-05", "decentralized"))
        b.js(RESET)


        # filters beyond one platform: several platforms, the desktop group, facts
        if facts:
            order = ALL

            def want(pred):
                return [i for i in order if pred(facts[i])]

            every = set().union(*(f["platforms"] for f in facts.values()))
            boxes = b.js("[...document.querySelectorAll('#f-platform input[type=checkbox]')].map(i => [i.id, i.value, i.labels.length === 1 ? i.labels[0].textContent.trim() : ''])")
            expect("a labelled checkbox per platform of the data",
                   sorted(x[1] for x in boxes if x[0] != "f-platform-desktop"), sorted(every))
            check("every checkbox has its label", all(x[2] for x in boxes), boxes)
            expect("a desktop checkbox asking for Linux, macOS and Windows",
                   [x[1:] for x in boxes if x[0] == "f-platform-desktop"],
                   [["linux macos windows", "Desktop (Linux, macOS, Windows)"]])
            desk = {"linux", "macos", "windows"}
            b.js(tick("ios", "desktop"))
            ios_desk = want(lambda f: {"ios"} | desk <= f["platforms"])
            expect("iOS + desktop shows exactly the messengers with both", b.js(VISIBLE), ios_desk)
            check("iOS + desktop hides a messenger of the data", len(ios_desk) < len(order), ios_desk)
            expect("status counts the platform filter", b.js("document.getElementById('f-status').textContent"),
                   "%d of %d messengers shown" % (len(ios_desk), len(ALL)))
            b.js(RESET)
            b.js(tick("ios", "web"))
            ios_web = want(lambda f: {"ios", "web"} <= f["platforms"])
            any_of = want(lambda f: bool({"ios", "web"} & f["platforms"]))
            expect("iOS + Web: every platform picked, not any", b.js(VISIBLE), ios_web)
            check("iOS + Web differs between every and any (the data tells them apart)", ios_web != any_of,
                  (ios_web, any_of))
            b.js(tick("web"))
            expect("unticking Web leaves iOS only", b.js(VISIBLE), want(lambda f: "ios" in f["platforms"]))
            b.js(RESET)

            for fid, attr in (("f-phone", "phone"), ("f-network", "network"), ("f-anonymous", "anonymous")):
                values = b.js(options(fid))
                check("%s offers its values and unknown" % fid, isinstance(values, list) and "unknown" in values
                      and len(values) >= 3, values)
                for v in values if isinstance(values, list) else []:
                    b.js(choose(fid, v))
                    expect("%s=%s" % (attr, v), b.js(VISIBLE), want(lambda f: f[attr] == v))
                b.js(RESET)
            expect("network values come from the schema's registry", b.js(options("f-network")),
                   ["centralised", "federated", "p2p", "decentralised", "unknown"])
            unknown = [i for i in order if facts[i]["anonymous"] == "unknown"]
            check("the data has a messenger whose anonymous routing is unknown", bool(unknown), facts)
            for i in unknown:
                expect("%s's unknown anonymous routing shows as unknown" % i, b.js(cell(i, "Anonymous routing")),
                       "? unknown")
            expect("Signal's phone number requirement shows", b.js(cell("signal", "Phone number required")), "yes")
            expect("Briar's network type shows", b.js(cell("briar", "Network")), "peer-to-peer")

            b.js(tick("desktop"))
            b.js(choose("f-phone", "no"))
            b.js(choose("f-network", "decentralised"))
            b.js(choose("f-anonymous", "yes"))
            combined = want(lambda f: desk <= f["platforms"] and f["phone"] == "no" and
                            f["network"] == "decentralised" and f["anonymous"] == "yes")
            expect("desktop, no phone number, decentralised, anonymous routing, combined", b.js(VISIBLE), combined)
            check("the combined filters narrow further than each alone",
                  0 < len(combined) < len(want(lambda f: f["network"] == "decentralised")), combined)
            b.js(choose("f-criterion", "post-compromise-security"))
            expect("combined with a criterion", b.js(VISIBLE),
                   [i for i in combined if i in meets("2025-05", "post-compromise-security")])
            b.js(RESET)
            expect("reset shows every row again", b.js(VISIBLE), order)
            expect("reset unticks every platform and clears every select", b.js(
                "[document.querySelectorAll('#f-platform input:checked').length].concat("
                "['f-placement', 'f-criterion', 'f-phone', 'f-network', 'f-anonymous'].map(i => document.getElementById(i).value))"),
                [0, "", "", "", "", ""])

            expect("placement undetermined is offered", b.js(choose("f-placement", "undetermined")), True)
            expect("placement=undetermined: none in the bundled data", b.js(VISIBLE), [])
            b.js(RESET)

            # sorting by a fact: registry order, unknown last, ties in page order
            rank = {v: k for k, v in enumerate(["centralised", "federated", "p2p", "decentralised", "unknown"])}
            fsort = """(() => { const s = [...document.querySelectorAll('section.version')].find(x => !x.hidden);
              const th = [...s.querySelectorAll('thead th')].find(t => t.textContent.trim() === %s);
              th.querySelector('button').click(); return th.getAttribute('aria-sort'); })()"""
            expect("sort by network", b.js(fsort % json.dumps("Network")), "ascending")
            expect("sorted by network type in the registry's order", b.js(VISIBLE),
                   sorted(order, key=lambda i: (rank[facts[i]["network"]], order.index(i))))
            b.js(fsort % json.dumps("Anonymous routing"))
            arank = {"yes": 0, "no": 1, "unknown": 2}
            expect("sorted by anonymous routing, unknown last", b.js(VISIBLE),
                   sorted(order, key=lambda i: (arank[facts[i]["anonymous"]], order.index(i))))
            b.navigate(index)  # back to page order

            # by keyboard: Tab to a checkbox, Space ticks it, arrows change a select
            b.js("document.getElementById('f-platform-android').focus()")
            key(b, "Tab", "Tab", 9)
            expect("Tab moves from Android to iOS", b.js("document.activeElement.id"), "f-platform-ios")
            outline = b.js("getComputedStyle(document.activeElement).outlineStyle")
            check("a focused checkbox shows an outline", outline not in ("none", ""), "outline %r" % outline)
            key(b, " ", "Space", 32, " ")
            expect("Space ticks iOS", b.js("document.getElementById('f-platform-ios').checked"), True)
            ios = want(lambda f: "ios" in f["platforms"])
            rows = b.js(VISIBLE)
            expect("the keyboard-ticked box filters", sorted(rows) if isinstance(rows, list) else rows, sorted(ios))
            b.js("document.getElementById('f-phone').focus()")
            key(b, "ArrowDown", "ArrowDown", 40)
            expect("ArrowDown on the phone filter picks yes", b.js("document.getElementById('f-phone').value"), "yes")
            rows = b.js(VISIBLE)
            expect("the keyboard-chosen fact filters", sorted(rows) if isinstance(rows, list) else rows,
                   sorted(i for i in ios if facts[i]["phone"] == "yes"))
            b.js("document.getElementById('f-reset').focus()")
            key(b, "Enter", "Enter", 13, "\r")
            expect("Enter on reset clears the filters", b.js(VISIBLE), order)

        # versions
        expect("version option exists", b.js(choose_label("f-version", "2024-02")), True)
        expect("2024-02 shows all rows", b.js(VISIBLE), ALL_2024)
        b.js(choose("f-placement", "other"))
        check("Element and Session are other options under 2024-02",
              {"element", "session"} <= set(placed("2024-02", "other")), placed("2024-02", "other"))
        expect("placement=other under 2024-02", b.js(VISIBLE), placed("2024-02", "other"))
        b.js(choose("f-placement", "excluded"))
        expect("placement=excluded under 2024-02", b.js(VISIBLE), placed("2024-02", "excluded"))
        b.js(choose("f-placement", "added-later"))
        check("Element X (named in Element's card, October 2024) and Molly (August 2024) came later",
              placed("2024-02", "added-later") == ["element-x", "molly"], placed("2024-02", "added-later"))
        expect("placement=added-later under 2024-02: Element X and Molly came later", b.js(VISIBLE), ["element-x", "molly"])
        b.js(choose("f-placement", "undetermined"))
        expect("placement=undetermined under 2024-02 is empty", b.js(VISIBLE), [])
        expect("empty message shown", b.js(
            "[...document.querySelectorAll('section.version')].find(s => !s.hidden).querySelector('.empty').hidden"), False)
        b.js(RESET)
        # the February 2023 criteria: the same placements, four minimum requirements
        expect("version option 2023-02 exists", b.js(choose_label("f-version", "2023-02")), True)
        expect("2023-02 shows all rows", b.js(VISIBLE), [i for i, _, _ in EXPORT["2023-02"]])
        b.js(choose("f-placement", "other"))
        check("Element and Session are other options under 2023-02: no forward secrecy",
              {"element", "session"} <= set(placed("2023-02", "other")), placed("2023-02", "other"))
        expect("placement=other under 2023-02: no forward secrecy", b.js(VISIBLE), placed("2023-02", "other"))
        b.js(choose("f-placement", "added-later"))
        expect("placement=added-later under 2023-02", b.js(VISIBLE), ["element-x", "molly"])
        b.js(RESET)
        b.js(choose_label("f-version", "2025-05"))

        # sorting, by mouse and by keyboard
        sort = """(() => { const s = [...document.querySelectorAll('section.version')].find(x => !x.hidden);
          const th = [...s.querySelectorAll('thead th')].find(t => t.textContent.trim().startsWith(%s));
          %s return th.getAttribute('aria-sort'); })()"""
        click = lambda label: sort % (json.dumps(label), "th.querySelector('button').click();")
        expect("sort by forward-secrecy: ascending", b.js(click("forward-secrecy")), "ascending")
        asc = by_verdict("2025-05", "forward-secrecy")
        check("forward-secrecy sorts apart (passes, unknown and failures in the data)",
              asc[0] == "signal" and "session" in asc[-3:], asc)
        expect("ascending puts passes first, then unknown", b.js(VISIBLE), asc)
        expect("sort again: descending", b.js(click("forward-secrecy")), "descending")
        expect("descending puts failures first, ties in page order", b.js(VISIBLE),
               by_verdict("2025-05", "forward-secrecy", descending=True))
        b.js("""(() => { const s = [...document.querySelectorAll('section.version')].find(x => !x.hidden);
          s.querySelector('thead th button').focus(); })()""")
        for kind in ("keyDown", "keyUp"):
            b.call("Input.dispatchKeyEvent", {"type": kind, "key": "Enter", "code": "Enter",
                                              "windowsVirtualKeyCode": 13, "text": "\r" if kind == "keyDown" else ""})
        expect("Enter on the Messenger header sorts by name", b.js(VISIBLE),
               sorted(ALL, key=lambda i: (NAMES[i].lower(), ALL.index(i))))
        expect("only the sorted column has aria-sort", b.js(
            "document.querySelectorAll('section.version:not([hidden]) th[aria-sort]').length"), 1)
        outline = b.js("getComputedStyle(document.activeElement).outlineStyle")
        check("focused header button shows an outline", outline not in ("none", ""), "outline %r" % outline)

        problems = b.problems()
        check("no console error on index.html", not problems, "; ".join(problems))

        contrast = b.js(CONTRAST)
        check("index text contrast >= 4.5:1", not contrast["bad"] and contrast["checked"] > 50, contrast)

        b.call("Emulation.setDeviceMetricsOverride",
               {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
        width = b.js("[document.documentElement.scrollWidth, window.innerWidth]")
        check("index fits a 360px screen (the table scrolls)", width[0] <= width[1], width)
        narrow = b.js(NARROW)
        expect("at 360px every filter is inside the screen", narrow.get("outside") if isinstance(narrow, dict) else narrow, [])
        expect("at 360px every platform checkbox is at least 24px high", narrow.get("small"), [])
        check("at 360px the matrix scrolls sideways in its region", narrow.get("scrolls") is True, narrow)
        check("at 360px the messenger names stay in view when it scrolls",
              narrow.get("name_in_view") is True and narrow.get("last_in_view") is True, narrow)
        check("at 360px the first fact column shows without scrolling", narrow.get("fact_in_view") is True, narrow)
        b.js(tick("ios", "desktop"))
        b.js(choose("f-phone", "no"))
        rows = b.js(VISIBLE)
        narrow_want = sorted(i for i in ALL if facts and {"ios", "linux", "macos", "windows"} <= facts[i]["platforms"]
                             and facts[i]["phone"] == "no")
        check("iOS, desktop and no phone number: SimpleX at least", "simplex" in narrow_want, narrow_want)
        expect("at 360px the filters still work", sorted(rows) if isinstance(rows, list) else rows, narrow_want)
        b.js(RESET)
        b.screenshot(os.path.join(shots, "index-narrow.png"), 360, 800)

        # without JavaScript: the newest version, no controls
        b.call("Emulation.setScriptExecutionDisabled", {"value": True})
        b.navigate(index)
        expect("without JavaScript the newest version shows (of 2025-05, 2024-02, 2023-02)",
               b.js("[...document.querySelectorAll('section.version')].map(s => s.hidden)"), [False, True, True])
        expect("without JavaScript the filters are hidden", b.js("document.getElementById('controls').hidden"), True)
        b.call("Emulation.setScriptExecutionDisabled", {"value": False})
        b.navigate(index)
        b.problems()

        # the messenger page, reached from the matrix
        href = b.js("""(() => { const a = [...document.querySelectorAll('section.version:not([hidden]) tbody th a')]
          .find(a => a.textContent.trim() === 'Signal'); return a ? a.href : null; })()""")
        check("Signal links to its page", bool(href) and href.endswith("/compare/signal.html"), href)
        if href:
            b.navigate(href)
            title = b.js("document.title")
            check("messenger page opens", title.startswith("Signal – "), "title %r" % title)
            expect("messenger page heading", b.js("document.querySelector('h1').textContent"), "Signal")
            expect("verdicts under every version", b.js(
                "[...document.querySelectorAll('#verdicts ~ section h3')].map(h => h.textContent.trim())"),
                ["Criteria version 2025-05 (newest)", "Criteria version 2024-02", "Criteria version 2023-02"])
            probes = b.js("document.querySelector('#probes').parentElement.textContent")
            check("probe status says no observations yet", "No observations yet" in probes, probes[:200])
            check("evidence links its sources", b.js(
                "document.querySelectorAll('.evidence a[href^=\"https://\"]').length") > 10, "too few links")
            back = b.js("document.querySelector('.crumb a').href")
            check("messenger page links back to the matrix", back == index, back)
            b.screenshot(os.path.join(shots, "signal.png"))
            problems = b.problems()
            check("no console error on signal.html", not problems, "; ".join(problems))
            contrast = b.js(CONTRAST)
            check("signal.html text contrast >= 4.5:1", not contrast["bad"] and contrast["checked"] > 50, contrast)
            b.call("Emulation.setDeviceMetricsOverride",
                   {"width": 360, "height": 800, "deviceScaleFactor": 1, "mobile": True})
            width = b.js("[document.documentElement.scrollWidth, window.innerWidth]")
            check("signal.html fits a 360px screen", width[0] <= width[1], width)


        # the variant data: undetermined placement, contradicted and observed-only facts,
        # a desktop client on one platform only
        vsite = os.environ.get("VARIANT")
        if vsite:
            vfacts = load_facts(os.environ["VARIANT_FACTS"])
            b.call("Emulation.setDeviceMetricsOverride",
                   {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
            b.navigate("file://" + os.path.abspath(os.path.join(vsite, "compare", "index.html")))
            vorder = b.js(VISIBLE)
            expect("variant: placement=undetermined shows Signal", b.js(choose("f-placement", "undetermined"))
                   and b.js(VISIBLE), ["signal"])
            expect("variant: Signal's placement reads undetermined", (b.js(cell("signal", "Placement")) or "")[:13],
                   "Undetermined:")
            b.js(RESET)
            expect("variant: Element's contradicted network type is unknown", vfacts["element"]["network"], "unknown")
            expect("variant: ...and shows as unknown", b.js(cell("element", "Network")), "? unknown")
            b.js(choose("f-network", "federated"))
            vfed = [i for i in vorder if vfacts[i]["network"] == "federated"]
            shown = b.js(VISIBLE)
            expect("variant: network=federated shows the messengers declared federated", shown, vfed)
            check("variant: network=federated does not count Element's contradicted fact",
                  isinstance(shown, list) and "element" not in shown, shown)
            b.js(choose("f-network", "unknown"))
            vunknown = [i for i in vorder if vfacts[i]["network"] == "unknown"]
            check("variant: Element's network is among the unknown", "element" in vunknown, vunknown)
            expect("variant: network=unknown shows Element (contradicted) and those without the fact", b.js(VISIBLE), vunknown)
            b.js(RESET)
            expect("variant: SimpleX's observed-only anonymous routing shows", b.js(cell("simplex", "Anonymous routing")), "yes")
            b.js(choose("f-anonymous", "yes"))
            expect("variant: anonymous=yes counts the observation", b.js(VISIBLE),
                   [i for i in vorder if vfacts[i]["anonymous"] == "yes"])
            check("variant: ...SimpleX among them", "simplex" in (b.js(VISIBLE) or []), b.js(VISIBLE))
            b.js(RESET)
            b.js(tick("desktop"))
            expect("variant: desktop hides Briar, on Linux only", b.js(VISIBLE),
                   [i for i in vorder if {"linux", "macos", "windows"} <= vfacts[i]["platforms"]])
            check("variant: ...which is missing", "briar" not in (b.js(VISIBLE) or ["briar"]), b.js(VISIBLE))
            b.js(tick("desktop", "linux"))
            check("variant: Linux alone keeps Briar", "briar" in (b.js(VISIBLE) or []), b.js(VISIBLE))
            b.js(RESET)
            problems = b.problems()
            check("no console error on the variant's index.html", not problems, "; ".join(problems))

        # the French copy of the site
        english = None
        if os.environ.get("ENGLISH"):
            with open(os.environ["ENGLISH"], encoding="utf-8") as f:
                english = json.load(f)
        check("English strings the French site must not show read (ENGLISH)", bool(english),
              "ENGLISH is not set or names an empty list")
        fr = os.path.join(site, "compare", "fr")
        pages = sorted(n for n in os.listdir(fr) if n.endswith(".html")) if os.path.isdir(fr) else []
        check("the French site has a page per English page", pages and pages == sorted(
            n for n in os.listdir(os.path.join(site, "compare")) if n.endswith(".html")), pages)
        # the page's text outside anything marked as another language (the English fallback
        # prose, the link to the English copy), hidden versions included
        french_text = ("(() => { const c = document.body.cloneNode(true);"
                       " c.querySelectorAll('[lang]:not([lang=\"fr\"]), script, style').forEach(e => e.remove());"
                       " return c.textContent.replace(/\\s+/g, ' '); })()")
        for page in pages:
            b.navigate("file://" + os.path.abspath(os.path.join(fr, page)))
            expect("fr/%s: lang is fr" % page, b.js("document.documentElement.lang"), "fr")
            text = b.js(french_text) or ""
            left = [e for e in english or [] if e in text]
            check("fr/%s: no English text where French has its own" % page, not left, left[:5])
            problems = b.problems()
            check("fr/%s: no console error" % page, not problems, "; ".join(problems))
        if "signal.html" in pages:
            # the data's own strings (developer, auditor, scope) are English: marked so
            b.navigate("file://" + os.path.abspath(os.path.join(fr, "signal.html")))
            expect("fr/signal.html: the developer's name is marked English",
                   b.js("(document.querySelector('p.dev [lang]') || {}).lang || ''"), "en")
            cells = b.js("[...document.querySelectorAll('section[aria-labelledby=\"audits\"] tbody td')]"
                         ".filter(td => td.cellIndex === 1 || td.cellIndex === 2).map(td => td.lang)")
            check("fr/signal.html: every audit's auditor and scope are marked English",
                  isinstance(cells, list) and cells and all(x == "en" for x in cells), cells)
        if "index.html" in pages:
            b.navigate("file://" + os.path.abspath(os.path.join(fr, "index.html")))
            expect("fr/index.html: the filters speak French",
                   b.js("document.getElementById('f-status').textContent"),
                   "%d messageries affichées sur %d" % (len(ALL), len(ALL)))
            b.screenshot(os.path.join(shots, "index-fr.png"))
        # the links between the copies of a page lead to the same page in the other language
        for page in ("index.html", "signal.html", "changes.html"):
            for here, there, lang in (("compare/fr", "compare", "en"), ("compare", "compare/fr", "fr")):
                b.navigate("file://" + os.path.abspath(os.path.join(site, here, page)))
                href = b.js("(document.querySelector('nav.langs a[hreflang=\"%s\"]') || {}).href || ''" % lang)
                want = "file://" + os.path.abspath(os.path.join(site, there, page))
                expect("%s/%s links to its %s copy" % (here, page, lang), href, want)
                if href == want:
                    b.events = [e for e in b.events if e["method"] != "Page.loadEventFired"]
                    b.js("document.querySelector('nav.langs a[hreflang=\"%s\"]').click()" % lang)
                    b.wait_event("Page.loadEventFired", time.monotonic() + TIMEOUT)
                    expect("%s/%s: following it opens a %s page" % (here, page, lang),
                           b.js("location.href === %s && document.documentElement.lang" % json.dumps(want)), lang)

        # hostile data (run.sh builds a site with tests/browser/hostile/evil.yml): nothing runs,
        # in either language
        if hostile:
            for page in ("index.html", "evil.html", "fr/index.html", "fr/evil.html"):
                url = "file://" + os.path.abspath(os.path.join(hostile, "compare", page))
                b.call("Emulation.setDeviceMetricsOverride",
                       {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False})
                try:
                    b.navigate(url)
                    b.js("window.scrollTo(0, document.body.scrollHeight)")
                    # hover over every element: a handler smuggled in from data would run
                    b.js("[...document.body.querySelectorAll('*')].forEach(e => "
                         "['mouseover', 'focus', 'mouseenter'].forEach(t => e.dispatchEvent(new Event(t))))")
                    b.drain()
                    dialogs = [e for e in b.events if e["method"] == "Page.javascriptDialogOpening"]
                    problems = b.problems()
                    check("hostile %s: no script from data runs" % page, not dialogs and not problems,
                          "; ".join(["dialog %r" % d["params"].get("message", "") for d in dialogs] + problems))
                except TimeoutError:
                    check("hostile %s: no script from data runs" % page, False, "the page timed out")
    except Exception as e:  # a broken page or browser fails the run, it does not hide it
        check("browser session", False, "%s: %s" % (type(e).__name__, e))
    finally:
        b.close()


if __name__ == "__main__":
    main()
