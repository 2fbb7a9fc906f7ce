import Ajv2020 from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_EVENT_TYPES } from "../../../src/domain/partner";
import app from "../../../src/index";
import { storyPayload } from "../../helpers/api";
import {
  consumeWebhooks,
  createPartner,
  newsroomWithQueue,
  partnerRequest,
  webhookReceiver,
} from "../../helpers/partners";
import { loadSeedStories } from "../../helpers/seeds";

type Schema = Record<string, unknown>;
interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean }[];
  requestBody?: { content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}
interface PartnerDocument {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  webhooks: Record<string, { post: Operation }>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, unknown> };
}

const ROOT = "/partner/v1";
let doc: PartnerDocument;

/** What the app mounts under /partner/v1 (middleware is `ALL`), in OpenAPI's `{param}` form. */
function mountedPartnerRoutes(): string[] {
  const paths = app.routes
    .filter((r) => r.method !== "ALL" && r.path.startsWith(`${ROOT}/`))
    .map((r) => r.path.slice(ROOT.length).replaceAll(/:([^/]+)/g, "{$1}"))
    .filter((path) => path !== "/openapi.json");
  return [...new Set(paths)].sort();
}

/** A validator for one schema of the document, its `$ref`s resolved in the document's components. */
function documented(schema: Schema) {
  // strict off: OpenAPI adds keywords (example) that are not JSON Schema's.
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile({ ...schema, components: doc.components });
}

function expectDocumented(schema: Schema, value: unknown) {
  const validate = documented(schema);
  validate(value);
  expect(validate.errors ?? []).toEqual([]);
}

const jsonSchemaOf = (operation: Operation | undefined, status: string, type: string) => {
  const schema = operation?.responses[status]?.content?.[type]?.schema;
  if (!schema) throw new Error(`no ${type} schema for ${status}`);
  return schema;
};

beforeAll(async () => {
  const response = await partnerRequest("/openapi.json", null);
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toMatch(/^application\/json/);
  doc = (await response.json()) as PartnerDocument;
});

describe("GET /partner/v1/openapi.json", () => {
  it("is public OpenAPI 3.1 with paths relative to /partner/v1", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: ROOT }]);
  });

  it("lists every partner route the app mounts, and nothing else", () => {
    const mounted = mountedPartnerRoutes();
    expect(mounted).toContain("/stories/{id}");
    expect(mounted).toContain("/{lang}/category/{slug}/feed.json");
    expect(Object.keys(doc.paths).sort()).toEqual(mounted);
    for (const path of mounted) expect(Object.keys(doc.paths[path] ?? {})).toEqual(["get"]);
  });

  it("describes a webhook for each event type the service sends", () => {
    expect(Object.keys(doc.webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES].sort());
    for (const type of WEBHOOK_EVENT_TYPES) {
      const post = doc.webhooks[type]?.post;
      expect(post?.parameters?.filter((p) => p.in === "header").map((p) => p.name)).toEqual([
        "webhook-id",
        "webhook-timestamp",
        "webhook-signature",
        "Story-Version",
        "User-Agent",
      ]);
      expect(post?.requestBody?.content["application/json"]?.schema).toMatchObject({
        required: ["type", "timestamp", "version", "data"],
        properties: { type: { enum: [type] } },
      });
      expect(Object.keys(post?.responses ?? {})).toContain("2XX");
    }
  });

  it("allows ?key= on feeds only, and says what each route answers", () => {
    expect(doc.components.securitySchemes).toMatchObject({
      bearer: { type: "http", scheme: "bearer" },
      queryKey: { type: "apiKey", in: "query", name: "key" },
    });
    for (const [path, item] of Object.entries(doc.paths)) {
      const schemes = (item.get?.security ?? []).flatMap((s) => Object.keys(s));
      const feed = !path.startsWith("/stories");
      expect(schemes, path).toEqual(feed ? ["bearer", "queryKey"] : ["bearer"]);
      const statuses = Object.keys(item.get?.responses ?? {});
      expect(statuses, path).toEqual(expect.arrayContaining(["200", "400", "401", "403", "429"]));
      if (feed) expect(statuses, path).toContain("304");
    }
    const story = doc.paths["/stories/{id}"]?.get;
    expect(Object.keys(story?.responses["200"]?.content ?? {})).toEqual([
      "application/json",
      "application/vnd.iptc.g2.newsitem+xml",
    ]);
    expect(story?.responses["404"]?.content).toHaveProperty("application/problem+json");
    expect(story?.responses["410"]?.content).toHaveProperty("application/json");
    expect(doc.paths["/{lang}/atom.xml"]?.get?.responses["200"]?.content).toHaveProperty(
      "application/atom+xml",
    );
    expect(doc.paths["/{lang}/feed.json"]?.get?.responses["200"]?.content).toHaveProperty(
      "application/feed+json",
    );
  });
});

