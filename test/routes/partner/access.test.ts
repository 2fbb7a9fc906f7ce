import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { RATE_LIMIT_PERIOD_SECONDS } from "../../../src/routes/partner/rate-limit";
import { api, storyPayload } from "../../helpers/api";
import { assertWellFormed, readFeed, xmlTree } from "../../helpers/feeds";
import { createPartner, partnerRequest, problemOf } from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

let worldOnly: string;
let summaryOnly: string;
let full: string;

beforeAll(async () => {
  await loadSeedStories();
  for (const [id, categoryId] of [
    ["access-world", "world"],
    ["access-ukraine", "ukraine"],
  ] as const) {
    await api(
      "POST",
      "/stories",
      storyPayload(id, {
        categoryId,
        image: { url: "/media/access.jpg", type: "image/jpeg", credit: "Photo: Desk" },
        variants: [
          {
            lang: "en",
            title: `Story ${id}`,
            summary: "Short",
            body: '<p>Body <a href="/en/">home</a></p>',
          },
        ],
      }),
    );
    await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' });
  }
  worldOnly = (
    await createPartner({ name: "World", languages: ["en"], categories: ["world"], fullText: true })
  ).key;
  summaryOnly = (await createPartner({ name: "Brief", languages: ["en"], fullText: false })).key;
  full = (await createPartner({ name: "Full", languages: ["uk", "en", "ru"] })).key;
});

describe("scope", () => {
  it("answers 403 problem+json naming the language outside the licence", async () => {
    for (const path of ["/stories?lang=uk", "/stories/access-world?lang=ru", "/ua/rss.xml"]) {
      const response = await partnerRequest(path, worldOnly);
      expect(response.status, path).toBe(403);
      const problem = await problemOf(response);
      expect(problem.allowedLanguages).toEqual(["en"]);
      expect(problem.detail).toMatch(/language (uk|ru)/);
    }
  });

  it("answers 403 problem+json naming the category outside the licence", async () => {
    for (const path of ["/stories/access-ukraine?lang=en", "/en/category/ukraine/atom.xml"]) {
      const response = await partnerRequest(path, worldOnly);
      expect(response.status, path).toBe(403);
      const problem = await problemOf(response);
      expect(problem).toMatchObject({ category: "ukraine", allowedCategories: ["world"] });
    }
  });

  it("leaves other categories out of the partner's sync and site feed", async () => {
    const sync = (await (await partnerRequest("/stories?lang=en", worldOnly)).json()) as {
      items: { event: { storyId: string } }[];
    };
    const ids = sync.items.map((i) => i.event.storyId);
    expect(ids).toContain("access-world");
    expect(ids).not.toContain("access-ukraine");
    const feed = await (await partnerRequest("/en/feed.json", worldOnly)).json();
    const urls = (feed as { items: { id: string }[] }).items.map((i) => i.id);
    expect(urls.some((id) => id.includes("access-world"))).toBe(true);
    expect(urls.some((id) => id.includes("access-ukraine"))).toBe(false);
  });
});

