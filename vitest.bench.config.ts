import { defineConfig } from "vitest/config";

// The pure renderers touch no bindings, so their CPU cost is measured in plain Node (V8, the
// engine workerd runs), where vitest's bench mode works.
export default defineConfig({
  test: { benchmark: { include: ["bench/**/*.bench.ts"] } },
});
