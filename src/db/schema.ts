import type { Generated, GeneratedAlways, Insertable, Selectable } from "kysely";
import type { PullRoute } from "../domain/partner-usage";

/** The D1 database as Kysely sees it; mirrors migrations/. */
export interface Database {
  categories: CategoryTable;
  category_names: CategoryNameTable;
  authors: AuthorTable;
  author_names: AuthorNameTable;
  stories: StoryTable;
  story_authors: StoryAuthorTable;
  story_variants: StoryVariantTable;
  import_epoch: ImportEpochTable;
  cache_scopes: CacheScopeTable;
  story_events: StoryEventTable;
  partners: PartnerTable;
  webhook_deliveries: WebhookDeliveryTable;
  publication_watermark: PublicationWatermarkTable;
  admin_auth_failures: AdminAuthFailureTable;
  webhook_outbox: WebhookOutboxTable;
  webhook_messages: WebhookMessageTable;
  partner_story_ledger: PartnerStoryLedgerTable;
  partner_pulls: PartnerPullTable;
  removed_variants: RemovedVariantTable;
  sitemap_months: SitemapMonthTable;
  body_garbage: BodyGarbageTable;
  search_documents: SearchDocumentTable;
  story_search: StorySearchTable;
  search_terms: SearchTermTable;
}

/** Every term the search index holds, for prefix expansion (migrations/0064). */
export interface SearchTermTable {
  term: string;
}

/** Which (story, language) an FTS row of story_search indexes; its id is that row's rowid. */
export interface SearchDocumentTable {
  id: Generated<number>;
  story_id: string;
  lang: string;
}

/**
 * The FTS5 table: stemmed words, not the text readers see (migrations/0030). Contentless since
 * 0050: written and matched, but its title and body read back as null.
 */
export interface StorySearchTable {
  rowid: number;
  title: string;
  body: string;
}

/** Per month of publication: what the sitemap index reads instead of the archive (0040). */
export interface SitemapMonthTable {
  month: string;
  published_count: number;
  changed_at: string;
}

/** R2 objects no variant points at since `superseded_at`, swept a day later (0057). */
export interface BodyGarbageTable {
  key: string;
  superseded_at: string;
}

export interface RemovedVariantTable {
  story_id: string;
  lang: string;
  slug: string;
  title: string;
  created_at: string;
  removed_at: string;
}

export interface PartnerPullTable {
  partner_id: string;
  day: string;
  route: PullRoute;
  count: number;
}

export interface AdminAuthFailureTable {
  client: string;
  window_start: number;
  failures: number;
}

/** One edge-cache scope's generation: see migrations/0045 and src/domain/cache-scopes.ts. */
export interface CacheScopeTable {
  scope: string;
  generation: number;
  changed_at: string;
}

export interface ImportEpochTable {
  id: number;
  epoch: number;
}

export interface CategoryTable {
  id: string;
  slug: string;
  created_at: string;
  updated_at: string;
}

export interface CategoryNameTable {
  category_id: string;
  lang: string;
  name: string;
}

export interface AuthorTable {
  id: string;
  slug: string;
  created_at: string;
  updated_at: string;
}

export interface AuthorNameTable {
  author_id: string;
  lang: string;
  name: string;
}

export interface StoryTable {
  id: string;
  kind: "article" | "brief";
  category_id: string;
  status: "draft" | "published" | "withdrawn";
  published_at: string | null;
  created_at: string;
  updated_at: string;
  version: number;
  image_url: string | null;
  image_type: string | null;
  image_length: number | null;
  image_width: number | null;
  image_height: number | null;
  image_credit: string | null;
  /** The photo's own rights (migrations/0009); null: the newsroom's. */
  image_copyright_holder: Generated<string | null>;
  image_usage_terms: Generated<string | null>;
  /** Set while status is withdrawn: when, and the editors' note (migrations/0005). */
  withdrawn_at: Generated<string | null>;
  withdrawal_note: Generated<string | null>;
  /** 1 for published and withdrawn stories: what feeds list (generated column). */
  in_feeds: GeneratedAlways<number>;
  /** 1..9 as the editors set it; null: by kind (migrations/0006). */
  urgency: Generated<number | null>;
  /** The note that came with the latest correction. */
  correction_note: Generated<string | null>;
  /** Set for an embargoed story: when partners got it (migrations/0008). */
  partner_release_at: Generated<string | null>;
}

