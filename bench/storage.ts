// npm run bench:storage [-- --file path/to.sqlite]
// Bytes per story in the local D1 (`npm run seed:synthetic -- --count 100000` first), per
// table and per index from SQLite's dbstat, grouped as README's Storage section quotes them,
// and the story count at which D1's 10 GB per database is full.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { DatabaseSync } from "node:sqlite";
import { argValue } from "../scripts/local-d1";

/** D1's limit per database (developers.cloudflare.com/d1/platform/limits), decimal GB. */
const D1_DATABASE_BYTES = 10e9;
const D1_DIR = ".wrangler/state/v3/d1/miniflare-D1DatabaseObject";

const file = argValue("--file") ?? localD1File();
const db = new DatabaseSync(file, { readOnly: true });

const stories = Number(db.prepare("SELECT count(*) AS n FROM stories").get()?.n);
const pageSize = Number(db.prepare("PRAGMA page_size").get()?.page_size);
const pages = Number(db.prepare("PRAGMA page_count").get()?.page_count);
// Pages a delete or a dropped table freed: the file keeps them until a VACUUM.
const free = Number(db.prepare("PRAGMA freelist_count").get()?.freelist_count);
const owners = new Map(
  db
    .prepare("SELECT name, type, tbl_name FROM sqlite_master WHERE type IN ('table', 'index')")
    .all()
    .map((r) => [String(r.name), { type: String(r.type), table: String(r.tbl_name) }]),
);
const objects = db
  .prepare("SELECT name, SUM(pgsize) AS bytes FROM dbstat GROUP BY name ORDER BY bytes DESC")
  .all()
  .map((r) => {
    const name = String(r.name);
    const owner = owners.get(name) ?? { type: "table", table: name };
    return { name, ...owner, bytes: Number(r.bytes), group: groupOf(name, owner) };
  });

/** The split README quotes: what each byte is for. */
function groupOf(name: string, owner: { type: string; table: string }): string {
  const table = owner.table;
  if (table === "search_documents" || table.startsWith("story_search")) return "search index";
  if (table === "story_events") return "events";
  if (owner.type === "index" && !name.startsWith("sqlite_autoindex")) return "other indexes";
  if (table === "stories") return "story rows";
  if (table === "story_variants") return "variant rows";
  return "other tables";
}

const perStory = (bytes: number) => (stories > 0 ? Math.round(bytes / stories) : 0);
const row = (cells: (string | number)[]) => console.log(`| ${cells.join(" | ")} |`);

console.log(`${file}\n${stories.toLocaleString("en")} stories, ${pages} pages of ${pageSize} B\n`);
row(["object", "kind", "table", "bytes", "bytes/story"]);
row(["---", "---", "---", "---:", "---:"]);
const small = objects.filter((o) => o.bytes <= pageSize);
for (const o of objects)
  if (o.bytes > pageSize) row([o.name, o.type, o.table, o.bytes, perStory(o.bytes)]);
console.log(`\n(and ${small.length} objects of one page each)\n`);

row(["group", "bytes", "bytes/story", "share"]);
row(["---", "---:", "---:", "---:"]);
const total = (pages - free) * pageSize;
const groups = Map.groupBy(objects, (o) => o.group);
for (const [group, members] of [...groups].sort(([a], [b]) => a.localeCompare(b))) {
  const bytes = members.reduce((sum, o) => sum + o.bytes, 0);
  row([group, bytes, perStory(bytes), `${((bytes / total) * 100).toFixed(1)}%`]);
}
row(["**all in use**", total, perStory(total), "100%"]);
if (free > 0) row(["free pages (until VACUUM)", free * pageSize, perStory(free * pageSize), ""]);
const fits = Math.floor(D1_DATABASE_BYTES / (total / stories));
console.log(`\nD1's 10 GB holds about ${fits.toLocaleString("en")} such stories.`);

function localD1File(): string {
  const name = readdirSync(D1_DIR).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite");
  if (!name) throw new Error(`no local D1 in ${D1_DIR}: run npm run db:migrate first`);
  return join(D1_DIR, name);
}
