import { type Context, Hono } from "hono";
import type { AppEnv } from "../../env";
import { isLangTag, type LangTag } from "../../i18n/languages";
import { NEWSML_G2_MEDIA_TYPE, renderNewsMLG2 } from "../../partners/newsml-g2";
import { type NinjsInput, renderNinjs2, renderNinjs3 } from "../../partners/ninjs";
import { ninjsContext } from "../../partners/provider";
import { Invalid } from "../../services/errors";
import {
  DEFAULT_SYNC_LIMIT,
  MAX_SYNC_LIMIT,
  partnerStory,
  syncPage,
} from "../../services/partner-content";
import { dispatchWebhooks } from "../../services/webhooks";
import { runAfterResponse } from "../after-response";
import { siteOrigin } from "../context";

/** IPTC ninjs: incremental sync, and one story. JSON only; problems as problem+json. */
export const partnerStories = new Hono<AppEnv>();

const RENDER = { "3.1": renderNinjs3, "2.2": renderNinjs2 } as const;
type NinjsVersion = keyof typeof RENDER;

partnerStories.get("/stories", async (c) => {
  const query = c.req.query();
  const langs = parseLangs(query.lang);
  const categoryIds = parseCategories(query.category);
  const render = RENDER[parseVersion(query.ninjs)];
  const format = parseFormat(query.format);
  const limit = parseLimit(query.limit);
  const now = new Date();
  const page = await syncPage(
    c.var.db,
    c.var.partner,
    { langs, ...(categoryIds && { categoryIds }), since: query.since, limit, now },
    ninjsContext(siteOrigin(c), c.env),
  );
  if (page.surfaced.length > 0) {
    runAfterResponse(c, dispatchWebhooks(c.var.db, c.env.WEBHOOKS, { origin: siteOrigin(c), now }));
  }
  return json(c, {
    items: page.items.map(({ event, input }) => ({
      event: {
        id: event.id,
        kind: event.kind,
        storyId: event.storyId,
        lang: event.lang,
        version: event.version,
        occurredAt: event.occurredAt,
      },
      ...(format === "newsml-g2" ? { newsmlG2: renderNewsMLG2(input) } : { ninjs: render(input) }),
    })),
    next: page.next,
    hasMore: page.hasMore,
  });
});

partnerStories.get("/stories/:id", async (c) => {
  const query = c.req.query();
  const lang = parseLang(query.lang);
  const format = parseFormat(query.format);
  const render: (input: NinjsInput) => unknown = RENDER[parseVersion(query.ninjs)];
  const input = await partnerStory(
    c.var.db,
    c.var.partner,
    { id: c.req.param("id"), lang, now: new Date() },
    ninjsContext(siteOrigin(c), c.env),
  );
  // A withdrawn story answers with its takedown document: 410 Gone (RFC 9110 15.5.11).
  const status = input.story.status === "withdrawn" ? 410 : 200;
  if (format === "newsml-g2") {
    return c.body(renderNewsMLG2(input), status, {
      "Content-Type": `${NEWSML_G2_MEDIA_TYPE}; charset=utf-8`,
      "Cache-Control": "private, no-cache",
    });
  }
  return json(c, render(input), status);
});

/** `format`: ninjs (JSON, the default) or newsml-g2 (an IPTC NewsML-G2 newsItem, XML). */
function parseFormat(value: string | undefined): "ninjs" | "newsml-g2" {
  if (value === undefined || value === "ninjs" || value === "newsml-g2") return value ?? "ninjs";
  throw new Invalid("format must be ninjs (the default) or newsml-g2", [
    { in: "query", path: "/format", message: "must be ninjs or newsml-g2" },
  ]);
}

function json(c: Context<AppEnv>, body: unknown, status: 200 | 410 = 200): Response {
  // Keyed and changing: no shared cache may keep it.
  return c.json(body, status, { "Cache-Control": "private, no-cache" });
}

function parseLang(value: string | undefined): LangTag {
  if (value !== undefined && isLangTag(value)) return value;
  const hint = value === "ua" ? " (ua is the URL segment; the language tag is uk)" : "";
  throw new Invalid(`lang must be one of the BCP 47 tags uk, en, ru${hint}`, [
    {
      in: "query",
      path: "/lang",
      message: value === undefined ? "is required" : "must be uk, en or ru",
    },
  ]);
}

/** `lang=uk` or several, comma-separated and distinct: `lang=uk,en`. */
function parseLangs(value: string | undefined): LangTag[] {
  if (value === undefined || !value.includes(",")) return [parseLang(value)];
  const parts = value.split(",");
  const langs = parts.filter(isLangTag);
  if (langs.length !== parts.length || new Set(langs).size !== langs.length) {
    throw new Invalid("lang must be distinct BCP 47 tags uk, en, ru, comma-separated", [
      { in: "query", path: "/lang", message: "must be uk, en or ru, each at most once" },
    ]);
  }
  return langs;
}

/** `category=world` or several, comma-separated: category ids, as the licence names them. */
function parseCategories(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const ids = value.split(",");
  if (ids.some((id) => !/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) || new Set(ids).size !== ids.length) {
    throw new Invalid("category must be distinct category ids, comma-separated", [
      { in: "query", path: "/category", message: "must be category ids such as world" },
    ]);
  }
  return ids;
}

function parseVersion(value: string | undefined): NinjsVersion {
  if (value === undefined) return "3.1";
  if (value === "3.1" || value === "2.2") return value;
  throw new Invalid("ninjs must be 3.1 (the default) or 2.2", [
    { in: "query", path: "/ninjs", message: "must be 3.1 or 2.2" },
  ]);
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_SYNC_LIMIT;
  if (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_SYNC_LIMIT) {
    return Number(value);
  }
  throw new Invalid(`limit must be a whole number from 1 to ${MAX_SYNC_LIMIT}`, [
    { in: "query", path: "/limit", message: `must be 1 to ${MAX_SYNC_LIMIT}` },
  ]);
}