export interface StoryAuthorTable {
  story_id: string;
  author_id: string;
  position: number;
  /** The story's publication time, kept by triggers (migrations/0056) for author listings. */
  published_at: Generated<string | null>;
}

export interface StoryVariantTable {
  story_id: string;
  lang: string;
  slug: string;
  title: string;
  summary: string;
  /** '' once the body lives in R2 (migrations/0057, src/db/bodies.ts). */
  body: string;
  /** The R2 object holding the body; null while it is still inline. */
  body_key: Generated<string | null>;
  image_caption: string | null;
  /** This language's photo credit and alt text (migrations/0035); null: the story's credit. */
  image_credit: Generated<string | null>;
  image_alt: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

/** Append-only: one row per affected language for every public-facing write (0002_story_events). */
export interface StoryEventTable {
  id: Generated<number>;
  story_id: string | null;
  taxon_id: string | null;
  lang: string;
  kind: string;
  version: number | null;
  occurred_at: string;
}

/** A partner outlet (0003_partners); languages and categories are JSON arrays. */
export interface PartnerTable {
  id: string;
  name: string;
  languages: string;
  /** NULL: every category. */
  categories: string | null;
  licence: "full-text" | "summary";
  webhook_url: string | null;
  webhook_secret: string;
  key_hash: string;
  key_prefix: string;
  status: "active" | "revoked";
  created_at: string;
  updated_at: string;
  last_used_at: string | null;
  /** The key before the last rotation, working until previous_key_until (migrations/0021). */
  previous_key_hash: string | null;
  previous_key_until: string | null;
  previous_webhook_secret: string | null;
  previous_secret_until: string | null;
  /** migrations/0022: the partner's webhook subscription. */
  webhook_events: string | null;
  webhook_categories: string | null;
  webhook_format: string;
}

/** One step of a webhook delivery: queued, one attempt, or given up. */
export interface WebhookDeliveryTable {
  id: Generated<number>;
  partner_id: string;
  webhook_id: string;
  event_id: number;
  story_id: string;
  lang: string;
  event_type: "story.published" | "story.updated" | "story.withdrawn";
  attempt: number;
  status: "pending" | "delivered" | "failed" | "dead";
  response_code: number | null;
  error: string | null;
  attempted_at: string;
  next_attempt_at: string | null;
  version: number | null;
}

export interface PublicationWatermarkTable {
  id: number;
  surfaced_through: string;
}

export interface WebhookOutboxTable {
  id: number;
  announced_through: number;
  origin: string | null;
}

export interface WebhookMessageTable {
  webhook_id: string;
  partner_id: string;
  event_id: number;
  story_id: string;
  lang: string;
  event_type: "story.published" | "story.updated" | "story.withdrawn";
  version: number;
  occurred_at: string;
  origin: string;
  state: "pending" | "delivered" | "superseded" | "dropped" | "dead";
  attempts: Generated<number>;
  enqueued_at: string | null;
  due_at: string;
  created_at: string;
  settled_at: string | null;
}

export interface PartnerStoryLedgerTable {
  partner_id: string;
  story_id: string;
  lang: string;
  version: number;
  via: "webhook" | "sync" | "get";
  received_at: string;
}

export type PartnerRow = Selectable<PartnerTable>;
export type StoryRow = Selectable<StoryTable>;
export type NewStoryRow = Insertable<StoryTable>;
export type VariantRow = Selectable<StoryVariantTable>;
export type NewVariantRow = Insertable<StoryVariantTable>;
