import { env } from "cloudflare:workers";

/** The test D1 binding, counting every statement sent through it (prepare, batch, exec). */
export function countingD1(): { binding: D1Database; count: () => number; reset: () => void } {
  let calls = 0;
  const binding = new Proxy(env.DB, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        if (["prepare", "batch", "exec"].includes(String(property))) calls += 1;
        return value.apply(target, args);
      };
    },
  });
  return {
    binding,
    count: () => calls,
    reset: () => {
      calls = 0;
    },
  };
}
