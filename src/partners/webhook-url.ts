/**
 * Where a partner's webhook may point. In production: `https` only, to a public host. Refused:
 * IP literals in loopback, private (RFC 1918, IPv6 unique-local fc00::/7), link-local
 * (169.254/16, fe80::/10), CGNAT (100.64/10), unspecified, multicast and other reserved ranges,
 * including IPv4 hidden in IPv6 (::ffff:a.b.c.d, 64:ff9b::/96); names that only mean something
 * inside a network (localhost, *.localhost, *.internal, *.local, *.home.arpa, single labels).
 * The WHATWG URL parser has already normalised the host, so 0x7f.1, 2130706433 and [::1] arrive
 * here as the literals they stand for.
 *
 * What is not checked: where a public-looking name resolves. A partner's DNS could answer with
 * a private address at delivery time (DNS rebinding); resolving here would prove nothing about
 * the later fetch. On Cloudflare that is harmless in practice, since a Worker's fetch goes out
 * through Cloudflare's network and cannot reach our own private ranges, but a self-hosted
 * runtime would need an egress proxy that refuses private destinations.
 *
 * With ALLOW_LOCAL_WEBHOOKS (local development only), `http://127.0.0.1:*` and
 * `http://localhost:*` are also accepted, so a receiver on the developer's machine works.
 */
export function webhookUrlProblem(raw: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "must be an absolute URL";
  }
  if (url.username || url.password) return "must not carry credentials";
  // The URL parser has lowercased the name and turned Unicode labels into punycode (IDNA); a
  // final dot names the same host ("localhost." is localhost), so it goes before any check.
  const host = url.hostname.toLowerCase().replace(/\.+$/, "");
  if (allowLocal && url.protocol === "http:" && (host === "127.0.0.1" || host === "localhost")) {
    return null;
  }
  if (url.protocol !== "https:") {
    return allowLocal
      ? "must be https, or http://127.0.0.1 / http://localhost in local development"
      : "must be an https URL";
  }
  if (host.startsWith("[")) {
    return isPublicIpv6(host.slice(1, -1))
      ? null
      : "must not point at a private or reserved address";
  }
  const v4 = parseIpv4(host);
  if (v4) return isPublicIpv4(v4) ? null : "must not point at a private or reserved address";
  if (!host.includes(".")) return "must name a public host (a fully qualified domain name)";
  if (/(^|\.)(localhost|internal|local|localdomain|home\.arpa|lan)$/.test(host)) {
    return "must name a public host, not a local or internal one";
  }
  return null;
}

function parseIpv4(host: string): number[] | null {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return null;
  const octets = parts.map(Number);
  return octets.every((o) => o <= 255) ? octets : null;
}

/** [first, second-octet range] pairs: the special-purpose blocks of RFC 6890 and successors. */
function isPublicIpv4([a = 0, b = 0, c = 0]: number[]): boolean {
  if (a === 0 || a === 10 || a === 127) return false; // this network, private, loopback
  if (a === 100 && b >= 64 && b <= 127) return false; // CGNAT, RFC 6598
  if (a === 169 && b === 254) return false; // link-local
  if (a === 172 && b >= 16 && b <= 31) return false; // private
  if (a === 192 && b === 168) return false; // private
  if (a === 192 && b === 0 && (c === 0 || c === 2)) return false; // IETF protocol, TEST-NET-1
  if (a === 198 && (b === 18 || b === 19)) return false; // benchmarking
  if (a === 198 && b === 51 && c === 100) return false; // TEST-NET-2
  if (a === 203 && b === 0 && c === 113) return false; // TEST-NET-3
  return a < 224; // multicast and reserved above
}

function parseIpv6(text: string): number[] | null {
  // The URL parser prints IPv6 canonically (RFC 5952): lowercase, zeros compressed, no IPv4 tail.
  const [head = "", tail] = text.split("::");
  const groups = (s: string) => (s === "" ? [] : s.split(":").map((g) => Number.parseInt(g, 16)));
  const left = groups(head);
  const right = tail === undefined ? [] : groups(tail);
  const missing = 8 - left.length - right.length;
  if (missing < 0 || (tail === undefined && missing !== 0)) return null;
  const all = [...left, ...Array<number>(missing).fill(0), ...right];
  return all.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? all : null;
}

/**
 * Whether an IPv6 literal is a public unicast address. Every form that carries an IPv4 address
 * is judged by that address (and by each, when it carries two): IPv4-mapped ::ffff:0:0/96 and
 * IPv4-translated ::ffff:0:0:0/96 (RFC 4291, 2765), NAT64 64:ff9b::/96 (RFC 6052), 6to4
 * 2002::/16 (RFC 3056), Teredo 2001::/32 (RFC 4380: server, and client XOR-obfuscated).
 * IPv4-compatible ::a.b.c.d is deprecated (RFC 4291 2.5.5.1) and refused whole, as are the
 * local-use NAT64 prefix 64:ff9b:1::/48 (RFC 8215) and deprecated site-local fec0::/10.
 */
function isPublicIpv6(text: string): boolean {
  const g = parseIpv6(text);
  if (!g) return false;
  const [g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0, g6 = 0, g7 = 0] = g;
  const v4 = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff];
  const zero = (...groups: number[]) => groups.every((x) => x === 0);
  if (zero(g0, g1, g2, g3, g4) && g5 === 0xffff) return isPublicIpv4(v4(g6, g7)); // mapped
  if (zero(g0, g1, g2, g3, g5) && g4 === 0xffff) return isPublicIpv4(v4(g6, g7)); // translated
  if (g0 === 0x64 && g1 === 0xff9b && zero(g2, g3, g4, g5)) return isPublicIpv4(v4(g6, g7));
  if (g0 === 0x64 && g1 === 0xff9b && g2 === 1) return false; // local-use NAT64
  if (g0 === 0x2002) return isPublicIpv4(v4(g1, g2)); // 6to4
  if (g0 === 0x2001 && g1 === 0) {
    // Teredo: refused when its server or its client (bits inverted) is not public, or when the
    // tail read plainly is not, for a relay that forgets to invert it.
    return (
      isPublicIpv4(v4(g2, g3)) &&
      isPublicIpv4(v4(g6 ^ 0xffff, g7 ^ 0xffff)) &&
      isPublicIpv4(v4(g6, g7))
    );
  }
  if (zero(g0, g1, g2, g3, g4, g5)) return false; // ::, ::1, IPv4-compatible
  if ((g0 & 0xfe00) === 0xfc00) return false; // unique local
  if ((g0 & 0xffc0) === 0xfe80) return false; // link-local
  if ((g0 & 0xffc0) === 0xfec0) return false; // site-local (deprecated)
  if ((g0 & 0xff00) === 0xff00) return false; // multicast
  if (g0 === 0x2001 && g1 === 0x0db8) return false; // documentation
  if (g0 === 0x0100 && zero(g1, g2, g3)) return false; // discard-only, RFC 6666
  return true;
}
