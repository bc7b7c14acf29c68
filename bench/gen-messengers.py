#!/usr/bin/env python3
"""Generate N synthetic, realistic messenger files for the msgvet benchmarks.

usage: gen-messengers.py COUNT OUTDIR [SEED]

Writes OUTDIR/<id>.yml in the format of doc/formats.md (data/messengers/<id>.yml). Standard
library only. Deterministic: messenger i is drawn from its own generator seeded with
"SEED:i", so the same seed always gives the same files, and the first 1,000 messengers of a
10,000 set are the 1,000 set.

The files vary the way the real ones do: 1-4 clients, 0-3 servers (none for most P2P
networks), 0-4 audits, OSI and non-OSI licences (including SPDX expressions with OR, AND,
WITH and LicenseRef-), booleans drawn so that placements differ, some facts left out (their
criteria come out unknown), facts written bare under a sourced map or as
{value, source, checked[, note]}, and an English prose summary of a few sentences (sometimes
notes and a French summary too).
"""
import os
import random
import sys

CHECKED_YEARS = (2024, 2025)

OSI = [
    "AGPL-3.0-only", "AGPL-3.0-or-later", "GPL-3.0-only", "GPL-3.0-or-later", "GPL-2.0-or-later",
    "Apache-2.0", "MIT", "BSD-3-Clause", "BSD-2-Clause", "MPL-2.0", "LGPL-2.1-or-later",
    "LGPL-3.0-only", "ISC", "EUPL-1.2", "Zlib",
]
OSI_EXPR = [
    "MIT OR Apache-2.0", "GPL-3.0-only OR LicenseRef-Commercial",
    "GPL-2.0-only WITH Classpath-exception-2.0", "(MIT OR Apache-2.0) AND BSD-3-Clause",
    "AGPL-3.0-only OR GPL-3.0-only OR LicenseRef-Commercial", "Apache-2.0 WITH LLVM-exception",
]
NON_OSI = [
    "BUSL-1.1", "SSPL-1.0", "CC-BY-NC-4.0", "Elastic-2.0", "LicenseRef-Proprietary",
    "AGPL-3.0-only AND LicenseRef-Commons-Clause", "CC-BY-SA-4.0", "WTFPL",
]

PLATFORMS = ["android", "ios", "linux", "macos", "windows", "web"]
NETWORKS = ["centralised"] * 5 + ["federated"] * 3 + ["p2p"] * 2 + ["decentralised"]
THREATS = ["passive-attacks", "service-providers", "mass-surveillance",
           "surveillance-capitalism", "censorship"]
AUDITORS = ["Cure53", "NCC Group", "Trail of Bits", "Quarkslab", "Radically Open Security",
            "Kudelski Security", "X41 D-Sec", "Least Authority", "in-house security team"]
SCOPES = ["the Android client and its cryptographic protocol",
          "the desktop client", "the server and its key distribution",
          "the messaging protocol specification", "the iOS client",
          "group messaging and attachment encryption"]

PREFIX = ["Aster", "Beacon", "Cobalt", "Drift", "Ember", "Fable", "Glade", "Harbor", "Iris",
          "Juniper", "Kestrel", "Lumen", "Meadow", "Nimbus", "Onyx", "Pylon", "Quill", "Ripple",
          "Sable", "Tandem", "Umber", "Vesper", "Willow", "Xenon", "Yarrow", "Zephyr"]
SUFFIX = ["Chat", "Talk", "Messenger", "Signal", "Post", "Link", "Relay", "Wire", "Mesh", "Note"]
ORGS = ["Foundation", "Project", "Labs", "GmbH", "Inc.", "Collective", "e.V.", "Ltd"]
HOSTS = ["github.com", "gitlab.com", "codeberg.org", "git.sr.ht"]

FEATURES = ["disappearing messages", "voice and video calls", "file transfer",
            "multi-device sync", "group chats of up to a thousand members", "voice notes",
            "screen sharing", "stickers and reactions", "encrypted backups", "channels"]
ROUTES = {
    "centralised": "Messages travel through servers run by the developer",
    "federated": "Anyone can run a server, and servers exchange messages with each other",
    "p2p": "Devices exchange messages directly, without a server in the middle",
    "decentralised": "Messages are relayed by a network of independent nodes",
}


def date(rng, years):
    y = rng.choice(years)
    m = rng.randint(1, 12)
    d = rng.randint(1, 28)
    return "%04d-%02d-%02d" % (y, m, d)


def checked(rng):
    return date(rng, CHECKED_YEARS)


def licence(rng):
    r = rng.random()
    if r < 0.70:
        return rng.choice(OSI)
    if r < 0.85:
        return rng.choice(OSI_EXPR)
    return rng.choice(NON_OSI)


def boolean(rng, p_true):
    return "true" if rng.random() < p_true else "false"


