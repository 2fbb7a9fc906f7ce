import { homePath } from "../urls";
import { Layout } from "./layout";
import { everyLanguage } from "./paths";
import type { ReaderFrame } from "./site-context";

/** The reader-facing errors, by the locale keys that name and explain them. */
export type ReaderProblem = "badRequest" | "notFound" | "gone" | "failed";

/** Every reader-facing error page: a heading, a sentence, a way home, in the reader's language. */
export function ErrorPage({ problem, ...frame }: ReaderFrame & { problem: ReaderProblem }) {
  const { l10n, language } = frame;
  const title = l10n.t(`errors.${problem}Title`);
  const text = l10n.t(`errors.${problem}Text`);
  return (
    <Layout
      {...frame}
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
