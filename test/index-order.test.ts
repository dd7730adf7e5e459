import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { inTalkOrder, inTalkSequence, renderIndex, TALK_OUTLINE, type IndexEntry } from "../tools/report";

const entry = (file: string): IndexEntry => ({ file, title: file.replace(/\.html$/, ""), results: [], seconds: 1 });

describe("the index in the talk's order", () => {
  it("puts section 4's Generalization notebooks (04a, 04b) before Implicit regularization (04-generalization)", () => {
    const order = TALK_OUTLINE.find((s) => s.prefix === "04")?.order;
    const files = ["04-generalization.html", "04b-overparametrization-on-real-data.html", "04a-margins-of-wide-networks.html"];
    assert.deepEqual(inTalkOrder(files.map(entry), order).map((e) => e.file), ["04a-margins-of-wide-networks.html", "04b-overparametrization-on-real-data.html", "04-generalization.html"]);
    const html = renderIndex(["03-landscape-design.html", ...files].map(entry));
    const at = (f: string) => html.indexOf(`href="${f}"`);
    assert.ok(at("03-landscape-design.html") < at("04a-margins-of-wide-networks.html"), "sections keep their order");
    assert.ok(at("04a-margins-of-wide-networks.html") < at("04b-overparametrization-on-real-data.html") && at("04b-overparametrization-on-real-data.html") < at("04-generalization.html"), "04a, 04b, then 04");
  });

  it("keeps files matching no order prefix last, by name, and sorts by name without an order", () => {
    assert.deepEqual(inTalkOrder(["04z.html", "04-b.html", "04a.html", "04y.html"].map(entry), ["04a", "04-"]).map((e) => e.file), ["04a.html", "04-b.html", "04y.html", "04z.html"]);
    assert.deepEqual(inTalkOrder(["02b.html", "02a.html"].map(entry)).map((e) => e.file), ["02a.html", "02b.html"]);
  });

  it("orders every notebook as the talk does, section by section (the handouts' talk.pdf follows it), others last", () => {
    const files = ["zz-extra", "04-generalization", "04b-overparametrization-on-real-data", "03c-quadratic-networks", "00-tour", "04a-margins-of-wide-networks", "03-landscape-design", "03b-overparametrized-networks"];
    assert.deepEqual(inTalkSequence(files.map((file) => ({ file }))).map((e) => e.file), ["00-tour", "03-landscape-design", "03b-overparametrized-networks", "03c-quadratic-networks", "04a-margins-of-wide-networks", "04b-overparametrization-on-real-data", "04-generalization", "zz-extra"]);
  });
});
