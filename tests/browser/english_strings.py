#!/usr/bin/env python3
"""english_strings.py - the English text a page of LOCALE's copy of the comparison site must not
show, because LOCALE has its own text for it.

    python3 tests/browser/english_strings.py ROOT LOCALE >strings.json

Reads ROOT/templates/i18n/en.yml and LOCALE.yml (every string the locale translates
differently) and every localized map of ROOT/criteria and ROOT/data/messengers (criteria
texts, section titles, footnotes, messengers' prose: wherever both 'en' and LOCALE are
given). Each English text is cut at its {placeholders} and Markdown marks into fragments;
those of two words or more that the locale's text does not also hold are printed as a JSON
list, whitespace collapsed. Needs python3-yaml; exits 2 without it or without the files.
"""
import glob
import json
import os
import re
import sys

try:
    import yaml
except ImportError:
    print("english_strings.py: python3-yaml is needed (Debian package python3-yaml)", file=sys.stderr)
    sys.exit(2)


def flatten(node, prefix=""):
    if isinstance(node, dict):
        for k, v in node.items():
            yield from flatten(v, "%s%s." % (prefix, k))
    elif isinstance(node, str):
        yield prefix[:-1], node


def pairs(node, loc):
    """(English, translation) for every localized map under node."""
    if isinstance(node, dict):
        en, tr = node.get("en"), node.get(loc)
        if isinstance(en, str) and isinstance(tr, str):
            yield en, tr
            return
        if isinstance(en, dict) and isinstance(tr, dict):
            for k in en:
                if isinstance(en[k], str) and isinstance(tr.get(k), str):
                    yield en[k], tr[k]
            return
        for v in node.values():
            yield from pairs(v, loc)
    elif isinstance(node, list):
        for v in node:
            yield from pairs(v, loc)


def norm(s):
    return re.sub(r"\s+", " ", s).strip()


def fragments(text):
    text = re.sub(r"\[\^[^\]]*\]", " ", text)                 # footnote markers
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"|\1|", text)   # links, images: their text
    out = []
    for f in re.split(r"\{[a-z-]+\}|[*`_|#>()]|\[|\]|\n\s*\n|\n\s*(?:\d+\.|-) ", text):
        f = re.sub(r"^\s*(?:\d+\.|-)\s+", "", norm(f)).strip(" ,.;:–-\"'")
        out.append(f)
    return out


def main():
    root, loc = sys.argv[1], sys.argv[2]
    try:
        with open(os.path.join(root, "templates/i18n/en.yml"), encoding="utf-8") as f:
            en = dict(flatten(yaml.safe_load(f)))
        with open(os.path.join(root, "templates/i18n/%s.yml" % loc), encoding="utf-8") as f:
            tr = dict(flatten(yaml.safe_load(f)))
    except OSError as e:
        print("english_strings.py: %s" % e, file=sys.stderr)
        sys.exit(2)
    texts = [(v, tr[k]) for k, v in en.items() if k in tr and tr[k] != v]
    for path in sorted(glob.glob(os.path.join(root, "criteria/*/*.yml")) +
                       glob.glob(os.path.join(root, "data/messengers/*.yml"))):
        with open(path, encoding="utf-8") as f:
            texts.extend(pairs(yaml.safe_load(f), loc))
    out = set()
    for e, t in texts:
        for frag in fragments(e):
            if len(re.findall(r"[^\W\d_]{2,}", frag)) >= 2 and frag not in norm(t):
                out.add(frag)
    json.dump(sorted(out), sys.stdout, ensure_ascii=False, indent=0)


if __name__ == "__main__":
    main()
