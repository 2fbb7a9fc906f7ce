import { env } from "cloudflare:workers";
import { type DefaultTreeAdapterTypes, defaultTreeAdapter, parse } from "parse5";
import { expect } from "vitest";
import { type LangTag, segmentOf } from "../../src/i18n/languages";
import app from "../../src/index";
import { api } from "./api";
import { assertWellFormed } from "./feeds";
import { createPartner } from "./partners";
import { rowCounts } from "./seeds";

/** Bindings for output checks: a partner key may be used far more than a minute's allowance. */
export const UNLIMITED = { ...env, PARTNER_RATE_LIMIT: "off" };

/** The category every generated story is filed under, so its feeds hold only those. */
export const TEST_CATEGORY = "hostile";

export interface StoryJson {
  id: string;
  version: number;
  publishedAt: string | null;
  authorIds: string[];
  variants: { lang: LangTag; slug: string }[];
}

/** Creates the category and a full-text partner for every language; returns the partner key. */
export async function prepareOutputs(): Promise<string> {
  const category = await api("POST", "/categories", {
    slug: TEST_CATEGORY,
    names: { uk: "Ворожі", en: "Hostile", ru: "Враждебные" },
  });
  expect(category.status).toBe(201);
  const partner = await createPartner({ name: "Checker", languages: ["uk", "en", "ru"] });
  return partner.key;
}

async function get(path: string, key?: string): Promise<Response> {
  const headers: Record<string, string> = key ? { Authorization: `Bearer ${key}` } : {};
  return app.request(path, { headers }, UNLIMITED);
}

/**
 * Every output a story's languages appear in: their site, briefs, category and author feeds
 * (RSS, Atom, JSON Feed), the story page, the sitemaps, the partner feeds and the partner's
 * ninjs. Each must answer 200 (the page and ninjs 404 while the story waits for its time) and
 * parse: XML well-formed, JSON valid, the page's links balanced and nothing in it executable.
 */
export async function expectEveryOutputRenders(story: StoryJson, key: string): Promise<void> {
  await expectStoryOutputsRender(story, key);
  await expectFeedsRender(
    story.variants.map((v) => v.lang),
    story.authorIds,
    key,
  );
}

/** The story's own page and ninjs document in each of its languages. */
export async function expectStoryOutputsRender(story: StoryJson, key: string): Promise<void> {
  const live = story.publishedAt !== null && story.publishedAt <= new Date().toISOString();
  for (const { lang, slug } of story.variants) {
    const seg = segmentOf(lang);
    const page = await get(`/${seg}/news/${encodeURIComponent(slug)}`);
    const html = await page.text();
    expect({ page: slug, status: page.status }).toEqual({ page: slug, status: live ? 200 : 404 });
    if (live) {
      expectNoLiveMarkup(html);
      expect(html).toContain("</footer>");
      // A body's unclosed <a> would turn the page's own labels into its link.
      expect(html.match(/<a[\s>]/g)?.length).toBe(html.match(/<\/a>/g)?.length);
    }
    const ninjs = await get(
      `/partner/v1/stories/${encodeURIComponent(story.id)}?lang=${lang}`,
      key,
    );
    expect({ ninjs: story.id, status: ninjs.status }).toEqual({
      ninjs: story.id,
      status: live ? 200 : 404,
    });
    JSON.parse(await ninjs.text());
  }
}

/** Every public and partner feed of these languages and authors, and the sitemaps. */
export async function expectFeedsRender(
  langs: readonly LangTag[],
  authorIds: readonly string[],
  key: string,
): Promise<void> {
  const documents: string[] = ["/sitemap.xml", "/news-sitemap.xml", "/feeds.opml"];
  for (const lang of langs) {
    const seg = segmentOf(lang);
    const lists = [`/${seg}`, `/${seg}/briefs`, `/${seg}/category/${TEST_CATEGORY}`];
    // Authors created through the API have their id as slug.
    for (const author of authorIds) lists.push(`/${seg}/author/${author}`);
    for (const list of lists) {
      for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
        documents.push(`${list}/${file}?limit=100`);
      }
    }
    for (const file of ["rss.xml", "atom.xml", "feed.json"]) {
      documents.push(`/partner/v1/${seg}/${file}?limit=100`);
      documents.push(`/partner/v1/${seg}/category/${TEST_CATEGORY}/${file}?limit=100`);
    }
    documents.push(`/partner/v1/stories?lang=${lang}&limit=100`);
  }
  for (const path of documents) {
    const response = await get(path, path.startsWith("/partner/") ? key : undefined);
    const text = await response.text();
    expect({ path, status: response.status }).toEqual({ path, status: 200 });
    if (path.includes(".json") || path.includes("/stories?")) JSON.parse(text);
    else assertWellFormed(text);
  }
}

/** Attributes a browser reads as a URL. */
const URL_ATTRIBUTES = new Set([
  "href",
  "src",
  "srcset",
  "cite",
  "action",
  "formaction",
  "poster",
  "background",
  "data",
  "xlink:href",
]);

/**
 * A page holds no markup a reader's browser would run, judged on the tree a browser builds
 * (parse5): no script but JSON-LD data blocks, no event handler attributes, no javascript:,
 * vbscript: or data: URLs, no frames, objects, <base>, meta refresh, SVG or MathML.
 */
export function expectNoLiveMarkup(html: string): void {
  const found: string[] = [];
  const visit = (node: DefaultTreeAdapterTypes.ParentNode) => {
    for (const child of node.childNodes) {
      if (!defaultTreeAdapter.isElementNode(child)) continue;
      const tag = child.tagName;
      const attrs = new Map(child.attrs.map((a) => [a.name, a.value]));
      if (tag === "script" && attrs.get("type") !== "application/ld+json") found.push("<script>");
      if (["iframe", "object", "embed", "base", "frame", "svg", "math"].includes(tag)) {
        found.push(`<${tag}>`);
      }
      if (tag === "meta" && attrs.has("http-equiv")) found.push("<meta http-equiv>");
      for (const [name, value] of attrs) {
        if (name.startsWith("on")) found.push(`${tag} ${name}`);
        // Browsers drop tabs, line breaks and leading controls before reading a scheme.
        const url = value.replace(/[\s\p{Cc}]/gu, "");
        if (URL_ATTRIBUTES.has(name) && /^(javascript|vbscript|data):/i.test(url))
          found.push(`${tag} ${name}=${value}`);
      }
      visit(child);
    }
  };
  visit(parse(html));
  expect(found).toEqual([]);
}

/**
 * Asserts that a write the API did not accept was refused cleanly: problem+json with an integer
 * status equal to the HTTP one, a client error, and no row changed since `before` (rowCounts()).
 */
export async function expectRefusedCleanly(
  response: Response,
  before: Record<string, number>,
): Promise<void> {
  expect(response.status).toBeGreaterThanOrEqual(400);
  expect(response.status).toBeLessThan(500);
  expect(response.headers.get("Content-Type")).toBe("application/problem+json");
  const problem = (await response.json()) as { status: unknown };
  expect(Number.isInteger(problem.status)).toBe(true);
  expect(problem.status).toBe(response.status);
  expect(await rowCounts()).toEqual(before);
}
