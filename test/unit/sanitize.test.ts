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

  it("removes whole Unicode classes: variation selectors, C1 controls, fillers, U+061C", () => {
    const hidden = [..."secret"].map((c) => String.fromCodePoint(0xe0100 + c.charCodeAt(0) - 16)).join("");
    expect(sanitizeText(`a${hidden}\uFE0F\uFE00b`)).toBe("ab");
    expect(sanitizeText("a\u0080\u0085\u009Fb\u061Cc")).toBe("abc");
    expect(
      sanitizeText("a\u115F\u1160\u3164\uFFA0\u2800\u034F\u17B4\u17B5\u180B\u180F\u{1D173}\u{1D17A}b"),
    ).toBe("ab");
    // Newline and tab survive; carriage returns become newlines.
    expect(sanitizeText("a\tb\r\nc\rd")).toBe("a\tb\nc\nd");
  });

  it("decodes entities before removing markup, so an encoded tag never comes back live", () => {
    expect(sanitizeText("x &lt;img src=x onerror=alert(1)&gt; y")).toBe("x  y");
    expect(sanitizeText("&#60;script&#62;steal()&#60;/script&#62;ok")).toBe("ok");
    expect(sanitizeText("zero&#x200B;width")).toBe("zerowidth");
    // Nesting that reassembles a tag once the inner one is removed.
    expect(sanitizeText("<<b>img src=x onerror=alert(1)>")).not.toMatch(/<img/);
    // Decoded once only, and only complete entities: text that merely contains "&not" is kept.
    expect(sanitizeText("&amp;lt;b&amp;gt; &notice R&D")).toBe("&lt;b&gt; &notice R&D");
  });
});
