import { describe, expect, it } from "vitest";
import { sanitizeLine, sanitizeText } from "../../app/util/sanitize.js";

describe("sanitising upstream text before a model reads it", () => {
  it("removes invisible and bidirectional characters", () => {
    expect(sanitizeText("pay\u200Bment\u202Eevil\u2066 ok\uFEFF")).toBe("paymentevil ok");
    expect(sanitizeText("tag\u{E0041}\u{E0042}s")).toBe("tags");
  });

  it("strips HTML but keeps the words and line breaks", () => {
    expect(sanitizeText("<p>Hello <b>world</b></p><script>steal()</script><p>bye &amp; thanks</p>")).toBe(
      "Hello world\nbye & thanks",
    );
  });

  it("clips long text with an ellipsis", () => {
    expect(sanitizeText("a".repeat(50), 10)).toBe(`${"a".repeat(9)}…`);
  });

  it("makes one line of a title", () => {
    expect(sanitizeLine("Login\n  fails\ton Safari")).toBe("Login fails on Safari");
    expect(sanitizeLine(undefined)).toBe("");
  });
});
