/**
 * Writers produce their output as a sequence of string chunks, so a whole-library
 * export is written piece by piece and never held as one giant string.
 */

/** A writer's output: chunks of text, in order. */
export type Chunks = Iterable<string> | AsyncIterable<string>;

/** The whole output as one string (previews, small files, tests). */
export async function chunksToString(chunks: Chunks): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}

/** Chunks of every iterable in turn. */
export async function* concatChunks(...sources: Chunks[]): AsyncGenerator<string> {
  for (const source of sources) yield* source;
}
