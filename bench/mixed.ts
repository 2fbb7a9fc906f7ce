// The mixed run: readers over 1,000 URLs with a Zipf popularity while the newsroom publishes or
// corrects a story every few seconds, as a live site sees it. Reports the edge hit rate and the
// latency readers got, beside the constant-body baseline driven the same way.
import { syntheticBody } from "../seeds/synthetic-bodies";
import { SYNTHETIC_AUTHORS, SYNTHETIC_CATEGORIES } from "../seeds/synthetic-stories";
import { LANGUAGES } from "../src/i18n/languages";

export interface MixedFigures {
  requests: number;
  rps: number;
  hitRate: number;
  p50: number;
  p99: number;
  errors: number;
  writes: number;
}

interface Target {
  path: string;
  bytes: number;
}

const FORMATS = ["rss.xml", "atom.xml", "feed.json"];

/** 1,000 reader URLs, most popular first: fronts, site feeds, then new stories among sections. */
export function readerPaths(stories: number, count = 1_000): string[] {
  const segments = LANGUAGES.map((l) => l.segment);
  const head = [
    ...segments.map((s) => `/${s}/`),
    ...segments.flatMap((s) => FORMATS.map((f) => `/${s}/${f}`)),
  ];
  const sections = segments.flatMap((s) => [
    ...SYNTHETIC_CATEGORIES.flatMap((c) => [
      `/${s}/category/${c.slug}`,
      `/${s}/category/${c.slug}/rss.xml`,
    ]),
    ...SYNTHETIC_AUTHORS.map((a) => `/${s}/author/${a.slug}`),
  ]);
  const storyPages: string[] = [];
  for (let n = 1; n <= stories; n++) {
    for (const l of LANGUAGES) {
      storyPages.push(`/${l.segment}/news/synthetic-${String(n).padStart(7, "0")}-${l.tag}`);
    }
  }
  const paths = [...head];
  while (paths.length < count && (storyPages.length > 0 || sections.length > 0)) {
    const next = storyPages.shift();
    if (next) paths.push(next);
    const section = sections.shift();
    if (section && paths.length < count) paths.push(section);
  }
  return paths.slice(0, count);
}

/** A deterministic Zipf(s) sampler over ranks 0..n-1. */
function zipf(n: number, s: number, seed: number): () => number {
  const cumulative: number[] = [];
  let total = 0;
  for (let rank = 1; rank <= n; rank++) {
    total += 1 / rank ** s;
    cumulative.push(total);
  }
  let state = seed >>> 0;
  return () => {
    // mulberry32
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = (((t ^ (t >>> 14)) >>> 0) / 2 ** 32) * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? total) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** Fetches every path once (filling the cache) and records its body size. */
export async function warmTargets(base: string, paths: string[]): Promise<Target[]> {
  const targets: Target[] = [];
  for (let i = 0; i < paths.length; i += 8) {
    const slice = paths.slice(i, i + 8);
    const sizes = await Promise.all(
      slice.map(async (path) => {
        const res = await fetch(base + path);
        const bytes = (await res.arrayBuffer()).byteLength;
        if (res.status !== 200) throw new Error(`mixed run: ${path} answered ${res.status}`);
        return bytes;
      }),
    );
    slice.forEach((path, j) => {
      targets.push({ path, bytes: sizes[j] ?? 0 });
    });
  }
  return targets;
}

/**
 * Readers on `connections` concurrent loops for `seconds`, each picking a URL by popularity;
 * `url` maps a target to what is fetched (the service, or the baseline with the same size).
 */
async function readers(
  targets: Target[],
  url: (t: Target) => string,
  seconds: number,
  connections: number,
): Promise<Omit<MixedFigures, "writes">> {
  const pick = zipf(targets.length, 1, 20261206);
  const latencies: number[] = [];
  let hits = 0;
  let cached = 0;
  let errors = 0;
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (Date.now() < end) {
        const target = targets[pick()];
        if (!target) continue;
        const started = performance.now();
        try {
          const res = await fetch(url(target));
          await res.arrayBuffer();
          latencies.push(performance.now() - started);
          if (!res.ok) errors++;
          const edge = res.headers.get("x-edge-cache");
          if (edge) {
            cached++;
            if (edge.toUpperCase() === "HIT") hits++;
          }
        } catch {
          errors++;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round(latencies[Math.floor(q * (latencies.length - 1))] ?? 0);
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    hitRate: cached ? hits / cached : 0,
    p50: at(0.5),
    p99: at(0.99),
    errors,
  };
}

/** The newsroom's side: every `everySeconds`, publish a new story or correct a recent one. */
async function newsroom(base: string, token: string, seconds: number, everySeconds: number) {
  const auth = { authorization: `Bearer ${token}` };
  const json = { ...auth, "content-type": "application/json" };
  let writes = 0;
  const end = Date.now() + seconds * 1000;
  for (let i = 0; Date.now() + everySeconds * 1000 <= end; i++) {
    await new Promise((r) => setTimeout(r, everySeconds * 1000));
    if (i % 2 === 0) {
      const id = `mixed-${Date.now()}`;
      const created = await fetch(`${base}/api/v1/stories`, {
        method: "POST",
        headers: json,
        body: JSON.stringify({
          id,
          categoryId: SYNTHETIC_CATEGORIES[i % SYNTHETIC_CATEGORIES.length]?.id,
          authorIds: [SYNTHETIC_AUTHORS[i % SYNTHETIC_AUTHORS.length]?.id],
          variants: LANGUAGES.map((l) => ({
            lang: l.tag,
            // The slug comes from the title: one of an earlier run's would be refused (409).
            title: `Mixed run ${id} ${l.tag}`,
            body: syntheticBody(i, l.tag),
          })),
        }),
      });
      await created.arrayBuffer();
      const published = await fetch(`${base}/api/v1/stories/${id}/publish`, {
        method: "POST",
        headers: { ...auth, "if-match": created.headers.get("etag") ?? "" },
      });
      await published.arrayBuffer();
      if (published.ok) writes++;
    } else {
      const id = `synthetic-${String((i % 20) + 1).padStart(7, "0")}`;
      const current = await fetch(`${base}/api/v1/stories/${id}`, { headers: auth });
      await current.arrayBuffer();
      const corrected = await fetch(`${base}/api/v1/stories/${id}/variants/en`, {
        method: "PATCH",
        headers: { ...json, "if-match": current.headers.get("etag") ?? "" },
        body: JSON.stringify({ title: `Synthetic story ${id} (corrected ${i})` }),
      });
      await corrected.arrayBuffer();
      if (corrected.ok) writes++;
    }
  }
  return writes;
}

/** The mixed run against the service, then the same readers against the baseline. */
export async function mixedRun(options: {
  base: string;
  baselineBase: string;
  adminToken: string;
  stories: number;
  seconds: number;
  connections: number;
  writeEverySeconds: number;
}): Promise<{ service: MixedFigures; baseline: MixedFigures }> {
  const targets = await warmTargets(options.base, readerPaths(options.stories));
  const [reading, writes] = await Promise.all([
    readers(targets, (t) => options.base + t.path, options.seconds, options.connections),
    newsroom(options.base, options.adminToken, options.seconds, options.writeEverySeconds),
  ]);
  const baseline = await readers(
    targets,
    (t) => `${options.baselineBase}/?bytes=${Math.max(t.bytes, 1)}`,
    options.seconds,
    options.connections,
  );
  return { service: { ...reading, writes }, baseline: { ...baseline, writes: 0 } };
}
