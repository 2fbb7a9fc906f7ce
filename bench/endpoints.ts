/** One thing the benchmark loads: a path, the headers to send, and the status that counts as success. */
export interface Endpoint {
  name: string;
  path: string;
  headers: Record<string, string>;
  expect: number;
}

const page = (name: string, path = name): Endpoint => ({ name, path, headers: {}, expect: 200 });

/**
 * The endpoints of the benchmark, on a service filled by seeds/synthetic.ts:
 * feeds in each format, a category feed, a home page, a story page, the sitemap index and two
 * of its children, searches (a common word in
 * Ukrainian, an inflected English one: every synthetic story matches both, the worst case for
 * a newest-first page), a partner ninjs page and partner search, and a 304 revalidation.
 */
export async function benchEndpoints(base: string, adminToken: string): Promise<Endpoint[]> {
  const endpoints = [
    page("/en/rss.xml"),
    page("/ua/atom.xml"),
    page("/ru/feed.json"),
    page("/en/category/synthetic-1/rss.xml"),
    page("/ua/"),
    page("/ua/news/synthetic-0000001-uk"),
    page("/ua/search?q=мости", `/ua/search?q=${encodeURIComponent("мости")}`),
    page("/en/search?q=bridge", "/en/search?q=bridge"),
    page("/en/search?q=zanzibar (no match)", "/en/search?q=zanzibar"),
  ];

  endpoints.push(page("/sitemap.xml"), ...(await sitemapChildren(base)));

  const feed = await fetch(`${base}/en/rss.xml`);
  await feed.arrayBuffer();
  const etag = feed.headers.get("etag");
  if (etag) {
    endpoints.push({
      name: "/en/rss.xml 304",
      path: "/en/rss.xml",
      headers: { "if-none-match": etag },
      expect: 304,
    });
  }

  const partnerKey = await createPartnerKey(base, adminToken);
  if (partnerKey) {
    endpoints.push({
      name: "/partner/v1/stories (ninjs)",
      path: "/partner/v1/stories?lang=en",
      headers: { authorization: `Bearer ${partnerKey}` },
      expect: 200,
    });
    endpoints.push({
      name: "/partner/v1/stories/search (ninjs)",
      path: `/partner/v1/stories/search?lang=uk&q=${encodeURIComponent("ремонт")}`,
      headers: { authorization: `Bearer ${partnerKey}` },
      expect: 200,
    });
  }
  return endpoints;
}

/** The newest month's first sitemap child and the oldest month's last: both ends of the archive. */
async function sitemapChildren(base: string): Promise<Endpoint[]> {
  const index = await (await fetch(`${base}/sitemap.xml`)).text();
  const paths = [...index.matchAll(/<loc>[^<]*?(\/sitemaps\/stories-[^<]+)<\/loc>/g)].map(
    (m) => m[1] as string,
  );
  const newest = paths[0];
  const oldest = paths.at(-1);
  const children = newest ? [page("sitemap child (newest month)", newest)] : [];
  if (oldest && oldest !== newest) children.push(page("sitemap child (oldest, last page)", oldest));
  return children;
}

/** A partner licensed for everything, through the admin API; null where partners do not exist yet. */
async function createPartnerKey(base: string, adminToken: string): Promise<string | null> {
  const res = await fetch(`${base}/api/v1/partners`, {
    method: "POST",
    headers: { authorization: `Bearer ${adminToken}`, "content-type": "application/json" },
    body: JSON.stringify({ name: "Benchmark", languages: ["uk", "en", "ru"], fullText: true }),
  });
  if (!res.ok) {
    await res.arrayBuffer();
    return null;
  }
  const body = (await res.json()) as { key?: string };
  return body.key ?? null;
}
