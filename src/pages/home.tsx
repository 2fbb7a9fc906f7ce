import type { PublishedStory } from "../domain/story";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { Layout } from "./layout";

export interface HomeProps {
  l10n: Localizer;
  language: Language;
  stories: PublishedStory[];
}

/** A language's front page: its latest published stories, newest first. */
export function HomePage({ l10n, language, stories }: HomeProps) {
  const { t, intl } = l10n;
  return (
    <Layout l10n={l10n} language={language} title={t("home.title")}>
      <h1>{t("home.title")}</h1>
      {stories.length === 0 ? (
        <p>{t("home.empty")}</p>
      ) : (
        <ol class="story-list">
          {stories.map((story) => (
            <li>
              <a href={`/${language.segment}/news/${story.variant.slug}`}>{story.variant.title}</a>
              <time datetime={story.publishedAt}>
                {intl.formatDate(story.publishedAt, { dateStyle: "long", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}
