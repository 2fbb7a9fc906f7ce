import { z } from "@hono/zod-openapi";
import type { StoryEventKind } from "../../domain/story-event";
import { PARTNER_EVENT_KINDS } from "../../domain/story-lifecycle";
import {
  NINJS2_SCHEMA,
  NINJS3_SCHEMA,
  type Ninjs2Document,
  type Ninjs3Document,
} from "../../partners/ninjs";
import { LangSchema } from "../api/schemas/common";

// What the partner API sends, for the OpenAPI document: the subset of ninjs 3.1 and 2.2 that
// src/partners/ninjs/v3.ts and v2.ts emit (their interfaces are checked against these below),
// closed like IPTC's own schemas (standards/ninjs-schema_*.json), which stay the authority.

const PubStatusSchema = z.enum(["usable", "withheld", "canceled"]);
const InstantSchema = z.string().openapi({ format: "date-time" });

const AltIdSchema = z.strictObject({ role: z.string(), value: z.string() });
const ConceptSchema = z.strictObject({
  name: z.string(),
  rel: z.string().optional(),
  uri: z.string(),
  literal: z.string(),
});
const size = z.number().int().optional();

const Text3Schema = z.strictObject({
  role: z.string().optional(),
  contentType: z.string().optional(),
  value: z.string(),
});
const Rendition3Schema = z.strictObject({
  name: z.string(),
  href: z.string(),
  contentType: z.string().optional(),
  width: size,
  height: size,
  sizeInBytes: size,
});

export const Ninjs3Schema = z
  .strictObject({
    uri: z.string(),
    standard: z.strictObject({
      name: z.literal("ninjs"),
      version: z.literal("3.1"),
      schema: z.string().openapi({ example: NINJS3_SCHEMA }),
    }),
    type: z.literal("text"),
    profile: z.string(),
    representationType: z.enum(["full", "partial"]),
    version: z.string(),
    firstCreated: InstantSchema,
    versionCreated: InstantSchema,
    embargoedUntil: InstantSchema.optional(),
    pubStatus: PubStatusSchema,
    language: LangSchema,
    headlines: z.array(Text3Schema),
    descriptions: z.array(Text3Schema).optional(),
    bodies: z.array(Text3Schema).optional(),
    renditions: z.array(Rendition3Schema).optional(),
    by: z.string().optional(),
    people: z.array(ConceptSchema).optional(),
    subjects: z.array(ConceptSchema),
    urgency: z.number().int(),
    edNote: z.string().optional(),
    copyrightHolder: z.string(),
    copyrightNotice: z.string(),
    usageTerms: z.string(),
    rightsInfo: z.strictObject({ linkedRights: z.string() }).optional(),
    altIds: z.array(AltIdSchema),
    associations: z
      .array(
        z.discriminatedUnion("type", [
          z.strictObject({
            name: z.string(),
            rel: z.string(),
            uri: z.string(),
            type: z.literal("text"),
            language: LangSchema,
            headlines: z.array(Text3Schema),
            altIds: z.array(AltIdSchema),
          }),
          z.strictObject({
            name: z.string(),
            rel: z.string(),
            uri: z.string(),
            type: z.literal("picture"),
            representationType: z.literal("full"),
            renditions: z.array(Rendition3Schema),
            descriptions: z.array(Text3Schema).optional(),
            by: z.string().optional(),
            copyrightHolder: z.string().optional(),
            usageTerms: z.string().optional(),
          }),
        ]),
      )
      .optional(),
  })
  .openapi("Ninjs31", {
    description: "An IPTC ninjs 3.1 document (http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json)",
  });

const Text2Schema = z.strictObject({
  role: z.string().optional(),
  contenttype: z.string().optional(),
  value: z.string(),
});
const Rendition2Schema = z.strictObject({
  name: z.string(),
  href: z.string(),
  contenttype: z.string().optional(),
  width: size,
  height: size,
  sizeinbytes: size,
});

