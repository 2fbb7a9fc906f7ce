import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import type { Taxon } from "../../db/taxonomy";
import type { AppEnv } from "../../env";
import { createTaxon, getTaxon, listTaxa, renameTaxon } from "../../services/taxonomy-editing";
import { problems } from "./responses";
import {
  TaxonCreateSchema,
  TaxonIdParamSchema,
  TaxonPatchSchema,
  TaxonSchema,
  taxonBody,
} from "./schemas/taxonomy";

/** Categories and authors: the same shape (a slug and a name per language) at two paths. */
export const taxonomy = new OpenAPIHono<AppEnv>();

const security = [{ bearer: [] }];
const taxonJson = (description: string) => ({
  description,
  content: { "application/json": { schema: TaxonSchema } },
});

for (const taxon of ["categories", "authors"] as const satisfies readonly Taxon[]) {
  const one = taxon === "categories" ? "category" : "author";

  taxonomy.openapi(
    createRoute({
      method: "get",
      path: `/${taxon}`,
      summary: `List ${taxon} with their localized names`,
      security,
      responses: {
        200: {
          description: `every ${one}, by slug`,
          content: { "application/json": { schema: z.object({ [taxon]: z.array(TaxonSchema) }) } },
        },
        ...problems(401),
      },
    }),
    async (c) => c.json({ [taxon]: (await listTaxa(c.var.db, taxon)).map(taxonBody) }, 200),
  );

  taxonomy.openapi(
    createRoute({
      method: "post",
      path: `/${taxon}`,
      summary: `Create a ${one} (its slug is also its id)`,
      security,
      request: {
        body: { content: { "application/json": { schema: TaxonCreateSchema } }, required: true },
      },
      responses: { 201: taxonJson("created"), ...problems(400, 401, 409, 413, 415) },
    }),
    async (c) => {
      const entry = await createTaxon(c.var.db, taxon, c.req.valid("json"), new Date());
      c.header("Location", `/api/v1/${taxon}/${entry.id}`);
      return c.json(taxonBody(entry), 201);
    },
  );

  taxonomy.openapi(
    createRoute({
      method: "get",
      path: `/${taxon}/{id}`,
      summary: `Read a ${one}`,
      security,
      request: { params: TaxonIdParamSchema },
      responses: { 200: taxonJson(`the ${one}`), ...problems(401, 404) },
    }),
    async (c) => c.json(taxonBody(await getTaxon(c.var.db, taxon, c.req.valid("param").id)), 200),
  );

  taxonomy.openapi(
    createRoute({
      method: "patch",
      path: `/${taxon}/{id}`,
      summary: `Rename a ${one} in some languages (the slug stays)`,
      security,
      request: {
        params: TaxonIdParamSchema,
        body: { content: { "application/json": { schema: TaxonPatchSchema } }, required: true },
      },
      responses: { 200: taxonJson(`the renamed ${one}`), ...problems(400, 401, 404, 413, 415) },
    }),
    async (c) => {
      const entry = await renameTaxon(
        c.var.db,
        taxon,
        c.req.valid("param").id,
        c.req.valid("json").names,
        new Date(),
      );
      return c.json(taxonBody(entry), 200);
    },
  );
}
