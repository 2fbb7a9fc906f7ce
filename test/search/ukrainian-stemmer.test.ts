import { describe, expect, it } from "vitest";
import { stem } from "../../src/search/stemmer";
import { stemUkrainian } from "../../src/search/ukrainian-stemmer";
import { foldWord } from "../../src/search/words";

/** Every form of a word shares one stem: the forms of a paradigm, as a grammar lists them. */
function stemsOf(forms: string[]): Set<string> {
  return new Set(forms.map((f) => stemUkrainian(foldWord(f))));
}

describe("the Ukrainian light stemmer", () => {
  it("gives every case and number of a feminine -ія noun one stem (провокація)", () => {
    const forms = [
      "провокація",
      "провокації",
      "провокацію",
      "провокацією",
      "провокаціє",
      "провокацій",
      "провокаціям",
      "провокаціями",
      "провокаціях",
    ];
    // The vocative «провокаціє» is a form too; it must land on the same stem.
    expect(stemsOf(forms)).toEqual(new Set(["провокац"]));
  });

  it("gives every case and number of a hard masculine noun one stem (боєприпас)", () => {
    const forms = [
      "боєприпас",
      "боєприпасу",
      "боєприпасові",
      "боєприпасом",
      "боєприпасі",
      "боєприпаси",
      "боєприпасів",
      "боєприпасам",
      "боєприпасами",
      "боєприпасах",
    ];
    expect(stemsOf(forms)).toEqual(new Set(["боєприпас"]));
  });

  it("handles a feminine -а noun and a soft-sign noun (Україна, область)", () => {
    expect(stemsOf(["Україна", "України", "Україні", "Україну", "Україною"])).toEqual(
      new Set(["україн"]),
    );
    expect(stemsOf(["область", "області", "областю", "областей", "областям", "областях"])).toEqual(
      new Set(["област"]),
    );
  });

  it("gives an adjective's genders, cases and plural one stem (новий)", () => {
    const forms = [
      "новий",
      "нового",
      "новому",
      "новим",
      "новім",
      "нова",
      "нової",
      "новій",
      "нову",
      "новою",
      "нове",
      "нові",
      "нових",
      "новими",
    ];
    expect(stemsOf(forms)).toEqual(new Set(["нов"]));
  });

  it("keeps short words whole rather than cut them to nothing", () => {
    expect(stemUkrainian("сша")).toBe("сша");
    expect(stemUkrainian("сила")).toBe("сил");
    expect(stemUkrainian("ми")).toBe("ми");
  });

  it("ignores stress marks, and reads й the same composed or decomposed", () => {
    expect(stem("uk", foldWord("провока\u0301ції"))).toBe(stem("uk", foldWord("провокації")));
    expect(stem("uk", foldWord("нови\u0306"))).toBe(stem("uk", foldWord("новий")));
  });

  it("reads every apostrophe the same way (п'ять, п’ять, пʼять)", () => {
    expect(stem("uk", foldWord("п'ятого"))).toBe(stem("uk", foldWord("пʼятого")));
    expect(stem("uk", foldWord("п’ятого"))).toBe(stem("uk", foldWord("пʼятий")));
  });
});

describe("the Snowball stemmers for English and Russian", () => {
  it("stems Russian cases together, ё read as е (провокация, боеприпас)", () => {
    const ru = (w: string) => stem("ru", foldWord(w));
    expect(new Set(["провокация", "провокации", "провокацию", "провокацией"].map(ru)).size).toBe(1);
    expect(new Set(["боеприпас", "боеприпасы", "боеприпасов", "боеприпасами"].map(ru)).size).toBe(
      1,
    );
    expect(ru("ещё")).toBe(ru("еще"));
  });

  it("stems English plurals and verb forms together (provocation, attack)", () => {
    const en = (w: string) => stem("en", foldWord(w));
    expect(en("provocations")).toBe(en("provocation"));
    expect(new Set(["attack", "attacks", "attacked", "attacking"].map(en)).size).toBe(1);
    expect(en("Ukraine")).toBe(en("ukraine"));
  });
});
