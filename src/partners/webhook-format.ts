import { renderNewsMLG2 } from "./newsml-g2";
import { type NinjsInput, renderNinjs2, renderNinjs3 } from "./ninjs";

/** Payload formats a partner may choose for its webhooks' `data`. */
export const WEBHOOK_FORMATS = ["ninjs-3.1", "ninjs-2.2", "newsml-g2"] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];
export const DEFAULT_WEBHOOK_FORMAT: WebhookFormat = "ninjs-3.1";

/** The one place a webhook's `data` is rendered: a new format is one more case here. */
export function renderWebhookData(format: WebhookFormat, input: NinjsInput): unknown {
  switch (format) {
    case "ninjs-3.1":
      return renderNinjs3(input);
    case "ninjs-2.2":
      return renderNinjs2(input);
    // A NewsML-G2 newsItem as an XML string in the JSON envelope's `data`.
    case "newsml-g2":
      return renderNewsMLG2(input);
  }
}

export function isWebhookFormat(value: string): value is WebhookFormat {
  return (WEBHOOK_FORMATS as readonly string[]).includes(value);
}
