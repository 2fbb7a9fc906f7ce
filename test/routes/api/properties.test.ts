import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { api } from "../../helpers/api";
import {
  expectEveryOutputRenders,
  expectRefusedCleanly,
  prepareOutputs,
  type StoryJson,
  TEST_CATEGORY,
} from "../../helpers/outputs";
import { loadSeedStories, rowCounts } from "../../helpers/seeds";

// Property-based tests over the write API: whatever an editor sends, the API either stores it
// and every output of its languages still renders, or refuses it cleanly and stores nothing.

const hostileBits = fc.constantFrom(
  "]]>",
  "<![CDATA[",
  "\u202e",
  "\u2066",
  "\u0000",
  "\u0007",
  "\u0085",
  "\ud800",
  "\udfff",
  "\uffff",
  "\u2028",
  "e\u0301",
  "😀",
  "&amp;",
  "&#0;",
  "&#x1F600;",
  "&bogus;",
  "\"'<>&",
  "<script>alert(1)</script>",
  "\t",
  "\n",
);

/** Any string, with a good share of the characters that break XML, HTML and JSON. */
const anyText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: "binary", maxLength: 30 }),
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc
    .array(fc.oneof(hostileBits, fc.string({ maxLength: 4 })), { maxLength: 6 })
    .map((a) => a.join("")),
);

/** Mostly what an editor types, sometimes anything at all. */
const plausibleText = fc.oneof(
  {
    weight: 12,
    arbitrary: fc
      .tuple(
        fc.constantFrom("News", "Новини", "Новости", "Ёж", "Café", "42"),
        fc.nat(),
        fc.string({ unit: "grapheme", maxLength: 40 }),
      )
      .map(([word, n, rest]) => `${word} ${n} ${rest}`),
  },
  { weight: 1, arbitrary: anyText },
);

const anyUrl = fc.oneof(
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.constantFrom(
    "https://[bad/x.jpg",
    "//evil.example/x.png",
    "/\\evil.example/x.png",
    "javascript:alert(1)",
    "data:image/png;base64,AAAA",
    "https://",
    "/",
    "/%",
    "/%zz/x.jpg",
    "/images/ok.jpg",
    "https://example.com/ü.jpg?a=1&b=<2>#]]>",
    "https://xn--80ak6aa92e.com/x.jpg",
  ),
  anyText,
  anyText.map((s) => `/${s}`),
  anyText.map((s) => `https://example.com/${s}`),
);

const tagName = fc.constantFrom(
  "p",
  "a",
  "b",
  "i",
  "em",
  "table",
  "tr",
  "td",
  "ul",
  "li",
  "h2",
  "blockquote",
  "figure",
  "img",
  "br",
  "div",
  "span",
  "script",
  "style",
  "svg",
  "math",
  "iframe",
  "template",
  "select",
  "textarea",
  "noscript",
  "title",
  "xmp",
);
const attribute = fc
  .tuple(
    fc.constantFrom("href", "src", "cite", "title", "alt", "width", "onclick", "style", "xmlns"),
    fc.oneof(fc.webUrl(), fc.constantFrom("/x", "#top", "javascript:alert(1)"), anyUrl, anyText),
    fc.constantFrom('"', "'", ""),
  )
  .map(([name, value, quote]) => ` ${name}=${quote}${value}${quote}`);
