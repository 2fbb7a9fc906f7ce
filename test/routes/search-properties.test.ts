import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import app from "../../src/index";
import { createPartner, partnerRequest } from "../helpers/partners";
import { loadSeedStories, testDb } from "../helpers/seeds";

// Whatever a reader or a partner types, search answers a result page: no query reaches FTS5 as
// syntax, whether its words go as they are or a prefix is expanded into indexed terms.

/** FTS5's syntax, the letters folding touches, and what breaks URLs and text. */
const ftsBits = fc.constantFrom(
  '"',
  "*",
  "(",
  ")",
  "NEAR",
  "NEAR(",
  "AND",
  "OR",
  "NOT",
  "-",
  "^",
  ":",
  "title:",
  "{title body}:",
  "+",
  "provoc",
  "мост",
  "про",
  "п",
  "'",
  "’",
  "\u0301",
  "ё",
  "µ",
  "\ud800",
  "😀",
  "%",
  "_",
  "\\",
  "\u0000",
);

const anything = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.array(ftsBits, { maxLength: 12 }).map((bits) => bits.join("")),
  fc
    .array(fc.oneof(ftsBits, fc.string({ maxLength: 5 })), { maxLength: 10 })
    .map((bits) => bits.join(" ")),
);

/** Anything, or anything ending in a word whose prefix the dictionary expands. */
const query = fc.oneof(
  anything,
  fc
    .tuple(anything, fc.constantFrom("provoc", "provocation", "мост", "мостів"))
    .map(([q, last]) => `${q} ${last}`),
);

/** Percent-encoded UTF-8 (a lone surrogate becomes U+FFFD, as a browser would send it). */
function encoded(text: string): string {
  return [...new TextEncoder().encode(text)]
    .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
    .join("");
}

let key = "";

beforeAll(async () => {
  await loadSeedStories();
  // Indexed terms never hold FTS5 syntax (they are stems of words), but the expansion must
  // quote whatever the dictionary holds.
  await testDb()
    .insertInto("search_terms")
    .values(['provoc"x', "provoc*(", 'мост" OR "', "мостNEAR("].map((term) => ({ term })))
    .execute();
  key = (await createPartner({ name: "Searching", languages: ["uk", "en", "ru"] })).key;
});

describe("search under any input", () => {
  it("answers a reader's result page in the reader's language, never an error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("ua", "en", "ru"), query, async (segment, q) => {
        const response = await app.request(`/${segment}/search?q=${encoded(q)}`, {}, env);
        expect(response.status).toBe(200);
        const html = await response.text();
        expect(html).toContain('<section class="search-page">');
      }),
      { numRuns: 120 },
    );
  });

  it("answers a partner's search with a page of items, never an error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("uk", "en", "ru"), query, async (lang, q) => {
        const response = await partnerRequest(`/stories/search?lang=${lang}&q=${encoded(q)}`, key);
        // An empty query is a validation problem for partners (q is required); anything else
        // gets its page.
        if (response.status === 400) {
          expect(response.headers.get("Content-Type")).toBe("application/problem+json");
          return;
        }
        expect(response.status).toBe(200);
        expect(Array.isArray(((await response.json()) as { items: unknown }).items)).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});
