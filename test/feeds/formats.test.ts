import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { scopeNames, scopesOfPath } from "../../src/domain/cache-scopes";
import { FEED_FILE_NAMES, FEED_FORMATS } from "../../src/feeds/formats";
import app from "../../src/index";
import { affectedFeedUrls } from "../../src/services/websub";
import { type FeedList, feedPath } from "../../src/urls";
import { createPartner } from "../helpers/partners";
import { loadSeedStories } from "../helpers/seeds";

const LISTS: FeedList[] = [
  { kind: "site" },
  { kind: "briefs" },
  { kind: "category", category: { slug: "world" } },
  { kind: "author", author: { slug: "martin-fornusek" } },
];

function get(path: string, headers: Record<string, string> = {}) {
  return app.request(path, { headers }, { ...env, PARTNER_RATE_LIMIT: "off" });
}

describe("the feed-format registry", () => {
  beforeAll(loadSeedStories);

  it("gives every format its own file name", () => {
    expect(FEED_FILE_NAMES.size).toBe(FEED_FORMATS.length);
    expect(new Set(FEED_FORMATS.map((f) => f.id)).size).toBe(FEED_FORMATS.length);
  });

  it("serves every format of every list with its media type, what its renderer writes", async () => {
    for (const format of FEED_FORMATS) {
      for (const list of LISTS) {
        const path = feedPath("ua", list, format.file);
        const response = await get(path);
        expect({ path, status: response.status }).toEqual({ path, status: 200 });
        expect(response.headers.get("content-type")).toBe(`${format.mediaType}; charset=utf-8`);
        // The document links to itself, by its own URL, in its own format.
        expect(await response.text()).toContain(`http://localhost${path}`);
      }
    }
  });

  it("serves every format to partners with its media type", async () => {
    const partner = await createPartner({ name: "Formats", languages: ["uk", "en", "ru"] });
    for (const format of FEED_FORMATS) {
      const response = await get(`/partner/v1/en/${format.file}`, {
        Authorization: `Bearer ${partner.key}`,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe(`${format.mediaType}; charset=utf-8`);
    }
  });

  it("offers every format in the head and the footer of a section page, labelled", async () => {
    const html = await (await get("/en/category/world")).text();
    const headLinks = [
      ...html.matchAll(/<link rel="alternate" type="([^"]+)" title="([^"]+)" href="([^"]+)"\/>/g),
    ];
    for (const format of FEED_FORMATS) {
      const href = feedPath("en", LISTS[2] as FeedList, format.file);
      const link = headLinks.find((m) => m[3] === `http://localhost${href}`);
      expect(link?.[1]).toBe(format.mediaType);
      // Titled by its feed (the section's), then the format's label.
      expect(link?.[2]).toMatch(/World \([^)]+\)$/);
      expect(link?.[2]?.endsWith(`(${format.label})`)).toBe(true);
      expect(html).toContain(`<a href="${href}" type="${format.mediaType}">${format.label}</a>`);
    }
    expect(headLinks.filter((m) => m[3]?.includes("/category/world/"))).toHaveLength(
      FEED_FORMATS.length,
    );
  });

  it("has WebSub ping every format of every list a story is in", () => {
    const urls = affectedFeedUrls("https://news.example", {
      langs: ["uk", "en"],
      kind: "article",
      categorySlug: "world",
      authorSlugs: ["olena"],
    });
    // Two languages, three lists (site, category, author), every format.
    expect(urls).toHaveLength(2 * 3 * FEED_FORMATS.length);
    for (const format of FEED_FORMATS) {
      expect(urls).toContain(`https://news.example/ua/category/world/${format.file}`);
      expect(urls).toContain(`https://news.example/en/author/olena/${format.file}`);
    }
  });

  it("has the edge cache recognise every format's file as a feed", () => {
    for (const format of FEED_FORMATS) {
      expect(scopesOfPath(`/ru/briefs/${format.file}`)).toEqual([
        scopeNames.taxonomy("ru"),
        scopeNames.briefs("ru"),
      ]);
    }
  });
});
