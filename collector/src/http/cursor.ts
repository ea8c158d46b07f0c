/** Opaque pagination cursors: a sort key and an id, base64url-encoded. */
import { fail } from './errors.ts';

export interface Cursor {
  key: number;
  id: string;
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(`${cursor.key}|${cursor.id}`).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** Decodes a cursor from a query string; a malformed one is a 400, never a crash. */
export function decodeCursor(text: string): Cursor {
  try {
    const [key, id] = atob(text.replace(/-/g, '+').replace(/_/g, '/')).split('|');
    const n = Number(key);
    if (id && Number.isSafeInteger(n) && /^[A-Za-z0-9_]{1,64}$/.test(id)) return { key: n, id };
  } catch {
    // fall through to the uniform error
  }
  fail(400, 'bad_request', 'cursor: not a cursor this API returned');
}
