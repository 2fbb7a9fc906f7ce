import { beforeAll, describe, expect, it } from "vitest";
import { appendEventsQuery, listStoryEvents } from "../../../src/db/events";
import { getStory } from "../../../src/db/stories";
import { bumpVersionQuery, runStoryWrite, StaleVersion } from "../../../src/db/story-writes";
import { api, storyPayload } from "../../helpers/api";
import { loadSeedStories, rowCounts, testDb } from "../../helpers/seeds";

interface StoryJson {
  version: number;
  variants: { lang: string; title: string }[];
}

describe("two editors changing the same version", () => {
  beforeAll(loadSeedStories);

  it("lets one update win and refuses the other with 412; nothing is lost or merged", async () => {
    expect((await api("POST", "/stories", storyPayload("race"))).status).toBe(201);
    const edit = (title: string) =>
      api("PATCH", "/stories/race/variants/en", { title }, { "If-Match": '"v1"' });
    const responses = await Promise.all([edit("Alice's headline"), edit("Bob's headline")]);
    const statuses = responses.map((r) => r.status).sort();
    expect(statuses).toEqual([200, 412]);
    const winner = responses.find((r) => r.status === 200) as Response;
    const winning = (await winner.json()) as StoryJson;

    const stored = (await (await api("GET", "/stories/race")).json()) as StoryJson;
    expect(stored.version).toBe(2);
    expect(stored.variants.find((v) => v.lang === "en")?.title).toBe(
      winning.variants.find((v) => v.lang === "en")?.title,
    );
    const events = await listStoryEvents(testDb(), "race");
    expect(events.filter((e) => e.version === 2).map((e) => `${e.kind}:${e.lang}`)).toEqual([
      "variant_updated:en",
    ]);
    // The loser reloads, sees the winner's text, and reapplies its change on top of it.
    const retry = await api(
      "PATCH",
      "/stories/race/variants/en",
      { title: "Merged by hand" },
      { "If-Match": '"v2"' },
    );
    expect(retry.status).toBe(200);
    expect(((await retry.json()) as StoryJson).version).toBe(3);
  });

  it("lets one of two body-versioned updates win and refuses the other with 409", async () => {
    expect((await api("POST", "/stories", storyPayload("race-body"))).status).toBe(201);
    // Two real changes: a patch equal to the stored story would change nothing and answer 200.
    const edit = (kind: string) => api("PATCH", "/stories/race-body", { version: 1, kind });
    const statuses = (await Promise.all([edit("brief"), edit("brief")])).map((r) => r.status);
    expect(statuses.sort()).toEqual([200, 409]);
    expect(((await (await api("GET", "/stories/race-body")).json()) as StoryJson).version).toBe(2);
  });

  it("checks the version inside the write batch: a stale batch rolls back whole", async () => {
    const db = testDb();
    expect((await api("POST", "/stories", storyPayload("race-batch"))).status).toBe(201);
    // Another editor's write lands first (version 1 -> 2).
    await runStoryWrite(db, [bumpVersionQuery(db, "race-batch", 1, { kind: "brief" })]);
    const before = await rowCounts();
    // A batch still based on version 1, as if it had passed every check before that write.
    const stale = runStoryWrite(db, [
      bumpVersionQuery(db, "race-batch", 1, {
        kind: "article",
        updatedAt: "2030-01-01T00:00:00.000Z",
      }),
      appendEventsQuery(db, [
        {
          storyId: "race-batch",
          taxonId: null,
          lang: "en",
          kind: "updated",
          version: 2,
          occurredAt: "2030-01-01T00:00:00.000Z",
        },
      ]) as NonNullable<ReturnType<typeof appendEventsQuery>>,
    ]);
    await expect(stale).rejects.toBeInstanceOf(StaleVersion);
    expect(await rowCounts()).toEqual(before);
    const story = await getStory(db, "race-batch");
    expect(story).toMatchObject({ kind: "brief", version: 2 });
  });
});
