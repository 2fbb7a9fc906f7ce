"""Reads feeds the way real feed readers from Debian do, and prints what each one kept.

Input (stdin, JSON): {"feeds": [{"url": ..., "etag": ..., "modified": ...}], "newsboat": bool}  (newsboat: also run newsboat and sfeed)
Output (stdout, JSON): one record per feed with what python3-feedparser made of it and, when
asked, what newsboat stored in its cache after a reload of that feed alone (newsboat keeps one
copy of an item per guid across feeds, so each feed gets its own cache) and what sfeed (the
parser of the sfeed reader) printed for it.

Run with Debian's /usr/bin/python3: the python3-feedparser package lives there.
"""

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import urllib.request

import feedparser


def read_with_feedparser(feed):
    parsed = feedparser.parse(
        feed["url"], etag=feed.get("etag"), modified=feed.get("modified")
    )
    return {
        "status": parsed.get("status"),
        "etag": parsed.get("etag"),
        "modified": parsed.get("modified"),
        "bozo": bool(parsed.get("bozo")),
        "bozo_exception": str(parsed.get("bozo_exception", "")),
        "version": parsed.get("version"),
        "link": parsed.feed.get("link"),
        "language": parsed.feed.get("language"),
        "entries": [
            {
                "id": entry.get("id"),
                "title": entry.get("title"),
                "link": entry.get("link"),
                "author": entry.get("author"),
                "content": "".join(c.get("value", "") for c in entry.get("content", []))
                or entry.get("summary", ""),
            }
            for entry in parsed.entries
        ],
    }


def read_with_newsboat(url):
    with tempfile.TemporaryDirectory() as home:
        urls = os.path.join(home, "urls")
        cache = os.path.join(home, "cache.db")
        config = os.path.join(home, "config")
        with open(urls, "w") as f:
            f.write(url + "\n")
        open(config, "w").close()
        run = subprocess.run(
            ["newsboat", "-u", urls, "-c", cache, "-C", config, "-x", "reload"],
            capture_output=True,
            text=True,
            timeout=60,
            env={**os.environ, "HOME": home},
        )
        if run.returncode != 0:
            return {"error": run.stderr or run.stdout, "feed_link": None, "items": []}
        db = sqlite3.connect(cache)
        try:
            link = db.execute("select url from rss_feed where rssurl = ?", (url,)).fetchone()
            items = [
                {"guid": g, "title": t, "link": u, "author": a, "content": c}
                for g, t, u, a, c in db.execute(
                    "select guid, title, url, author, content from rss_item where feedurl = ?",
                    (url,),
                )
            ]
        finally:
            db.close()
        return {"error": None, "feed_link": link[0] if link else None, "items": items}


def unescape_sfeed(field):
    # sfeed writes a newline, tab and backslash inside a field as \n, \t and \\.
    out, chars = [], iter(field)
    for ch in chars:
        if ch == "\\":
            nxt = next(chars, "")
            out.append({"n": "\n", "t": "\t", "\\": "\\"}.get(nxt, "\\" + nxt))
        else:
            out.append(ch)
    return "".join(out)


def read_with_sfeed(url):
    with urllib.request.urlopen(url, timeout=60) as response:
        document = response.read()
    run = subprocess.run(["sfeed"], input=document, capture_output=True, timeout=60)
    if run.returncode != 0:
        return {"error": run.stderr.decode(errors="replace"), "items": []}
    items = []
    for line in run.stdout.decode("utf-8").splitlines():
        fields = [unescape_sfeed(f) for f in line.split("\t")] + [""] * 9
        items.append(
            {"title": fields[1], "link": fields[2], "content": fields[3], "id": fields[5],
             "author": fields[6]}
        )
    return {"error": None, "items": items}


def main():
    request = json.load(sys.stdin)
    out = []
    for feed in request["feeds"]:
        record = {"url": feed["url"], "feedparser": read_with_feedparser(feed)}
        if request.get("newsboat"):
            record["newsboat"] = read_with_newsboat(feed["url"])
            record["sfeed"] = read_with_sfeed(feed["url"])
        out.append(record)
    json.dump(out, sys.stdout, ensure_ascii=False)


main()
