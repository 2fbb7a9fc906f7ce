import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { listStoryEvents } from "../../../src/db/events";
import { findStatusBySlug, listPublished } from "../../../src/db/published-stories";
import { api, storyPayload } from "../../helpers/api";
import { loadSeedStories, testDb } from "../../helpers/seeds";

interface StoryJson {
  id: string;
  status: string;
  version: number;
  publishedAt: string | null;
  updatedAt: string;
  createdAt: string;
  authorIds: string[];
  categoryId: string;
  variants: { lang: string; slug: string; title: string; body: string; updatedAt: string }[];
}

async function create(id: string, overrides: Record<string, unknown> = {}): Promise<StoryJson> {
  const response = await api("POST", "/stories", storyPayload(id, overrides));
  expect(response.status).toBe(201);
  return (await response.json()) as StoryJson;
}

async function publish(id: string, version: number, at?: string): Promise<StoryJson> {
  const response = await api("POST", `/stories/${id}/publish`, at ? { at } : undefined, {
    "If-Match": `"v${version}"`,
  });
  expect(response.status).toBe(200);
  return (await response.json()) as StoryJson;
}

async function eventKinds(id: string): Promise<string[]> {
  return (await listStoryEvents(testDb(), id)).map((e) => `${e.kind}:${e.lang}:v${e.version}`);
}