describe("partner feeds", () => {
  it("serves RSS, Atom and JSON Feed with rights, credits, authors and the canonical link", async () => {
    const rss = await partnerRequest("/en/rss.xml", full);
    expect(rss.status).toBe(200);
    expect(rss.headers.get("Cache-Control")).toBe("private, max-age=60");
    const rssXml = await rss.text();
    assertWellFormed(rssXml);
    const channel = (xmlTree(rssXml).rss as Record<string, Record<string, unknown>>).channel;
    expect(channel?.copyright).toContain(env.COPYRIGHT_NOTICE);
    const self = ((channel?.["atom:link"] ?? []) as Record<string, string>[]).find(
      (l) => l["@_rel"] === "self",
    );
    expect(self?.["@_href"]).toBe("http://localhost/partner/v1/en/rss.xml");
    const parsed = readFeed(rssXml);
    const item = parsed.items.find((i) => i.url === "http://localhost/en/news/story-access-world");
    expect(item?.content).toContain('href="http://localhost/en/"');
    expect(rssXml).toContain("<media:credit>Photo: Desk</media:credit>");
    expect(rssXml).toContain("<dc:creator>");

    const atomXml = await (await partnerRequest("/en/atom.xml", full)).text();
    assertWellFormed(atomXml);
    const atom = xmlTree(atomXml).feed as Record<string, unknown>;
    expect((atom.rights as Record<string, string>)["#text"]).toContain(env.USAGE_TERMS);
    expect(atom.id).toMatch(/:partner\/feed\/en\/site$/);
    expect(atomXml).toContain("<media:credit>Photo: Desk</media:credit>");
    expect(readFeed(atomXml).items.length).toBeGreaterThan(0);

    const json = (await (await partnerRequest("/en/feed.json", full)).json()) as Record<
      string,
      unknown
    >;
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect((json._rights as { notice: string }).notice).toContain(env.COPYRIGHT_NOTICE);
    expect(json.feed_url).toBe("http://localhost/partner/v1/en/feed.json");
    const jsonItem = (json.items as Record<string, unknown>[]).find((i) =>
      String(i.url).endsWith("/en/news/story-access-world"),
    );
    expect(jsonItem).toMatchObject({
      _image: { credit: "Photo: Desk" },
      authors: [expect.any(Object)],
    });
    expect(jsonItem?.content_html).toContain("Body");
  });

  it("gives a summary-only partner no body in any format", async () => {
    const rss = await (await partnerRequest("/en/rss.xml", summaryOnly)).text();
    assertWellFormed(rss);
    expect(rss).not.toContain("content:encoded");
    const atom = await (await partnerRequest("/en/atom.xml", summaryOnly)).text();
    assertWellFormed(atom);
    expect(atom).not.toContain("<content");
    expect(atom).toContain("<summary");
    const json = (await (await partnerRequest("/en/feed.json", summaryOnly)).json()) as {
      items: Record<string, unknown>[];
    };
    for (const item of json.items) {
      expect(item.content_html).toBeUndefined();
      expect(typeof item.content_text).toBe("string");
    }
  });

  it("answers bad paging and unknown categories with problem+json", async () => {
    for (const [path, status] of [
      ["/en/rss.xml?limit=0", 400],
      ["/en/rss.xml?after=bogus", 400],
      ["/en/category/no-such/rss.xml", 404],
      ["/de/rss.xml", 404],
    ] as const) {
      const response = await partnerRequest(path, full);
      expect(response.status, path).toBe(status);
      await problemOf(response);
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After once a key goes over its limit, other keys unaffected", async () => {
    const { key } = await createPartner({ name: "Busy", languages: ["en"] });
    // wrangler.toml: 120 per 60 s, in fixed windows. Two windows' worth plus one is over the
    // limit in at least one window, wherever the window boundary falls.
    let admitted = 0;
    let refused: Response | null = null;
    for (let i = 0; i < 241 && !refused; i++) {
      const response = await partnerRequest("/stories/none?lang=en", key);
      if (response.status === 429) refused = response;
      else admitted++;
    }
    expect(refused).not.toBeNull();
    expect(admitted).toBeGreaterThanOrEqual(120);
    expect(refused?.headers.get("Retry-After")).toBe(String(RATE_LIMIT_PERIOD_SECONDS));
    expect((await problemOf(refused as Response)).status).toBe(429);
    expect((await partnerRequest("/stories?lang=en", full)).status).toBe(200);
    // Benchmarks switch it off.
    const unlimited = await partnerRequest(
      "/stories?lang=en",
      key,
      {},
      {
        ...env,
        PARTNER_RATE_LIMIT: "off",
      },
    );
    expect(unlimited.status).toBe(200);
  });

  it("counts a sync page once against the limit", async () => {
    const { key } = await createPartner({ name: "Syncing", languages: ["en"] });
    // Counted twice, a key would be refused after 60 pages in a window and never reach 120.
    let admitted = 0;
    for (let i = 0; i < 241; i++) {
      const response = await partnerRequest("/stories?lang=en&limit=1", key);
      await response.arrayBuffer();
      if (response.status === 429) break;
      expect(response.status).toBe(200);
      admitted++;
    }
    expect(admitted).toBeGreaterThanOrEqual(120);
    expect(admitted).toBeLessThan(241);
  });
});
