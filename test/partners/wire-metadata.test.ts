import { beforeAll, describe, expect, it } from "vitest";
import { getStory, insertStory } from "../../src/db/stories";
import type { Story } from "../../src/domain/story";
import type { LangTag } from "../../src/i18n/languages";
import type { NinjsInput } from "../../src/partners/ninjs";
import { api, storyPayload } from "../helpers/api";
import { readFeed, xmlTree } from "../helpers/feeds";
import { ninjsInputs, renderValid } from "../helpers/ninjs-inputs";
import { expectValid, validate22, validate31 } from "../helpers/ninjs-schemas";
import { createPartner, partnerRequest, problemOf } from "../helpers/partners";
import { loadSeedStories, testDb } from "../helpers/seeds";
import { makeStory } from "../helpers/stories";

let inputs: Awaited<ReturnType<typeof ninjsInputs>>;

function render(story: Story, lang: LangTag, overrides: Partial<NinjsInput> = {}) {
  return renderValid(inputs.inputFor(story, lang, overrides));
}

beforeAll(async () => {
  await loadSeedStories();
  inputs = await ninjsInputs(testDb());
});

describe("wire metadata in ninjs", () => {
  it("files a section under its IPTC Media Topic beside the newsroom's own category", () => {
    const { v3, v2 } = render(makeStory(["en"], { categoryId: "economy" }), "en");
    const topic = {
      name: "economy, business and finance",
      rel: "about",
      uri: "http://cv.iptc.org/newscodes/mediatopic/04000000",
      literal: "medtop:04000000",
    };
    expect(v3.subjects).toContainEqual(topic);
    expect(v2.subjects).toContainEqual(topic);
    expect(v3.subjects.map((s) => s.rel)).toEqual(["category", "about"]);
  });

  it("sends no Media Topic for a section that is a place", () => {
    const { v3 } = render(makeStory(["en"], { categoryId: "ukraine" }), "en");
    expect(v3.subjects.map((s) => s.rel)).toEqual(["category"]);
  });

  it("gives briefs a higher urgency than articles, and the editors' urgency when set", () => {
    expect(render(makeStory(["en"]), "en").v3.urgency).toBe(5);
    expect(render(makeStory(["en"], { kind: "brief" }), "en").v3.urgency).toBe(4);
    const breaking = render(makeStory(["en"], { kind: "brief", urgency: 1 }), "en");
    expect(breaking.v3.urgency).toBe(1);
    expect(breaking.v2.urgency).toBe(1);
  });

  it("carries the correction note, and a withdrawal's note, as the editorial note", () => {
    const corrected = render(
      makeStory(["en"], { correctionNote: "Corrects the name of the minister." }),
      "en",
    );
    expect(corrected.v3.edNote).toBe("Corrects the name of the minister.");
    expect(corrected.v2.ednote).toBe("Corrects the name of the minister.");
    const withdrawn = render(
      makeStory(["en"], {
        status: "withdrawn",
        withdrawal: { at: "2026-06-01T00:00:00.000Z", note: "Legal request." },
        correctionNote: "Old correction.",
      }),
      "en",
    );
    expect(withdrawn.v3.pubStatus).toBe("canceled");
    expect(withdrawn.v3.edNote).toBe("Legal request.");
    expect(render(makeStory(["en"]), "en").v3.edNote).toBeUndefined();
  });

  it("sends the photo as a picture association with its rendition, caption and credit", () => {
    const story = makeStory(["en"], {
      image: {
        url: "/media/kirby-briefing.jpg",
        type: "image/jpeg",
        length: 48213,
        width: 1200,
        height: 800,
        credit: "Agency / Photographer",
      },
    });
    story.variants.en = {
      ...(story.variants.en as Story["variants"]["en"] & object),
      imageCaption: "A briefing.",
    };
    const { v3, v2 } = render(story, "en");
    const rendition = {
      name: "hero",
      href: "https://news.example/media/kirby-briefing.jpg",
      contentType: "image/jpeg",
      width: 1200,
      height: 800,
      sizeInBytes: 48213,
    };
    expect(v3.associations?.[0]).toEqual({
      name: "hero",
      rel: "hero",
      uri: `tag:news.example,2026:story/${story.id}/picture`,
      type: "picture",
      representationType: "full",
      renditions: [rendition],
      descriptions: [
        { role: "caption", contentType: "text/plain", value: "A briefing." },
        { role: "credit", contentType: "text/plain", value: "Agency / Photographer" },
      ],
      by: "Agency / Photographer",
    });
    expect(v2.associations?.[0]).toMatchObject({ type: "picture", by: "Agency / Photographer" });
    // A takedown carries no picture.
    const gone = render({ ...story, status: "withdrawn" }, "en");
    expect(gone.v3.associations).toBeUndefined();
  });

  it("links only the languages in the partner's licence", () => {
    const story = makeStory(["uk", "en", "ru"]);
    const everyone = render(story, "en");
    const languages = (d: { associations?: { type: string; language?: string }[] }) =>
      (d.associations ?? []).filter((a) => a.type === "text").map((a) => a.language);
    expect(languages(everyone.v3)).toEqual(["uk", "ru"]);
    const licensed = render(story, "en", { languages: ["en", "uk"] });
    expect(languages(licensed.v3)).toEqual(["uk"]);
    expect(languages(licensed.v2)).toEqual(["uk"]);
    expect(JSON.stringify(licensed.v3)).not.toContain("/ru/");
  });
});

