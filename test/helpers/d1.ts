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

export interface Statement {
  sql: string;
  params: unknown[];
}

/** A D1 binding that records every statement the app prepares, with its bound values. */
export function recordingD1(statements: Statement[]): D1Database {
  return new Proxy(env.DB, {
    get(target, property) {
      const value = Reflect.get(target, property);
      if (property !== "prepare") return typeof value === "function" ? value.bind(target) : value;
      return (sql: string) => {
        const entry: Statement = { sql, params: [] };
        statements.push(entry);
        const prepared = target.prepare(sql);
        return new Proxy(prepared, {
          get(stmt, key) {
            const member = Reflect.get(stmt, key);
            if (key !== "bind") return typeof member === "function" ? member.bind(stmt) : member;
            return (...params: unknown[]) => {
              entry.params = params;
              return stmt.bind(...params);
            };
          },
        });
      };
    },
  });
}
