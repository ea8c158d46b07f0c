import { sha256Hex } from './sha256-hex.ts';

/**
 * The version in the URLs the tracker loads its own files by (`ext.js?v=…`): the first 8 hex
 * digits of the file's SHA-256. tracker/build.ts writes it into the file that does the loading,
 * and the collector serves a file asked for by its current version as immutable, so browsers keep
 * it without asking again, and a new t.js never meets an ext.js cached from the deploy before.
 */
export const assetVersion = (body: string): Promise<string> => sha256Hex(body, 4);