describe("stories API", () => {
  beforeAll(loadSeedStories);

  describe("POST /stories", () => {
    it("creates a draft with its variants, slugs made from the titles, and answers 201 with an ETag", async () => {
      const response = await api(
        "POST",
        "/stories",
        storyPayload("create-1", {
          variants: [
            { lang: "uk", title: "Київ готується до зими", body: "<p>Текст</p>" },
            { lang: "en", title: "Kyiv prepares for winter", body: "<p>Text</p>" },
          ],
        }),
      );
      expect(response.status).toBe(201);
      expect(response.headers.get("ETag")).toBe('"v1"');
      expect(response.headers.get("Location")).toBe("/api/v1/stories/create-1");
      const story = (await response.json()) as StoryJson;
      expect(story).toMatchObject({
        id: "create-1",
        status: "draft",
        version: 1,
        publishedAt: null,
      });
      expect(story.variants.map((v) => [v.lang, v.slug])).toEqual([
        ["uk", "kyiv-hotuietsia-do-zymy"],
        ["en", "kyiv-prepares-for-winter"],
      ]);
      expect(await eventKinds("create-1")).toEqual(["created:uk:v1", "created:en:v1"]);
    });

    it("generates an id when none is given", async () => {
      const response = await api("POST", "/stories", storyPayload("x", { id: undefined }));
      expect(response.status).toBe(201);
      const story = (await response.json()) as StoryJson;
      expect(story.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-/);
    });

    it("keeps a draft off the public lists", async () => {
      await create("draft-hidden");
      const status = await findStatusBySlug(testDb(), "en", "news-draft-hidden");
      expect(status).toMatchObject({ storyId: "draft-hidden", status: "draft" });
      const listed = await listPublished(testDb(), {
        lang: "en",
        now: new Date().toISOString(),
        limit: 100,
      });
      expect(listed.map((s) => s.id)).not.toContain("draft-hidden");
    });
  });

  describe("GET /stories/{id}", () => {
    it("returns the story with every variant, its version and a strong ETag", async () => {
      await create("read-1");
      const response = await api("GET", "/stories/read-1");
      expect(response.status).toBe(200);
      expect(response.headers.get("ETag")).toBe('"v1"');
      const story = (await response.json()) as StoryJson;
      expect(story.version).toBe(1);
      expect(story.variants.map((v) => v.lang)).toEqual(["uk", "en", "ru"]);
    });

    it("answers 404 problem for an unknown story", async () => {
      const response = await api("GET", "/stories/no-such-story");
      expect(response.status).toBe(404);
      expect(response.headers.get("Content-Type")).toBe("application/problem+json");
      expect(await response.json()).toMatchObject({ status: 404, title: "Not Found" });
    });
  });

  describe("GET /stories", () => {
    it("filters by status, language and category", async () => {
      await create("list-uk-only", {
        categoryId: "culture",
        variants: [{ lang: "uk", title: "Лише українською", body: "<p>т</p>" }],
      });
      const byLang = (await (await api("GET", "/stories?lang=en&limit=100")).json()) as {
        stories: StoryJson[];
      };
      expect(byLang.stories.map((s) => s.id)).not.toContain("list-uk-only");
      const byCategory = (await (
        await api("GET", "/stories?category=culture&status=draft&lang=uk")
      ).json()) as { stories: StoryJson[] };
      expect(byCategory.stories.map((s) => s.id)).toEqual(["list-uk-only"]);
      const mixed = (await (await api("GET", "/stories?status=draft&lang=ru")).json()) as {
        stories: StoryJson[];
      };
      expect(mixed.stories[0]?.variants.map((v) => v.lang)).toEqual(["uk", "en", "ru"]);
      const published = (await (
        await api("GET", "/stories?status=published&limit=100")
      ).json()) as {
        stories: StoryJson[];
      };
      expect(published.stories.length).toBeGreaterThan(0);
      expect(published.stories.every((s) => s.status === "published")).toBe(true);
    });

    it("pages with a keyset cursor, newest created first, without repeats or gaps", async () => {
      const all = (await (await api("GET", "/stories?limit=100")).json()) as {
        stories: StoryJson[];
        nextCursor: string | null;
      };
      expect(all.nextCursor).toBeNull();
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const query: string = cursor ? `&cursor=${cursor}` : "";
        const page = (await (await api("GET", `/stories?limit=3${query}`)).json()) as {
          stories: StoryJson[];
          nextCursor: string | null;
        };
        expect(page.stories.length).toBeLessThanOrEqual(3);
        seen.push(...page.stories.map((s) => s.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(all.stories.map((s) => s.id));
      const created = all.stories.map((s) => s.createdAt);
      expect([...created].sort().reverse()).toEqual(created);
    });

    it.each(["not-a-cursor", "bm90IGpzb24", btoa(JSON.stringify({ a: 1 }))])(
      "answers a bad cursor (%s) with 400 naming the cursor parameter",
      async (cursor) => {
        const response = await api("GET", `/stories?cursor=${encodeURIComponent(cursor)}`);
        expect(response.status).toBe(400);
        const problem = (await response.json()) as { errors: unknown[] };
        expect(problem.errors).toEqual([
          { in: "query", path: "/cursor", message: "must be a nextCursor from a previous page" },
        ]);
      },
    );

    it("answers an unknown status filter with 400 naming the parameter", async () => {
      const response = await api("GET", "/stories?status=deleted&limit=0");
      expect(response.status).toBe(400);
      const problem = (await response.json()) as { errors: { in: string; path: string }[] };
      expect(problem.errors.map((e) => `${e.in}:${e.path}`)).toEqual([
        "query:/status",
        "query:/limit",
      ]);
    });
  });

  describe("PATCH /stories/{id}", () => {
    it("corrects metadata and replaces a variant: same id, new version and updated time, slug kept", async () => {
      const created = await create("patch-1");
      const response = await api(
        "PATCH",
        "/stories/patch-1",
        {
          categoryId: "economy",
          authorIds: ["olena-kovalchuk", "martin-fornusek"],
          variants: [{ lang: "en", title: "Corrected headline", body: "<p>Corrected</p>" }],
        },
        { "If-Match": '"v1"' },
      );
      expect(response.status).toBe(200);
      expect(response.headers.get("ETag")).toBe('"v2"');
      const story = (await response.json()) as StoryJson;
      expect(story.id).toBe("patch-1");
      expect(story.version).toBe(2);
      expect(story.categoryId).toBe("economy");
      expect(story.authorIds).toEqual(["olena-kovalchuk", "martin-fornusek"]);
      expect(story.updatedAt > created.updatedAt).toBe(true);
      const en = story.variants.find((v) => v.lang === "en");
      expect(en).toMatchObject({ title: "Corrected headline", slug: "news-patch-1" });
      expect(await eventKinds("patch-1")).toEqual([
        "created:uk:v1",
        "created:en:v1",
        "created:ru:v1",
        "updated:uk:v2",
        "variant_updated:en:v2",
        "updated:ru:v2",
      ]);
    });

    it("accepts the version in the body instead of If-Match", async () => {
      await create("patch-body-version");
      const response = await api("PATCH", "/stories/patch-body-version", {
        version: 1,
        kind: "brief",
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as StoryJson).version).toBe(2);
    });

    it("changes the slug only when the editor sends one", async () => {
      await create("patch-slug");
      const response = await api(
        "PATCH",
        "/stories/patch-slug",
        { variants: [{ lang: "en", title: "New title", slug: "new-title", body: "<p>b</p>" }] },
        { "If-Match": '"v1"' },
      );
      const story = (await response.json()) as StoryJson;
      expect(story.variants.find((v) => v.lang === "en")?.slug).toBe("new-title");
    });
  });

  describe("publish, withdraw, restore", () => {
    it("publishes now: the story appears on the language lists at once", async () => {
      await create("pub-now");
      const story = await publish("pub-now", 1);
      expect(story).toMatchObject({ status: "published", version: 2 });
      expect(story.publishedAt).not.toBeNull();
      const listed = await listPublished(testDb(), {
        lang: "ru",
        now: new Date().toISOString(),
        limit: 5,
      });
      expect(listed[0]?.id).toBe("pub-now");
      expect(await eventKinds("pub-now")).toContain("published:en:v2");
    });

    it("schedules a future publication: hidden until its time, without anything rewriting it", async () => {
      await create("pub-later");
      // Next year: in the future, and within the two years a schedule may reach.
      const year = new Date().getUTCFullYear() + 1;
      const at = `${year}-01-01T09:00:00.000Z`;
      const story = await publish("pub-later", 1, `${year}-01-01T11:00:00+02:00`);
      expect(story.publishedAt).toBe(at);
      const now = await listPublished(testDb(), {
        lang: "en",
        now: new Date().toISOString(),
        limit: 100,
      });
      expect(now.map((s) => s.id)).not.toContain("pub-later");
      const then = await listPublished(testDb(), { lang: "en", now: at, limit: 1 });
      expect(then[0]?.id).toBe("pub-later");
    });

    it("reschedules a story still waiting for its time", async () => {
      await create("pub-reschedule");
      const year = new Date().getUTCFullYear() + 1;
      await publish("pub-reschedule", 1, `${year}-06-01T00:00:00Z`);
      const story = await publish("pub-reschedule", 2, `${year}-03-01T00:00:00Z`);
      expect(story.publishedAt).toBe(`${year}-03-01T00:00:00.000Z`);
      expect(await eventKinds("pub-reschedule")).toContain("rescheduled:uk:v3");
    });

    it("refuses to publish a live story again with 409", async () => {
      await create("pub-twice");
      await publish("pub-twice", 1);
      const response = await api("POST", "/stories/pub-twice/publish", undefined, {
        "If-Match": '"v2"',
      });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { detail: string }).detail).toContain("already published");
    });

    it("withdraws: gone from lists at once, its slug now reports withdrawn; restore brings it back", async () => {
      await create("withdraw-1");
      const published = await publish("withdraw-1", 1);
      const withdrawn = await api("POST", "/stories/withdraw-1/withdraw", undefined, {
        "If-Match": '"v2"',
      });
      expect(withdrawn.status).toBe(200);
      expect(await withdrawn.json()).toMatchObject({ status: "withdrawn", version: 3 });
      const now = new Date().toISOString();
      for (const lang of ["uk", "en", "ru"] as const) {
        const listed = await listPublished(testDb(), { lang, now, limit: 100 });
        expect(listed.map((s) => s.id)).not.toContain("withdraw-1");
      }
      expect(await findStatusBySlug(testDb(), "en", "news-withdraw-1")).toMatchObject({
        status: "withdrawn",
      });
      const home = await (await import("../../../src/index")).default.request("/en/", {}, env);
      expect(await home.text()).not.toContain("News withdraw-1");

      const restored = await api("POST", "/stories/withdraw-1/restore", { version: 3 });
      expect(restored.status).toBe(200);
      const story = (await restored.json()) as StoryJson;
      expect(story).toMatchObject({ status: "published", version: 4 });
      expect(story.publishedAt).toBe(published.publishedAt);
      const listed = await listPublished(testDb(), {
        lang: "en",
        now: new Date().toISOString(),
        limit: 100,
      });
      expect(listed.map((s) => s.id)).toContain("withdraw-1");
      expect(await eventKinds("withdraw-1")).toEqual(
        expect.arrayContaining(["withdrawn:uk:v3", "restored:ru:v4"]),
      );
    });

    it("refuses to withdraw a draft or restore a published story with 409", async () => {
      await create("state-1");
      const withdraw = await api("POST", "/stories/state-1/withdraw", undefined, {
        "If-Match": '"v1"',
      });
      expect(withdraw.status).toBe(409);
      await publish("state-1", 1);
      const restore = await api("POST", "/stories/state-1/restore", undefined, {
        "If-Match": '"v2"',
      });
      expect(restore.status).toBe(409);
    });
  });

  describe("language variants", () => {
    it("adds a variant; every language records the change (the switcher gains a language)", async () => {
      await create("var-add", {
        variants: [{ lang: "en", title: "Only English", body: "<p>e</p>" }],
      });
      const response = await api(
        "POST",
        "/stories/var-add/variants",
        { lang: "uk", title: "Тепер українською", body: "<p>у</p>" },
        { "If-Match": '"v1"' },
      );
      expect(response.status).toBe(200);
      const story = (await response.json()) as StoryJson;
      expect(story.version).toBe(2);
      expect(story.variants.map((v) => v.lang)).toEqual(["uk", "en"]);
      expect(await eventKinds("var-add")).toEqual([
        "created:en:v1",
        "updated:en:v2",
        "variant_added:uk:v2",
      ]);
    });

    it("refuses to add a language the story already has with 409", async () => {
      await create("var-add-dup");
      const response = await api(
        "POST",
        "/stories/var-add-dup/variants",
        { lang: "en", title: "Again", body: "<p>e</p>" },
        { "If-Match": '"v1"' },
      );
      expect(response.status).toBe(409);
    });

    it("corrects one variant: its updated time moves, the others stay, the slug stays", async () => {
      const created = await create("var-fix");
      const response = await api(
        "PATCH",
        "/stories/var-fix/variants/ru",
        { title: "Исправленный заголовок" },
        { "If-Match": '"v1"' },
      );
      expect(response.status).toBe(200);
      const story = (await response.json()) as StoryJson;
      const ru = story.variants.find((v) => v.lang === "ru");
      const uk = story.variants.find((v) => v.lang === "uk");
      expect(ru).toMatchObject({ title: "Исправленный заголовок", slug: "novost-var-fix" });
      expect(ru?.updatedAt && ru.updatedAt > created.updatedAt).toBe(true);
      expect(uk?.updatedAt).toBe(created.variants.find((v) => v.lang === "uk")?.updatedAt);
      expect(await eventKinds("var-fix")).toContain("variant_updated:ru:v2");
    });

    it("answers 404 for a variant the story lacks", async () => {
      await create("var-missing", { variants: [{ lang: "en", title: "E", body: "<p>e</p>" }] });
      const response = await api(
        "PATCH",
        "/stories/var-missing/variants/uk",
        { title: "x" },
        {
          "If-Match": '"v1"',
        },
      );
      expect(response.status).toBe(404);
    });

    it("removes a variant with If-Match", async () => {
      await create("var-remove");
      const response = await api("DELETE", "/stories/var-remove/variants/ru", undefined, {
        "If-Match": '"v1"',
      });
      expect(response.status).toBe(200);
      const story = (await response.json()) as StoryJson;
      expect(story.variants.map((v) => v.lang)).toEqual(["uk", "en"]);
      expect(await eventKinds("var-remove")).toContain("variant_removed:ru:v2");
    });

    it("refuses to remove the last variant of a published story: withdraw it instead", async () => {
      await create("var-last", { variants: [{ lang: "en", title: "Last one", body: "<p>e</p>" }] });
      await publish("var-last", 1);
      const response = await api("DELETE", "/stories/var-last/variants/en", undefined, {
        "If-Match": '"v2"',
      });
      expect(response.status).toBe(409);
      expect(((await response.json()) as { detail: string }).detail).toContain("withdraw");
      const story = (await (await api("GET", "/stories/var-last")).json()) as StoryJson;
      expect(story.variants).toHaveLength(1);
    });

    it("lets a draft lose its last variant", async () => {
      await create("var-draft-last", {
        variants: [{ lang: "en", title: "Draft", body: "<p>e</p>" }],
      });
      const response = await api("DELETE", "/stories/var-draft-last/variants/en", undefined, {
        "If-Match": '"v1"',
      });
      expect(response.status).toBe(200);
      expect(((await response.json()) as StoryJson).variants).toEqual([]);
    });
  });
});
