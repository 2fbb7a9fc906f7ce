import type { Cursor, PublishedStory } from "../domain/story";
import { homePath } from "../urls";
import { BriefsColumn } from "./briefs-column";
import { Layout } from "./layout";
import { Pager } from "./pager";
import { everyLanguage } from "./paths";
import type { ReaderFrame } from "./site-context";
import { StoryList } from "./story-card";

export interface HomeProps extends ReaderFrame {
  stories: PublishedStory[];
  briefs: PublishedStory[];
  /** Where the next (older) page starts; null on the last page. */
  next: Cursor | null;
  isFirstPage: boolean;
}

/** A language's front page: its latest articles, with the news feed of briefs beside them. */
export function HomePage({ stories, briefs, next, isFirstPage, ...frame }: HomeProps) {
  const { l10n, language } = frame;
  const { t } = l10n;
  const path = homePath(language.segment);
  return (
    <Layout
      {...frame}
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
