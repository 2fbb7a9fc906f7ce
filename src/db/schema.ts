import type { Generated, Insertable, Selectable } from "kysely";

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
  story_events: StoryEventTable;
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
}

export interface StoryAuthorTable {
  story_id: string;
  author_id: string;
  position: number;
}

export interface StoryVariantTable {
  story_id: string;
  lang: string;
  slug: string;
  title: string;
  summary: string;
  body: string;
  image_caption: string | null;
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

export type StoryRow = Selectable<StoryTable>;
export type NewStoryRow = Insertable<StoryTable>;
export type VariantRow = Selectable<StoryVariantTable>;
export type NewVariantRow = Insertable<StoryVariantTable>;
