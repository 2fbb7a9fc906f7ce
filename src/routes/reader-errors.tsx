import type { ErrorHandler } from "hono";
import type { AppEnv } from "../env";
import { ServiceError } from "../services/errors";
import { errorPage, onError } from "./errors";

/** Readers get a page in their language for a bad link, a missing page or a withdrawn story. */
export const onReaderError: ErrorHandler<AppEnv> = (error, c) => {
  if (error instanceof ServiceError && [400, 404, 410].includes(error.status)) {
    return errorPage(c, error.status as 400 | 404 | 410);
  }
  return onError(error, c);
};
