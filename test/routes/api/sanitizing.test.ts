import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { requireBodies } from "../../../src/db/bodies";
import app from "../../../src/index";
import { api, storyPayload } from "../../helpers/api";
import { loadSeedStories, testDb } from "../../helpers/seeds";

/** The usual XSS payloads (OWASP filter-evasion cheat sheet and friends). */
const PAYLOADS = [
  "<script>alert(1)</script>",
  '"><script>alert(1)</script>',
  "<scr<script>ipt>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  '<img src="javascript:alert(1)">',
  '<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
  "<svg onload=alert(1)>",
  "<svg><script>alert(1)</script></svg>",
  "<body onload=alert(1)>",
  '<a href="javascript:alert(1)">x</a>',
  '<a href="JaVaScRiPt:alert(1)">x</a>',
  '<a href="&#x6A;avascript:alert(1)">x</a>',
  '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>',
  '<a href="java\tscript:alert(1)">x</a>',
  '<a href="  javascript:alert(1)">x</a>',
  '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<object data="data:text/html,<script>alert(1)</script>"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><input type="submit"></form>',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<p style="x:expression(alert(1))">x</p>',
  "<style>@import 'https://evil.example/x.css';</style>",
  '<link rel="stylesheet" href="https://evil.example/x.css">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:/">',
  '<p title="</p><script>alert(1)</script>">x</p>',
  "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
  '<details open ontoggle="alert(1)">',
  "<!--<img src=x onerror=alert(1)>-->",
  '<blockquote cite="javascript:alert(1)">q</blockquote>',
];

const FORBIDDEN = [
  /<script/i,
  /<\/?(svg|iframe|object|embed|form|input|style|link|meta|base|body|math|details|div)\b/i,
  /\son[a-z]+\s*=/i,
  /(href|src|cite|action|data)\s*=\s*["']?\s*(javascript|vbscript|data):/i,
  /style\s*=/i,
  /<!--/,
];

/** The body as stored: in D1, or in R2 once it moved there (src/db/bodies.ts). */
async function storedBody(id: string): Promise<string> {
  const db = testDb();
  const row = await db
    .selectFrom("story_variants")
    .select(["body", "body_key"])
    .where("story_id", "=", id)
    .where("lang", "=", "en")
    .executeTakeFirstOrThrow();
  const [body] = await requireBodies(db, [row]);
  return body as string;
}

describe("story bodies are sanitized on write", () => {
  beforeAll(loadSeedStories);

  it.each(PAYLOADS.map((payload, i) => [i, payload] as const))(
    "stores payload %i (%s) without anything executable",
    async (i, payload) => {
      const id = `xss-${i}`;
      const response = await api(
        "POST",
        "/stories",
        storyPayload(id, {
          variants: [{ lang: "en", title: `XSS ${i}`, body: `<p>kept</p>${payload}` }],
        }),
      );
      expect(response.status).toBe(201);
      const body = await storedBody(id);
      expect(body.startsWith("<p>kept</p>")).toBe(true);
      for (const pattern of FORBIDDEN) expect(body).not.toMatch(pattern);
    },
  );

  it("keeps the allowed structure: headings, links, lists, quotes, emphasis, figures", async () => {
    const html =
      '<h2>H</h2><p><a href="https://example.com/a" title="t">a</a> <em>e</em> <strong>s</strong></p>' +
      '<ul><li>i</li></ul><blockquote cite="https://example.com/q"><p>q</p></blockquote>' +
      '<figure><img src="https://example.com/i.jpg" alt="alt"><figcaption>c</figcaption></figure>';
    await api(
      "POST",
      "/stories",
      storyPayload("xss-allowed", { variants: [{ lang: "en", title: "Fine", body: html }] }),
    );
    expect(await storedBody("xss-allowed")).toBe(html);
  });

  it("sanitizes corrections too", async () => {
    await api("POST", "/stories", storyPayload("xss-patch"));
    const response = await api(
      "PATCH",
      "/stories/xss-patch/variants/en",
      { body: '<p onclick="alert(1)">fixed</p><script>alert(2)</script>' },
      { "If-Match": '"v1"' },
    );
    expect(response.status).toBe(200);
    expect(await storedBody("xss-patch")).toBe("<p>fixed</p>");
  });
});

describe("stored bodies are balanced fragments", () => {
  beforeAll(async () => {
    await loadSeedStories();
  });

  async function publishBody(id: string, body: string): Promise<string> {
    const created = await api(
      "POST",
      "/stories",
      storyPayload(id, { variants: [{ lang: "en", title: id, slug: id, body }] }),
    );
    expect(created.status).toBe(201);
    const published = await api("POST", `/stories/${id}/publish`, undefined, {
      "If-Match": '"v1"',
    });
    expect(published.status).toBe(200);
    const page = await app.request(`/en/news/${id}`, {}, env);
    expect(page.status).toBe(200);
    return page.text();
  }

  it("closes an unclosed link, so the page's labels after the body stay plain text", async () => {
    const page = await publishBody(
      "unclosed-link",
      '<p>Intro <a href="https://evil.example/phish">click',
    );
    expect(await storedBody("unclosed-link")).toBe(
      '<p>Intro <a href="https://evil.example/phish">click</a></p>',
    );
    const link = /<a href="https:\/\/evil\.example\/phish"[^>]*>([\s\S]*?)<\/a>/.exec(page);
    expect(link?.[1]).toBe("click");
  });

  it("closes an unclosed table, so it cannot swallow the footer", async () => {
    const page = await publishBody("unclosed-table", "<table><tr><td>cell");
    expect(await storedBody("unclosed-table")).toBe(
      "<table><tbody><tr><td>cell</td></tr></tbody></table>",
    );
    expect(page).toContain("<td>cell</td></tr></tbody></table>");
    expect(page).toMatch(/<\/footer>/);
  });
});
