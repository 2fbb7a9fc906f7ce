import { createRoute, OpenAPIHono, type z } from "@hono/zod-openapi";
import type { AppEnv } from "../../env";
import {
  addVariant,
  createStory,
  getStoryForEditing,
  listStoriesPage,
  publishStory,
  removeVariant,
  restoreStory,
  updateStory,
  updateVariant,
  withdrawStory,
} from "../../services/newsroom";
import { problems, storyJson, storyResponse, storyWritten } from "./responses";
import { IfMatchHeaderSchema } from "./schemas/common";
import { StoryListSchema } from "./schemas/story";
import {
  heroImage,
  PublishSchema,
  StoryCreateSchema,
  StoryIdParamSchema,
  StoryListQuerySchema,
  StoryPatchSchema,
  VariantAddSchema,
  VariantParamSchema,
  VariantPatchSchema,
  VersionOnlySchema,
  WithdrawSchema,
} from "./schemas/story-input";
import { preconditionOf } from "./versioning";

/** Stories and their language variants, as editors write them. */
export const stories = new OpenAPIHono<AppEnv>();

const security = [{ bearer: [] }];
const json = <T>(schema: T, required = true) => ({
  content: { "application/json": { schema } },
  required,
});
/** Problems every change to an existing story can answer. */
const CHANGE_PROBLEMS = [400, 401, 404, 409, 412, 413, 415, 428] as const;

/**
 * A change to an existing story with a JSON body: it names the version it is based on
 * (If-Match, or `version` in the body) and answers the story as it now is.
 */
function changeRoute<Params extends z.ZodObject, Body extends z.ZodType>(spec: {
  method: "post" | "patch";
  path: string;
  summary: string;
  params: Params;
  body: Body;
  bodyRequired?: boolean;
  answer: string;
  alsoProblems?: readonly number[];
}) {
  return createRoute({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    security,
    request: {
      params: spec.params,
      headers: IfMatchHeaderSchema,
      body: json(spec.body, spec.bodyRequired ?? true),
    },
    responses: {
      200: storyResponse(spec.answer),
      ...problems(...CHANGE_PROBLEMS, ...(spec.alsoProblems ?? [])),
    },
  });
}

const listRoute = createRoute({
  method: "get",
  path: "/stories",
  summary: "List stories of every status, newest created first",
  security,
  request: { query: StoryListQuerySchema },
  responses: {
    200: {
      description: "one page; pass nextCursor as cursor for the next",
      content: { "application/json": { schema: StoryListSchema } },
    },
    ...problems(400, 401),
  },
});

stories.openapi(listRoute, async (c) => {
  const q = c.req.valid("query");
  const page = await listStoriesPage(c.var.db, {
    limit: q.limit,
    ...(q.status && { status: q.status }),
    ...(q.lang && { lang: q.lang }),
    ...(q.category && { categoryId: q.category }),
    ...(q.cursor !== undefined && { cursor: q.cursor }),
  });
  return c.json(page, 200);
});

const createRouteDef = createRoute({
  method: "post",
  path: "/stories",
  summary: "Create a draft story with any of its language variants",
  security,
  request: { body: json(StoryCreateSchema) },
  responses: {
    201: storyResponse("created, as a draft"),
    ...problems(400, 401, 409, 413, 415, 422),
  },
});

stories.openapi(createRouteDef, async (c) => {
  const body = c.req.valid("json");
  const write = await createStory(
    c.var.db,
    { ...body, image: heroImage(body.image) ?? null },
    new Date(),
  );
  c.header("Location", `/api/v1/stories/${encodeURIComponent(write.story.id)}`);
  return storyWritten(c, write, 201);
});

const getRoute = createRoute({
  method: "get",
  path: "/stories/{id}",
  summary: "Read a story with every variant; its ETag is the version to send back",
  security,
  request: { params: StoryIdParamSchema },
  responses: { 200: storyResponse("the story"), ...problems(401, 404) },
});

stories.openapi(getRoute, async (c) => {
  const story = await getStoryForEditing(c.var.db, c.req.valid("param").id);
  return storyJson(c, { story }, 200);
});

const updateRoute = changeRoute({
  method: "patch",
  path: "/stories/{id}",
  summary: "Correct a story: metadata and variants to add or replace (needs If-Match or version)",
  params: StoryIdParamSchema,
  body: StoryPatchSchema,
  answer: "the corrected story",
  alsoProblems: [422],
});

