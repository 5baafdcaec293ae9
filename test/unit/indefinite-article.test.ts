import { describe, expect, it } from "vitest";
import { withArticle } from "../../app/util/indefinite-article.js";

describe("withArticle", () => {
  it("puts an before vowel sounds and a before consonant sounds", () => {
    expect(withArticle("internal")).toBe("an internal");
    expect(withArticle("Initech")).toBe("an Initech");
    expect(withArticle("enterprise")).toBe("an enterprise");
    expect(withArticle("issue")).toBe("an issue");
    expect(withArticle("opportunity")).toBe("an opportunity");
    expect(withArticle("ticket")).toBe("a ticket");
    expect(withArticle("private")).toBe("a private");
    expect(withArticle("Globex")).toBe("a Globex");
  });

  it("follows the sound where the letter misleads", () => {
    expect(withArticle("user")).toBe("a user");
    expect(withArticle("unit")).toBe("a unit");
    expect(withArticle("hour")).toBe("an hour");
    expect(withArticle("umbrella")).toBe("an umbrella");
    expect(withArticle("SLA")).toBe("an SLA");
  });
});
