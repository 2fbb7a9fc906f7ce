import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readerSecurityHeaders } from "../middleware/security";
import { LANG } from "./context";
import {
  chooseLanguage,
  redirectToHomeWithSlash,
  redirectToReadersLanguage,
  redirectUkToUa,
} from "./negotiation";
import { onReaderError } from "./reader-errors";
import {
  showAuthor,
  showCategory,
  showHome,
  showOpenSearch,
  showSearch,
  showStory,
} from "./reader-pages";

/** Reader-facing pages. */
export const site = new Hono<AppEnv>();

site.use(readerSecurityHeaders);

// Language negotiation: only `/` follows the reader's preferences; every other URL names its own.
site.get("/", redirectToReadersLanguage);
site.get(`/lang/${LANG}`, chooseLanguage);
site.get("/uk", redirectUkToUa);
site.get("/uk/*", redirectUkToUa);
site.get(`/${LANG}`, redirectToHomeWithSlash);

site.get(`/${LANG}/`, showHome);
site.get(`/${LANG}/news/:slug`, showStory);
site.get(`/${LANG}/category/:slug`, showCategory);
site.get(`/${LANG}/author/:slug`, showAuthor);
site.get(`/${LANG}/search`, showSearch);
site.get(`/${LANG}/opensearch.xml`, showOpenSearch);

site.onError(onReaderError);
