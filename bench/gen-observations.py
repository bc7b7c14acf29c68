#!/usr/bin/env python3
"""Generate observations for a third of the facts of a data root, for bench/eval-scale.

usage: gen-observations.py FACTS_CSV OUT_JSON [SEED]

FACTS_CSV is `msgvet --root ROOT facts --format csv` (every fact with its stable path); every
third fact gets an observation: most agree with the declared value (confirmed), one in ten
disagrees (contradicted), one in twenty says the probe could not tell (failed). Each messenger
also gets its observed-only facts (latest release, archived repository, an app store). Writes
the msgvet-observations/1 file. Standard library only; deterministic for a seed.
"""
import csv
import json
import random
import sys

BOOLS = ("forward-secrecy", "post-compromise-security", "private-default", "all-messages",
         "all-default", "group-calls", "shared-with-contacts", "independent", "anonymous-routing")
LISTS = ("platforms", "registration", "threats")


def typed(path, text):
    leaf = path.rsplit(".", 1)[-1]
    if leaf in BOOLS:
        return text == "true"
    if leaf in LISTS:
        # the walker writes a (sourced) empty list as "(none)"
        return text.split(", ") if text and text != "(none)" else []
    return text


def other(path, value, rng):
    if isinstance(value, bool):
        return not value
    if isinstance(value, list):
        return value[:-1] if len(value) > 1 else None
    leaf = path.rsplit(".", 1)[-1]
    if leaf == "type":
        return "p2p" if value != "p2p" else "federated"
    if leaf == "licence":
        return "BUSL-1.1" if value != "BUSL-1.1" else "MIT"
    if leaf in ("date",):
        return "2020-01-01" if value != "2020-01-01" else "2021-01-01"
    if value.startswith("https://"):
        return value + "/moved"
    return value + " (renamed)"


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    rng = random.Random(sys.argv[3] if len(sys.argv) > 3 else "msgvet-obs-1")
    out = []
    seen = set()
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for i, row in enumerate(csv.DictReader(f)):
            mid = row["messenger"]
            if mid not in seen:
                seen.add(mid)
                out.append({"messenger": mid, "fact": "release.latest.date", "value": "2025-%02d-%02d" % (rng.randint(1, 12), rng.randint(1, 28)),
                            "probe": "forge", "observed": "2026-01-01", "source": "https://api.example.org/%s/releases" % mid})
                out.append({"messenger": mid, "fact": "repository.archived", "value": rng.random() < 0.1,
                            "probe": "forge", "observed": "2026-01-01", "source": "https://api.example.org/%s" % mid})
                out.append({"messenger": mid, "fact": "store.f-droid.offered", "value": rng.random() < 0.5,
                            "probe": "store", "observed": "2026-01-01", "source": "https://f-droid.example.org/%s" % mid})
            if i % 3:
                continue
            path, value = row["fact"], typed(row["fact"], row["value"])
            o = {"messenger": mid, "fact": path, "probe": "forge", "observed": "2026-01-01T06:00:00Z",
                 "source": "https://api.example.org/%s/%d" % (mid, i)}
            r = rng.random()
            if r < 0.05:
                o["error"] = "HTTP 503 from the forge"
            elif r < 0.15 and other(path, value, rng) is not None:
                o["value"] = other(path, value, rng)
            else:
                o["value"] = value
            out.append(o)
    with open(sys.argv[2], "w", encoding="utf-8") as f:
        json.dump({"schema": "msgvet-observations/1", "observations": out}, f, indent=1)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
