// Parse Mermaid texts with the real Mermaid parser: reads a JSON list of texts on stdin,
// prints a JSON list of {ok, type} or {ok: false, error} in the same order.
import { JSDOM } from "jsdom";

// Mermaid cleans labels with DOMPurify, which needs a DOM: a browser's, here jsdom's.
const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const texts = JSON.parse(Buffer.concat(chunks).toString("utf8"));
mermaid.initialize({ startOnLoad: false });
const results = [];
for (const text of texts) {
  try {
    const parsed = await mermaid.parse(text);
    results.push({ ok: true, type: parsed.diagramType });
  } catch (error) {
    results.push({ ok: false, error: String(error.message || error).split("\n")[0] });
  }
}
process.stdout.write(JSON.stringify(results));
