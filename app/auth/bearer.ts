// RFC 6750 parsing of the Authorization header. Only the `Bearer` scheme is accepted.

export type BearerParse =
  | { kind: "token"; token: string }
  | { kind: "missing" }
  | { kind: "wrong_scheme"; scheme: string }
  | { kind: "empty" };

export function parseBearer(header: string | undefined): BearerParse {
  if (header === undefined || header.trim() === "") return { kind: "missing" };
  const match = header.trim().match(/^(\S+)(?:\s+(.*))?$/);
  const scheme = match?.[1] ?? "";
  if (scheme.toLowerCase() !== "bearer") return { kind: "wrong_scheme", scheme: scheme.slice(0, 20) };
  const token = (match?.[2] ?? "").trim();
  return token ? { kind: "token", token } : { kind: "empty" };
}
