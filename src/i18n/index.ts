import { createIntl, type IntlShape } from "@formatjs/intl";
import i18next, { type TFunction } from "i18next";
import type { LangTag } from "./languages";
import { NAMESPACES, RESOURCES } from "./resources";

/** The newsroom's clock: every date a reader sees is Kyiv time. */
export const TIME_ZONE = "Europe/Kyiv";

export interface Localizer {
  lang: LangTag;
  /** UI strings from locales/<lang>/*.json. */
  t: TFunction;
  /** Dates, numbers and ICU plurals in this language and the Kyiv time zone. */
  intl: IntlShape<string>;
}

function createLocalizer(lang: LangTag): Localizer {
  const instance = i18next.createInstance();
  // Resources are bundled, so initialisation is synchronous and never touches the network.
  void instance.init({
    lng: lang,
    fallbackLng: false,
    ns: NAMESPACES,
    defaultNS: "site",
    resources: RESOURCES,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return {
    lang,
    t: instance.getFixedT(lang),
    intl: createIntl({ locale: lang, timeZone: TIME_ZONE, defaultLocale: "en" }),
  };
}

// Built once per isolate: they hold only static strings, no request or database state.
const localizers = new Map<LangTag, Localizer>();

export function localizer(lang: LangTag): Localizer {
  let found = localizers.get(lang);
  if (!found) {
    found = createLocalizer(lang);
    localizers.set(lang, found);
  }
  return found;
}
