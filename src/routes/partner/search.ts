import { Hono } from "hono";
import { decodeCursor, encodeCursor } from "../../domain/page-cursor";
import type { Cursor } from "../../domain/story";
import type { AppEnv } from "../../env";
import { isLangTag, type LangTag } from "../../i18n/languages";
import { renderNinjs3 } from "../../partners/ninjs";
import { ninjsContext } from "../../partners/provider";
import { MAX_QUERY_CHARS } from "../../search/query";
import { Invalid } from "../../services/errors";
import { partnerSearch } from "../../services/partner-search";
import { siteOrigin } from "../context";

/**
 * `GET /partner/v1/stories/search?lang=&q=&from=&to=&category=&limit=&after=`: the site's
 * search index over the partner's licence, as ninjs 3.1 items, newest first, keyset-paged.
 */
export const partnerSearchRoutes = new Hono<AppEnv>();

const DEFAULT_LIMIT = 20;
const MAX_LIMIT = 100;

partnerSearchRoutes.get("/stories/search", async (c) => {
  const query = c.req.query();
  const after = parseAfter(query.after);
  const page = await partnerSearch(
    c.var.db,
    c.var.partner,
    {
      lang: parseLang(query.lang),
      q: parseQ(query.q),
      ...(query.from !== undefined && { from: parseInstant(query.from, "from") }),
      ...(query.to !== undefined && { to: parseInstant(query.to, "to") }),
      ...(query.category !== undefined && { categoryIds: parseCategories(query.category) }),
      ...(after && { after }),
      limit: parseLimit(query.limit),
      now: new Date(),
    },
    ninjsContext(siteOrigin(c), c.env),
  );
  return c.json(
    {
      items: page.items.map(renderNinjs3),
      next: page.next ? encodeCursor(page.next) : null,
    },
    200,
    // Keyed and changing: no shared cache may keep it.
    { "Cache-Control": "private, no-cache" },
  );
});

function invalid(path: string, message: string, detail: string): Invalid {
  return new Invalid(detail, [{ in: "query", path: `/${path}`, message }]);
}

function parseLang(value: string | undefined): LangTag {
  if (value !== undefined && isLangTag(value)) return value;
  const hint = value === "ua" ? " (ua is the URL segment; the language tag is uk)" : "";
  return fail(
    invalid(
      "lang",
      value === undefined ? "is required" : "must be uk, en or ru",
      `lang must be one of the BCP 47 tags uk, en, ru${hint}`,
    ),
  );
}

function parseQ(value: string | undefined): string {
  if (value === undefined || value.trim() === "") {
    return fail(invalid("q", "is required", "q must hold at least one word to search for"));
  }
  if ([...value].length > 10 * MAX_QUERY_CHARS) {
    return fail(
      invalid("q", `must be at most ${10 * MAX_QUERY_CHARS} characters`, "q is too long"),
    );
  }
  return value;
}

/** RFC 3339 UTC with an explicit Z, as every time in the API. */
function parseInstant(value: string, name: "from" | "to"): string {
  const valid = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/.test(value);
  const time = Date.parse(value);
  if (!valid || Number.isNaN(time)) {
    return fail(
      invalid(
        name,
        "must be an RFC 3339 UTC time ending in Z",
        `${name} must be an RFC 3339 UTC time such as 2024-01-31T00:00:00Z`,
      ),
    );
  }
  return new Date(time).toISOString();
}

function parseCategories(value: string): string[] {
  const ids = value.split(",");
  if (ids.some((id) => !/^[a-z0-9][a-z0-9-]{0,79}$/.test(id)) || new Set(ids).size !== ids.length) {
    return fail(
      invalid(
        "category",
        "must be category ids such as world",
        "category must be distinct category ids, comma-separated",
      ),
    );
  }
  return ids;
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return DEFAULT_LIMIT;
  if (/^\d{1,3}$/.test(value) && Number(value) >= 1 && Number(value) <= MAX_LIMIT)
    return Number(value);
  return fail(
    invalid(
      "limit",
      `must be 1 to ${MAX_LIMIT}`,
      `limit must be a whole number from 1 to ${MAX_LIMIT}`,
    ),
  );
}

function parseAfter(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  return (
    decodeCursor(value) ??
    fail(
      invalid(
        "after",
        "must be a cursor from a previous page's next",
        "after is not a search page cursor",
      ),
    )
  );
}

function fail(error: Invalid): never {
  throw error;
}
