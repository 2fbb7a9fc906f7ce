/**
 * The newsroom's sections as IPTC Media Topics (https://cv.iptc.org/newscodes/mediatopic/,
 * CC BY 4.0), so a partner's ingest can file a story without learning our section names. One
 * table, keyed by category slug; a section that is a place rather than a subject ("ukraine")
 * has no topic of its own and is left out rather than mapped to a guess.
 */
const MEDIA_TOPICS: Readonly<Record<string, { code: string; name: string }>> = {
  world: { code: "20000638", name: "international relations" },
  politics: { code: "11000000", name: "politics" },
  economy: { code: "04000000", name: "economy, business and finance" },
  culture: { code: "01000000", name: "arts, culture, entertainment and media" },
  technology: { code: "13000000", name: "science and technology" },
};

const SCHEME = "http://cv.iptc.org/newscodes/mediatopic/";

export interface MediaTopic {
  /** The IPTC name, in English (the vocabulary's labels in other languages are not kept). */
  name: string;
  uri: string;
  /** The NewsML-G2 QCode, e.g. medtop:11000000. */
  qcode: string;
}

export function mediaTopicOf(categorySlug: string): MediaTopic | null {
  const topic = MEDIA_TOPICS[categorySlug];
  if (!topic) return null;
  return { name: topic.name, uri: `${SCHEME}${topic.code}`, qcode: `medtop:${topic.code}` };
}
