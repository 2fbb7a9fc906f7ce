import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { holdsStory, recordReceipts } from "../../src/db/partner-sync";
import { createPartner } from "../helpers/partners";
import { testDb } from "../helpers/seeds";

async function ledgerRow(partnerId: string) {
  return env.DB.prepare(
    "select story_id, lang, version, via, received_at from partner_story_ledger where partner_id = ?",
  )
    .bind(partnerId)
    .all();
}

describe("the partner ledger", () => {
  it("keeps the newest version each partner received, and how", async () => {
    const db = testDb();
    const { id } = await createPartner({ name: "Ledger", languages: ["uk"] });
    const receipt = (version: number) => [
      { partnerId: id, storyId: "x", lang: "uk" as const, version },
    ];
    expect(await holdsStory(db, id, "x", "uk")).toBe(false);
    await recordReceipts(db, receipt(3), "sync", "2026-11-24T10:00:00.000Z");
    // An older or equal version read later changes nothing.
    await recordReceipts(db, receipt(2), "get", "2026-11-24T11:00:00.000Z");
    await recordReceipts(db, receipt(3), "get", "2026-11-24T11:30:00.000Z");
    expect((await ledgerRow(id)).results).toEqual([
      {
        story_id: "x",
        lang: "uk",
        version: 3,
        via: "sync",
        received_at: "2026-11-24T10:00:00.000Z",
      },
    ]);
    await recordReceipts(db, receipt(4), "webhook", "2026-11-24T12:00:00.000Z");
    expect((await ledgerRow(id)).results).toEqual([
      {
        story_id: "x",
        lang: "uk",
        version: 4,
        via: "webhook",
        received_at: "2026-11-24T12:00:00.000Z",
      },
    ]);
    expect(await holdsStory(db, id, "x", "uk")).toBe(true);
    expect(await holdsStory(db, id, "x", "en")).toBe(false);
  });
});
