import { request as httpRequest } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningService, startService } from "../browser/service";
import { requireXmllint, XMLLINT_INSTALLED, xmllintErrors } from "../browser/xmllint";

/*
 * NewsML-G2 as partners' ingest systems receive it, from a running `wrangler dev`, validated by
 * libxml2's xmllint (Debian's libxml2-utils) against IPTC's NewsML-G2 2.35 XML Schema kept in
 * standards/newsml-g2 (CC BY 4.0) beside the W3C xml.xsd it imports: nothing is fetched.
 */
const SCHEMA = join(
  import.meta.dirname,
  "../../standards/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd",
);
const TOKEN = "newsml-test-admin-token";

requireXmllint("NewsML-G2");

/** Fails with xmllint's own messages unless every document is valid NewsML-G2. */
function expectSchemaValid(documents: string[]): void {
  expect(xmllintErrors(SCHEMA, documents)).toEqual([]);
}

describe.runIf(XMLLINT_INSTALLED)("NewsML-G2 newsItems for partners", () => {
  let service: RunningService;
  let key: string;

  /** One call on its own connection (wrangler dev closes idle keep-alive connections). */
  function call(method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const payload = body === undefined ? "" : JSON.stringify(body);
    return new Promise<{ status: number; type: string; text: string }>((resolve, reject) => {
      const req = httpRequest(
        `${service.origin}${path}`,
        {
          method,
          agent: false,
          headers: {
            ...headers,
            ...(body === undefined ? {} : { "Content-Type": "application/json" }),
            "Content-Length": Buffer.byteLength(payload),
          },
        },
        (res) => {
          let text = "";
          res.setEncoding("utf8");
          res.on("data", (chunk: string) => {
            text += chunk;
          });
          res.on("end", () =>
            resolve({ status: res.statusCode ?? 0, type: res.headers["content-type"] ?? "", text }),
          );
        },
      );
      req.on("error", reject);
      req.end(payload);
    });
  }

  const admin = async (method: string, path: string, body?: unknown) => {
    const response = await call(
      method,
      `/api/v1${path}`,
      { Authorization: `Bearer ${TOKEN}` },
      body,
    );
    if (response.status >= 300)
      throw new Error(`${method} ${path}: ${response.status} ${response.text}`);
    return JSON.parse(response.text) as Record<string, unknown>;
  };
  const partner = (path: string) =>
    call("GET", `/partner/v1${path}`, { Authorization: `Bearer ${key}` });

  const story = (id: string, extra: Record<string, unknown> = {}) => ({
    id,
    kind: "article",
    categoryId: "economy",
    authorIds: ["martin-fornusek", "olena-kovalchuk"],
    variants: [
      { lang: "uk", title: `Новина ${id}`, summary: "Коротко", body: "<p>Текст<br>далі</p>" },
      {
        lang: "en",
        title: `News ${id} & more`,
        summary: "In short",
        body: '<p>Text <img src="/media/x.jpg" alt="x"> <a href="https://e.example/?a=1&b=2">link</a></p><table><tr><td>cell',
      },
    ],
    ...extra,
  });

  beforeAll(async () => {
    service = await startService({ ADMIN_TOKEN: TOKEN });
    key = (await admin("POST", "/partners", { name: "G2", languages: ["uk", "en", "ru"] }))
      .key as string;
    await admin("POST", "/stories", story("g2-corrected", { urgency: 2 }));
    await admin("POST", "/stories/g2-corrected/publish", { version: 1 });
    await admin("PATCH", "/stories/g2-corrected/variants/en", {
      version: 2,
      title: "News g2-corrected, corrected",
      correctionNote: "Corrects the headline.",
    });
    await admin("POST", "/stories", story("g2-embargoed"));
    await admin("POST", "/stories/g2-embargoed/publish", {
      version: 1,
      at: new Date(Date.now() + 3_600_000).toISOString(),
      embargo: true,
    });
    await admin("POST", "/stories", story("g2-withdrawn"));
    await admin("POST", "/stories/g2-withdrawn/publish", { version: 1 });
    await admin("POST", "/stories/g2-withdrawn/withdraw", { version: 2, note: "Legal request." });
  });

  afterAll(async () => {
    await service?.stop();
  });

  it("serves every sync item in every language as a schema-valid newsItem", async () => {
    const documents: string[] = [];
    for (const lang of ["uk", "en", "ru"]) {
      const page = await partner(`/stories?lang=${lang}&limit=100&format=newsml-g2`);
      expect(page.status).toBe(200);
      const items = (JSON.parse(page.text) as { items: { newsmlG2: string }[] }).items;
      expect(items.length).toBeGreaterThan(3);
      documents.push(...items.map((i) => i.newsmlG2));
    }
    expectSchemaValid(documents);
  });

  it("serves one story as a newsItem with urgency, edNote, Media Topic, byline and XHTML body", async () => {
    const response = await partner("/stories/g2-corrected?lang=en&format=newsml-g2");
    expect(response.status).toBe(200);
    expect(response.type).toBe("application/vnd.iptc.g2.newsitem+xml; charset=utf-8");
    const xml = response.text;
    expectSchemaValid([xml]);
    expect(xml).toContain("<urgency>2</urgency>");
    expect(xml).toContain("<edNote>Corrects the headline.</edNote>");
    expect(xml).toContain('<pubStatus qcode="stat:usable"/>');
    expect(xml).toContain('qcode="medtop:04000000"');
    expect(xml).toContain("<headline>News g2-corrected, corrected</headline>");
    expect(xml).toContain("<by>Martin Fornusek and Olena Kovalchuk</by>");
    expect(xml).toMatch(
      /<inlineXML contenttype="application\/xhtml\+xml"><html xmlns="http:\/\/www.w3.org\/1999\/xhtml">/,
    );
    expect(xml).toContain('<img src="http');
    expect(xml).toContain("<td>cell</td>");
  });

  it("carries an embargo, and a takedown as canceled with the editors' note (410)", async () => {
    const embargoed = await partner("/stories/g2-embargoed?lang=en&format=newsml-g2");
    expect(embargoed.status).toBe(200);
    expect(embargoed.text).toMatch(/<embargoed>\d{4}-\d{2}-\d{2}T[^<]+Z<\/embargoed>/);
    const withdrawn = await partner("/stories/g2-withdrawn?lang=en&format=newsml-g2");
    expect(withdrawn.status).toBe(410);
    expect(withdrawn.text).toContain('<pubStatus qcode="stat:canceled"/>');
    expect(withdrawn.text).toContain("<edNote>Legal request.</edNote>");
    expect(withdrawn.text).not.toContain("<inlineXML");
    expectSchemaValid([embargoed.text, withdrawn.text]);
  });

  it("refuses an unknown format with 400 problem+json", async () => {
    const response = await partner("/stories/g2-corrected?lang=en&format=nitf");
    expect(response.status).toBe(400);
    expect(response.type).toBe("application/problem+json");
  });
});

describe.runIf(XMLLINT_INSTALLED)("the NewsML-G2 schema check", () => {
  it("can fail: a newsItem without its itemClass is refused", () => {
    const broken = `<?xml version="1.0" encoding="UTF-8"?>
<newsItem xmlns="http://iptc.org/std/nar/2006-10-01/" guid="tag:x,2026:a" version="1" standard="NewsML-G2" standardversion="2.35" conformance="power"><itemMeta><versionCreated>2026-01-01T00:00:00Z</versionCreated></itemMeta></newsItem>`;
    expect(() => expectSchemaValid([broken])).toThrow();
  });
});