export const Ninjs2Schema = z
  .strictObject({
    uri: z.string(),
    standard: z.strictObject({
      name: z.literal("ninjs"),
      version: z.literal("2.2"),
      schema: z.string().openapi({ example: NINJS2_SCHEMA }),
    }),
    type: z.literal("text"),
    profile: z.string(),
    representationtype: z.enum(["full", "partial"]),
    version: z.string(),
    firstcreated: InstantSchema,
    versioncreated: InstantSchema,
    embargoed: InstantSchema.optional(),
    pubstatus: PubStatusSchema,
    language: LangSchema,
    headlines: z.array(Text2Schema),
    descriptions: z.array(Text2Schema).optional(),
    bodies: z.array(Text2Schema).optional(),
    renditions: z.array(Rendition2Schema).optional(),
    by: z.string().optional(),
    people: z.array(ConceptSchema).optional(),
    subjects: z.array(ConceptSchema),
    urgency: z.number().int(),
    ednote: z.string().optional(),
    copyrightholder: z.string(),
    copyrightnotice: z.string(),
    usageterms: z.string(),
    rightsinfo: z.strictObject({ linkedrights: z.string() }).optional(),
    altids: z.array(AltIdSchema),
    associations: z
      .array(
        z.discriminatedUnion("type", [
          z.strictObject({
            name: z.string(),
            uri: z.string(),
            type: z.literal("text"),
            language: LangSchema,
            headlines: z.array(Text2Schema),
            altids: z.array(AltIdSchema),
          }),
          z.strictObject({
            name: z.string(),
            uri: z.string(),
            type: z.literal("picture"),
            representationtype: z.literal("full"),
            renditions: z.array(Rendition2Schema),
            descriptions: z.array(Text2Schema).optional(),
            by: z.string().optional(),
            copyrightholder: z.string().optional(),
            usageterms: z.string().optional(),
          }),
        ]),
      )
      .optional(),
  })
  .openapi("Ninjs22", {
    description: "An IPTC ninjs 2.2 document (http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json)",
  });

/** A NewsML-G2 newsItem, as XML text (inside JSON: the sync page, a webhook's `data`). */
export const NewsMLG2TextSchema = z
  .string()
  .openapi("NewsMLG2", { description: "an IPTC NewsML-G2 2.35 newsItem, XML" });

const SyncEventSchema = z
  .object({
    id: z.number().int().nullable().openapi({ description: "null for a back-catalogue snapshot" }),
    kind: z.enum([...PARTNER_EVENT_KINDS, "snapshot"] as [StoryEventKind | "snapshot"]),
    storyId: z.string().nullable(),
    lang: LangSchema,
    version: z.number().int().nullable(),
    occurredAt: InstantSchema,
  })
  .openapi("SyncEvent");

export const SyncPageSchema = z
  .object({
    items: z.array(
      z.union([
        z.object({ event: SyncEventSchema, ninjs: z.union([Ninjs3Schema, Ninjs2Schema]) }),
        z.object({ event: SyncEventSchema, newsmlG2: NewsMLG2TextSchema }),
      ]),
    ),
    next: z.string().openapi({ description: "send as `since` for the next page, or to poll" }),
    hasMore: z.boolean(),
  })
  .openapi("SyncPage");

// Compile-time: each renderer's document fits its schema, and the schema names no field the
// renderer lacks, so the published contract cannot drift from what is sent.
type Fits<Doc, Schema extends z.ZodType> =
  Doc extends z.infer<Schema> ? (keyof z.infer<Schema> extends keyof Doc ? true : false) : false;
const ninjs3Fits: Fits<Ninjs3Document, typeof Ninjs3Schema> = true;
const ninjs2Fits: Fits<Ninjs2Document, typeof Ninjs2Schema> = true;
void [ninjs3Fits, ninjs2Fits];
