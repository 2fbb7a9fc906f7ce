import type { Insertable, Selectable } from "kysely";

/** The D1 database as Kysely sees it; mirrors migrations/. */
export interface Database {
  categories: CategoryTable;
  category_names: CategoryNameTable;
  authors: AuthorTable;
  author_names: AuthorNameTable;
  stories: StoryTable;
  story_authors: StoryAuthorTable;
  story_variants: StoryVariantTable;
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

export type StoryRow = Selectable<StoryTable>;
export type NewStoryRow = Insertable<StoryTable>;
export type VariantRow = Selectable<StoryVariantTable>;
export type NewVariantRow = Insertable<StoryVariantTable>;
