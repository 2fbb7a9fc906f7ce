import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { homePath } from "../urls";
import { Layout } from "./layout";
import { everyLanguage } from "./paths";
import type { SiteContext } from "./site-context";

/** The reader-facing errors, by the locale keys that name and explain them. */
export type ReaderProblem = "badRequest" | "notFound" | "gone";

/** Every reader-facing error page: a heading, a sentence, a way home, in the reader's language. */
export function ErrorPage({
  l10n,
  language,
  site,
  problem,
}: {
  l10n: Localizer;
  language: Language;
  site: SiteContext;
  problem: ReaderProblem;
}) {
  const title = l10n.t(`errors.${problem}Title`);
  const text = l10n.t(`errors.${problem}Text`);
  return (
    <Layout
      l10n={l10n}
      language={language}
      site={site}
      meta={{
        title,
        description: text,
        // The switcher offers the other languages' front pages; nothing here is canonical.
        versions: everyLanguage(homePath),
        type: "website",
        noindex: true,
      }}
    >
      <section class="error-page">
        <h1>{title}</h1>
        <p>{text}</p>
        <p>
          <a href={homePath(language.segment)}>{l10n.t("errors.backHome")}</a>
        </p>
      </section>
    </Layout>
  );
}
