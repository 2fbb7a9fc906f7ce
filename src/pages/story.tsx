import { raw } from "hono/html";
import { readingMinutes } from "../domain/reading-time";
import { type Named, type PublishedStory, photoAlt, photoCredit } from "../domain/story";
import { resolveWebUrl } from "../domain/web-url";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { formatIcu } from "../i18n/messages";
import { authorPath, categoryPath, storyPath } from "../urls";
import { absoluteUrl } from "./head";
import { Layout } from "./layout";
import { storyVersions } from "./paths";
import type { ReaderFrame, SiteContext } from "./site-context";
import { showsStandfirst } from "./standfirst";
import { UnavailableNotes } from "./switcher";
import { Time } from "./time";

export interface StoryProps extends ReaderFrame {
  story: PublishedStory;
}

/** Edits within this long of publication are not worth an "Updated" line. */
const UPDATE_NOTICE_THRESHOLD_MS = 60_000;

/** A story in one language: headline, byline, times, hero image, and the stored body. */
export function StoryPage({ story, ...frame }: StoryProps) {
  const { l10n, language, site } = frame;
  const { t } = l10n;
  const { variant } = story;
  const path = storyPath(language.segment, variant.slug);
  const versions = storyVersions(story.alternates);
  const updated =
    Date.parse(story.updatedAt) - Date.parse(story.publishedAt) > UPDATE_NOTICE_THRESHOLD_MS;
  const imageAlt = photoAlt(variant);
  // A stored URL that is no web URL (an editor's typo) costs the page its photo, nothing more.
  const image = story.image && resolveWebUrl(story.image.url, site.origin) ? story.image : null;
  const credit = image ? photoCredit(image, variant) : null;
  return (
    <Layout
      {...frame}
      meta={{
        title: variant.title,
        description: variant.summary || variant.title,
        canonicalPath: path,
        versions,
        xDefaultPath: versions[site.defaultLanguage.tag] ?? Object.values(versions)[0],
        type: "article",
        ...(image ? { image: { ...image, alt: imageAlt } } : {}),
        article: {
          publishedTime: story.publishedAt,
          modifiedTime: story.updatedAt,
          section: story.category.name,
        },
        jsonLd: newsArticle(l10n, language, site, story, path),
        feeds: [{ kind: "site" }],
      }}
    >
      <article class="story">
        <header class="story-header">
          <a class="kicker" href={categoryPath(language.segment, story.category.slug)}>
            {story.category.name}
          </a>
          <h1>{variant.title}</h1>
          {showsStandfirst(variant.summary, variant.body) ? (
            <p class="standfirst">{variant.summary}</p>
          ) : null}
          <p class="byline">
            <span class="by">
              {formatIcu(l10n, "story.byline", { count: story.authors.length })}{" "}
            </span>
            <AuthorLinks l10n={l10n} language={language} authors={story.authors} />
          </p>
          <p class="story-meta">
            <span>
              {t("story.published")} <Time l10n={l10n} at={story.publishedAt} />
            </span>
            {updated ? (
              <span>
                {t("story.updated")} <Time l10n={l10n} at={story.updatedAt} />
              </span>
            ) : null}
            <span class="read-time">
              {formatIcu(l10n, "story.readTime", { minutes: readingMinutes(variant.body) })}
            </span>
          </p>
          <UnavailableNotes l10n={l10n} language={language} versions={versions} />
        </header>
        {image ? (
          <figure class="hero">
            <img
              src={image.url}
              alt={imageAlt}
              width={image.width ?? undefined}
              height={image.height ?? undefined}
            />
            {variant.imageCaption || credit ? (
              <figcaption>
                {variant.imageCaption}
                {credit ? <span class="credit">{t("story.photoCredit", { credit })}</span> : null}
              </figcaption>
            ) : null}
          </figure>
        ) : null}
        {/* The body was sanitized against an allowlist when it was stored (src/domain/html.ts). */}
        <div class="story-body">{raw(variant.body)}</div>
        <footer class="story-footer">
          <p>
            <span class="label">{t("story.category")}: </span>
            <a href={categoryPath(language.segment, story.category.slug)}>{story.category.name}</a>
          </p>
        </footer>
      </article>
    </Layout>
  );
}

/** "Martin Fornusek and The Kyiv Independent news desk", each name a link to its page. */
function AuthorLinks({
  l10n,
  language,
  authors,
}: {
  l10n: Localizer;
  language: Language;
  authors: readonly Named[];
}) {
  const parts = l10n.intl.formatListToParts(
    authors.map((a) => a.name),
    { type: "conjunction" },
  );
  let next = 0;
  return (
    <>
      {parts.map((part) => {
        if (part.type !== "element") return part.value;
        const author = authors[next++] as Named;
        return (
          <a href={authorPath(language.segment, author.slug)} rel="author">
            {author.name}
          </a>
        );
      })}
    </>
  );
}

/** schema.org NewsArticle, as search engines read it for article rich results. */
function newsArticle(
  l10n: Localizer,
  language: Language,
  site: SiteContext,
  story: PublishedStory,
  path: string,
) {
  return {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: story.variant.title,
    description: story.variant.summary || undefined,
    inLanguage: language.tag,
    datePublished: story.publishedAt,
    dateModified: story.updatedAt,
    mainEntityOfPage: absoluteUrl(site, path),
    url: absoluteUrl(site, path),
    articleSection: story.category.name,
    image: story.image ? [absoluteUrl(site, story.image.url)] : undefined,
    author: story.authors.map((author) => ({
      "@type": "Person",
      name: author.name,
      url: absoluteUrl(site, authorPath(language.segment, author.slug)),
    })),
    publisher: { "@type": "Organization", name: l10n.t("site.name"), url: site.origin },
  };
}
