// "an internal comment", "an Initech user", "a enterprise" no more: the article English wants
// before a word that comes from data. By the first letter's sound for the common cases; the few
// words that break the rule (hour, unit, user, one...) are listed.

const AN_EXCEPTIONS = /^(hour|honest|honou?r|heir|mcp\b|sla\b|sso\b)/i;
const A_EXCEPTIONS = /^(u[bcfhjkqrstn][aeiou]|use|usu|uni(?!n)|uti|one\b|once|eu)/i;

/** The word with "a" or "an" in front: `withArticle("internal")` → "an internal". */
export function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}

export function article(word: string): "a" | "an" {
  const w = word.trim();
  if (AN_EXCEPTIONS.test(w)) return "an";
  if (A_EXCEPTIONS.test(w)) return "a";
  return /^[aeiou]/i.test(w) ? "an" : "a";
}
