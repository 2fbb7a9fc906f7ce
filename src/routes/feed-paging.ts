import { decodeFeedCursor } from "../domain/cursors";
import type { PagePosition } from "../feeds/page";
import { Invalid } from "../services/errors";
import { DEFAULT_FEED_LIMIT, MAX_FEED_LIMIT } from "../services/feeds";

/**
 * A feed request's paging: `limit` (1-100) and at most one of `after`/`before`, each a cursor
 * from a paging link. Bad values are refused (400), never read as the first page.
 */
export function parseFeedPaging(query: Record<string, string>): {
  limit: number;
  position: PagePosition | null;
} {
  const { limit: rawLimit, after, before } = query;
  let limit = DEFAULT_FEED_LIMIT;
  if (rawLimit !== undefined) {
    if (!/^\d{1,3}$/.test(rawLimit) || Number(rawLimit) < 1 || Number(rawLimit) > MAX_FEED_LIMIT) {
      throw new Invalid(`limit must be a whole number from 1 to ${MAX_FEED_LIMIT}`, [
        { in: "query", path: "/limit", message: `must be 1 to ${MAX_FEED_LIMIT}` },
      ]);
    }
    limit = Number(rawLimit);
  }
  if (after !== undefined && before !== undefined) {
    throw new Invalid("give after or before, not both");
  }
  const token = after ?? before;
  if (token === undefined) return { limit, position: null };
  const cursor = decodeFeedCursor(token);
  const name = after !== undefined ? "after" : "before";
  if (!cursor) {
    throw new Invalid(`${name} is not a valid page cursor`, [
      { in: "query", path: `/${name}`, message: "must be a cursor from a feed's paging link" },
    ]);
  }
  return { limit, position: { direction: name, cursor } };
}