describe("wire metadata through the API", () => {
  it("stores urgency and a correction note, and sends them to partners", async () => {
    const created = await api("POST", "/stories", storyPayload("wire-1", { urgency: 2 }));
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ urgency: 2, correctionNote: null });
    await api("POST", "/stories/wire-1/publish", { version: 1 });
    const corrected = await api("PATCH", "/stories/wire-1/variants/en", {
      version: 2,
      title: "News wire-1, corrected",
      correctionNote: "Corrects the headline.",
    });
    expect(corrected.status).toBe(200);
    expect(await corrected.json()).toMatchObject({ correctionNote: "Corrects the headline." });
    const { key } = await createPartner({ name: "Wire", languages: ["en", "uk"] });
    const response = await partnerRequest("/stories/wire-1?lang=en", key);
    expect(response.status).toBe(200);
    const document = (await response.json()) as Record<string, unknown>;
    expect(document).toMatchObject({ urgency: 2, edNote: "Corrects the headline." });
    const associations = document.associations as { type: string; language?: string }[];
    expect(associations.filter((a) => a.type === "text").map((a) => a.language)).toEqual(["uk"]);
    const stored = await getStory(testDb(), "wire-1");
    expect(stored?.correctionNote).toBe("Corrects the headline.");
  });

  it.each([
    ["urgency 0", { urgency: 0 }, "/urgency"],
    ["urgency 10", { urgency: 10 }, "/urgency"],
    ["a fractional urgency", { urgency: 2.5 }, "/urgency"],
    ["an empty correction note", { correctionNote: " " }, "/correctionNote"],
  ])("refuses %s with 400 at its field, and changes nothing", async (_, patch, pointer) => {
    const id = `wire-bad-${pointer.slice(1)}-${JSON.stringify(patch).length}`;
    await insertStory(testDb(), makeStory(["en"], { id }));
    const response = await api("PATCH", `/stories/${id}`, { version: 1, ...patch });
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(pointer);
    expect(await getStory(testDb(), id)).toMatchObject({ version: 1, urgency: null });
  });
});

describe("a photo's own rights", () => {
  it("are set through the API and travel with the picture, not the story", async () => {
    const image = {
      url: "https://images.example/agency/123.jpg",
      type: "image/jpeg",
      credit: "Jane Doe / Agency",
      copyrightHolder: "Agency Ltd",
      usageTerms: "Editorial use only; no archiving.",
    };
    const created = await api("POST", "/stories", storyPayload("wire-photo", { image }));
    expect(created.status).toBe(201);
    expect(((await created.json()) as { image: unknown }).image).toMatchObject(image);
    await api("POST", "/stories/wire-photo/publish", { version: 1 });
    const { key } = await createPartner({ name: "Photo rights", languages: ["en"] });
    for (const [query, holder, terms] of [
      ["", "copyrightHolder", "usageTerms"],
      ["&ninjs=2.2", "copyrightholder", "usageterms"],
    ] as const) {
      const response = await partnerRequest(`/stories/wire-photo?lang=en${query}`, key);
      expect(response.status).toBe(200);
      const document = (await response.json()) as Record<string, unknown>;
      expectValid(query ? validate22 : validate31, document);
      const picture = (document.associations as Record<string, unknown>[])[0];
      expect(picture).toMatchObject({
        type: "picture",
        [holder]: "Agency Ltd",
        [terms]: "Editorial use only; no archiving.",
      });
      expect(document[holder]).not.toBe("Agency Ltd");
    }
  });

  it("refuses a copyright holder on two lines with 400 at its field, and stores nothing", async () => {
    const response = await api(
      "POST",
      "/stories",
      storyPayload("wire-photo-bad", {
        image: { url: "https://images.example/x.jpg", copyrightHolder: "Agency\nLtd" },
      }),
    );
    expect(response.status).toBe(400);
    const problem = await problemOf(response);
    expect((problem.errors as { path: string }[]).map((e) => e.path)).toContain(
      "/image/copyrightHolder",
    );
    expect(await getStory(testDb(), "wire-photo-bad")).toBeNull();
  });
});

describe("partner feeds within the licence", () => {
  it("link no language the partner has not licensed, at item or feed level", async () => {
    const { key } = await createPartner({ name: "English only", languages: ["en"] });
    for (const file of ["rss.xml", "atom.xml"]) {
      const response = await partnerRequest(`/en/${file}`, key);
      expect(response.status).toBe(200);
      const xml = await response.text();
      expect(readFeed(xml).items.length).toBeGreaterThan(0);
      expect(xml).not.toMatch(/hreflang="(uk|ru)"/);
      expect(xml).not.toMatch(/\/(ua|ru)\//);
    }
    const json = await (await partnerRequest("/en/feed.json", key)).json();
    expect(JSON.stringify(json)).not.toMatch(/_translations|\/(ua|ru)\//);
    const both = (await createPartner({ name: "Two", languages: ["en", "uk"] })).key;
    const atom = xmlTree(await (await partnerRequest("/en/atom.xml", both)).text());
    const feedLinks = (atom.feed as { link: Record<string, string>[] }).link;
    expect(feedLinks.filter((l) => l["@_rel"] === "related").map((l) => l["@_hreflang"])).toEqual([
      "uk",
    ]);
  });
});
