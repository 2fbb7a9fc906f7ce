import type { PublishedStory } from "../domain/story";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { bodyPlainText } from "../search/plain-text";
import type { SearchQuery } from "../search/query";
import { highlight, snippet, type TextPiece } from "../search/snippet";
import type { SearchPage as Results } from "../services/search";
import { categoryPath, storyPath } from "../urls";
import { Layout } from "./layout";
import { Pager } from "./pager";
import { everyLanguage, searchPath } from "./paths";
import type { ReaderFrame } from "./site-context";
import { Time } from "./time";

export interface SearchPageProps extends ReaderFrame {
  results: Results;
  isFirstPage: boolean;
}

/**
 * A language's search results, newest first: headline, category, date and a snippet with the
 * query's words marked. Never indexed (result pages are endless and say nothing new).
 */
export function SearchPage({ results, isFirstPage, ...frame }: SearchPageProps) {
  const { l10n, language } = frame;
  const { t } = l10n;
  const { query, stories, next } = results;
  const heading =
    query.text === "" ? t("search.heading") : t("search.resultsFor", { query: query.text });
  return (
    <Layout
      {...frame}
      searchQuery={query.text}
      meta={{
        title: heading,
        description: t("search.description"),
        // The switcher runs the same query in the other languages.
        versions: everyLanguage((segment) => searchPath(segment, query.text)),
        type: "website",
        noindex: true,
      }}
    >
      <section class="search-page">
        <h1>{heading}</h1>
        {stories.length === 0 ? (
          <p class="empty">{query.stems.length === 0 ? t("search.prompt") : t("search.empty")}</p>
        ) : (
          <ol class="story-list search-results">
            {stories.map((story) => (
              <li>
                <SearchResult l10n={l10n} language={language} story={story} query={query} />
              </li>
            ))}
          </ol>
        )}
        <Pager
          l10n={l10n}
          path={searchPath(language.segment, query.text)}
          next={next}
          isFirstPage={isFirstPage}
        />
      </section>
    </Layout>
  );
}

function SearchResult({
  l10n,
  language,
  story,
  query,
}: {
  l10n: Localizer;
  language: Language;
  story: PublishedStory;
  query: SearchQuery;
}) {
  const { variant } = story;
  const text = [variant.summary, bodyPlainText(variant.body)].filter(Boolean).join(" ");
  return (
    <article class="story-card">
      <a class="kicker" href={categoryPath(language.segment, story.category.slug)}>
        {story.category.name}
      </a>
      <h2 class="story-card-title">
        <a href={storyPath(language.segment, variant.slug)}>
          <Marked pieces={highlight(variant.lang, variant.title, query)} />
        </a>
      </h2>
      <p class="story-card-summary">
        <Marked pieces={snippet(variant.lang, text, query)} />
      </p>
      <Time l10n={l10n} at={story.publishedAt} />
    </article>
  );
}

/** Text pieces as escaped text, the matched words in <mark>: JSX escapes every piece. */
function Marked({ pieces }: { pieces: readonly TextPiece[] }) {
  return <>{pieces.map((p) => (p.marked ? <mark>{p.text}</mark> : p.text))}</>;
}
