import { describe, expect, it } from "vitest";
import {
  AUTH_FAILURE_WINDOW_SECONDS,
  authLockout,
  MAX_AUTH_FAILURES,
  recordFailedAuth,
} from "../../src/services/admin-auth";
import { testDb } from "../helpers/seeds";

describe("admin token lockout", () => {
  it("locks a client out for the rest of its window, then counts afresh", async () => {
    const db = testDb();
    const start = new Date("2026-05-01T09:00:00Z");
    for (let i = 0; i < MAX_AUTH_FAILURES - 1; i++) await recordFailedAuth(db, "a", start);
    expect(await authLockout(db, "a", start)).toBeNull();
    await recordFailedAuth(db, "a", start);
    const later = new Date(start.getTime() + 60_000);
    expect(await authLockout(db, "a", later)).toBe(AUTH_FAILURE_WINDOW_SECONDS - 60);
    expect(await authLockout(db, "b", later)).toBeNull();

    const closed = new Date(start.getTime() + AUTH_FAILURE_WINDOW_SECONDS * 1000);
    expect(await authLockout(db, "a", closed)).toBeNull();
    await recordFailedAuth(db, "a", closed);
    expect(await authLockout(db, "a", closed)).toBeNull();
    const rows = await db.selectFrom("admin_auth_failures").selectAll().execute();
    expect(rows).toEqual([{ client: "a", window_start: closed.getTime() / 1000, failures: 1 }]);
  });
});
