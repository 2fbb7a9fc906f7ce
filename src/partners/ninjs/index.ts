// IPTC ninjs renderers: pure functions from a story (plus its category, authors, the site's
// origin, the provider's rights and the partner's licence) to a ninjs document. 3.1 is IPTC's
// recommendation for new work and the default; 2.2 serves partners on older systems.
export type { NinjsInput, NinjsProvider, PartnerLicence } from "./input";
export type { PubStatus } from "./item";
export { NINJS2_SCHEMA, type Ninjs2Document, renderNinjs2 } from "./v2";
export { NINJS3_SCHEMA, type Ninjs3Document, renderNinjs3 } from "./v3";
