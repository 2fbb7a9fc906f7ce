import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "vitest";

/** Debian's libxml2-utils: the schema validator the crawler and partner tests run. */
const XMLLINT = "/usr/bin/xmllint";
export const XMLLINT_INSTALLED = existsSync(XMLLINT);

/**
 * Without xmllint a test is skipped with a warning, except under CI=true, where the missing
 * tool fails the run rather than letting a validation silently not happen.
 */
export function requireXmllint(test: string): void {
  const inCi = process.env.CI === "true";
  if (!XMLLINT_INSTALLED && !inCi) {
    console.warn(`\n!! SKIPPING the ${test} test: apt-get install -y libxml2-utils\n`);
  }
  describe.runIf(!XMLLINT_INSTALLED && inCi)(`the ${test} test in CI`, () => {
    it("needs xmllint", () => {
      throw new Error("apt-get install -y libxml2-utils before the tests");
    });
  });
}

/** xmllint's complaints about the documents against one schema (none when all are valid). */
export function xmllintErrors(schema: string, documents: readonly string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "xmllint-"));
  try {
    const files = documents.map((xml, i) => {
      const file = join(dir, `document-${i}.xml`);
      writeFileSync(file, xml);
      return file;
    });
    const run = spawnSync(XMLLINT, ["--noout", "--nonet", "--schema", schema, ...files], {
      encoding: "utf8",
    });
    const errors = run.stderr.split("\n").filter((l) => l && !l.endsWith(" validates"));
    return run.status === 0 ? errors : [...errors, `xmllint exited ${run.status}`];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
