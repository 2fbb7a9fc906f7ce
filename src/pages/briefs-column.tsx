import type { PublishedStory } from "../domain/story";
import type { Localizer } from "../i18n";
import type { Language } from "../i18n/languages";
import { storyPath } from "../urls";
import { Time } from "./time";

/** The "News feed" column: short timestamped briefs, newest first. */
export function BriefsColumn({
  l10n,
  language,
  briefs,
}: {
  l10n: Localizer;
  language: Language;
  briefs: readonly PublishedStory[];
}) {
  const { t } = l10n;
  return (
    <aside class="briefs" aria-labelledby="briefs-heading">
      <h2 id="briefs-heading">{t("home.briefs")}</h2>
      {briefs.length === 0 ? (
        <p class="empty">{t("home.briefsEmpty")}</p>
      ) : (
        <ol>
          {briefs.map((brief) => (
            <li>
              <Time l10n={l10n} at={brief.publishedAt} short />
              <a href={storyPath(language.segment, brief.variant.slug)}>{brief.variant.title}</a>
            </li>
          ))}
        </ol>
      )}
    </aside>
  );
}
