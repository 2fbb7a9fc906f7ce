/** Which kind of partner route a pull went to. */
export const PULL_ROUTES = ["feed", "sync", "story", "search"] as const;

export type PullRoute = (typeof PULL_ROUTES)[number];

/** Webhook attempt outcomes that are counted (a pending attempt has no outcome yet). */
export type DeliveryOutcome = "delivered" | "failed" | "dead";

export const DELIVERY_OUTCOMES: readonly DeliveryOutcome[] = ["delivered", "failed", "dead"];

/** One UTC day of a partner's use of the service. */
export interface UsageDay {
  day: string;
  pulls: Record<PullRoute, number>;
  deliveries: Record<DeliveryOutcome, number>;
}
