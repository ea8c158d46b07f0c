/** SHA-256 of a text (UTF-8) in hex: its first `bytes` bytes, or all 32. Web Crypto: Node and Workers alike. */
export async function sha256Hex(text: string, bytes = 32): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text)));
  let hex = '';
  for (const byte of digest.subarray(0, bytes)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}
