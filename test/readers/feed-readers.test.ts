import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import authors from "../../seeds/data/authors.json";
import categories from "../../seeds/data/categories.json";
import { type RunningService, startService } from "../browser/service";

/*
 * The feeds as subscribers get them: every site, briefs, category and author feed in three
 * languages, RSS and Atom, read from a running `wrangler dev` by Debian's python3-feedparser
 * (the parser behind many readers and scripts, rss2email among them), newsboat (a terminal
 * reader) and sfeed. `.ci/run` installs them with apt; without them, outside CI, this file is
 * skipped.
 */

// Debian's python3, where python3-feedparser is installed (PATH may lead to another one).
const PYTHON = "/usr/bin/python3";
const NEWSBOAT = "/usr/bin/newsboat";
const SFEED = "/usr/bin/sfeed";
const SCRIPT = join(import.meta.dirname, "read_feeds.py");
const TOKEN = "reader-test-admin-token";

const SEGMENTS = { ua: "uk", en: "en", ru: "ru" } as const;
type Segment = keyof typeof SEGMENTS;
/** The seed photos' credit, in each language's words. */
const PLACEHOLDER_CREDITS = {
  ua: "Зображення-заглушка",
  en: "Placeholder image",
  ru: "Изображение-заглушка",
};

/** Whole bylines as a reader of each language should see the two-author story's. */
const DESK = authors.find((a) => a.slug === "kyiv-independent-news-desk")?.names;
const MARTIN = authors.find((a) => a.slug === "martin-fornusek")?.names;
const BYLINES: Record<Segment, string> = {
  en: "Martin Fornusek and The Kyiv Independent news desk",
  ua: `${MARTIN?.uk} і ${DESK?.uk}`,
  ru: `${MARTIN?.ru} и ${DESK?.ru}`,
};
const TWO_AUTHOR_TITLES: Record<Segment, string> = {
  en: "White House: Russia, China, North Korea seek to strengthen ties",
  ua: "Білий дім: Росія, Китай і Північна Корея прагнуть зміцнити зв’язки",
  ru: "Белый дом: Россия, Китай и Северная Корея стремятся укрепить связи",
};
const WITHDRAWN: Record<Segment, string> = {
  en: "Withdrawn: Reader test story",
  ua: "Відкликано: Матеріал для перевірки",
  ru: "Отозвано: Материал для проверки",
};

interface FeedparserResult {
  status: number | null;
  etag: string | null;
  modified: string | null;
  bozo: boolean;
  bozo_exception: string;
  version: string;
  link: string | null;
  language: string | null;
  entries: { id: string; title: string; link: string; author: string; content: string }[];
}

interface NewsboatResult {
  error: string | null;
  feed_link: string | null;
  items: { guid: string; title: string; link: string; author: string; content: string }[];
}

interface SfeedResult {
  error: string | null;
  items: { id: string; title: string; link: string; author: string; content: string }[];
}

interface Reading {
  url: string;
  feedparser: FeedparserResult;
  newsboat?: NewsboatResult;
  sfeed?: SfeedResult;
}

