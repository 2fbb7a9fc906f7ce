import enFeeds from "../../locales/en/feeds.json";
import enSite from "../../locales/en/site.json";
import ruFeeds from "../../locales/ru/feeds.json";
import ruSite from "../../locales/ru/site.json";
import ukFeeds from "../../locales/uk/feeds.json";
import ukSite from "../../locales/uk/site.json";
import type { LangTag } from "./languages";

/** Every locale namespace, bundled into the Worker (there is no file system at run time). */
export const RESOURCES = {
  uk: { site: ukSite, feeds: ukFeeds },
  en: { site: enSite, feeds: enFeeds },
  ru: { site: ruSite, feeds: ruFeeds },
} as const satisfies Record<LangTag, Record<string, unknown>>;

export type Namespace = keyof (typeof RESOURCES)["en"];
export const NAMESPACES = Object.keys(RESOURCES.en) as Namespace[];
