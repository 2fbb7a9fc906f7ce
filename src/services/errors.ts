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

export class Gone extends ServiceError {
  constructor(detail?: string) {
    super(410, "Gone", detail);
  }
}

export class Conflict extends ServiceError {
  constructor(detail?: string) {
    super(409, "Conflict", detail);
  }
}

/** A field that failed validation: its JSON path and why. */
export interface InvalidField {
  path: string;
  message: string;
}

export class Invalid extends ServiceError {
  constructor(
    detail: string,
    readonly fields: InvalidField[] = [],
  ) {
    super(400, "Bad Request", detail);
  }
}
