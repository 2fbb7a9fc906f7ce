import enSite from "../../locales/en/site.json";
import ruSite from "../../locales/ru/site.json";
import ukSite from "../../locales/uk/site.json";
import type { LangTag } from "./languages";

/** Every locale namespace, bundled into the Worker (there is no file system at run time). */
export const RESOURCES = {
  uk: { site: ukSite },
  en: { site: enSite },
  ru: { site: ruSite },
} as const satisfies Record<LangTag, Record<string, unknown>>;

export type Namespace = keyof (typeof RESOURCES)["en"];
export const NAMESPACES = Object.keys(RESOURCES.en) as Namespace[];
