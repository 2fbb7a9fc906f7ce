import type { LangTag } from "../i18n/languages";

export type LocalizedNames = Partial<Record<LangTag, string>>;

export interface Category {
  id: string;
  slug: string;
  names: LocalizedNames;
}

export interface Author {
  id: string;
  slug: string;
  names: LocalizedNames;
}
