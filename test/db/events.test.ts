import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { latestEventIds } from "../../src/db/events";
import { api, storyPayload } from "../helpers/api";
import { loadSeedStories, testDb } from "../helpers/seeds";

describe("story_events", () => {
  beforeAll(loadSeedStories);

  it("starts at generation 0 in every language: loading the seeds records no events", async () => {
    expect(await latestEventIds(testDb())).toEqual({ uk: 0, en: 0, ru: 0 });
  });

  it("moves only the languages a write touched", async () => {
    const before = await latestEventIds(testDb());
    await api(
      "POST",
      "/stories",
      storyPayload("events-en", { variants: [{ lang: "en", title: "Only en", body: "<p>e</p>" }] }),
    );
    const after = await latestEventIds(testDb());
    expect(after.en).toBeGreaterThan(before.en);
    expect(after.uk).toBe(before.uk);
    expect(after.ru).toBe(before.ru);
  });

  it("is append-only: updating or deleting an event is refused", async () => {
    await expect(env.DB.prepare("update story_events set kind = 'x'").run()).rejects.toThrow(
      /append-only/,
    );
    await expect(env.DB.prepare("delete from story_events").run()).rejects.toThrow(/append-only/);
  });

  it("refuses an event that names neither a story nor a taxon", async () => {
    await expect(
      env.DB.prepare(
        "insert into story_events (lang, kind, occurred_at) values ('en', 'updated', '2026-01-01T00:00:00.000Z')",
      ).run(),
    ).rejects.toThrow(/CHECK/);
  });
});