class Out:
    def __init__(self):
        self.lines = []

    def add(self, indent, text):
        self.lines.append("  " * indent + text)

    def fact(self, indent, key, value, rng, url, force_map=False):
        """A fact, bare (it takes the enclosing map's source) or as {value, source, checked}."""
        if force_map or rng.random() < 0.3:
            self.add(indent, key + ":")
            self.add(indent + 1, "value: " + value)
            self.add(indent + 1, "source: " + url)
            self.add(indent + 1, "checked: " + checked(rng))
            if rng.random() < 0.3:
                self.add(indent + 1, "note: >-")
                self.add(indent + 2, rng.choice([
                    "Stated in the project's security documentation and confirmed in the code.",
                    "The developer confirmed this by e-mail; the documentation is silent.",
                    "Only true for the current release; older clients behave differently.",
                    "Read from the protocol specification, section on key management.",
                ]))
        else:
            self.add(indent, key + ": " + value)

    def text(self):
        return "\n".join(self.lines) + "\n"


def summary(rng, name, net, feats):
    s = ["**%s** is an end-to-end encrypted messenger for %s." % (
        name, rng.choice(["everyday conversations", "activists and journalists",
                          "teams and communities", "families and friends",
                          "people who want to keep their phone number private"]))]
    s.append(ROUTES[net] + ".")
    s.append("It offers %s and %s." % (feats[0], feats[1]))
    if rng.random() < 0.6:
        s.append(rng.choice([
            "Its [protocol](https://example.org/spec) is documented in the open.",
            "The code is developed in public and releases are reproducible.",
            "Accounts are created without an e-mail address.",
            "Some metadata, such as who talks to whom, remains visible to the operator.",
        ]))
    return s


def wrap(sentences, width=92):
    words = " ".join(sentences).split(" ")
    lines, cur = [], ""
    for w in words:
        if cur and len(cur) + 1 + len(w) > width:
            lines.append(cur)
            cur = w
        else:
            cur = cur + " " + w if cur else w
    if cur:
        lines.append(cur)
    return lines