describe("the documented schemas describe what is sent", () => {
  const { queue, write } = newsroomWithQueue();
  let key: string;

  beforeAll(async () => {
    await loadSeedStories();
    key = (await createPartner({ name: "Contract", languages: ["uk", "en", "ru"] })).key;
    const image = {
      url: "https://images.example/contract.jpg",
      type: "image/jpeg",
      credit: "Agency",
      copyrightHolder: "Agency Ltd",
      usageTerms: "Editorial use only.",
    };
    await write("POST", "/stories", storyPayload("contract", { image }));
    await write("POST", "/stories/contract/publish", {}, 1);
    await write("POST", "/stories", storyPayload("contract-gone"));
    await write("POST", "/stories/contract-gone/publish", {}, 1);
    await write("POST", "/stories/contract-gone/withdraw", {}, 2);
  });

  it.each(["ninjs=3.1", "ninjs=2.2", "format=newsml-g2"])("sync pages, %s", async (query) => {
    const schema = jsonSchemaOf(doc.paths["/stories"]?.get, "200", "application/json");
    const response = await partnerRequest(`/stories?lang=uk,en&limit=100&${query}`, key);
    expect(response.status).toBe(200);
    const page = (await response.json()) as { items: unknown[] };
    expect(page.items.length).toBeGreaterThan(2);
    expectDocumented(schema, page);
  });

  it("one story and a takedown, in both ninjs versions", async () => {
    const operation = doc.paths["/stories/{id}"]?.get;
    for (const [path, status] of [
      ["/stories/contract?lang=en", "200"],
      ["/stories/contract?lang=en&ninjs=2.2", "200"],
      ["/stories/contract-gone?lang=en", "410"],
    ] as const) {
      const response = await partnerRequest(path, key);
      expect(String(response.status), path).toBe(status);
      expectDocumented(jsonSchemaOf(operation, status, "application/json"), await response.json());
    }
  });

  it("webhook bodies", async () => {
    const receiver = webhookReceiver(() => new Response(null, { status: 204 }));
    const partner = await createPartner({
      name: "Contract hooks",
      languages: ["en"],
      webhookUrl: "https://hooks.partner.example/newsroom",
    });
    await write("PATCH", "/stories/contract", { urgency: 2 }, 2);
    const messages = queue.sent.filter((m) => m.partnerId === partner.id);
    expect(messages.map((m) => m.type)).toEqual(["story.updated"]);
    await consumeWebhooks(messages);
    const sent = receiver.received.map((r) => JSON.parse(r.body) as { type: string });
    expect(sent).toHaveLength(1);
    for (const body of sent) {
      const post = doc.webhooks[body.type]?.post;
      const schema = post?.requestBody?.content["application/json"]?.schema;
      if (!schema) throw new Error(`no webhook for ${body.type}`);
      expectDocumented(schema, body);
    }
  });

  it("and refuse what is not sent: the ninjs schemas are closed, like IPTC's", async () => {
    const schema = jsonSchemaOf(doc.paths["/stories/{id}"]?.get, "200", "application/json");
    const story = (await (await partnerRequest("/stories/contract?lang=en", key)).json()) as Schema;
    expect(documented(schema)(story)).toBe(true);
    expect(documented(schema)({ ...story, headline: "the ninjs 1.x field" })).toBe(false);
    expect(documented(schema)({ ...story, language: "ua" })).toBe(false);
  });
});