function readFeeds(
  feeds: { url: string; etag?: string | null; modified?: string | null }[],
  newsboat: boolean,
): Reading[] {
  const run = spawnSync(PYTHON, [SCRIPT], {
    input: JSON.stringify({ feeds, newsboat }),
    encoding: "utf8",
    maxBuffer: 256 * 1024 * 1024,
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`read_feeds.py failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Reading[];
}

function feedPaths(): { segment: Segment; path: string }[] {
  const scopes = [
    "",
    "briefs/",
    ...categories.map((c) => `category/${c.slug}/`),
    ...authors.map((a) => `author/${a.slug}/`),
  ];
  return (Object.keys(SEGMENTS) as Segment[]).flatMap((segment) =>
    scopes.flatMap((scope) =>
      ["rss.xml", "atom.xml"].map((file) => ({ segment, path: `/${segment}/${scope}${file}` })),
    ),
  );
}

const feedparserInstalled =
  existsSync(PYTHON) && spawnSync(PYTHON, ["-c", "import feedparser"]).status === 0;
const readersInstalled = feedparserInstalled && existsSync(NEWSBOAT) && existsSync(SFEED);
const inCi = process.env.CI === "true";

if (!readersInstalled && !inCi) {
  console.warn(
    "\n!! SKIPPING the feed reader tests: install Debian's readers to run them:\n" +
      "!!   apt-get update && apt-get install -y python3-feedparser newsboat sfeed\n",
  );
}

describe.runIf(!readersInstalled && inCi)("the feed reader tests in CI", () => {
  it("need python3-feedparser, newsboat and sfeed", () => {
    throw new Error("apt-get install -y python3-feedparser newsboat sfeed before the tests");
  });
});

describe.runIf(readersInstalled)("the feeds in real feed readers", () => {
  let service: RunningService;
  let readings: Reading[];
  const feeds = feedPaths();

  /**
   * An editor's API call on a connection of its own: wrangler dev closes idle keep-alive
   * connections, and a POST sent on one just as it closes would fail (or, retried, repeat).
   */
  function api(method: string, path: string, body?: unknown) {
    const payload = body === undefined ? "" : JSON.stringify(body);
    return new Promise<{ version: number; id: string }>((resolve, reject) => {
      const request = httpRequest(
        `${service.origin}/api/v1${path}`,
        {
          method,
          agent: false,
          headers: {
            Authorization: `Bearer ${TOKEN}`,
            "Content-Type": "application/json",
            "Content-Length": Buffer.byteLength(payload),
          },
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve(JSON.parse(text));
            else reject(new Error(`${method} ${path}: ${status} ${text}`));
          });
        },
      );
      request.on("error", reject);
      request.end(payload);
    });
  }

  beforeAll(async () => {
    service = await startService({ ADMIN_TOKEN: TOKEN });
    // A story published and then withdrawn with a note: its notice must reach the readers.
    await api("POST", "/stories", {
      id: "reader-test-withdrawn",
      kind: "article",
      categoryId: "world",
      authorIds: ["olena-kovalchuk"],
      variants: [
        { lang: "uk", title: "Матеріал для перевірки", summary: "К", body: "<p>Текст</p>" },
        { lang: "en", title: "Reader test story", summary: "S", body: "<p>Secret text</p>" },
        { lang: "ru", title: "Материал для проверки", summary: "К", body: "<p>Текст</p>" },
      ],
    });
    const { version } = await api("POST", "/stories/reader-test-withdrawn/publish", {
      version: 1,
    });
    await api("POST", "/stories/reader-test-withdrawn/withdraw", {
      version,
      note: "The source retracted the claim.",
    });
    readings = readFeeds(
      feeds.map((f) => ({ url: `${service.origin}${f.path}` })),
      true,
    );
  });

  afterAll(async () => {
    await service?.stop();
  });

  const reading = (path: string) => {
    const found = readings.find((r) => r.url.endsWith(path));
    if (!found) throw new Error(`no reading of ${path}`);
    return found;
  };

  it("parses every feed without error in feedparser, newsboat and sfeed", () => {
    expect(readings).toHaveLength(feeds.length);
    for (const r of readings) {
      expect(r.feedparser.bozo_exception, r.url).toBe("");
      expect(r.feedparser.version, r.url).toMatch(/^(rss20|atom10)$/);
      expect(r.newsboat?.error, r.url).toBeNull();
      expect(r.sfeed?.error, r.url).toBeNull();
      expect(r.sfeed?.items.length, r.url).toBe(r.feedparser.entries.length);
    }
    // The feeds are not empty: the seeds fill the site feeds of every language.
    for (const segment of Object.keys(SEGMENTS)) {
      expect(reading(`/${segment}/rss.xml`).feedparser.entries.length).toBeGreaterThan(3);
      expect(reading(`/${segment}/atom.xml`).newsboat?.items.length).toBeGreaterThan(3);
    }
  });

  it("links every entry, and every feed, to its own language in every reader", () => {
    for (const { segment, path } of feeds) {
      const r = reading(path);
      const prefix = `${service.origin}/${segment}/`;
      expect(r.feedparser.link, path).toMatch(new RegExp(`^${prefix}`));
      expect(r.newsboat?.feed_link, path).toMatch(new RegExp(`^${prefix}`));
      for (const entry of r.feedparser.entries) {
        expect(entry.link, `${path} ${entry.title}`).toMatch(new RegExp(`^${prefix}news/`));
      }
      for (const item of [...(r.newsboat?.items ?? []), ...(r.sfeed?.items ?? [])]) {
        expect(item.link, `${path} ${item.title}`).toMatch(new RegExp(`^${prefix}news/`));
      }
      expect(r.feedparser.language ?? SEGMENTS[segment], path).toBe(SEGMENTS[segment]);
    }
  });

  it("shows the two-author story's whole byline, in the feed's language", () => {
    for (const segment of Object.keys(SEGMENTS) as Segment[]) {
      for (const file of ["rss.xml", "atom.xml"]) {
        const r = reading(`/${segment}/${file}`);
        const entry = r.feedparser.entries.find((e) => e.title === TWO_AUTHOR_TITLES[segment]);
        expect(entry?.author, `${segment} ${file}`).toBe(BYLINES[segment]);
        const item = r.newsboat?.items.find((i) => i.title === TWO_AUTHOR_TITLES[segment]);
        expect(item?.author, `${segment} ${file}`).toBe(BYLINES[segment]);
        const line = r.sfeed?.items.find((i) => i.title === TWO_AUTHOR_TITLES[segment]);
        expect(line?.author, `${segment} ${file}`).toBe(BYLINES[segment]);
      }
    }
  });

  it("shows the photo with its caption and credit at the top of the content", () => {
    for (const segment of Object.keys(SEGMENTS) as Segment[]) {
      for (const file of ["rss.xml", "atom.xml"]) {
        const r = reading(`/${segment}/${file}`);
        const entry = r.feedparser.entries.find((e) => e.title === TWO_AUTHOR_TITLES[segment]);
        const item = r.newsboat?.items.find((i) => i.title === TWO_AUTHOR_TITLES[segment]);
        const line = r.sfeed?.items.find((i) => i.title === TWO_AUTHOR_TITLES[segment]);
        for (const content of [entry?.content ?? "", item?.content ?? "", line?.content ?? ""]) {
          expect(content.trimStart().startsWith("<figure")).toBe(true);
          expect(content).toMatch(/<img [^>]*src="http[^"]+\.jpg"/);
          expect(content).toContain(PLACEHOLDER_CREDITS[segment]);
          expect(content).toContain("<figcaption>");
        }
      }
    }
  });

  it("shows the withdrawn story as a notice with the editors' note, not its text", () => {
    for (const segment of Object.keys(SEGMENTS) as Segment[]) {
      for (const file of ["rss.xml", "atom.xml", "category/world/atom.xml"]) {
        const r = reading(`/${segment}/${file}`);
        const entry = r.feedparser.entries.find((e) => e.title === WITHDRAWN[segment]);
        expect(entry?.content, `${segment} ${file}`).toContain("The source retracted the claim.");
        const item = r.newsboat?.items.find((i) => i.title === WITHDRAWN[segment]);
        expect(item?.content, `${segment} ${file}`).toContain("The source retracted the claim.");
        expect(item?.content).not.toContain("Secret text");
        const line = r.sfeed?.items.find((i) => i.title === WITHDRAWN[segment]);
        expect(line?.content, `${segment} ${file}`).toContain("The source retracted the claim.");
      }
    }
  });

  it("answers feedparser's conditional poll with 304 after a write no feed of it shows", async () => {
    const polled = feeds.filter((f) => !f.path.includes("briefs") && !f.path.includes("economy"));
    const first = readFeeds(
      polled.map((f) => ({ url: `${service.origin}${f.path}` })),
      false,
    );
    // An English economy brief by an author with no other stories: it shows up in the English
    // briefs, economy and that author's feeds, and nowhere else.
    const created = await api("POST", "/stories", {
      kind: "brief",
      categoryId: "economy",
      authorIds: ["yuliia-hrytsenko"],
      variants: [{ lang: "en", title: "Reader test brief", summary: "S", body: "<p>B</p>" }],
    });
    await api("POST", `/stories/${created.id}/publish`, { version: 1 });
    const unrelated = first.filter((r) => !r.url.includes("/en/author/yuliia-hrytsenko/"));
    const second = readFeeds(
      unrelated.map((r) => ({
        url: r.url,
        etag: r.feedparser.etag,
        modified: r.feedparser.modified,
      })),
      false,
    );
    for (const r of second) expect(r.feedparser.status, r.url).toBe(304);
    const briefs = readFeeds([{ url: `${service.origin}/en/briefs/rss.xml` }], false)[0];
    expect(briefs?.feedparser.entries.map((e) => e.title)).toContain("Reader test brief");
  });
});
