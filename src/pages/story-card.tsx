import type { PublishedStory } from "../domain/story";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { categoryPath, storyPath } from "../urls";
import { Time } from "./time";

/** One story in a list: category, headline, summary and publication time. */
export function StoryCard({
  l10n,
  language,
  story,
  showCategory = true,
}: {
  l10n: Localizer;
  language: Language;
  story: PublishedStory;
  showCategory?: boolean;
}) {
  return (
    <article class="story-card">
      {showCategory ? (
        <a class="kicker" href={categoryPath(language.segment, story.category.slug)}>
          {story.category.name}
        </a>
      ) : null}
      <h2 class="story-card-title">
        <a href={storyPath(language.segment, story.variant.slug)}>{story.variant.title}</a>
      </h2>
      {story.variant.summary ? <p class="story-card-summary">{story.variant.summary}</p> : null}
      <Time l10n={l10n} at={story.publishedAt} />
    </article>
  );
}

/** A list of story cards, or the page's "nothing here yet" sentence. */
export function StoryList({
  l10n,
  language,
  stories,
  empty,
  showCategory,
}: {
  l10n: Localizer;
  language: Language;
  stories: readonly PublishedStory[];
  empty: string;
  showCategory?: boolean;
}) {
  if (stories.length === 0) return <p class="empty">{empty}</p>;
  return (
    <ol class="story-list">
      {stories.map((story) => (
        <li>
          <StoryCard
            l10n={l10n}
            language={language}
            story={story}
            showCategory={showCategory ?? true}
          />
        </li>
      ))}
    </ol>
  );
}