const htmlPiece = fc.oneof(
  { weight: 6, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  {
    weight: 4,
    arbitrary: fc
      .tuple(tagName, fc.array(attribute, { maxLength: 2 }), fc.boolean())
      .map(([tag, attrs, selfClosing]) => `<${tag}${attrs.join("")}${selfClosing ? "/" : ""}>`),
  },
  { weight: 2, arbitrary: tagName.map((tag) => `</${tag}>`) },
  { weight: 1, arbitrary: anyText },
  fc.constantFrom("<!--", "-->", "<!doctype html>", "<", ">", "</", "&", "<?xml ?>", "]]>"),
);
/** HTML fragments: mostly tags and text in any order, balanced or not. */
const body = fc.array(htmlPiece, { minLength: 1, maxLength: 12 }).map((p) => p.join(""));

const instant = fc.oneof(
  fc
    .date({
      min: new Date("0000-01-01T00:00:00Z"),
      max: new Date("9999-12-31T23:59:59Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  fc
    .date({
      min: new Date("1990-01-01T00:00:00Z"),
      max: new Date(Date.now() + 365 * 86_400_000),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString()),
  anyText,
  fc.constantFrom("2026-13-01T00:00:00Z", "2026-05-01", "1990-01-01T00:00:00+14:00"),
);

const slug = fc.oneof(
  { weight: 6, arbitrary: fc.constant(undefined) },
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,2}$/) },
  { weight: 1, arbitrary: anyText },
);

const variant = (lang: "uk" | "en" | "ru") =>
  fc.record(
    {
      lang: fc.constant(lang),
      title: plausibleText,
      slug,
      summary: plausibleText,
      body,
      imageCaption: fc.oneof(fc.constant(null), plausibleText),
      imageCredit: fc.oneof(fc.constant(null), plausibleText),
      imageAlt: fc.oneof(fc.constant(null), plausibleText),
    },
    { requiredKeys: ["lang", "title", "body"] },
  );

const image = fc.oneof(
  fc.constant(null),
  fc.record(
    {
      url: fc.oneof(
        {
          weight: 2,
          arbitrary: fc.constantFrom("/images/ok.jpg", "https://cdn.example.com/x.jpg"),
        },
        { weight: 3, arbitrary: anyUrl },
      ),
      credit: fc.oneof(fc.constant(null), plausibleText),
      type: fc.oneof(
        fc.constant(null),
        fc.constantFrom("image/jpeg", "text/html", "image/svg+xml"),
      ),
    },
    { requiredKeys: ["url"] },
  ),
);

const variants = fc
  .subarray(["uk", "en", "ru"] as const, { minLength: 1 })
  .chain((langs) => fc.tuple(...langs.map(variant)));

const story = fc.record({
  kind: fc.constantFrom("article", "brief"),
  image,
  variants,
  at: fc.option(instant, { nil: undefined }),
});

const correction = fc.record(
  { image, variants, kind: fc.constantFrom("article", "brief") },
  { requiredKeys: [] },
);

let key: string;
let next = 0;

describe("whatever the write API accepts renders everywhere; whatever it refuses changes nothing", () => {
  beforeAll(async () => {
    await loadSeedStories();
    key = await prepareOutputs();
  });

  it("holds for arbitrary stories, publication times and corrections", async () => {
    const outcomes = { accepted: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(story, correction, async (input, patch) => {
        const id = `prop-${next++}`;
        const payload = {
          id,
          kind: input.kind,
          categoryId: TEST_CATEGORY,
          authorIds: ["martin-fornusek"],
          image: input.image,
          variants: input.variants,
        };
        let before = await rowCounts();
        const created = await api("POST", "/stories", payload);
        if (created.status !== 201) {
          outcomes.refused++;
          await expectRefusedCleanly(created, before);
          return;
        }
        outcomes.accepted++;
        before = await rowCounts();
        let published = await api(
          "POST",
          `/stories/${id}/publish`,
          input.at === undefined ? {} : { at: input.at },
          { "If-Match": '"v1"' },
        );
        if (published.status !== 200) {
          await expectRefusedCleanly(published, before);
          published = await api("POST", `/stories/${id}/publish`, {}, { "If-Match": '"v1"' });
        }
        expect(published.status).toBe(200);
        let current = (await published.json()) as StoryJson;
        await expectEveryOutputRenders(current, key);

        before = await rowCounts();
        const corrected = await api("PATCH", `/stories/${id}`, patch, {
          "If-Match": `"v${current.version}"`,
        });
        if (corrected.status === 200) {
          current = (await corrected.json()) as StoryJson;
          await expectEveryOutputRenders(current, key);
        } else {
          await expectRefusedCleanly(corrected, before);
        }
      }),
      // Enough to meet every kind of input each run (about 40% accepted); 400 runs found nothing more.
      { numRuns: 40 },
    );
    // Both halves of the property were exercised.
    expect(outcomes.accepted).toBeGreaterThan(0);
    expect(outcomes.refused).toBeGreaterThan(0);
  }, 240_000);
});
