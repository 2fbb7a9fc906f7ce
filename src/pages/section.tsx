import type { Cursor, Named, PublishedStory } from "../domain/story";
import type { FeedScope } from "../feeds/page";
import { authorPath, categoryPath } from "../urls";
import { Layout } from "./layout";
import { Pager } from "./pager";
import { everyLanguage } from "./paths";
import type { ReaderFrame } from "./site-context";
import { StoryList } from "./story-card";

export interface SectionProps extends ReaderFrame {
  section: Named;
  stories: PublishedStory[];
  next: Cursor | null;
  isFirstPage: boolean;
}

/** One category's stories, newest first, with the category's own feeds in the head. */
export function CategoryPage(props: SectionProps) {
  const { t } = props.l10n;
  const { segment } = props.language;
  return (
    <SectionLayout
      {...props}
      path={categoryPath(segment, props.section.slug)}
      versions={everyLanguage((s) => categoryPath(s, props.section.slug))}
      heading={t("category.heading", { name: props.section.name })}
      description={t("category.description", { name: props.section.name })}
      empty={t("category.empty")}
      feeds={[{ kind: "category", category: props.section }]}
      showCategory={false}
    />
  );
}

/** One author's stories, newest first, with the author's own feeds in the head. */
export function AuthorPage(props: SectionProps) {
  const { t } = props.l10n;
  const { segment } = props.language;
  return (
    <SectionLayout
      {...props}
      path={authorPath(segment, props.section.slug)}
      versions={everyLanguage((s) => authorPath(s, props.section.slug))}
      heading={t("author.heading", { name: props.section.name })}
      description={t("author.description", { name: props.section.name })}
      empty={t("author.empty")}
      feeds={[{ kind: "author", author: props.section }]}
      showCategory={true}
    />
  );
}

function SectionLayout({
  section: _section,
  stories,
  next,
  isFirstPage,
  path,
  versions,
  heading,
  description,
  empty,
  feeds,
  showCategory,
  ...frame
}: SectionProps & {
  path: string;
  versions: Record<string, string>;
  heading: string;
  description: string;
  empty: string;
  feeds: FeedScope[];
  showCategory: boolean;
}) {
  const { l10n, language, site } = frame;
  return (
    <Layout
      {...frame}
      meta={{
        title: heading,
        description,
        canonicalPath: path,
        versions,
        xDefaultPath: versions[site.defaultLanguage.tag],
        type: "website",
        feeds,
        noindex: !isFirstPage,
      }}
    >
      <section class="section-page">
        <h1>{heading}</h1>
        <p class="section-description">{description}</p>
        <StoryList
          l10n={l10n}
          language={language}
          stories={stories}
          empty={empty}
          showCategory={showCategory}
        />
        <Pager l10n={l10n} path={path} next={next} isFirstPage={isFirstPage} />
      </section>
    </Layout>
  );
}
