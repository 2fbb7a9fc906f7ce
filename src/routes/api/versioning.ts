import type { Story } from "../../domain/story";
import { Invalid } from "../../services/errors";
import type { Precondition } from "../../services/newsroom";

/** A strong ETag (RFC 9110 8.8.3) naming the story's version: `"v3"`. */
export function storyEtag(story: Pick<Story, "version">): string {
  return `"v${story.version}"`;
}

/**
 * The version a change is based on: If-Match (already validated as one `"v<n>"` tag) or the
 * body's `version`; null when neither was sent. Both sent and disagreeing is a bad request.
 */
export function preconditionOf(
  ifMatch: string | undefined,
  bodyVersion: number | undefined,
): Precondition | null {
  const headerVersion = ifMatch ? Number(ifMatch.slice(2, -1)) : undefined;
  if (headerVersion !== undefined && bodyVersion !== undefined && headerVersion !== bodyVersion) {
    throw new Invalid("If-Match and version name different versions", [
      { in: "header", path: "/if-match", message: `names version ${headerVersion}` },
      { in: "body", path: "/version", message: `names version ${bodyVersion}` },
    ]);
  }
  if (headerVersion !== undefined) return { version: headerVersion, via: "if-match" };
  if (bodyVersion !== undefined) return { version: bodyVersion, via: "body" };
  return null;
}
