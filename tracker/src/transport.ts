/** How a send ended: delivered, refused for good (drop), or worth retrying. */
export const enum Sent {
  Ok,
  Drop,
  Retry,
}

/**
 * POSTs one body. `beacon` (the page may be going away) uses `navigator.sendBeacon`, which
 * outlives the page but only says whether the browser queued the request; where it refuses,
 * and otherwise, `fetch` with `keepalive`, which outlives the page too. (Every browser that
 * runs this ES2017 script has `fetch`: no XHR fallback needed.) The body is a string, so both
 * send `text/plain;charset=UTF-8`: a CORS-safelisted type, so no preflight. 429 and 5xx are the
 * collector's passing trouble, worth a retry; any other 4xx would fail again. Never rejects.
 */
export const send = (url: string, body: string, beacon?: boolean): Promise<Sent> =>
  new Promise<Response | true>((done) => done((beacon && navigator.sendBeacon(url, body)) || fetch(url, { method: 'POST', body, keepalive: true }))).then(
    (r) => (r === true ? Sent.Ok : r.status > 499 || r.status == 429 ? Sent.Retry : r.status > 399 ? Sent.Drop : Sent.Ok),
    () => Sent.Retry,
  );
