/** Empty list = every domain. Entries are already lower-cased without `@` (see config). */
export function emailDomainAllowed(email: string | undefined, allowed: readonly string[]): boolean {
  if (allowed.length === 0) return true;
  const at = email?.lastIndexOf("@") ?? -1;
  if (!email || at < 0) return false;
  const domain = email.slice(at + 1).toLowerCase();
  return allowed.includes(domain);
}
