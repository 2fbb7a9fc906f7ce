/**
 * Typed failures a service can report. One handler (src/routes/errors.ts) turns each into the
 * response its surface speaks: problem+json for APIs, a localized page for readers.
 */
export class ServiceError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    detail?: string,
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class NotFound extends ServiceError {
  constructor(detail?: string) {
    super(404, "Not Found", detail);
  }
}

/** Authenticated, but asking for something outside what the caller may have (RFC 9110 15.5.4). */
export class Forbidden extends ServiceError {
  constructor(
    detail: string,
    /** Extra members for the problem document: what was asked and what is allowed. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(403, "Forbidden", detail);
  }
}

export class Gone extends ServiceError {
  constructor(detail?: string) {
    super(410, "Gone", detail);
  }
}

export class Conflict extends ServiceError {
  constructor(
    detail?: string,
    /** Extra members for the problem document, e.g. the story that holds a slug. */
    readonly extensions: Record<string, unknown> = {},
    /** The fields whose values are taken, when the request named them. */
    readonly fields: InvalidField[] = [],
  ) {
    super(409, "Conflict", detail);
  }
}

/** RFC 9110 15.5.13: the If-Match validator no longer matches the stored version. */
export class PreconditionFailed extends ServiceError {
  constructor(
    detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(412, "Precondition Failed", detail);
  }
}

/** RFC 6585 3: an update must say which version it was based on. */
export class PreconditionRequired extends ServiceError {
  constructor(detail?: string) {
    super(428, "Precondition Required", detail);
  }
}

/** A field that failed validation: its JSON path and why. */
export interface InvalidField {
  /** A JSON Pointer (RFC 6901) into the part of the request named by `in`. */
  path: string;
  message: string;
  /** Which part of the request; the body when absent. */
  in?: "body" | "query" | "path" | "header";
}

export class Invalid extends ServiceError {
  constructor(
    detail: string,
    readonly fields: InvalidField[] = [],
  ) {
    super(400, "Bad Request", detail);
  }
}

/** Well-formed, but naming things that do not exist (an unknown author or category). */
export class Unprocessable extends ServiceError {
  constructor(
    detail: string,
    readonly fields: InvalidField[] = [],
  ) {
    super(422, "Unprocessable Content", detail);
  }
}
