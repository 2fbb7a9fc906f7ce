/** A JSON Pointer (RFC 6901) to a field: `~` and `/` inside a segment are escaped (RFC 6901 3). */
export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, "~0").replace(/\//g, "~1")}`).join("");
}