stories.openapi(updateRoute, async (c) => {
  const { version, image, ...patch } = c.req.valid("json");
  const write = await updateStory(
    c.var.db,
    c.req.valid("param").id,
    preconditionOf(c.req.valid("header")["if-match"], version),
    { ...patch, ...(image !== undefined && { image: heroImage(image) ?? null }) },
    new Date(),
  );
  return storyWritten(c, write, 200);
});

const publishRoute = changeRoute({
  method: "post",
  path: "/stories/{id}/publish",
  summary: "Publish a draft now or at a time (a future time schedules it)",
  params: StoryIdParamSchema,
  body: PublishSchema,
  bodyRequired: false,
  answer: "published or scheduled",
});

stories.openapi(publishRoute, async (c) => {
  const { version, at, embargo } = c.req.valid("json");
  const write = await publishStory(
    c.var.db,
    c.req.valid("param").id,
    preconditionOf(c.req.valid("header")["if-match"], version),
    at === undefined ? undefined : new Date(at),
    new Date(),
    { embargo: embargo ?? false },
  );
  return storyWritten(c, write, 200);
});

const withdrawRoute = changeRoute({
  method: "post",
  path: "/stories/{id}/withdraw",
  summary: "Withdraw a published story from every page at once; feeds show a notice instead",
  params: StoryIdParamSchema,
  body: WithdrawSchema,
  bodyRequired: false,
  answer: "withdrawn",
});

stories.openapi(withdrawRoute, async (c) => {
  const { version, note } = c.req.valid("json");
  const write = await withdrawStory(
    c.var.db,
    c.req.valid("param").id,
    preconditionOf(c.req.valid("header")["if-match"], version),
    new Date(),
    note ?? null,
  );
  return storyWritten(c, write, 200);
});

const restoreRoute = changeRoute({
  method: "post",
  path: "/stories/{id}/restore",
  summary: "Put a withdrawn story back, with its original publication time",
  params: StoryIdParamSchema,
  body: VersionOnlySchema,
  bodyRequired: false,
  answer: "restored",
});

stories.openapi(restoreRoute, async (c) => {
  const write = await restoreStory(
    c.var.db,
    c.req.valid("param").id,
    preconditionOf(c.req.valid("header")["if-match"], c.req.valid("json").version),
    new Date(),
  );
  return storyWritten(c, write, 200);
});

const addVariantRoute = changeRoute({
  method: "post",
  path: "/stories/{id}/variants",
  summary: "Add one language variant",
  params: StoryIdParamSchema,
  body: VariantAddSchema,
  answer: "the story with the new variant",
});

stories.openapi(addVariantRoute, async (c) => {
  const { version, ...variant } = c.req.valid("json");
  const write = await addVariant(
    c.var.db,
    c.req.valid("param").id,
    preconditionOf(c.req.valid("header")["if-match"], version),
    variant,
    new Date(),
  );
  return storyWritten(c, write, 200);
});

const updateVariantRoute = changeRoute({
  method: "patch",
  path: "/stories/{id}/variants/{lang}",
  summary: "Correct one language variant (the slug stays unless a new one is sent)",
  params: VariantParamSchema,
  body: VariantPatchSchema,
  answer: "the corrected story",
});

stories.openapi(updateVariantRoute, async (c) => {
  const { id, lang } = c.req.valid("param");
  const { version, ...patch } = c.req.valid("json");
  const write = await updateVariant(
    c.var.db,
    id,
    lang,
    preconditionOf(c.req.valid("header")["if-match"], version),
    patch,
    new Date(),
  );
  return storyWritten(c, write, 200);
});

const removeVariantRoute = createRoute({
  method: "delete",
  path: "/stories/{id}/variants/{lang}",
  summary: "Remove one language variant (a published story keeps its last one: withdraw it)",
  security,
  request: { params: VariantParamSchema, headers: IfMatchHeaderSchema },
  responses: {
    200: storyResponse("the story without that variant"),
    ...problems(...CHANGE_PROBLEMS),
  },
});

stories.openapi(removeVariantRoute, async (c) => {
  const { id, lang } = c.req.valid("param");
  const write = await removeVariant(
    c.var.db,
    id,
    lang,
    preconditionOf(c.req.valid("header")["if-match"], undefined),
    new Date(),
  );
  return storyWritten(c, write, 200);
});
