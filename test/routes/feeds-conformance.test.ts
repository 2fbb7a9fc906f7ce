import { env } from "cloudflare:workers";
import { parseOpml } from "feedsmith";
import { beforeAll, describe, expect, it } from "vitest";
import { listAuthors, listCategories } from "../../src/db/taxonomy";
import app from "../../src/index";
import { assertWellFormed, xmlTree } from "../helpers/feeds";
import { loadSeedStories, testDb } from "../helpers/seeds";

type Node = Record<string, unknown>;
const RFC822_GMT =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const RFC3339_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const ABSOLUTE = /^https?:\/\/[^/]+\//;
// The tree helper always gives `link` as an array (Atom has many); RSS has one.
const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const list = (value: unknown) => (value === undefined ? [] : (value as Node[]));

/**
 * What the W3C Feed Validator reports as errors, checked on every seeded feed: required
 * elements, date formats, absolute URLs, self links, guids, Atom entry author/id/updated.
 */
function checkRss(xml: string, url: string) {
  assertWellFormed(xml);
  const rss = xmlTree(xml).rss as Node;
  expect(rss["@_version"]).toBe("2.0");
  expect(rss["@_xmlns:atom"]).toBe("http://www.w3.org/2005/Atom");
  const channel = rss.channel as Node;
  for (const field of ["title", "link", "description", "language"])
    expect(channel[field]).toBeTruthy();
  expect(list(channel.link)).toHaveLength(1);
  expect(one(channel.link)).toMatch(ABSOLUTE);
  expect(channel.lastBuildDate).toMatch(RFC822_GMT);
  const self = list(channel["atom:link"]).filter((l) => l["@_rel"] === "self");
  expect(self).toHaveLength(1);
  expect(self[0]?.["@_href"]).toBe(url);
  expect(self[0]?.["@_type"]).toBe("application/rss+xml");
  for (const item of list(channel.item)) {
    expect(item.title).toBeTruthy();
    expect(one(item.link)).toMatch(ABSOLUTE);
    expect(item.pubDate).toMatch(RFC822_GMT);
    expect(item.guid).toMatchObject({ "@_isPermaLink": "false" });
    expect(item.author).toBeUndefined(); // RSS <author> must be an e-mail address
    const enclosures = item.enclosure === undefined ? [] : [item.enclosure as Node];
    for (const e of enclosures) {
      expect(e["@_url"]).toMatch(ABSOLUTE);
      expect(e["@_length"]).toMatch(/^\d+$/);
      expect(e["@_type"]).toMatch(/^image\/[a-z]+$/);
    }
    expect(String(item["content:encoded"] ?? "")).not.toMatch(/(href|src)="(?!https?:|mailto:)/);
  }
}

function checkAtom(xml: string, url: string) {
  assertWellFormed(xml);
  const feed = xmlTree(xml).feed as Node;
  expect(feed["@_xmlns"]).toBe("http://www.w3.org/2005/Atom");
  expect(feed["@_xml:lang"]).toMatch(/^(uk|en|ru)$/);
  for (const field of ["id", "title", "updated"]) expect(feed[field]).toBeTruthy();
  expect(feed.updated).toMatch(RFC3339_UTC);
  const links = list(feed.link);
  expect(links.filter((l) => l["@_rel"] === "self").map((l) => l["@_href"])).toEqual([url]);
  for (const link of links) expect(link["@_href"]).toMatch(ABSOLUTE);
  // RFC 4287 4.1.1: no two alternate links with the same type and hreflang.
  const alternates = links
    .filter((l) => l["@_rel"] === "alternate")
    .map((l) => `${l["@_type"]} ${l["@_hreflang"]}`);
  expect(new Set(alternates).size).toBe(alternates.length);
  for (const entry of list(feed.entry)) {
    expect(entry.id).toMatch(/^tag:[a-z0-9.-]+,\d{4}:/);
    expect(entry.updated).toMatch(RFC3339_UTC);
    expect(entry.published).toMatch(RFC3339_UTC);
    expect(list(entry.author).length).toBeGreaterThan(0);
    for (const author of list(entry.author)) expect(author.name).toBeTruthy();
    const entryLinks = list(entry.link);
    for (const link of entryLinks) expect(link["@_href"]).toMatch(ABSOLUTE);
    const entryAlternates = entryLinks
      .filter((l) => l["@_rel"] === "alternate")
      .map((l) => `${l["@_type"]} ${l["@_hreflang"]}`);
    expect(new Set(entryAlternates).size).toBe(entryAlternates.length);
    expect((entry.content as Node)["@_type"]).toBe("html");
  }
}

function checkJson(body: string, url: string) {
  const feed = JSON.parse(body);
  expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
  expect(feed.title).toBeTruthy();
  expect(feed.feed_url).toBe(url);
  expect(feed.home_page_url).toMatch(ABSOLUTE);
  expect(feed.author).toBeUndefined();
  for (const item of feed.items as Node[]) {
    expect(item.id).toBeTruthy();
    expect(item.content_html).toBeTruthy();
    expect(item.url).toMatch(ABSOLUTE);
    expect(item.date_published).toMatch(RFC3339_UTC);
    expect(item.author).toBeUndefined();
    expect((item.authors as Node[]).length).toBeGreaterThan(0);
  }
}

describe("every seeded feed conforms to its standard", () => {
  beforeAll(loadSeedStories);

  it("passes the validator's checks for site, briefs, category and author feeds", async () => {
    const categories = await listCategories(testDb());
    const authors = await listAuthors(testDb());
    const scopes = [
      "",
      "/briefs",
      ...categories.map((c) => `/category/${c.slug}`),
      ...authors.map((a) => `/author/${a.slug}`),
    ];
    let checked = 0;
    for (const segment of ["ua", "en", "ru"]) {
      for (const scope of scopes) {
        for (const [file, check] of [
          ["rss.xml", checkRss],
          ["atom.xml", checkAtom],
          ["feed.json", checkJson],
        ] as const) {
          const path = `/${segment}${scope}/${file}`;
          const response = await app.request(path, {}, env);
          expect(response.status, path).toBe(200);
          check(await response.text(), `http://localhost${path}`);
          checked += 1;
        }
      }
    }
    expect(checked).toBe(3 * scopes.length * 3);
    // 126 feeds rendered and checked: seconds on a busy machine, more than vitest's default 5.
  }, 30_000);

  it("lists every site, briefs and category feed in OPML, grouped by language", async () => {
    const response = await app.request("/feeds.opml", {}, env);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/x-opml; charset=utf-8");
    const body = await response.text();
    assertWellFormed(body);
    const opml = parseOpml(body);
    const groups = opml.body?.outlines ?? [];
    expect(groups.map((g) => g.text)).toEqual(["Українська", "English", "Русский"]);
    const categories = await listCategories(testDb());
    for (const [i, segment] of ["ua", "en", "ru"].entries()) {
      const feeds = groups[i]?.outlines ?? [];
      expect(feeds).toHaveLength(2 + categories.length);
      const urls = feeds.map((f) => f.xmlUrl);
      expect(urls).toContain(`http://localhost/${segment}/rss.xml`);
      expect(urls).toContain(`http://localhost/${segment}/briefs/rss.xml`);
      for (const c of categories)
        expect(urls).toContain(`http://localhost/${segment}/category/${c.slug}/rss.xml`);
    }
    expect(groups[0]?.outlines?.map((f) => f.text)).toContain("Редакція: Світ");
    expect(groups[2]?.outlines?.map((f) => f.text)).toContain("Редакция: Мир");
  });
});
