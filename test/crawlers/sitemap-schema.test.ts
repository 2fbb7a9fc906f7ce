import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningService, startService } from "../browser/service";
import { requireXmllint, XMLLINT_INSTALLED, xmllintErrors } from "../browser/xmllint";

/*
 * The sitemap index and every child a crawler finds from it, from a running `wrangler dev`
 * with the seed stories, validated by libxml2's xmllint against the sitemaps.org 0.9 schemas
 * kept in standards/sitemaps (with the xhtml:link declaration Google's hreflang form needs).
 */
const SCHEMAS = join(import.meta.dirname, "../../standards/sitemaps");
const INDEX_SCHEMA = join(SCHEMAS, "siteindex.xsd");
const URLSET_SCHEMA = join(SCHEMAS, "urlset-with-hreflang.xsd");

requireXmllint("sitemap schema");

/** xmllint's complaints about one document (none when it is valid). */
function schemaErrors(schema: string, xml: string): string[] {
  return xmllintErrors(schema, [xml]);
}

describe.runIf(XMLLINT_INSTALLED)("sitemaps as crawlers read them", () => {
  let service: RunningService;
  const fetched = new Map<string, string>();

  beforeAll(async () => {
    service = await startService();
  });

  afterAll(async () => {
    await service?.stop();
  });

  async function text(url: string): Promise<string> {
    const response = await fetch(url);
    expect(response.status, url).toBe(200);
    expect(response.headers.get("content-type"), url).toBe("application/xml; charset=utf-8");
    const body = await response.text();
    fetched.set(url, body);
    return body;
  }

  it("serves an index that is valid against siteindex.xsd and names only this origin", async () => {
    const robots = await (await fetch(`${service.origin}/robots.txt`)).text();
    expect(robots).toContain(`Sitemap: ${service.origin}/sitemap.xml`);
    const index = await text(`${service.origin}/sitemap.xml`);
    expect(schemaErrors(INDEX_SCHEMA, index)).toEqual([]);
    const locs = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    expect(locs.length).toBeGreaterThan(1);
    for (const loc of locs) expect(loc.startsWith(`${service.origin}/sitemaps/`), loc).toBe(true);
  });

  it("serves children valid against sitemap.xsd, each within sitemaps.org's limits", async () => {
    const index = await text(`${service.origin}/sitemap.xml`);
    const locs = [...index.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1] as string);
    let stories = 0;
    for (const loc of locs) {
      const child = await text(loc);
      expect(schemaErrors(URLSET_SCHEMA, child), loc).toEqual([]);
      const urls = child.match(/<url>/g)?.length ?? 0;
      expect(urls, loc).toBeGreaterThan(0);
      expect(urls, loc).toBeLessThanOrEqual(50_000);
      expect(new TextEncoder().encode(child).length, loc).toBeLessThan(10 * 1024 * 1024);
      stories += child.match(/<loc>[^<]*\/news\/[^<]*<\/loc>/g)?.length ?? 0;
    }
    // The 19 seed stories, each in one language at least.
    expect(stories).toBeGreaterThanOrEqual(19);
  });

  it("is a validator that fails: a child with a bad lastmod and a bare hreflang link", () => {
    const child = [...fetched.entries()].find(([url]) => url.includes("/sitemaps/stories-"));
    expect(child).toBeDefined();
    const xml = (child as [string, string])[1];
    const badDate = xml.replace(/<lastmod>[^<]+<\/lastmod>/, "<lastmod>yesterday</lastmod>");
    expect(schemaErrors(URLSET_SCHEMA, badDate).join("\n")).toContain("lastmod");
    const noHref = xml.replace(/ href="[^"]+"\/>/, "/>");
    expect(schemaErrors(URLSET_SCHEMA, noHref).join("\n")).toContain("href");
    const index = fetched.get(`${service.origin}/sitemap.xml`) ?? "";
    expect(schemaErrors(INDEX_SCHEMA, index.replace("<sitemap>", "<sitemap><x/>"))).not.toEqual([]);
  });
});
