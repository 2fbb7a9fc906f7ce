import { describe, expect, it } from "vitest";
import { localizer } from "../../src/i18n";
import { LANG_TAGS } from "../../src/i18n/languages";
import { NAMESPACES, RESOURCES } from "../../src/i18n/resources";

function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  it.each(NAMESPACES)("namespace %s has the same keys in uk, en and ru", (ns) => {
    const en = keys(RESOURCES.en[ns]).sort();
    for (const lang of LANG_TAGS) expect(keys(RESOURCES[lang][ns]).sort()).toEqual(en);
  });

  it("has no empty strings", () => {
    for (const lang of LANG_TAGS) {
      for (const ns of NAMESPACES) {
        const strings = keys(RESOURCES[lang][ns]).map((k) => localizer(lang).t(`${ns}:${k}`));
        expect(strings.filter((s) => s.trim() === "")).toEqual([]);
      }
    }
  });

  it("formats dates in Kyiv time with ICU data for Ukrainian and Russian", () => {
    const at = "2023-12-19T21:55:00.000Z";
    const opts = { dateStyle: "long", timeStyle: "short" } as const;
    expect(localizer("uk").intl.formatDate(at, opts)).toBe("19 грудня 2023 р. о 23:55");
    expect(localizer("ru").intl.formatDate(at, opts)).toBe("19 декабря 2023 г. в 23:55");
  });
});
