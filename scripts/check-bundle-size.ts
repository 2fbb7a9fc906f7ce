// npm run deploy:check runs this after `wrangler deploy --dry-run --outdir .wrangler/deploy-check`:
// it gzips what the dry run built and fails the build when the bundle is over a size limit.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { judgeBundle, WORKER_SIZE_LIMITS } from "./bundle-budget";

const outdir = process.argv[2] ?? ".wrangler/deploy-check";

// The dry run also writes a source map and a README beside the modules; neither is uploaded.
const modules = readdirSync(outdir).filter((f) => !f.endsWith(".map") && f !== "README.md");
if (modules.length === 0) {
  console.error(`check-bundle-size: no built modules in ${outdir}; run the dry run first`);
  process.exit(1);
}
const contents = modules.map((f) => readFileSync(join(outdir, f)));
const raw = contents.reduce((sum, c) => sum + c.length, 0);
// One gzip stream over every module, as wrangler measures its upload.
const gzip = gzipSync(Buffer.concat(contents)).length;

const verdict = judgeBundle({ raw, gzip }, WORKER_SIZE_LIMITS);
for (const line of verdict.lines) (verdict.ok ? console.log : console.error)(line);
if (!verdict.ok) process.exit(1);
