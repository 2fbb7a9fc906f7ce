import { localizer } from "../i18n";
import type { LangTag } from "../i18n/languages";
import { textAsHtml } from "./xml-safety";

/** Text for an HTML attribute value in double quotes. */
function attributeText(text: string): string {
  return textAsHtml(text).replace(/"/g, "&quot;");
}

export interface FigureImage {
  url: string;
  width: number | null;
  height: number | null;
  caption: string | null;
  credit: string | null;
}

/**
 * The hero photo as the first thing in an item's content. Readers drop or tuck away image
 * enclosures (newsboat ignores them, Miniflux lists an attachment), but every one shows the
 * content's HTML, so the photo, its caption and its credit go there as the story page has them.
 */
export function heroFigureHtml(image: FigureImage, alt: string, lang: LangTag): string {
  const { t } = localizer(lang);
  const size = [
    image.width ? ` width="${image.width}"` : "",
    image.height ? ` height="${image.height}"` : "",
  ].join("");
  const caption = [
    image.caption ? textAsHtml(image.caption) : "",
    image.credit
      ? `<small>${textAsHtml(t("feeds:photo.credit", { credit: image.credit }))}</small>`
      : "",
  ]
    .filter((part) => part !== "")
    .join(" ");
  return [
    "<figure>",
    `<img src="${attributeText(image.url)}" alt="${attributeText(alt)}"${size}>`,
    caption ? `<figcaption>${caption}</figcaption>` : "",
    "</figure>",
  ].join("");
}

/** What a feed shows in a withdrawn story's place: no story text, only the editors' word. */
export interface WithdrawalNotice {
  title: string;
  /** The notice as plain text (summaries, summary-only licences). */
  text: string;
  html: string;
}

export function withdrawalNotice(
  title: string,
  withdrawal: { at: string; note: string | null },
  lang: LangTag,
): WithdrawalNotice {
  const { t, intl } = localizer(lang);
  const date = intl.formatDate(withdrawal.at, { dateStyle: "long" });
  const paragraphs = [
    t("feeds:withdrawn.text", { date }),
    ...(withdrawal.note ? [t("feeds:withdrawn.note", { note: withdrawal.note })] : []),
  ];
  return {
    title: t("feeds:withdrawn.title", { title }),
    text: paragraphs.join(" "),
    html: paragraphs.map((p) => `<p>${textAsHtml(p)}</p>`).join(""),
  };
}
