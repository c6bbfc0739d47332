import type { GuidancePage } from "../../core";
import { seededRandom } from "../support/seeded-random";

export { seededRandom };

/**
 * Synthesises a large library from a real one, for latency at scale: each synthetic page takes a real page's title
 * and a shuffled mix of its own paragraphs with paragraphs of two other pages, at about the original length. Word
 * statistics (vocabulary, document frequencies, lengths) stay realistic, which is what latency depends on; ranking
 * quality at scale is not measured on these pages.
 */


/** Yields `count` synthetic pages built from `pages` (which must not be empty). */
export function* synthesisePages(pages: readonly GuidancePage[], count: number, seed = 42): Generator<GuidancePage> {
  const random = seededRandom(seed);
  const paragraphs = pages.map((p) => p.text.split("\n").filter((line) => line.trim().length > 0));
  const pick = (): number => Math.floor(random() * pages.length);
  for (let i = 0; i < count; i++) {
    const base = i % pages.length;
    const page = pages[base]!;
    const pool = [...paragraphs[base]!, ...paragraphs[pick()]!, ...paragraphs[pick()]!];
    const target = page.text.length;
    const body: string[] = [];
    let length = 0;
    while (length < target && pool.length > 0) {
      const [paragraph] = pool.splice(Math.floor(random() * pool.length), 1);
      body.push(paragraph!);
      length += paragraph!.length + 1;
    }
    yield {
      ...page,
      id: `synthetic/${i}/${page.id}`,
      title: i < pages.length ? page.title : `${page.title} (${Math.floor(i / pages.length)})`,
      headings: page.headings,
      text: body.join("\n"),
      body: { markdown: "" },
      contentHash: `synthetic-${i}`,
    };
  }
}
