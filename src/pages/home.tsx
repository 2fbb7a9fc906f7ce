import type { Cursor, PublishedStory } from "../domain/story";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { homePath } from "../urls";
import { BriefsColumn } from "./briefs-column";
import { Layout } from "./layout";
import { Pager } from "./pager";
import { everyLanguage } from "./paths";
import type { SiteContext } from "./site-context";
import { StoryList } from "./story-card";

export interface HomeProps {
  l10n: Localizer;
  language: Language;
  site: SiteContext;
  stories: PublishedStory[];
  briefs: PublishedStory[];
  /** Where the next (older) page starts; null on the last page. */
  next: Cursor | null;
  isFirstPage: boolean;
}

/** A language's front page: its latest articles, with the news feed of briefs beside them. */
export function HomePage({ l10n, language, site, stories, briefs, next, isFirstPage }: HomeProps) {
  const { t } = l10n;
  const path = homePath(language.segment);
  return (
    <Layout
      l10n={l10n}
      language={language}
      site={site}
      meta={{
        title: t("home.title"),
        description: t("site.description"),
        canonicalPath: path,
        versions: everyLanguage(homePath),
        // `/` sends each reader to their own language (RFC 9110 12.5.4 Accept-Language).
        xDefaultPath: "/",
        type: "website",
        // The front page shows the articles and, beside them, the briefs: both have feeds.
        feeds: [{ kind: "site" }, { kind: "briefs" }],
        noindex: !isFirstPage,
      }}
    >
      <div class="front">
        <section class="front-main" aria-labelledby="front-heading">
          <h1 id="front-heading">{t("home.title")}</h1>
          <StoryList l10n={l10n} language={language} stories={stories} empty={t("home.empty")} />
          <Pager l10n={l10n} path={path} next={next} isFirstPage={isFirstPage} />
        </section>
        <BriefsColumn l10n={l10n} language={language} briefs={briefs} />
      </div>
    </Layout>
  );
}
