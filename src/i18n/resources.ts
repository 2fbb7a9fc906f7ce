import { LANGUAGES, type LangTag } from "./languages";

type Messages = (typeof LANGUAGES)[number]["messages"];

/** Every locale namespace, bundled into the Worker (there is no file system at run time). */
export const RESOURCES = Object.fromEntries(LANGUAGES.map((l) => [l.tag, l.messages])) as Record<
  LangTag,
  Messages
>;

export type Namespace = keyof Messages;
export const NAMESPACES = Object.keys(RESOURCES.en) as Namespace[];
