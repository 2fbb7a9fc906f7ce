// Checks migrations 0058-0062 on a copy of a real database: the schema and every row must be
// what they were, apart from the new `languages` table and each `CHECK (lang IN (...))` read
// as `REFERENCES languages (tag)`. Run it on two SQLite files, the same database before and
// after those migrations (e.g. copies of a local D1 under .wrangler/state/v3/d1/):
//   npx tsx scripts/language-keys-diff.ts before.sqlite after.sqlite
import { createHash } from "node:crypto";
import { DatabaseSync } from "node:sqlite";

const [beforeFile, afterFile] = process.argv.slice(2);
if (!beforeFile || !afterFile) {
  console.error("usage: tsx scripts/language-keys-diff.ts <before.sqlite> <after.sqlite>");
  process.exit(2);
}
const before = new DatabaseSync(beforeFile, { readOnly: true });
const after = new DatabaseSync(afterFile, { readOnly: true });
const CHECK = "CHECK (lang IN ('uk', 'en', 'ru'))";
type Row = Record<string, unknown>;

/** SQL without comments, quotes and layout: a rebuilt table's text may differ only in those. */
function normalized(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, "")
    .replace(/"/g, "")
    .replace(/\s+/g, " ")
    .replace(/\s*([(),])\s*/g, "$1")
    .trim();
}

function schema(db: DatabaseSync, rewrite: (sql: string) => string): Map<string, string> {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master
       WHERE name NOT LIKE 'd1_%' AND name NOT LIKE '_cf_%' AND tbl_name <> 'languages'`,
    )
    .all() as Row[];
  return new Map(
    rows.map((r) => [
      `${r.type} ${r.name}`,
      `${r.tbl_name}: ${r.sql === null ? "(automatic)" : normalized(rewrite(String(r.sql)))}`,
    ]),
  );
}

let differences = 0;
function differ(what: string, was: unknown, is: unknown): void {
  differences++;
  console.log(`DIFFERS ${what}\n  before: ${JSON.stringify(was)}\n  after:  ${JSON.stringify(is)}`);
}

const was = schema(before, (sql) => sql.replaceAll(CHECK, "REFERENCES languages (tag)"));
const is = schema(after, (sql) => sql);
for (const key of new Set([...was.keys(), ...is.keys()])) {
  if (was.get(key) !== is.get(key)) differ(key, was.get(key), is.get(key));
}

const tables = [...was.keys()]
  .filter((k) => k.startsWith("table ") && !k.startsWith("table story_search"))
  .map((k) => k.slice("table ".length));
for (const table of tables) {
  // Columns and indexes as SQLite reads them; foreign keys apart from the new one.
  for (const pragma of ["table_xinfo", "index_list", "foreign_key_list"]) {
    const read = (db: DatabaseSync) =>
      (db.prepare(`SELECT * FROM pragma_${pragma}(?)`).all(table) as Row[])
        .filter((r) => r.table !== "languages")
        .map(({ id: _id, ...r }) =>
          JSON.stringify(pragma === "foreign_key_list" ? r : { _id, ...r }),
        )
        .sort();
    const a = read(before);
    const b = read(after);
    if (JSON.stringify(a) !== JSON.stringify(b)) differ(`${pragma}(${table})`, a, b);
  }
  // Every row, in primary-key order.
  const digest = (db: DatabaseSync) => {
    const hash = createHash("sha256");
    let count = 0;
    for (const row of db.prepare(`SELECT * FROM "${table}"`).iterate()) {
      hash.update(JSON.stringify(row));
      count++;
    }
    return `${count} rows, sha256 ${hash.digest("hex").slice(0, 16)}`;
  };
  const a = digest(before);
  const b = digest(after);
  if (a === b) console.log(`same ${table}: ${a}`);
  else differ(`rows of ${table}`, a, b);
}

console.log("languages:", JSON.stringify(after.prepare("SELECT * FROM languages").all()));
const orphans = after.prepare("PRAGMA foreign_key_check").all();
if (orphans.length > 0) differ("PRAGMA foreign_key_check", [], orphans);
console.log(
  differences === 0
    ? "only CHECK (lang IN ...) -> REFERENCES languages (tag)"
    : `${differences} differences`,
);
process.exit(differences === 0 ? 0 : 1);
