/**
 * The RFC 4151 tagging entity (authority "," date) every permanent identifier is minted under:
 * feed and entry ids (RFC 4287 4.2.6) and ninjs `uri`s, so a feed entry and the ninjs document
 * of the same variant carry the same id. Deliberately not derived from SITE_URL: moving the site
 * to another host must not make every reader and partner see every story as new.
 */
export const TAG_AUTHORITY = "newsroom.example,2023";