def messenger(i, seed):
    rng = random.Random("%s:%d" % (seed, i))
    base = "%s %s" % (rng.choice(PREFIX), rng.choice(SUFFIX))
    name = "%s %d" % (base, i)
    mid = "%s-%d" % (base.lower().replace(" ", "-"), i)
    dom = "%s%d.example.org" % (base.lower().replace(" ", ""), i)
    home = "https://" + dom
    host = rng.choice(HOSTS)
    org = "%s-%d" % (base.split()[0].lower(), i)
    net = rng.choice(NETWORKS)
    o = Out()
    o.add(0, "id: " + mid)
    o.add(0, "name: " + name)
    if rng.random() < 0.9:
        o.fact(0, "developer", "The %s %s" % (base, rng.choice(ORGS)), rng, home + "/about",
               force_map=True)
    # no logo: a declared one must exist as a file (the page then uses the default path)
    o.add(0, "order: %d" % rng.randint(1, 20))

    o.add(0, "links:")
    o.add(1, "homepage: " + home)
    for key, path in (("privacy-policy", "/privacy"), ("documentation", "/docs"),
                      ("source-code", None), ("donations", "/donate")):
        if rng.random() < 0.75:
            o.add(1, "%s: %s" % (key, "https://%s/%s" % (host, org) if path is None else home + path))
    o.add(1, "source: " + home)
    o.add(1, "checked: " + checked(rng))

    o.add(0, "downloads:")
    for plat in rng.sample(["android", "ios", "linux", "windows"], rng.randint(1, 4)):
        if plat == "android":
            if rng.random() < 0.5:
                o.add(1, "- channel: google-play")
                o.add(2, "platform: android")
                o.add(2, "url: https://play.google.com/store/apps/details?id=org.%s.app" % org.replace("-", ""))
                o.add(2, "store-id: org.%s.app" % org.replace("-", ""))
            else:
                o.add(1, "- channel: f-droid")
                o.add(2, "url: https://f-droid.org/packages/org.%s.app" % org.replace("-", ""))
                o.add(2, "store-id: org.%s.app" % org.replace("-", ""))
        elif plat == "ios":
            tid = str(rng.randint(100000000, 999999999))
            o.add(1, "- channel: app-store")
            o.add(2, "platform: ios")
            o.add(2, "url: https://apps.apple.com/app/id" + tid)
            o.add(2, 'store-id: "%s"' % tid)
        else:
            o.add(1, "- channel: direct")
            o.add(2, "platform: " + plat)
            o.add(2, "url: %s/download/%s" % (home, plat))

    # clients: 1-4, platforms chosen so that some cover all five desktop/mobile platforms
    nclients = rng.randint(1, 4)
    groups = [["android"], ["ios"], ["linux", "macos", "windows"], ["web"]]
    if rng.random() < 0.3:
        groups = [["android", "ios", "linux", "macos", "windows"]] + groups
    o.add(0, "clients:")
    for k in range(nclients):
        plats = groups[k % len(groups)]
        cname = "%s for %s" % (name, "/".join(p.capitalize() if p != "ios" else "iOS" for p in plats))
        # one repository per client: a client is named by its repository URL
        repo = "https://%s/%s/%s-%s" % (host, org, mid, plats[0] if len(plats) < 5 else "app")
        o.add(1, "- name: " + cname)
        o.add(2, "repository: " + repo)
        o.fact(2, "licence", licence(rng), rng, repo + "/blob/main/LICENSE")
        if rng.random() < 0.93:
            o.add(2, "platforms: [%s]" % ", ".join(plats))
        o.add(2, "source: " + repo)
        o.add(2, "checked: " + checked(rng))

    nservers = 0 if net == "p2p" and rng.random() < 0.8 else rng.randint(0, 3)
    if nservers:
        o.add(0, "servers:")
        for k in range(nservers):
            repo = "https://%s/%s/%s-server%s" % (host, org, mid, "" if k == 0 else "-%d" % k)
            o.add(1, "- name: %s %s" % (name, ["Server", "Relay", "Push Gateway"][k]))
            o.add(2, "repository: " + repo)
            o.fact(2, "licence", licence(rng), rng, repo + "/blob/main/LICENSE")
            o.add(2, "source: " + repo)
            o.add(2, "checked: " + checked(rng))

    o.add(0, "network:")
    if rng.random() < 0.95:
        o.fact(1, "type", net, rng, home + "/docs/architecture")
    o.fact(1, "anonymous-routing", boolean(rng, 0.2), rng, home + "/docs/architecture")
    o.add(1, "source: %s/docs/architecture" % home)
    o.add(1, "checked: " + checked(rng))

    o.add(0, "identifiers:")
    reg = rng.choice([["phone"], ["email"], ["username"], ["none"], ["phone", "username"],
                      ["email", "username"]])
    o.fact(1, "registration", "[%s]" % ", ".join(reg), rng, home + "/faq")
    if rng.random() < 0.93:
        o.fact(1, "shared-with-contacts", boolean(rng, 0.15 if "phone" not in reg else 0.5), rng,
               home + "/faq")
    o.add(1, "source: %s/faq" % home)
    o.add(1, "checked: " + checked(rng))

    o.add(0, "e2ee:")
    for key, p in (("private-default", 0.9), ("all-messages", 0.85), ("all-default", 0.6),
                   ("group-calls", 0.5)):
        if rng.random() < 0.92:
            o.fact(1, key, boolean(rng, p), rng, home + "/docs/security")
    o.add(1, "source: %s/docs/security" % home)
    o.add(1, "checked: " + checked(rng))

    for key, p in (("forward-secrecy", 0.85), ("post-compromise-security", 0.55)):
        if rng.random() < 0.92:
            o.fact(0, key, boolean(rng, p), rng, home + "/docs/protocol", force_map=True)

    naudits = rng.choice([0, 0, 1, 1, 1, 2, 2, 3, 4])
    if naudits:
        o.add(0, "audits:")
        for k in range(naudits):
            aud = rng.choice(AUDITORS)
            o.add(1, "- date: " + date(rng, range(2015, 2026)))
            o.add(2, "auditor: " + aud)
            o.add(2, "scope: " + rng.choice(SCOPES))
            o.add(2, "report: %s/audits/report-%d.pdf" % (home, k + 1))
            o.add(2, "independent: " + ("false" if aud.startswith("in-house") else boolean(rng, 0.9)))
            o.add(2, "source: %s/audits" % home)
            o.add(2, "checked: " + checked(rng))

    o.add(0, "threats: [%s]" % ", ".join(t for t in THREATS if rng.random() < 0.6))

    feats = rng.sample(FEATURES, 3)
    o.add(0, "prose:")
    o.add(1, "en:")
    o.add(2, "summary: |")
    for line in wrap(summary(rng, name, net, feats)):
        o.add(3, line)
    if rng.random() < 0.5:
        o.add(2, "notes: |")
        for line in wrap(["Contacts are added by scanning a QR code or sharing an invitation link.",
                          "The %s is optional and can be turned off in the settings." % feats[2],
                          "See the [documentation](%s/docs) for details." % home]):
            o.add(3, line)
    if rng.random() < 0.3:
        o.add(1, "fr:")
        o.add(2, "summary: |")
        for line in wrap(["**%s** est une messagerie chiffrée de bout en bout." % name,
                          "Le code source est public et les échanges sont chiffrés par défaut."]):
            o.add(3, line)
    return mid, o.text()


def main():
    if len(sys.argv) not in (3, 4):
        sys.stderr.write("usage: gen-messengers.py COUNT OUTDIR [SEED]\n")
        return 2
    count = int(sys.argv[1])
    out = sys.argv[2]
    seed = sys.argv[3] if len(sys.argv) == 4 else "msgvet-bench-1"
    os.makedirs(out, exist_ok=True)
    for i in range(1, count + 1):
        mid, text = messenger(i, seed)
        with open(os.path.join(out, mid + ".yml"), "w", encoding="utf-8") as f:
            f.write(text)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except KeyboardInterrupt:
        sys.exit(130)
